// "I'm here" check-ins: one row per session and person, the time of their first check-in kept
// (a second tap changes nothing). The register's pre-fill reads them; the Lead's register, once
// saved, does not. The row names its workspace and points at its session and Work Group by
// composite keys, as every child table does, so retention takes it with its session.
// Frozen in time: never import the app's types here.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_check_ins')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('work_group_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_check_ins_pk', ['session_id', 'user_id'])
    .addForeignKeyConstraint('session_check_ins_sessions_scope_fk', ['session_id', 'platform', 'workspace_id'], 'sessions', ['id', 'platform', 'workspace_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('session_check_ins_work_groups_scope_fk', ['work_group_id', 'platform', 'workspace_id'], 'work_groups', ['id', 'platform', 'workspace_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute()
  // "my data" and "forget me" look a person up in their workspace.
  await db.schema.createIndex('session_check_ins_person').on('session_check_ins').columns(['platform', 'workspace_id', 'user_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_check_ins').execute()
}
