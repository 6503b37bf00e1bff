// The outbox under failure, against Slack's Web API (a local double speaking its protocol):
// 429 with Retry-After, 5xx, permanent errors, pacing per conversation, a crash in the middle
// of a fan-out, and two workers racing. Every message must arrive exactly once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { slackDeliverer } from '../../adapters/slack/slack-deliverer.js'
import type { Deliverer } from '../../src/core/adapter.js'
import { createFakeClock } from '../../src/core/clock.js'
import type { Message } from '../../src/core/messages.js'
import { openDatabase } from '../../src/db/database.js'
import { createDeliveryWorker } from '../../src/delivery/delivery-worker.js'
import { claimReady, enqueue, type OutboxItem } from '../../src/delivery/outbox.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf, type SlackApiDouble, startSlackApiDouble } from '../support/slack-double.js'
import { createTestDatabase, type TestDatabase, usingServer } from '../support/test-database.js'
import { testLogger } from '../support/test-bot.js'
import { capturingLogger } from '../support/log-capture.js'

let database: TestDatabase
let slack: SlackApiDouble
let deliverer: Deliverer
const clock = createFakeClock('2026-11-23T10:00:00Z')
let n = 0

beforeAll(async () => {
  ;[database, slack] = await Promise.all([createTestDatabase(), startSlackApiDouble()])
  deliverer = slackDeliverer('xoxb-test', slack.apiUrl)
})
afterAll(async () => {
  await Promise.all([database?.close(), slack?.close()])
})
beforeEach(async () => {
  // Each test starts with an empty outbox.
  await database.db.deleteFrom('outbox').execute()
  await database.db.deleteFrom('delivery_pace').execute()
  clock.set('2026-11-23T10:00:00Z')
  slack.limitPerChannel(undefined)
  slack.delayPosts(0)
})
afterEach(() => {
  slack.failNextPosts(0, { status: 500 })
})

const message = (text: string): Message => ({ text, blocks: [{ type: 'text', text }] })
const item = (user: string, tag = `${++n}`): OutboxItem => ({
  key: `test:${tag}:${user}`,
  about: { kind: 'notice' },
  platform: 'slack',
  target: { workspaceId: 'T0001', kind: 'direct', id: user },
  message: message(`hello ${user} ${tag}`),
  dueAt: clock.now(),
})
const worker = (db = database.db, id?: string) =>
  createDeliveryWorker({ db, clock, log: testLogger(), deliverers: { slack: deliverer }, ...(id ? { workerId: id } : {}) })
