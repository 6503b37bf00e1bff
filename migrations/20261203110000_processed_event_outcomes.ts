// The re-delivery ledger records how far an event got, not only that it arrived: a claim that
// is still being worked on carries a lease, so a retry after a crash (lease run out, never
// finished) is handled again instead of being dropped as a duplicate. Rows from before this
// migration were handled to the end. Frozen in time: never import the app's types here.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('processed_events')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('done'))
    .addColumn('lease_until', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('processed_events').dropColumn('lease_until').dropColumn('status').execute()
}
