// The hub's evaluation reads one hub's Work Groups for a school year: an index on the hub and
// year, so it stays one index lookup however many groups (and hubs) a workspace holds. The
// other tables it reads are reached by group or session id through their existing keys
// (sessions_start_unique, participants_pk, session_rsvps_pk, reflections_pk, attendance_group).
// Frozen in time: never import the app's types here.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('work_groups_hub_year').on('work_groups').columns(['hub_id', 'school_year']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('work_groups_hub_year').execute()
}