/** How many times each key reached Slack. */
const deliveries = () => {
  const counts = new Map<string, number>()
  for (const m of slack.posted()) {
    const key = m.metadata?.event_payload.key as string | undefined
    if (key?.startsWith('test:')) counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}
const status = async (key: string) =>
  (await database.db.selectFrom('outbox').select(['status', 'next_attempt_at', 'attempts', 'last_error']).where('dedupe_key', '=', key).executeTakeFirstOrThrow())

describe('rate limits', () => {
  it('on 429 waits as long as Retry-After says, then sends once', async () => {
    const one = item('U429')
    await enqueue(database.db, [one])
    slack.rateLimitNext(1, 30)
    expect(await worker().runPass()).toMatchObject({ sent: 0, retried: 1 })
    expect(await status(one.key)).toMatchObject({ status: 'pending', next_attempt_at: new Date('2026-11-23T10:00:30Z') })
    clock.advance(29_000)
    expect(await worker().runPass()).toMatchObject({ sent: 0 })
    clock.advance(1_000)
    expect(await worker().runPass()).toMatchObject({ sent: 1 })
    expect(deliveries().get(one.key)).toBe(1)
  })

  it('sends one message a second to each conversation, and does not hold the others up', async () => {
    const same = [item('UPACE', 'a'), item('UPACE', 'b'), item('UPACE', 'c')]
    const others = [item('UOTHER1'), item('UOTHER2')]
    await enqueue(database.db, [...same, ...others])
    expect(await worker().runPass()).toMatchObject({ sent: 3 })
    expect(await worker().runPass()).toMatchObject({ sent: 0 })
    clock.advance(1_000)
    expect(await worker().runPass()).toMatchObject({ sent: 1 })
    clock.advance(1_000)
    expect(await worker().runPass()).toMatchObject({ sent: 1 })
    expect(slack.posted(dmChannelOf('UPACE')).filter((m) => String(m.metadata?.event_payload.key).startsWith('test:'))).toHaveLength(3)
  })

  it('enqueuing the same key twice sends it once', async () => {
    const one = item('UTWICE', 'same')
    expect(await enqueue(database.db, [one, { ...one }])).toBe(1)
    expect(await enqueue(database.db, [one])).toBe(0)
    await worker().runPass()
    expect(deliveries().get(one.key)).toBe(1)
  })
})

describe('failures', () => {
  it('retries a 5xx with backoff until it goes through, once', async () => {
    const one = item('U5XX')
    await enqueue(database.db, [one])
    slack.failNextPosts(2, { status: 503 })
    expect(await worker().runPass()).toMatchObject({ retried: 1 })
    clock.advance(3_000)
    expect(await worker().runPass()).toMatchObject({ retried: 1 })
    clock.advance(5_000)
    expect(await worker().runPass()).toMatchObject({ sent: 1 })
    expect(deliveries().get(one.key)).toBe(1)
  })

  it('gives up at once on a permanent error and records why', async () => {
    const one = item('UGONE')
    await enqueue(database.db, [one])
    slack.failNextPosts(1, { error: 'channel_not_found' })
    expect(await worker().runPass()).toMatchObject({ failed: 1 })
    clock.advance(60 * 60_000)
    expect(await worker().runPass()).toMatchObject({ sent: 0, failed: 0 })
    expect(await status(one.key)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('channel_not_found') })
  })
})

describe('a crash in the middle of a fan-out', () => {
  it('after restart, sends what was not sent and does not resend what was', async () => {
    const fanOut = Array.from({ length: 40 }, (_, i) => item(`UCRASH${i}`))
    await enqueue(database.db, fanOut)
    // A worker claims everything, gets half of it out, and dies before recording anything.
    const claimed = await claimReady(database.db, { workerId: 'doomed', now: clock.now(), scan: 100, leaseMs: 60_000 })
    expect(claimed).toHaveLength(40)
    for (const c of claimed.slice(0, 20)) await deliverer.deliver(c.target, c.message, c.key)

    // While the dead worker's lease lasts, nobody touches its rows.
    expect(await worker().runPass()).toMatchObject({ sent: 0, confirmed: 0 })
    clock.advance(61_000)
    const stats = await worker().runPass()
    expect(stats).toMatchObject({ confirmed: 20, sent: 20 })
    const counts = deliveries()
    expect(fanOut.map((f) => counts.get(f.key))).toEqual(fanOut.map(() => 1))
  })
})

describe('two workers at once', () => {
  it('share the work without sending anything twice', async () => {
    // Two separate connections on the real server; on PGlite the two share its one connection.
    const second = usingServer() ? await openDatabase({ url: database.url! }) : undefined
    try {
      const fanOut = Array.from({ length: 120 }, (_, i) => item(`URACE${i % 30}`))
      await enqueue(database.db, fanOut)
      const a = worker(database.db, 'worker-a')
      const b = worker(second?.db ?? database.db, 'worker-b')
      for (let round = 0; round < 6; round++) {
        await Promise.all([a.runPass(), b.runPass()])
        clock.advance(1_000)
      }
      const counts = deliveries()
      expect(fanOut.map((f) => counts.get(f.key))).toEqual(fanOut.map(() => 1))
      const sent = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'sent').where('dedupe_key', 'like', 'test:%').executeTakeFirstOrThrow()
      expect(Number(sent.n)).toBe(120)
    } finally {
      await second?.close()
    }
  })
})

