// Sends what the outbox holds. Each pass first settles sends a crashed worker left unconfirmed
// (asking the platform where it can tell, so a message is not sent twice), then claims ready
// rows and sends them in parallel across conversations, one at a time within each.
import { randomBytes } from 'node:crypto'
import type { Deliverer } from '../core/adapter.js'
import type { Clock } from '../core/clock.js'
import { BotError, errorCode } from '../core/errors.js'
import type { Platform } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import type { Db } from '../db/database.js'
import type { Composers, Composition } from './composer.js'
import { type ClaimedItem, claimAbandoned, claimReady, dropExpired, nextReadyAt, type Outcome, recordOutcomes } from './outbox.js'

export interface DeliveryWorkerOptions {
  db: Db
  clock: Clock
  log: Logger
  deliverers: Partial<Record<Platform, Deliverer>>
  /** Per kind of message, who writes its words at sending (kinds without one go as planned). */
  composers?: Composers
  workerId?: string
  /** Messages claimed and sent per round. */
  concurrency?: number
  /**
   * Rounds in flight at once: while one round's messages are on the wire, another claims or
   * records. Safe because claims skip locked rows and busy conversations.
   */
  lanes?: number
  /** Gap between two messages to one conversation (Slack and Teams: about one a second). */
  paceMs?: number
  /** How long a claim lasts; longer than any send can take. */
  leaseMs?: number
  /** Transient failures retried this many times before the message is marked failed. */
  maxAttempts?: number
}

export interface PassStats {
  sent: number
  retried: number
  failed: number
  dropped: number
  /** Sends a crash left unconfirmed that the platform confirmed, so they were not sent again. */
  confirmed: number
}

export interface DeliveryWorker {
  /** Sends everything ready now, and returns what happened. */
  runPass(): Promise<PassStats>
  /** Keeps delivering until stopped, waking when rows become ready or `wake()` is called. */
  start(): void
  wake(): void
  /** Stops after the sends in flight have finished. */
  stop(): Promise<void>
}

