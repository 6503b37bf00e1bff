// Every table holding a workspace's data names its workspace (platform + workspace_id), and a
// child row's workspace is its parent's by a composite foreign key, so a query can always be
// scoped by those two columns and a row can never claim another workspace's parent. A Work
// Group and a conversation address are unique per workspace, so a channel shared by two
// organisations (Slack Connect, Teams shared channels) can hold one group for each. Outbox rows
// say what they are about (kind, Work Group, session, recipient) in columns, so cancelling,
// leaving, erasure and retention act on columns instead of parsing other features' keys.
// Reflections carry a version, so a stale form submission can be refused.
import { type Kysely, sql } from 'kysely'

/** child table, its parent, and the child's column pointing at the parent's id. */
const CHILDREN: [child: string, parent: string, column: string][] = [
  ['hub_holidays', 'hubs', 'hub_id'],
  ['participants', 'work_groups', 'work_group_id'],
  ['sessions', 'work_groups', 'work_group_id'],
  ['reflection_opt_outs', 'work_groups', 'work_group_id'],
  ['session_rsvps', 'sessions', 'session_id'],
  ['reflections', 'sessions', 'session_id'],
  ['subgroup_channels', 'subgroups', 'subgroup_id'],
  ['resource_shares', 'resources', 'resource_id'],
  ['catalogue_answer_feedback', 'catalogue_questions', 'question_id'],
]

/** Further composite references for tables that already name their workspace or point at two parents. */
const ALSO: [child: string, parent: string, column: string][] = [
  ['work_groups', 'hubs', 'hub_id'],
  ['reflections', 'work_groups', 'work_group_id'],
  ['resource_shares', 'subgroups', 'subgroup_id'],
  ['pending_uploads', 'work_groups', 'work_group_id'],
]

export async function up(db: Kysely<any>): Promise<void> {
  // A parent's (id, platform, workspace_id) is unique, so children can reference all three;
  // sessions get theirs once they have the columns (rsvps and reflections come after them).
  const keyed = new Set<string>()
  const keyParent = async (parent: string) => {
    if (keyed.has(parent)) return
    await sql.raw(`alter table ${parent} add constraint ${parent}_scope_unique unique (id, platform, workspace_id)`).execute(db)
    keyed.add(parent)
  }
  for (const [child, parent, column] of CHILDREN) {
    await keyParent(parent)
    await sql.raw(`alter table ${child} add column platform text, add column workspace_id text`).execute(db)
    await sql.raw(`update ${child} c set platform = p.platform, workspace_id = p.workspace_id from ${parent} p where p.id = c.${column}`).execute(db)
    await sql.raw(`alter table ${child} alter column platform set not null, alter column workspace_id set not null`).execute(db)
    await sql
      .raw(`alter table ${child} add constraint ${child}_${parent}_scope_fk foreign key (${column}, platform, workspace_id) references ${parent} (id, platform, workspace_id) on delete cascade`)
      .execute(db)
    await sql.raw(`create index ${child}_scope on ${child} (platform, workspace_id)`).execute(db)
  }
  for (const [child, parent, column] of ALSO) {
    await keyParent(parent)
    const onDelete = child === 'work_groups' ? '' : ' on delete cascade'
    await sql
      .raw(`alter table ${child} add constraint ${child}_${parent}_scope_fk foreign key (${column}, platform, workspace_id) references ${parent} (id, platform, workspace_id)${onDelete}`)
      .execute(db)
  }

  await sql`alter table work_groups drop constraint work_groups_conversation_unique`.execute(db)
  await sql`alter table work_groups add constraint work_groups_conversation_unique unique (platform, workspace_id, conversation_id)`.execute(db)
  await sql`alter table conversation_references drop constraint conversation_references_pk`.execute(db)
  await sql`alter table conversation_references add constraint conversation_references_pk primary key (platform, workspace_id, conversation_id)`.execute(db)

  await db.schema
    .alterTable('outbox')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('notice'))
    .addColumn('work_group_id', 'uuid')
    .addColumn('session_id', 'uuid')
    .addColumn('recipient_id', 'text')
    .execute()
  // Rows planned before this migration: what their keys said, once, here.
  await sql`
    update outbox set
      kind = case
        when dedupe_key like 'reminder:%' then 'reminder'
        when dedupe_key like 'digest:%' then 'digest'
        when dedupe_key like 'reflect:%:nudge' then 'reflection-nudge'
        when dedupe_key like 'reflect:%' then 'reflection-prompt'
        when dedupe_key like 'cancelled:%' then 'cancellation'
        when dedupe_key like 'resource:%' then 'resource-post'
        else 'resource-digest' end,
      session_id = substring(dedupe_key from '^(?:reminder|reflect|cancelled):([0-9a-f-]{36}):')::uuid,
      recipient_id = case when target_kind = 'direct' then target_id end`.execute(db)
  await sql`update outbox o set work_group_id = s.work_group_id from sessions s where s.id = o.session_id`.execute(db)
  await sql`create index outbox_pending_about on outbox (platform, workspace_id, session_id) where status = 'pending'`.execute(db)
  await sql`create index outbox_recipient on outbox (platform, workspace_id, recipient_id)`.execute(db)

  await db.schema.alterTable('reflections').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  await db.schema.alterTable('work_groups').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('work_groups').dropColumn('version').execute()
  await db.schema.alterTable('reflections').dropColumn('version').execute()
  await sql`drop index outbox_recipient`.execute(db)
  await sql`drop index outbox_pending_about`.execute(db)
  await db.schema.alterTable('outbox').dropColumn('kind').dropColumn('work_group_id').dropColumn('session_id').dropColumn('recipient_id').execute()
  await sql`alter table conversation_references drop constraint conversation_references_pk`.execute(db)
  await sql`alter table conversation_references add constraint conversation_references_pk primary key (platform, conversation_id)`.execute(db)
  await sql`alter table work_groups drop constraint work_groups_conversation_unique`.execute(db)
  await sql`alter table work_groups add constraint work_groups_conversation_unique unique (platform, conversation_id)`.execute(db)
  for (const [child, parent] of ALSO) await sql.raw(`alter table ${child} drop constraint ${child}_${parent}_scope_fk`).execute(db)
  for (const [child, parent] of [...CHILDREN].reverse()) {
    await sql.raw(`alter table ${child} drop constraint ${child}_${parent}_scope_fk`).execute(db)
    await sql.raw(`alter table ${child} drop column platform, drop column workspace_id`).execute(db)
  }
  for (const parent of ['hubs', 'work_groups', 'sessions', 'subgroups', 'resources', 'catalogue_questions'])
    await sql.raw(`alter table ${parent} drop constraint ${parent}_scope_unique`).execute(db)
}
