// The re-delivery ledger: the first claim of an event wins, every later one (or a racing one)
// loses, and old entries are purged.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { claimEvent, createEventLedger, purgeProcessedEvents } from '../../src/core/processed-events.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

it('lets exactly one of many racing claims of the same event win', async () => {
  const results = await Promise.all(Array.from({ length: 8 }, () => claimEvent(database.db, 'slack:message:Ev1')))
  expect(results.filter(Boolean)).toHaveLength(1)
  expect(await claimEvent(database.db, 'slack:message:Ev1')).toBe(false)
  expect(await claimEvent(database.db, 'slack:message:Ev2')).toBe(true)
})

it('purges entries older than the retry window and keeps recent ones', async () => {
  const now = new Date()
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000)
  await database.db
    .insertInto('processed_events')
    .values([
      { event_key: 'old', received_at: daysAgo(13) },
      { event_key: 'recent', received_at: daysAgo(1) },
    ])
    .execute()
  expect(await purgeProcessedEvents(database.db, now)).toBe(1)
  const keys = (await database.db.selectFrom('processed_events').select('event_key').execute()).map((r) => r.event_key)
  expect(keys).toContain('recent')
  expect(keys).not.toContain('old')
})

it('takes over an unfinished claim whose lease ran out (a crash between claim and answer), never a live or finished one', async () => {
  const ledger = createEventLedger(database.db)
  expect(await ledger.claim('teams:message:crashed')).toBe(true)
  // Still being worked on: a quick retry is a duplicate.
  expect(await ledger.claim('teams:message:crashed')).toBe(false)
  // The instance died without finishing: its lease runs out.
  await database.db.updateTable('processed_events').set({ lease_until: sql<Date>`now() - interval '1 second'` }).where('event_key', '=', 'teams:message:crashed').execute()
  expect(await ledger.claim('teams:message:crashed')).toBe(true)
  await ledger.finish('teams:message:crashed')
  await database.db.updateTable('processed_events').set({ lease_until: sql<Date>`now() - interval '1 hour'` }).where('event_key', '=', 'teams:message:crashed').execute()
  expect(await ledger.claim('teams:message:crashed')).toBe(false)
})

it('lets a released (failed) event be claimed again, and never releases a finished one', async () => {
  const ledger = createEventLedger(database.db)
  expect(await ledger.claim('slack:message:failed')).toBe(true)
  await ledger.release('slack:message:failed')
  expect(await ledger.claim('slack:message:failed')).toBe(true)
  await ledger.finish('slack:message:failed')
  await ledger.release('slack:message:failed')
  expect(await ledger.claim('slack:message:failed')).toBe(false)
})
