// Who missed a session, and how: the confirmed register is the truth (apologised or absent);
// before the Lead confirms one, the only thing known is who sent apologies. Read by the
// catch-up, which goes to the people who missed a session, for many sessions at once.
import type { Db } from '../db/database.js'
import { inScopes, type Scope } from '../db/scope.js'
import type { AttendanceStatus } from './attendance.js'

export interface SessionAbsences {
  /** The register's version when one is confirmed (it counts corrections), else undefined. */
  registerVersion?: number
  /** The register's marks, by user id (empty before it is confirmed). */
  marks: Map<string, AttendanceStatus>
  /** Who sent apologies (their RSVP), by user id. */
  apologies: Set<string>
}

/** For each session, its register and apologies; `userIds` narrows the marks and answers read. */
export async function listAbsences(db: Db, sessions: readonly (Scope & { id: string })[], userIds?: readonly string[]): Promise<Map<string, SessionAbsences>> {
  const bySession = new Map<string, SessionAbsences>(sessions.map((s) => [s.id, { marks: new Map(), apologies: new Set() }]))
  if (sessions.length === 0 || userIds?.length === 0) return bySession
  const ids = sessions.map((s) => s.id)
  let marks = db.selectFrom('attendance').select(['session_id', 'user_id', 'status']).where(inScopes(sessions)).where('session_id', 'in', ids)
  let apologies = db.selectFrom('session_rsvps').select(['session_id', 'user_id']).where(inScopes(sessions)).where('session_id', 'in', ids).where('status', '=', 'apologies')
  if (userIds) {
    marks = marks.where('user_id', 'in', [...userIds])
    apologies = apologies.where('user_id', 'in', [...userIds])
  }
  const [registers, markRows, apologyRows] = await Promise.all([
    db.selectFrom('attendance_registers').select(['session_id', 'version']).where(inScopes(sessions)).where('session_id', 'in', ids).execute(),
    marks.execute(),
    apologies.execute(),
  ])
  for (const r of registers) {
    const entry = bySession.get(r.session_id)
    if (entry) entry.registerVersion = Number(r.version)
  }
  for (const m of markRows) bySession.get(m.session_id)?.marks.set(m.user_id, m.status)
  for (const a of apologyRows) bySession.get(a.session_id)?.apologies.add(a.user_id)
  return bySession
}

/** How one person stood for a session, as far as is known. */
export type Absence = 'absent' | 'apologised' | 'attended' | 'unknown'

export function absenceOf(absences: SessionAbsences | undefined, userId: string): Absence {
  if (!absences) return 'unknown'
  if (absences.registerVersion !== undefined) return absences.marks.get(userId) ?? 'unknown'
  return absences.apologies.has(userId) ? 'apologised' : 'unknown'
}

export const missedIt = (absence: string): absence is 'absent' | 'apologised' => absence === 'absent' || absence === 'apologised'
