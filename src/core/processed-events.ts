// The ledger that makes every side effect happen once: Slack re-sends events it thinks
// failed (x-slack-retry-num) and Teams retries slow turns, with the same event id.
import type { Db } from '../db/database.js'

/**
 * Records the event and returns true the first time it is seen, false on any re-delivery.
 * The primary key decides, so two instances racing on one delivery cannot both win.
 */
export async function claimEvent(db: Db, eventKey: string): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_events')
    .values({ event_key: eventKey })
    .onConflict((oc) => oc.column('event_key').doNothing())
    .returning('event_key')
    .executeTakeFirst()
  return inserted !== undefined
}

/** Forgets events older than the platforms' retry windows (hours), keeping the table small. */
export async function purgeProcessedEvents(db: Db, now: Date, olderThanDays = 7): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanDays * 24 * 60 * 60 * 1000)
  const result = await db.deleteFrom('processed_events').where('received_at', '<', cutoff).executeTakeFirst()
  return Number(result.numDeletedRows)
}
