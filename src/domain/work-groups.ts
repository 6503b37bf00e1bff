// Work Groups, their hubs and participants. A group lives in one channel (its home); its
// participants are the channel's members, kept in step as people join and leave, plus anyone
// the Lead adds by hand.
import type { Member, Platform } from '../core/events.js'
import type { Db } from '../db/database.js'
import type { Holiday, QuietHours } from './reminder-times.js'
import { inScope, inScopes, type Scope, scopeColumns } from '../db/scope.js'

/** A Work Group as far as its rows need: its id and its workspace (a WorkGroup is one). */
export type GroupRef = Scope & { id: string }

export interface Hub {
  id: string
  name: string
  quiet: QuietHours
  noticeHours: number
}

export interface WorkGroup {
  id: string
  platform: Platform
  workspaceId: string
  conversationId: string
  hubId: string
  hubName: string
  projectId: string
  projectTitle: string
  schoolYear: string
  leadUserId: string
  reminderOffsets: number[]
  /** The secret in the group's calendar link. */
  calendarToken: string
  /** Minutes after a session ends that participants are asked to reflect. */
  reflectionDelayMinutes: number
  /** Counts changes to its settings: a form names the version it edits, so a stale one changes nothing. */
  version: number
}

export interface Participant {
  userId: string
  name?: string
  address?: unknown
  source: 'channel' | 'manual'
}

/** The hub of that name in the workspace, created with default settings if new. */
export async function ensureHub(db: Db, scope: Scope, name: string): Promise<string> {
  const nameKey = name.trim().toLowerCase()
  await db
    .insertInto('hubs')
    .values({ ...scopeColumns(scope), name: name.trim(), name_key: nameKey })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'name_key']).doNothing())
    .execute()
  const row = await db
    .selectFrom('hubs')
    .select('id')
    .where(inScope(scope))
    .where('name_key', '=', nameKey)
    .executeTakeFirstOrThrow()
  return row.id
}

export async function findHub(db: Db, scope: Scope, hubId: string): Promise<Hub | undefined> {
  const row = await db.selectFrom('hubs').selectAll().where(inScope(scope)).where('id', '=', hubId).executeTakeFirst()
  return row
    ? { id: row.id, name: row.name, quiet: { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends }, noticeHours: row.notice_hours }
    : undefined
}

/** The holidays of these groups' hubs, by hub id. */
export async function listHolidays(db: Db, groups: readonly (Scope & { hubId: string })[]): Promise<Map<string, Holiday[]>> {
  const byHub = new Map<string, Holiday[]>()
  if (groups.length === 0) return byHub
  const rows = await db
    .selectFrom('hub_holidays')
    .selectAll()
    .where(inScopes(groups))
    .where('hub_id', 'in', [...new Set(groups.map((g) => g.hubId))])
    .execute()
  for (const row of rows) byHub.set(row.hub_id, [...(byHub.get(row.hub_id) ?? []), { startsOn: row.starts_on, endsOn: row.ends_on }])
  return byHub
}

const workGroupColumns = [
  'w.id',
  'w.platform',
  'w.workspace_id',
  'w.conversation_id',
  'w.hub_id',
  'h.name as hub_name',
  'w.project_id',
  'w.project_title',
  'w.school_year',
  'w.lead_user_id',
  'w.reminder_offsets',
  'w.calendar_token',
  'w.reflection_delay_minutes',
  'w.version',
] as const

/** Work Groups with their hub's name, ready for toWorkGroup. */
export const selectWorkGroups = (db: Db) => db.selectFrom('work_groups as w').innerJoin('hubs as h', 'h.id', 'w.hub_id').select(workGroupColumns)