describe('the running worker', () => {
  /**
   * The database as the worker sees it, with the query that looks for the next ready row held
   * until released: the moment between two passes, when a stop() or wake() used to be lost.
   */
  function holdingNextReady() {
    const held = new WeakSet<object>()
    let reached!: () => void
    let release!: () => void
    const arrived = new Promise<void>((resolve) => (reached = resolve))
    const released = new Promise<void>((resolve) => (release = resolve))
    const db = database.db.withPlugin({
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes('min(greatest')) held.add(args.queryId)
        return args.node
      },
      transformResult: async (args) => {
        if (held.has(args.queryId)) {
          reached()
          await released
        }
        return args.result
      },
    })
    return { db, arrived, release }
  }

  it('stops at once, even when stopped between two passes', async () => {
    const gate = holdingNextReady()
    const running = worker(gate.db)
    running.start()
    await gate.arrived
    const stopping = running.stop()
    gate.release()
    const started = Date.now()
    await stopping
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('a wake between two passes is not lost: the new message goes at once, not after the 30 s sleep', async () => {
    const gate = holdingNextReady()
    const running = worker(gate.db)
    running.start()
    try {
      await gate.arrived
      // The held query keeps the embedded database's one connection, so the enqueue waits for
      // the release; the wake comes while the worker is still busy, as after planning.
      const late = item('UWAKE')
      const enqueued = enqueue(database.db, [late])
      running.wake()
      gate.release()
      await enqueued
      await eventually(() => deliveries().get(late.key), 2_000)
    } finally {
      await running.stop()
    }
  })
})

describe('graceful shutdown', () => {
  it('stop() waits for the sends already on the wire and records them as sent, so nothing is sent twice after a restart', async () => {
    // Each post takes half a second at Slack.
    slack.delayPosts(500)
    const inFlight = [item('USTOP1'), item('USTOP2')]
    await enqueue(database.db, inFlight)
    const running = worker()
    running.start()
    await eventually(() => (slack.requests.filter((r) => r.path === '/api/chat.postMessage' && inFlight.some((i) => JSON.stringify(r.body).includes(i.key))).length === 2 ? true : undefined), 2_000)
    await running.stop()
    for (const i of inFlight) expect((await status(i.key)).status).toBe('sent')
    // A new worker (the restarted bot) finds nothing left to send.
    const restarted = worker()
    expect(await restarted.runPass()).toMatchObject({ sent: 0, confirmed: 0 })
    for (const i of inFlight) expect(deliveries().get(i.key)).toBe(1)
  })
})

describe('a revoked SLACK_BOT_TOKEN', () => {
  it('stops every delivery after Slack first refuses it, without asking Slack again, and is logged once', async () => {
    const logs = capturingLogger()
    const revokedDeliverer = slackDeliverer('xoxb-revoked', slack.apiUrl, logs.log)
    slack.revokeToken('xoxb-revoked')
    const items = [item('UREV1'), item('UREV2'), item('UREV3')]
    await enqueue(database.db, items)
    const running = createDeliveryWorker({ db: database.db, clock, log: logs.log, deliverers: { slack: revokedDeliverer }, concurrency: 1, lanes: 1 })
    expect(await running.runPass()).toMatchObject({ sent: 0, failed: 3 })
    const tried = slack.requests.filter((r) => r.path === '/api/chat.postMessage' && slack.tokenOf(r) === 'xoxb-revoked')
    expect(tried).toHaveLength(1)
    for (const i of items) expect((await status(i.key)).status).toBe('failed')
    expect(logs.matching('Slack no longer accepts SLACK_BOT_TOKEN')).toHaveLength(1)
    expect(logs.lines.filter((l) => l.level >= 50 && l.msg === 'delivery failed for good')).toEqual([])
  })
})
