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
import { type ClaimedItem, claimAbandoned, claimReady, markFinal, markRetry, markSent, nextReadyAt } from './outbox.js'

export interface DeliveryWorkerOptions {
  db: Db
  clock: Clock
  log: Logger
  deliverers: Partial<Record<Platform, Deliverer>>
  workerId?: string
  /** Conversations sent to at once. */
  concurrency?: number
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
  const concurrency = options.concurrency ?? 50
  const paceMs = options.paceMs ?? 1_000
  const leaseMs = options.leaseMs ?? 60_000
  const maxAttempts = options.maxAttempts ?? 8

  async function settleAbandoned(stats: PassStats): Promise<void> {
    for (;;) {
      const abandoned = await claimAbandoned(db, { workerId, now: clock.now(), scan: concurrency, leaseMs })
      if (abandoned.length === 0) return
      for (const item of abandoned) {
        const deliverer = options.deliverers[item.platform]
        let delivered: boolean | undefined
        try {
          delivered = await deliverer?.wasDelivered?.(item.target, item.key, new Date(clock.now().getTime() - 2 * leaseMs - 60 * 60_000))
        } catch (error) {
          log.warn({ err: error, key: item.key }, 'could not check an unconfirmed send; will try again')
          await markRetry(db, item, new Date(clock.now().getTime() + 30_000), clock.now(), 'unconfirmed send: check failed')
          continue
        }
        if (delivered) {
          stats.confirmed += 1
          await markSent(db, item, clock.now(), paceMs)
          continue
        }
        if (delivered === undefined) log.warn({ key: item.key, platform: item.platform }, 'an interrupted send cannot be checked on this platform; sending again')
        await markRetry(db, item, clock.now(), clock.now(), 'interrupted before confirmation')
      }
    }
  }

  async function send(item: ClaimedItem, stats: PassStats): Promise<void> {
    const deliverer = options.deliverers[item.platform]
    if (!deliverer) {
      stats.failed += 1
      await markFinal(db, item, 'failed', `${item.platform} is not connected`, clock.now())
      log.error({ key: item.key, code: 'platform' }, `cannot deliver: ${item.platform} is not connected`)
      return
    }
    try {
      await deliverer.deliver(item.target, item.message, item.key)
      stats.sent += 1
      await markSent(db, item, clock.now(), paceMs)
    } catch (error) {
      const code = errorCode(error)
      const now = clock.now()
      if (code === 'rate_limited') {
        const wait = ((error as BotError).retryAfterSeconds ?? 1) * 1000
        stats.retried += 1
        await markRetry(db, item, new Date(now.getTime() + wait), new Date(now.getTime() + wait), 'rate limited')
        log.info({ key: item.key, retryAfterMs: wait }, 'rate limited; waiting as asked')
      } else if (PERMANENT.has(code) || item.attempts >= maxAttempts) {
        stats.failed += 1
        await markFinal(db, item, 'failed', describe(error), now)
        log.error({ key: item.key, code, err: error }, 'delivery failed for good')
      } else {
        // 2 s, 4 s, 8 s … capped at 15 minutes, with jitter so retries do not arrive together.
        const backoff = Math.min(2 ** item.attempts * 1000, 15 * 60_000) * (0.8 + Math.random() * 0.4)
        stats.retried += 1
        await markRetry(db, item, new Date(now.getTime() + backoff), now, describe(error))
        log.warn({ key: item.key, code, attempt: item.attempts }, 'delivery failed; will retry')
      }
    }
  }

  async function runPass(): Promise<PassStats> {
    const stats: PassStats = { sent: 0, retried: 0, failed: 0, dropped: 0, confirmed: 0 }
    await settleAbandoned(stats)
    for (;;) {
      // The claim skips conversations that are busy or resting, so the scan needs no slack.
      const { claimed, dropped } = await claimReady(db, { workerId, now: clock.now(), scan: concurrency, leaseMs })
      if (dropped.length) {
        stats.dropped += dropped.length
        log.info({ keys: dropped.slice(0, 20), count: dropped.length }, 'dropped messages that are no longer useful')
      }
      if (claimed.length === 0) return stats
      await Promise.all(claimed.map((item) => send(item, stats)))
    }
  }

  let running = false
  let current: Promise<void> = Promise.resolve()
  let wakeUp: (() => void) | undefined

  async function loop(): Promise<void> {
    while (running) {
      try {
        await runPass()
      } catch (error) {
        log.error({ err: error }, 'delivery pass failed')
      }
      if (!running) return
      const next = await nextReadyAt(db).catch(() => undefined)
      const wait = next ? Math.max(50, Math.min(next.getTime() - clock.now().getTime(), 30_000)) : 30_000
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

  return {
    runPass,
    start: () => {
      if (running) return
      running = true
      current = loop()
    },
    wake: () => wakeUp?.(),
    stop: async () => {
      running = false
      wakeUp?.()
      await current
    },
  }
}

function describe(error: unknown): string {
  const code = errorCode(error)
  const message = error instanceof Error ? error.message : String(error)
  return `${code}: ${message}`.slice(0, 500)
}