export function toWorkGroup(row: {
  id: string
  platform: string
  workspace_id: string
  conversation_id: string
  hub_id: string
  hub_name: string
  project_id: string
  project_title: string
  school_year: string
  lead_user_id: string
  reminder_offsets: number[]
  calendar_token: string
  reflection_delay_minutes: number
  version: number
}): WorkGroup {
  return {
    id: row.id,
    platform: row.platform as Platform,
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    hubId: row.hub_id,
    hubName: row.hub_name,
    projectId: row.project_id,
    projectTitle: row.project_title,
    schoolYear: row.school_year,
    leadUserId: row.lead_user_id,
    reminderOffsets: row.reminder_offsets.map(Number),
    calendarToken: row.calendar_token,
    reflectionDelayMinutes: row.reflection_delay_minutes,
    version: Number(row.version),
  }
}

/** The group at home in this conversation, in this workspace (a shared channel can hold one per workspace). */
export async function findWorkGroupByConversation(db: Db, scope: Scope, conversationId: string): Promise<WorkGroup | undefined> {
  const row = await selectWorkGroups(db)
    .where(inScope(scope, 'w'))
    .where('w.conversation_id', '=', conversationId)
    .executeTakeFirst()
  return row ? toWorkGroup(row) : undefined
}

export async function findWorkGroup(db: Db, scope: Scope, id: string): Promise<WorkGroup | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
  const row = await selectWorkGroups(db)
    .where(inScope(scope, 'w'))
    .where('w.id', '=', id)
    .executeTakeFirst()
  return row ? toWorkGroup(row) : undefined
}

/** The groups someone leads in a workspace, oldest first. */
export async function listWorkGroupsLedBy(db: Db, scope: Scope, userId: string): Promise<WorkGroup[]> {
  const rows = await selectWorkGroups(db)
    .where(inScope(scope, 'w'))
    .where('w.lead_user_id', '=', userId)
    .orderBy('w.created_at')
    .execute()
  return rows.map(toWorkGroup)
}

/**
 * The group whose calendar link carries this token: the public calendar route's one lookup,
 * where the unguessable token is the key (so it runs on the store for every workspace).
 */
export async function findWorkGroupByCalendarToken(db: Db, token: string): Promise<WorkGroup | undefined> {
  if (!/^[0-9a-f]{32}$/.test(token)) return undefined
  const row = await selectWorkGroups(db)
    .where('w.calendar_token', '=', token)
    .executeTakeFirst()
  return row ? toWorkGroup(row) : undefined
}

export interface WorkGroupSetup {
  platform: Platform
  workspaceId: string
  conversationId: string
  hubId: string
  projectId: string
  projectTitle: string
  schoolYear: string
  leadUserId: string
}

/**
 * Creates the channel's Work Group, or updates its project, hub and year (the Lead stays).
 * `editing` is the version the form showed (0 for a new group): an older or repeated
 * submission is refused ('stale') and changes nothing.
 */
export async function saveWorkGroup(db: Db, setup: WorkGroupSetup, editing = 0): Promise<{ id: string; created: boolean } | 'stale'> {
  const existing = await findWorkGroupByConversation(db, setup, setup.conversationId)
  if (existing) {
    const updated = await db
      .updateTable('work_groups')
      .set((eb) => ({ hub_id: setup.hubId, project_id: setup.projectId, project_title: setup.projectTitle, school_year: setup.schoolYear, version: eb('version', '+', 1) }))
      .where(inScope(setup))
      .where('id', '=', existing.id)
      .where('version', '=', editing)
      .executeTakeFirst()
    return Number(updated.numUpdatedRows) === 1 ? { id: existing.id, created: false } : 'stale'
  }
  if (editing !== 0) return 'stale'
  const row = await db
    .insertInto('work_groups')
    .values({
      platform: setup.platform,
      workspace_id: setup.workspaceId,
      conversation_id: setup.conversationId,
      hub_id: setup.hubId,
      project_id: setup.projectId,
      project_title: setup.projectTitle,
      school_year: setup.schoolYear,
      lead_user_id: setup.leadUserId,
    })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'conversation_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (row) return { id: row.id, created: true }
  // Someone set the channel up at the same moment: theirs stands.
  return { id: (await findWorkGroupByConversation(db, setup, setup.conversationId))!.id, created: false }
}

