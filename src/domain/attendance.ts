// The attendance register: who attended each session, who sent apologies (in time or late) and
// who was absent, as the Lead confirmed it. One row per person and session, corrected in place
// with who changed it and when; one register row per session carries the version a button or
// form names, so a stale or repeated submission changes nothing. Who may read or change it is
// decided by the callers; this module only stores. Kept in the domain because erasure and the
// hub's evaluation across Work Groups read it as well as the attendance feature.
// It also keeps the "I’m here" check-ins people make during a session, which pre-fill the register.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { AttendanceStatus } from '../db/schema.js'
import { inScope, inScopes, type Scope, scopeColumns } from '../db/scope.js'
import type { GroupRef } from './work-groups.js'

export type { AttendanceStatus }

/** One person's mark: for apologies, `late` says they came after the hub's notice period. */
export interface AttendanceMark {
  userId: string
  status: AttendanceStatus
  late: boolean
}

export interface Register {
  sessionId: string
  confirmedBy: string
  confirmedAt: Date
  updatedBy: string
  updatedAt: Date
  /** Counts saves: a button or form names the version it saw (0: not yet confirmed). */
  version: number
}

export type SessionRef = Scope & { id: string; workGroupId: string }

export async function findRegister(db: Db, session: Scope & { id: string }): Promise<Register | undefined> {
  const row = await db.selectFrom('attendance_registers').selectAll().where(inScope(session)).where('session_id', '=', session.id).executeTakeFirst()
  return row
    ? {
        sessionId: row.session_id,
        confirmedBy: row.confirmed_by,
        confirmedAt: new Date(row.confirmed_at),
        updatedBy: row.updated_by,
        updatedAt: new Date(row.updated_at),
        version: Number(row.version),
      }
    : undefined
}

/** The register's marks for one session, by user id. */
export async function listMarks(db: Db, session: Scope & { id: string }): Promise<Map<string, AttendanceMark & { recordedBy: string; recordedAt: Date }>> {
  const rows = await db.selectFrom('attendance').selectAll().where(inScope(session)).where('session_id', '=', session.id).execute()
  return new Map(rows.map((r) => [r.user_id, { userId: r.user_id, status: r.status, late: r.late, recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at) }]))
}

/** Every mark in the group's confirmed registers, for the year's totals. */
export async function listGroupMarks(db: Db, group: GroupRef): Promise<(AttendanceMark & { sessionId: string })[]> {
  const rows = await db
    .selectFrom('attendance')
    .select(['session_id', 'user_id', 'status', 'late'])
    .where(inScope(group))
    .where('work_group_id', '=', group.id)
    .execute()
  return rows.map((r) => ({ sessionId: r.session_id, userId: r.user_id, status: r.status, late: r.late }))
}

/** Which of the group's sessions have a confirmed register. */
export async function listRegisteredSessions(db: Db, group: GroupRef): Promise<Set<string>> {
  const rows = await db.selectFrom('attendance_registers').select('session_id').where(inScope(group)).where('work_group_id', '=', group.id).execute()
  return new Set(rows.map((r) => r.session_id))
}

/**
 * Saves the register: confirms it (`editing` 0) or corrects it (`editing` the version the
 * Lead saw). Only marks that differ are written, with who and when; the others keep theirs.
 * A register that moved on since (confirmed twice, an older form, a second device) is 'stale'
 * and nothing changes. Run it in a transaction: the version and the marks go together.
 */
