// Foundation: the projects catalogue by school year, the processed-events ledger that makes
// re-delivered platform events harmless, and Teams conversation references for proactive
// messages. Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalogue_years')
    .addColumn('school_year', 'text', (c) => c.primaryKey())
    // Kept separately so "newest year" is a plain numeric order, not string parsing.
    .addColumn('start_year', 'integer', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('catalogue_projects')
    .addColumn('school_year', 'text', (c) => c.notNull().references('catalogue_years.school_year').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('strand', 'text')
    .addColumn('phases', sql`text[]`, (c) => c.notNull())
    .addColumn('audience', sql`text[]`, (c) => c.notNull())
    .addColumn('entry_point', 'text', (c) => c.notNull())
    .addColumn('follows', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('is_new', 'boolean', (c) => c.notNull())
    .addColumn('partner', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalogue_projects_pk', ['school_year', 'id'])
    .execute()

  await db.schema
    .createTable('processed_events')
    .addColumn('event_key', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('processed_events_received_at').on('processed_events').column('received_at').execute()

  await db.schema
    .createTable('conversation_references')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_kind', 'text', (c) => c.notNull())
    // For a 1:1 chat, whose it is: how a direct message finds its way later.
    .addColumn('user_id', 'text')
    .addColumn('reference', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('conversation_references_pk', ['platform', 'conversation_id'])
    .execute()
  await db.schema
    .createIndex('conversation_references_direct_user')
    .on('conversation_references')
    .columns(['platform', 'workspace_id', 'user_id'])
    .where(sql.ref('conversation_kind'), '=', 'direct')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('conversation_references').execute()
  await db.schema.dropTable('processed_events').execute()
  await db.schema.dropTable('catalogue_projects').execute()
  await db.schema.dropTable('catalogue_years').execute()
}