/** Hands the group to a new Lead; false if someone else changed the Lead first. */
export async function changeLead(db: Db, group: GroupRef, from: string, to: string): Promise<boolean> {
  const changed = await db.updateTable('work_groups').set({ lead_user_id: to }).where(inScope(group)).where('id', '=', group.id).where('lead_user_id', '=', from).executeTakeFirst()
  return Number(changed.numUpdatedRows) === 1
}

/** False when the group changed since `editing` (the version the Lead's form showed), and nothing was saved. */
export async function setReminderOffsets(db: Db, group: GroupRef & { version: number }, minutes: number[]): Promise<boolean> {
  const updated = await db
    .updateTable('work_groups')
    .set((eb) => ({ reminder_offsets: minutes, version: eb('version', '+', 1) }))
    .where(inScope(group))
    .where('id', '=', group.id)
    .where('version', '=', group.version)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) === 1
}

/**
 * Adds or reactivates people; channel members come from the channel, manual ones from the Lead.
 * `at`: when the platform says they joined; a join older than the last change applied is ignored.
 */
export async function addParticipants(db: Db, group: GroupRef, members: Member[], source: 'channel' | 'manual', at?: Date): Promise<void> {
  if (members.length === 0) return
  for (let i = 0; i < members.length; i += 500) {
    const chunk = members.slice(i, i + 500)
    await db
      .insertInto('participants')
      .values(
        chunk.map((m) => ({
          ...scopeColumns(group),
          work_group_id: group.id,
          user_id: m.userId,
          name: m.name ?? null,
          address: m.address === undefined ? null : JSON.stringify(m.address),
          source,
          active: true,
          membership_at: at ?? null,
        })),
      )
      .onConflict((oc) => {
        const update = oc.columns(['work_group_id', 'user_id']).doUpdateSet((eb) => ({
          active: true,
          name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('participants.name')),
          address: eb.fn.coalesce(eb.ref('excluded.address'), eb.ref('participants.address')),
          // The Lead adding someone by hand keeps them even if they leave the channel; joining
          // the channel never undoes that.
          ...(source === 'manual' ? { source: 'manual' as const } : {}),
          membership_at: eb.fn.coalesce(eb.ref('excluded.membership_at'), eb.ref('participants.membership_at')),
          updated_at: new Date(),
        }))
        return at ? update.where((eb) => eb.or([eb('participants.membership_at', 'is', null), eb('participants.membership_at', '<', at)])) : update
      })
      .execute()
  }
}

/**
 * People who left the channel stop being participants, unless the Lead added them by hand.
 * `at`: when the platform says they left; a leave older than the last change applied is ignored.
 */
export async function removeChannelParticipants(db: Db, group: GroupRef, userIds: string[], at?: Date): Promise<void> {
  if (userIds.length === 0) return
  let query = db
    .updateTable('participants')
    .set({ active: false, updated_at: new Date(), ...(at ? { membership_at: at } : {}) })
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .where('user_id', 'in', userIds)
    .where('source', '=', 'channel')
  if (at) query = query.where((eb) => eb.or([eb('membership_at', 'is', null), eb('membership_at', '<', at)]))
  await query.execute()
}

/**
 * The Lead takes people off the group: those added by hand stop being participants; channel
 * members are left alone (they are participants while they are in the channel). Returns who was removed.
 */
export async function removeManualParticipants(db: Db, group: GroupRef, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return []
  const rows = await db
    .updateTable('participants')
    .set({ active: false, updated_at: new Date() })
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .where('user_id', 'in', userIds)
    .where('source', '=', 'manual')
    .where('active', '=', true)
    .returning('user_id')
    .execute()
  return rows.map((r) => r.user_id)
}

