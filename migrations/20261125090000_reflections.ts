// Post-session reflections: one per person per session, who may see it, and who asked not to
// be prompted again for a group. Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Minutes after a session ends that participants are asked to reflect; the Lead can change it.
  await db.schema
    .alterTable('work_groups')
    .addColumn('reflection_delay_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .execute()

  await db.schema
    .createTable('reflections')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('work_group_id', 'uuid', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
    .addColumn('rating', 'integer', (c) => c.notNull().check(sql`rating between 1 and 5`))
    .addColumn('try_in_class', 'text')
    .addColumn('noticed', 'text')
    // me: only its author; lead: the Lead, with the author's name; anonymised: the Lead, without
    // names, and only once at least five people in the session chose it.
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('me', 'lead', 'anonymised')`))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('reflections_pk', ['session_id', 'user_id'])
    .execute()
  await db.schema.createIndex('reflections_author').on('reflections').columns(['work_group_id', 'user_id']).execute()

  await db.schema
    .createTable('reflection_opt_outs')
    .addColumn('work_group_id', 'uuid', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('reflection_opt_outs_pk', ['work_group_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reflection_opt_outs').execute()
  await db.schema.dropTable('reflections').execute()
  await db.schema.alterTable('work_groups').dropColumn('reflection_delay_minutes').execute()
}
