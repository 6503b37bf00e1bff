// The ledger that makes every side effect happen once: Slack re-sends events it thinks
// failed (x-slack-retry-num), Teams retries slow turns with the same activity id, and a
// captured slash command can be replayed. An event is claimed before it is handled, marked
// done once answered, and released when handling failed, so a retry of a failure runs again.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'

/**
 * How long a claim holds before a retry may take the event over. Longer than a turn takes
 * (Teams retries after about 15 s, while the first try may still be running), short enough
 * that a retry after a crash, which never finished or released its claim, is answered.
 */
export const CLAIM_LEASE_MS = 60_000

/** What the bot core needs from the ledger. */
export interface EventLedger {
  /** True when this instance may handle the event: first seen, or an unfinished claim whose lease ran out. */
  claim(key: string): Promise<boolean>
  /** The event was handled: every later delivery is a duplicate. */
  finish(key: string): Promise<void>
  /** Handling failed: the platform's retry (or the user's) runs it again. */
  release(key: string): Promise<void>
  /**
   * For what a platform never re-sends (a slash command): true the first time, false for a
   * replay. Recorded as done at once, in one write, since no retry of it is ever legitimate.
   */
  once(key: string): Promise<boolean>
}

export function createEventLedger(db: Db, leaseMs = CLAIM_LEASE_MS): EventLedger {
  return {
    claim: (key) => claimEvent(db, key, leaseMs),
    finish: async (key) => {
      await db.updateTable('processed_events').set({ status: 'done', lease_until: null }).where('event_key', '=', key).execute()
    },
    release: async (key) => {
      await db.deleteFrom('processed_events').where('event_key', '=', key).where('status', '=', 'claimed').execute()
    },
    once: async (key) => {
      const row = await db
        .insertInto('processed_events')
        .values({ event_key: key, status: 'done', lease_until: null })
        .onConflict((oc) => oc.column('event_key').doNothing())
        .returning('event_key')
        .executeTakeFirst()
      return row !== undefined
    },
  }
}

/**
 * Claims the event; false when it was handled already or another claim is still live. The
 * primary key decides, so two instances racing on one delivery cannot both win.
 */
export async function claimEvent(db: Db, eventKey: string, leaseMs = CLAIM_LEASE_MS): Promise<boolean> {
  // The database's clock, so instances with drifting clocks agree on when a lease ends.
  const leaseUntil = sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`
  const claimed = await db
    .insertInto('processed_events')
    .values({ event_key: eventKey, status: 'claimed', lease_until: leaseUntil })
    .onConflict((oc) =>
      oc
        .column('event_key')
        .doUpdateSet({ lease_until: leaseUntil, received_at: sql`now()` })
        .where('processed_events.status', '=', 'claimed')
        .where('processed_events.lease_until', '<', sql<Date>`now()`),
    )
    .returning('event_key')
    .executeTakeFirst()
  return claimed !== undefined
}

/** Forgets events older than the platforms' retry windows (hours), keeping the table small. */
export async function purgeProcessedEvents(db: Db, now: Date, olderThanDays = 7): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanDays * 24 * 60 * 60 * 1000)
  const result = await db.deleteFrom('processed_events').where('received_at', '<', cutoff).executeTakeFirst()
  return Number(result.numDeletedRows)
}
