// Joins and leaves applied in the order they happened, not the order they arrived: each
// participant row remembers when its last change happened (by the platform's clock), so a
// re-sent join that is older than a leave cannot make someone a participant again.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('membership_at', 'timestamptz').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').dropColumn('membership_at').execute()
}