export async function saveRegister(db: Db, session: SessionRef, marks: readonly AttendanceMark[], by: string, now: Date, editing: number): Promise<{ changed: AttendanceMark[] } | 'stale'> {
  const claimed =
    editing === 0
      ? await db
          .insertInto('attendance_registers')
          .values({ ...scopeColumns(session), session_id: session.id, work_group_id: session.workGroupId, confirmed_by: by, confirmed_at: now, updated_by: by, updated_at: now })
          .onConflict((oc) => oc.column('session_id').doNothing())
          .returning('version')
          .executeTakeFirst()
      : await db
          .updateTable('attendance_registers')
          .set({ updated_by: by, updated_at: now, version: sql<number>`version + 1` })
          .where(inScope(session))
          .where('session_id', '=', session.id)
          .where('version', '=', editing)
          .returning('version')
          .executeTakeFirst()
  if (!claimed) return 'stale'
  if (marks.length === 0) return { changed: [] }
  const changed = await db
    .insertInto('attendance')
    .values(
      marks.map((m) => ({
        ...scopeColumns(session),
        session_id: session.id,
        work_group_id: session.workGroupId,
        user_id: m.userId,
        status: m.status,
        late: m.status === 'apologised' && m.late,
        recorded_by: by,
        recorded_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['session_id', 'user_id'])
        .doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), late: eb.ref('excluded.late'), recorded_by: eb.ref('excluded.recorded_by'), recorded_at: eb.ref('excluded.recorded_at') }))
        .where((eb) => eb.or([eb('attendance.status', '!=', eb.ref('excluded.status')), eb('attendance.late', '!=', eb.ref('excluded.late'))])),
    )
    .returning(['user_id', 'status', 'late'])
    .execute()
  return { changed: changed.map((r) => ({ userId: r.user_id, status: r.status, late: r.late })) }
}

/**
 * Records the person's "I'm here" at the session. The first check-in's time is kept: a second
 * tap (or a replay) changes nothing and says when the first was. `first` is false then.
 */
export async function recordCheckIn(db: Db, session: SessionRef, userId: string, at: Date): Promise<{ at: Date; first: boolean }> {
  const inserted = await db
    .insertInto('session_check_ins')
    .values({ ...scopeColumns(session), session_id: session.id, work_group_id: session.workGroupId, user_id: userId, checked_in_at: at })
    .onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
    .returning('checked_in_at')
    .executeTakeFirst()
  if (inserted) return { at: new Date(inserted.checked_in_at), first: true }
  const kept = await db
    .selectFrom('session_check_ins')
    .select('checked_in_at')
    .where(inScope(session))
    .where('session_id', '=', session.id)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return { at: new Date(kept.checked_in_at), first: false }
}

/** Who checked in to each of these sessions, and when, by session id and then user id. */
export async function listCheckIns(db: Db, sessions: readonly (Scope & { id: string })[]): Promise<Map<string, Map<string, Date>>> {
  const bySession = new Map<string, Map<string, Date>>()
  if (sessions.length === 0) return bySession
  const rows = await db
    .selectFrom('session_check_ins')
    .select(['session_id', 'user_id', 'checked_in_at'])
    .where(inScopes(sessions))
    .where('session_id', 'in', sessions.map((s) => s.id))
    .execute()
  for (const r of rows) {
    const people = bySession.get(r.session_id) ?? new Map<string, Date>()
    people.set(r.user_id, new Date(r.checked_in_at))
    bySession.set(r.session_id, people)
  }
  return bySession
}

/**
 * Every mark in the confirmed registers of several groups at once, with its group: the hub's
 * evaluation reads a year of registers across all its Work Groups in one query.
 */
export async function listMarksOfGroups(db: Db, groups: readonly GroupRef[]): Promise<(AttendanceMark & { sessionId: string; workGroupId: string })[]> {
  if (groups.length === 0) return []
  const rows = await db
    .selectFrom('attendance as a')
    .innerJoin('attendance_registers as r', 'r.session_id', 'a.session_id')
    .select(['a.session_id', 'a.work_group_id', 'a.user_id', 'a.status', 'a.late'])
    .where(inScopes(groups, 'a'))
    .where(inScopes(groups, 'r'))
    .where('a.work_group_id', 'in', [...new Set(groups.map((g) => g.id))])
    .execute()
  return rows.map((r) => ({ sessionId: r.session_id, workGroupId: r.work_group_id, userId: r.user_id, status: r.status, late: r.late }))
}
