// Work Groups, their sessions and participants, RSVPs, and the delivery outbox through which
// every scheduled message goes exactly once. Frozen in time: never import the app's types here.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hubs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased name: "Matrix Maths Hub" and "matrix maths hub" are one hub.
    .addColumn('name_key', 'text', (c) => c.notNull())
    // Local times; direct reminders wait outside these hours.
    .addColumn('quiet_start', 'text', (c) => c.notNull().defaultTo('21:00'))
    .addColumn('quiet_end', 'text', (c) => c.notNull().defaultTo('07:00'))
    .addColumn('quiet_weekends', 'boolean', (c) => c.notNull().defaultTo(true))
    // Apologies later than this before a session are flagged to the Lead.
    .addColumn('notice_hours', 'integer', (c) => c.notNull().defaultTo(48))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('hubs_name_unique', ['platform', 'workspace_id', 'name_key'])
    .execute()

  await db.schema
    .createTable('hub_holidays')
    .addColumn('hub_id', 'uuid', (c) => c.notNull().references('hubs.id').onDelete('cascade'))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('label', 'text')
    .addPrimaryKeyConstraint('hub_holidays_pk', ['hub_id', 'starts_on'])
    .execute()

  await db.schema
    .createTable('work_groups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('hub_id', 'uuid', (c) => c.notNull().references('hubs.id'))
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('project_title', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('lead_user_id', 'text', (c) => c.notNull())
    // Minutes before each session that participants are reminded.
    .addColumn('reminder_offsets', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{10080,1440,60}'::integer[]`))
    // The secret part of the group's calendar link (122 random bits); anyone with the link
    // can read the group's session times, so it is unguessable rather than derived from the id.
    .addColumn('calendar_token', 'text', (c) => c.notNull().unique().defaultTo(sql`replace(gen_random_uuid()::text, '-', '')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('work_groups_conversation_unique', ['platform', 'conversation_id'])
    .execute()

  await db.schema
    .createTable('participants')
    .addColumn('work_group_id', 'uuid', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    // What a platform needs to reach the person directly (Teams: the 29: id), as JSON.
    .addColumn('address', 'jsonb')
    // channel: a member of the home channel; manual: added by the Lead.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('participants_pk', ['work_group_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('work_group_id', 'uuid', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('online_url', 'text')
    .addColumn('place', 'text')
    .addColumn('prepare', 'text')
    .addColumn('gap_task', 'text')
    .addColumn('cancelled_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Importing the same file twice adds nothing.
    .addUniqueConstraint('sessions_start_unique', ['work_group_id', 'starts_at'])
    .execute()
  await db.schema.createIndex('sessions_starts_at').on('sessions').column('starts_at').execute()

  await db.schema
    .createTable('session_rsvps')
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    // going | apologies
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_rsvps_pk', ['session_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    // What makes a message the same message: a re-plan never enqueues it twice.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    // direct: to a person; conversation: into a channel or chat.
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_address', 'jsonb')
    .addColumn('thread_id', 'text')
    // Messages with one pace key go out one at a time, a second apart (platform rate limits).
    .addColumn('pace_key', 'text', (c) => c.notNull())
    .addColumn('message', 'jsonb', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // After this the message is no longer useful (a reminder once the session has started).
    .addColumn('not_after', 'timestamptz')
    // pending | sending | sent | dropped | failed
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('outbox_ready')
    .on('outbox')
    .columns(['next_attempt_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await db.schema
    .createIndex('outbox_pending_expiry')
    .on('outbox')
    .column('not_after')
    .where(sql<boolean>`status = 'pending' and not_after is not null`)
    .execute()
  // A conversation's next message, for the claim's per-conversation lookup.
  await db.schema
    .createIndex('outbox_pending_pace')
    .on('outbox')
    .columns(['pace_key', 'next_attempt_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute()
  await db.schema.createIndex('outbox_sending').on('outbox').column('claimed_until').where(sql.ref('status'), '=', 'sending').execute()

  // What the scheduler has already turned into outbox rows ("reminder:<session>:<minutes>",
  // "digest:<group>:<date>"), written in the same transaction as the rows themselves.
  await db.schema
    .createTable('planned_once')
    .addColumn('plan_key', 'text', (c) => c.primaryKey())
    .addColumn('planned_at', 'timestamptz', (c) => c.notNull())
    .execute()

  // A Lead who asked to import sessions and will send the file in a direct message (Teams
  // cards cannot carry files): which group the next file is for, until it expires.
  await db.schema
    .createTable('pending_uploads')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('work_group_id', 'uuid', (c) => c.notNull().references('work_groups.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('pending_uploads_pk', ['platform', 'workspace_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('delivery_pace')
    .addColumn('pace_key', 'text', (c) => c.primaryKey())
    .addColumn('next_allowed_at', 'timestamptz', (c) => c.notNull())
    // Held by one worker while it sends; a lease, so a crashed worker frees it.
    .addColumn('busy_until', 'timestamptz')
    // Messages waiting for this conversation: the longest queues go first, so one busy
    // recipient does not stretch a whole fan-out.
    .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('delivery_pace_waiting')
    .on('delivery_pace')
    .expression(sql`pending desc`)
    .where(sql.ref('pending'), '>', 0)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['delivery_pace', 'pending_uploads', 'planned_once', 'outbox', 'session_rsvps', 'sessions', 'participants', 'work_groups', 'hub_holidays', 'hubs'])
    await db.schema.dropTable(table).execute()
}
