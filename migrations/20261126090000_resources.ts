// Resource sharing: sub-groups (a name, a phase, the channels they live in), one library entry
// per resource (deduplicated by canonical URL, searchable with Postgres full-text search), and
// where each resource has been shared. Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subgroups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased name: one sub-group whatever the capitals.
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('phase', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('subgroups_name_unique', ['platform', 'workspace_id', 'name_key'])
    .execute()

  await db.schema
    .createTable('subgroup_channels')
    .addColumn('subgroup_id', 'uuid', (c) => c.notNull().references('subgroups.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subgroup_channels_pk', ['subgroup_id', 'conversation_id'])
    .execute()
  await db.schema.createIndex('subgroup_channels_conversation').on('subgroup_channels').column('conversation_id').execute()

  await db.schema
    .createTable('resources')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    // The dedupe key: the same link however it was written (see canonical-url.ts).
    .addColumn('canonical_url', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Normalised tag values ("ks3", "fractions", free tags as written).
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('shared_by', 'text', (c) => c.notNull())
    .addColumn('shared_by_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // What search reads (title, tags, host), written by the code; the vector is derived from it
    // with an explicit configuration, which keeps the generated column immutable.
    .addColumn('search_document', 'text', (c) => c.notNull())
    .addColumn('search_vector', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, search_document)`).stored())
    .addUniqueConstraint('resources_canonical_unique', ['platform', 'workspace_id', 'canonical_url'])
    .execute()
  await db.schema.createIndex('resources_search').on('resources').using('gin').column('search_vector').execute()
  await db.schema.createIndex('resources_tags').on('resources').using('gin').column('tags').execute()

  await db.schema
    .createTable('resource_shares')
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('subgroup_id', 'uuid', (c) => c.notNull().references('subgroups.id').onDelete('cascade'))
    .addColumn('shared_by', 'text', (c) => c.notNull())
    .addColumn('shared_by_name', 'text')
    // Where it was shared from: the conversation, its thread, and a link back when there is one.
    .addColumn('from_conversation_id', 'text', (c) => c.notNull())
    .addColumn('from_thread_id', 'text')
    .addColumn('from_link', 'text')
    .addColumn('shared_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_shares_pk', ['resource_id', 'subgroup_id'])
    .execute()
  await db.schema.createIndex('resource_shares_recent').on('resource_shares').columns(['subgroup_id', 'shared_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['resource_shares', 'resources', 'subgroup_channels', 'subgroups']) await db.schema.dropTable(table).execute()
}
