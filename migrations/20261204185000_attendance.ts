// The attendance register: one row per person and session (attended, apologised in time or
// late, absent), corrected in place with who changed it and when, and one row per session
// saying the Lead confirmed the register, with a version so that a stale or repeated
// confirmation or correction changes nothing. Both name their workspace, and point at their
// session and Work Group by composite keys, as every child table does.
// Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_registers')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('work_group_id', 'uuid', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('attendance_registers_pk', ['session_id'])
    .addForeignKeyConstraint('attendance_registers_sessions_scope_fk', ['session_id', 'platform', 'workspace_id'], 'sessions', ['id', 'platform', 'workspace_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint('attendance_registers_work_groups_scope_fk', ['work_group_id', 'platform', 'workspace_id'], 'work_groups', ['id', 'platform', 'workspace_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute()
  await db.schema.createIndex('attendance_registers_scope').on('attendance_registers').columns(['platform', 'workspace_id']).execute()
  await db.schema.createIndex('attendance_registers_group').on('attendance_registers').columns(['work_group_id']).execute()

  await db.schema
    .createTable('attendance')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'uuid', (c) => c.notNull())
    .addColumn('work_group_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('attended', 'apologised', 'absent')`))
    // For apologies: whether they came later than the hub's notice period.
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['session_id', 'user_id'])
    .addForeignKeyConstraint('attendance_sessions_scope_fk', ['session_id', 'platform', 'workspace_id'], 'sessions', ['id', 'platform', 'workspace_id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('attendance_work_groups_scope_fk', ['work_group_id', 'platform', 'workspace_id'], 'work_groups', ['id', 'platform', 'workspace_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute()
  // "my data" and "forget me" look a person up in their workspace; the year's view a group.
  await db.schema.createIndex('attendance_person').on('attendance').columns(['platform', 'workspace_id', 'user_id']).execute()
  await db.schema.createIndex('attendance_group').on('attendance').columns(['work_group_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attendance').execute()
  await db.schema.dropTable('attendance_registers').execute()
}
