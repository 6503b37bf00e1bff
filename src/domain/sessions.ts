// Sessions of a Work Group and who is coming to them.
import type { Platform } from '../core/events.js'
import type { Db } from '../db/database.js'
import { inScope, inScopes, type Scope, scopeColumns } from '../db/scope.js'
import type { GroupRef } from './work-groups.js'

export interface Session {
  id: string
  platform: Platform
  workspaceId: string
  workGroupId: string
  startsAt: Date
  endsAt: Date
  title?: string
  onlineUrl?: string
  place?: string
  prepare?: string
  gapTask?: string
  cancelledAt?: Date
}

export interface NewSession {
  startsAt: Date
  endsAt: Date
  title?: string | undefined
  onlineUrl?: string | undefined
  place?: string | undefined
  prepare?: string | undefined
  gapTask?: string | undefined
}

export type Rsvp = { userId: string; status: 'going' | 'apologies'; note?: string; late: boolean }

/**
 * Adds sessions; one already at the same start time is left as it is. Returns those added.
 * `createdAt` (the bot's clock) tells planning whether a reminder's time had already passed
 * when the session was added.
 */
export async function addSessions(db: Db, group: GroupRef, sessions: NewSession[], createdBy: string, createdAt: Date): Promise<Session[]> {
  if (sessions.length === 0) return []
  const rows = await db
    .insertInto('sessions')
    .values(
      sessions.map((s) => ({
        ...scopeColumns(group),
        work_group_id: group.id,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        title: s.title ?? null,
        online_url: s.onlineUrl ?? null,
        place: s.place ?? null,
        prepare: s.prepare ?? null,
        gap_task: s.gapTask ?? null,
        created_by: createdBy,
        created_at: createdAt,
      })),
    )
    .onConflict((oc) => oc.columns(['work_group_id', 'starts_at']).doNothing())
    .returningAll()
    .execute()
  return rows.map(toSession)
}

export async function findSession(db: Db, scope: Scope, id: string): Promise<Session | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
  const row = await db.selectFrom('sessions').selectAll().where(inScope(scope)).where('id', '=', id).executeTakeFirst()
  return row ? toSession(row) : undefined
}

/** Sessions still to come (not cancelled), soonest first. */
export async function listUpcomingSessions(db: Db, group: GroupRef, now: Date, limit = 10): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .where('ends_at', '>', now)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at')
    .limit(limit)
    .execute()
  return rows.map(toSession)
}

/** Every session of the group since `since`, cancelled ones included, in order. */
export async function listSessionsSince(db: Db, group: GroupRef, since: Date): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .where('starts_at', '>=', since)
    .orderBy('starts_at')
    .limit(500)
    .execute()
  return rows.map(toSession)
}

/** Sessions of the group that have started by `now` (not cancelled), latest first. */
export async function listStartedSessions(db: Db, group: GroupRef, now: Date, limit = 5): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .where('starts_at', '<=', now)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toSession)
}

/**
 * For each session, the group's session before it (not cancelled), by session id: what
 * people said they would try last time is carried into the next session's reminders.
 */
export async function previousSessions(db: Db, sessions: Session[]): Promise<Map<string, Session>> {
  const previous = new Map<string, Session>()
  if (sessions.length === 0) return previous
  const groupIds = [...new Set(sessions.map((s) => s.workGroupId))]
  const latest = new Date(Math.max(...sessions.map((s) => s.startsAt.getTime())))
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where(inScopes(sessions))
    .where('work_group_id', 'in', groupIds)
    .where('starts_at', '<', latest)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at', 'desc')
    .execute()
  const earlier = rows.map(toSession)
  for (const session of sessions) {
    const before = earlier.find((e) => e.workGroupId === session.workGroupId && e.startsAt < session.startsAt)
    if (before) previous.set(session.id, before)
  }
  return previous
}

/** For each session, its group's next session (not cancelled), by session id. */
export async function nextSessions(db: Db, sessions: Session[]): Promise<Map<string, Session>> {
  const next = new Map<string, Session>()
  if (sessions.length === 0) return next
  const earliest = new Date(Math.min(...sessions.map((s) => s.startsAt.getTime())))
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where(inScopes(sessions))
    .where('work_group_id', 'in', [...new Set(sessions.map((s) => s.workGroupId))])
    .where('starts_at', '>', earliest)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at')
    .execute()
  const later = rows.map(toSession)
  for (const session of sessions) {
    const after = later.find((l) => l.workGroupId === session.workGroupId && l.startsAt > session.startsAt)
    if (after) next.set(session.id, after)
  }
  return next
}

/** The group's next session (not cancelled) starting after `after`. */
export async function nextSessionAfter(db: Db, group: GroupRef, after: Date): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .where('starts_at', '>', after)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst()
  return row ? toSession(row) : undefined
}

/** Marks the session cancelled; false if it already was (so the notice goes out once). */
export async function markCancelled(db: Db, session: Scope & { id: string }, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ cancelled_at: at })
    .where(inScope(session))
    .where('id', '=', session.id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function saveRsvp(db: Db, session: Scope & { id: string }, rsvp: Rsvp, at: Date): Promise<void> {
  await db
    .insertInto('session_rsvps')
    .values({ ...scopeColumns(session), session_id: session.id, user_id: rsvp.userId, status: rsvp.status, note: rsvp.note ?? null, late: rsvp.late, answered_at: at })
    .onConflict((oc) =>
      oc.columns(['session_id', 'user_id']).doUpdateSet({ status: rsvp.status, note: rsvp.note ?? null, late: rsvp.late, answered_at: at }),
    )
    .execute()
}

/** Everyone's answers for these sessions, by session id. */
export async function listRsvps(db: Db, sessions: readonly (Scope & { id: string })[]): Promise<Map<string, Rsvp[]>> {
  const bySession = new Map<string, Rsvp[]>()
  if (sessions.length === 0) return bySession
  const rows = await db
    .selectFrom('session_rsvps')
    .selectAll()
    .where(inScopes(sessions))
    .where('session_id', 'in', sessions.map((s) => s.id))
    .execute()
  for (const row of rows) {
    bySession.set(row.session_id, [
      ...(bySession.get(row.session_id) ?? []),
      { userId: row.user_id, status: row.status, ...(row.note ? { note: row.note } : {}), late: row.late },
    ])
  }
  return bySession
}

export function toSession(row: {
  id: string
  platform: string
  workspace_id: string
  work_group_id: string
  starts_at: Date
  ends_at: Date
  title: string | null
  online_url: string | null
  place: string | null
  prepare: string | null
  gap_task: string | null
  cancelled_at: Date | null
}): Session {
  return {
    id: row.id,
    platform: row.platform as Platform,
    workspaceId: row.workspace_id,
    workGroupId: row.work_group_id,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    ...(row.title ? { title: row.title } : {}),
    ...(row.online_url ? { onlineUrl: row.online_url } : {}),
    ...(row.place ? { place: row.place } : {}),
    ...(row.prepare ? { prepare: row.prepare } : {}),
    ...(row.gap_task ? { gapTask: row.gap_task } : {}),
    ...(row.cancelled_at ? { cancelledAt: new Date(row.cancelled_at) } : {}),
  }
}

/** Every session of several groups at once (cancelled ones included), in order: for the hub's evaluation. */
export async function listSessionsOf(db: Db, groups: readonly GroupRef[]): Promise<Session[]> {
  if (groups.length === 0) return []
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where(inScopes(groups))
    .where('work_group_id', 'in', [...new Set(groups.map((g) => g.id))])
    .orderBy('work_group_id')
    .orderBy('starts_at')
    .execute()
  return rows.map(toSession)
}