/** Makes channel-sourced participants exactly the channel's current members. */
export async function syncChannelParticipants(db: Db, group: GroupRef, members: Member[]): Promise<number> {
  await addParticipants(db, group, members, 'channel')
  const current = new Set(members.map((m) => m.userId))
  const stale = (
    await db
      .selectFrom('participants')
      .select('user_id')
      .where(inScope(group))
      .where('work_group_id', '=', group.id)
      .where('source', '=', 'channel')
      .where('active', '=', true)
      .execute()
  )
    .map((r) => r.user_id)
    .filter((id) => !current.has(id))
  await removeChannelParticipants(db, group, stale)
  return current.size
}

export async function listParticipants(db: Db, group: GroupRef): Promise<Participant[]> {
  return (await listParticipantsOf(db, [group])).get(group.id) ?? []
}

/** Active participants of several groups at once, by group id. */
export async function listParticipantsOf(db: Db, groups: readonly GroupRef[]): Promise<Map<string, Participant[]>> {
  const byGroup = new Map<string, Participant[]>()
  if (groups.length === 0) return byGroup
  const rows = await db
    .selectFrom('participants')
    .select(['work_group_id', 'user_id', 'name', 'address', 'source'])
    .where(inScopes(groups))
    .where('work_group_id', 'in', [...new Set(groups.map((g) => g.id))])
    .where('active', '=', true)
    .orderBy('user_id')
    .execute()
  for (const r of rows) {
    const list = byGroup.get(r.work_group_id) ?? []
    list.push({
      userId: r.user_id,
      ...(r.name ? { name: r.name } : {}),
      ...(r.address !== null && r.address !== undefined ? { address: r.address } : {}),
      source: r.source,
    })
    byGroup.set(r.work_group_id, list)
  }
  return byGroup
}

export async function isParticipant(db: Db, group: GroupRef, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('participants')
    .select('user_id')
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .where('user_id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The Maths Hub of someone asking, as far as the workspace knows: the hub of the Work Group
 * whose channel they asked in, else the one hub of the groups they take part in or lead, else
 * the workspace's only hub. Undefined when that is not a single hub.
 */
export async function findAskersHub(db: Db, scope: Scope, who: { userId: string; conversationId: string }): Promise<{ id: string; name: string } | undefined> {
  const here = await findWorkGroupByConversation(db, scope, who.conversationId)
  if (here) return { id: here.hubId, name: here.hubName }
  const joined = await db
    .selectFrom('participants')
    .select('work_group_id')
    .where(inScope(scope))
    .where('user_id', '=', who.userId)
    .where('active', '=', true)
    .execute()
  const groupIds = joined.map((r) => r.work_group_id)
  const theirs = await selectWorkGroups(db)
    .where(inScope(scope, 'w'))
    .where((eb) => eb.or([eb('w.lead_user_id', '=', who.userId), ...(groupIds.length > 0 ? [eb('w.id', 'in', groupIds)] : [])]))
    .execute()
  const hubs = new Map(theirs.map((g) => [g.hub_id, g.hub_name]))
  if (hubs.size === 0) {
    const all = await db.selectFrom('hubs').select(['id', 'name']).where(inScope(scope)).limit(2).execute()
    for (const h of all) hubs.set(h.id, h.name)
  }
  const [only] = hubs
  return hubs.size === 1 && only ? { id: only[0], name: only[1] } : undefined
}

/** The workspace's hubs, by name. */
export async function listHubs(db: Db, scope: Scope): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('hubs').select(['id', 'name']).where(inScope(scope)).orderBy('name_key').execute()
}

/** A hub's Work Groups in one school year, oldest first: what the hub's evaluation covers. */
export async function listHubWorkGroups(db: Db, scope: Scope, hubId: string, schoolYear: string): Promise<WorkGroup[]> {
  const rows = await selectWorkGroups(db)
    .where(inScope(scope, 'w'))
    .where(inScope(scope, 'h'))
    .where('w.hub_id', '=', hubId)
    .where('w.school_year', '=', schoolYear)
    .orderBy('w.created_at')
    .execute()
  return rows.map(toWorkGroup)
}
