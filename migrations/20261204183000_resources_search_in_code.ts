// Search ranks the library in code (src/features/resources/resource-search.ts: site names,
// typos and the tag vocabulary, the same on PGlite and any server), so the text and vector
// Postgres searched, and their index, are dropped rather than written for nothing on every
// share. Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resources_search').ifExists().execute()
  await db.schema.alterTable('resources').dropColumn('search_vector').execute()
  await db.schema.alterTable('resources').dropColumn('search_document').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('resources').addColumn('search_document', 'text', (c) => c.notNull().defaultTo('')).execute()
  await sql`update resources set search_document = concat_ws(' ', title, array_to_string(tags, ' '), host)`.execute(db)
  await db.schema
    .alterTable('resources')
    .addColumn('search_vector', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('english'::regconfig, search_document)`).stored())
    .execute()
  await db.schema.createIndex('resources_search').on('resources').using('gin').column('search_vector').execute()
}
