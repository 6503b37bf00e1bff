// Slack workspaces that installed the app through "Add to Slack". The installation (with its
// bot token) is kept sealed; the columns beside it are what the bot needs without opening it.
// Uninstalling or revoking erases the sealed installation and keeps the row, so events from
// that workspace are refused and the log can say why. Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('slack_installations')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('team_name', 'text')
    .addColumn('enterprise_id', 'text')
    .addColumn('app_id', 'text')
    .addColumn('bot_user_id', 'text')
    .addColumn('installed_by', 'text')
    // AES-256-GCM under TOKEN_ENCRYPTION_KEY; null once uninstalled or revoked.
    .addColumn('sealed_installation', 'text')
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('uninstalled_at', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slack_installations').execute()
}
