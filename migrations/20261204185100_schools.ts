// Each person's school, once per workspace: asked of them once, after the first register that
// lists them, so a hub can see attendance per school (some charge schools for missed
// sessions). Kept as they wrote it, with a key that groups "Oakfield Primary" and "Oakfield
// Primary School" together. Frozen in time: never import the app's types here.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_schools')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('school', 'text', (c) => c.notNull())
    .addColumn('school_key', 'text', (c) => c.notNull())
    // The person themself, or the Lead who filled it in for them.
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_schools_pk', ['platform', 'workspace_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_schools').execute()
}