const PERMANENT = new Set(['not_found', 'permission', 'auth', 'bad_input'])

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, clock } = options
  const workerId = options.workerId ?? `worker-${randomBytes(4).toString('hex')}`
  const log = options.log.child({ worker: workerId })
  // Measured with `npm run bench` (reminders): rounds of 100 in two lanes keep pace with Slack's
  // per-channel limit on PGlite's single connection as well as on a Postgres server.
  const concurrency = options.concurrency ?? 100
  const lanes = options.lanes ?? 2
  const paceMs = options.paceMs ?? 1_000
  const leaseMs = options.leaseMs ?? 60_000
  const maxAttempts = options.maxAttempts ?? 8

  async function settleAbandoned(stats: PassStats): Promise<void> {
    for (;;) {
      const abandoned = await claimAbandoned(db, { workerId, now: clock.now(), scan: concurrency, leaseMs })
      if (abandoned.length === 0) return
      const outcomes: Outcome[] = []
      for (const item of abandoned) {
        const deliverer = options.deliverers[item.platform]
        const now = clock.now()
        let delivered: boolean | undefined
        try {
          delivered = await deliverer?.wasDelivered?.(item.target, item.key, new Date(now.getTime() - 2 * leaseMs - 60 * 60_000))
        } catch (error) {
          log.warn({ err: error, key: item.key }, 'could not check an unconfirmed send; will try again')
          outcomes.push({ kind: 'retry', item, retryAt: new Date(now.getTime() + 30_000), paceUntil: now, error: 'unconfirmed send: check failed' })
          continue
        }
        if (delivered) {
          stats.confirmed += 1
          outcomes.push({ kind: 'sent', item, at: now })
          continue
        }
        if (delivered === undefined) log.warn({ key: item.key, platform: item.platform }, 'an interrupted send cannot be checked on this platform; sending again')
        outcomes.push({ kind: 'retry', item, retryAt: now, paceUntil: now, error: 'interrupted before confirmation' })
      }
      await recordOutcomes(db, outcomes, clock.now(), paceMs)
    }
  }

  /**
   * What each claimed item should become now, by its kind's composer. A composer that fails is
   * a transient failure of those items: they are tried again shortly, never sent unchecked.
   */
  async function compose(claimed: ClaimedItem[], stats: PassStats): Promise<(Composition | Outcome)[]> {
    const answers: (Composition | Outcome)[] = claimed.map((item) => ({ kind: 'send', message: item.message }))
    const byKind = new Map<string, number[]>()
    claimed.forEach((item, i) => {
      if (options.composers?.[item.about.kind]) byKind.set(item.about.kind, [...(byKind.get(item.about.kind) ?? []), i])
    })
    for (const [kind, indexes] of byKind) {
      const composer = options.composers![kind as keyof Composers]!
      try {
        const composed = await composer(indexes.map((i) => claimed[i]!), clock.now())
        indexes.forEach((i, n) => (answers[i] = composed[n] ?? { kind: 'drop', reason: 'the composer gave no answer' }))
      } catch (error) {
        log.warn({ err: error, kind, count: indexes.length }, 'could not compose messages; will try again')
        const now = clock.now()
        for (const i of indexes) {
          stats.retried += 1
          answers[i] = { kind: 'retry', item: claimed[i]!, retryAt: new Date(now.getTime() + 30_000), paceUntil: now, error: 'could not compose' }
        }
      }
    }
    return answers
  }

  async function sendComposed(item: ClaimedItem, answer: Composition | Outcome, stats: PassStats): Promise<Outcome> {
    switch (answer.kind) {
      case 'send':
        return send(answer.message === item.message ? item : { ...item, message: answer.message }, stats)
      case 'drop':
        stats.dropped += 1
        log.info({ key: item.key, reason: answer.reason }, 'dropped a message that is no longer useful')
        return { kind: 'final', item, status: 'dropped', error: answer.reason }
      case 'hold':
        log.debug({ key: item.key, until: answer.until, reason: answer.reason }, 'holding a message')
        return { kind: 'hold', item, until: answer.until, reason: answer.reason }
      default:
        return answer
    }
  }

  async function send(item: ClaimedItem, stats: PassStats): Promise<Outcome> {
    const deliverer = options.deliverers[item.platform]
    if (!deliverer) {
      stats.failed += 1
      log.error({ key: item.key, code: 'platform' }, `cannot deliver: ${item.platform} is not connected`)
      return { kind: 'final', item, status: 'failed', error: `${item.platform} is not connected` }
    }
    try {
      await deliverer.deliver(item.target, item.message, item.key)
      stats.sent += 1
      return { kind: 'sent', item, at: clock.now() }
    } catch (error) {
      const code = errorCode(error)
      const now = clock.now()
      if (code === 'rate_limited') {
        const wait = ((error as BotError).retryAfterSeconds ?? 1) * 1000
        stats.retried += 1
        log.info({ key: item.key, retryAfterMs: wait }, 'rate limited; waiting as asked')
        return { kind: 'retry', item, retryAt: new Date(now.getTime() + wait), paceUntil: new Date(now.getTime() + wait), error: 'rate limited' }
      }
      if (PERMANENT.has(code) || item.attempts >= maxAttempts) {
        stats.failed += 1
        if (error instanceof BotError && error.alreadyLogged) log.debug({ key: item.key, code, reason: error.message }, 'delivery failed for good')
        else log.error({ key: item.key, code, err: error }, 'delivery failed for good')
        return { kind: 'final', item, status: 'failed', error: describe(error) }
      }
      // 2 s, 4 s, 8 s … capped at 15 minutes, with jitter so retries do not arrive together.
      const backoff = Math.min(2 ** item.attempts * 1000, 15 * 60_000) * (0.8 + Math.random() * 0.4)
      stats.retried += 1
      log.warn({ key: item.key, code, attempt: item.attempts }, 'delivery failed; will retry')
      return { kind: 'retry', item, retryAt: new Date(now.getTime() + backoff), paceUntil: now, error: describe(error) }
    }
  }

  async function runPass(): Promise<PassStats> {
    const stats: PassStats = { sent: 0, retried: 0, failed: 0, dropped: 0, confirmed: 0 }
    await settleAbandoned(stats)
    const dropped = await dropExpired(db, clock.now())
    if (dropped.length) {
      stats.dropped += dropped.length
      log.info({ keys: dropped.slice(0, 20), count: dropped.length }, 'dropped messages that are no longer useful')
    }
    await Promise.all(Array.from({ length: lanes }, () => lane(stats)))
    return stats
  }

  /** Claims, sends and records rounds until nothing is ready. */
  async function lane(stats: PassStats): Promise<void> {
    for (;;) {
      // The claim skips conversations that are busy or resting, so the scan needs no slack.
      const t0 = performance.now()
      const claimed = await claimReady(db, { workerId, now: clock.now(), scan: concurrency, leaseMs })
      const t1 = performance.now()
      if (claimed.length === 0) return
      const answers = await compose(claimed, stats)
      const tc = performance.now()
      const outcomes = await Promise.all(claimed.map((item, i) => sendComposed(item, answers[i]!, stats)))
      const t2 = performance.now()
      await recordOutcomes(db, outcomes, clock.now(), paceMs)
      log.debug({ claimed: claimed.length, claimMs: Math.round(t1 - t0), composeMs: Math.round(tc - t1), sendMs: Math.round(t2 - tc), recordMs: Math.round(performance.now() - t2) }, 'delivery round')
    }
  }

  let running = false
  let current: Promise<void> = Promise.resolve()
  let wakeUp: (() => void) | undefined
  // A wake() or stop() that came while the loop was busy (not sleeping) must not be lost: the
  // loop checks these before it sleeps, or it would sleep through them for up to 30 s.
  let wokenWhileBusy = false

  async function loop(): Promise<void> {
    while (running) {
      wokenWhileBusy = false
      try {
        await runPass()
      } catch (error) {
        log.error({ err: error }, 'delivery pass failed')
      }
      const next = running ? await nextReadyAt(db).catch(() => undefined) : undefined
      if (!running) return
      if (wokenWhileBusy) continue
      const wait = next ? Math.max(50, Math.min(next.getTime() - clock.now().getTime(), 30_000)) : 30_000
      // Set up synchronously after the checks above, so no stop() or wake() falls in between.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait)
        timer.unref()
        wakeUp = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wakeUp = undefined
    }
  }

  const wake = () => {
    if (wakeUp) wakeUp()
    else wokenWhileBusy = true
  }

  return {
    runPass,
    start: () => {
      if (running) return
      running = true
      current = loop()
    },
    wake,
    stop: async () => {
      running = false
      wake()
      await current
    },
  }
}

function describe(error: unknown): string {
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  return `${code}: ${message}`.slice(0, 500)
}
