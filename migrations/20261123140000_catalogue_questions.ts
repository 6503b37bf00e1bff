// Free-text questions about the catalogue: project keywords (the words people use for each
// project, kept as data), every question asked with what it was answered, and the asker's
// "helpful / not helpful" feedback. Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('catalogue_projects')
    .addColumn('keywords', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute()

  await db.schema
    .createTable('catalogue_questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    // answered | nothing_fits
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('project_ids', sql`text[]`, (c) => c.notNull())
    // rules | ai
    .addColumn('answered_by', 'text', (c) => c.notNull())
    // The message as the asker saw it, so that sharing it posts exactly that.
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('catalogue_questions_unanswered')
    .on('catalogue_questions')
    .column('asked_at')
    .where(sql.ref('outcome'), '=', 'nothing_fits')
    .execute()

  await db.schema
    .createTable('catalogue_answer_feedback')
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('catalogue_questions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('helpful', 'boolean', (c) => c.notNull())
    .addColumn('given_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('catalogue_answer_feedback_pk', ['question_id', 'user_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalogue_answer_feedback').execute()
  await db.schema.dropTable('catalogue_questions').execute()
  await db.schema.alterTable('catalogue_projects').dropColumn('keywords').execute()
}
