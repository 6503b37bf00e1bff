// The year's attendance for one Work Group: per person, how many confirmed registers marked
// them attended, apologised in time, apologised late or absent, and each session's mark, for
// the Lead's view and the spreadsheet (which show the same thing). Only confirmed registers
// count; sessions still waiting for one are listed apart.
import type { Db } from '../../db/database.js'
import { type AttendanceMark, listGroupMarks, listRegisteredSessions } from '../../domain/attendance.js'
import { listSessionsSince, type Session } from '../../domain/sessions.js'
import { listParticipants, type WorkGroup } from '../../domain/work-groups.js'
import { type Choice, choiceOf } from './register-marks.js'

export interface PersonYear {
  userId: string
  name?: string
  totals: Record<Choice, number>
  /** This person's mark by session id, for the sessions they were on the register for. */
  marks: Map<string, Choice>
}

export interface AttendanceYear {
  /** Sessions with a confirmed register, in order. */
  registered: Session[]
  /** Sessions that have ended without one, in order. */
  waiting: Session[]
  people: PersonYear[]
}

const noTotals = (): Record<Choice, number> => ({ attended: 0, apologised: 0, 'apologised-late': 0, absent: 0 })

/** Sums marks per person; everyone currently in the group appears, even with no marks yet. */
export function sumYear(group: WorkGroup, people: readonly { userId: string; name?: string }[], marks: readonly (AttendanceMark & { sessionId: string })[]): PersonYear[] {
  const byPerson = new Map<string, PersonYear>()
  const entry = (userId: string, name?: string) => {
    let found = byPerson.get(userId)
    if (!found) {
      found = { userId, ...(name ? { name } : {}), totals: noTotals(), marks: new Map() }
      byPerson.set(userId, found)
    }
    return found
  }
  for (const p of people) if (p.userId !== group.leadUserId) entry(p.userId, p.name)
  for (const m of marks) {
    const choice = choiceOf(m)
    const year = entry(m.userId)
    year.totals[choice] += 1
    year.marks.set(m.sessionId, choice)
  }
  return [...byPerson.values()].sort((a, b) => (a.name ?? a.userId).localeCompare(b.name ?? b.userId, 'en-GB'))
}

export async function loadAttendanceYear(db: Db, group: WorkGroup, now: Date): Promise<AttendanceYear> {
  const [sessions, registeredIds, marks, participants] = await Promise.all([
    listSessionsSince(db, group, new Date(0)),
    listRegisteredSessions(db, group),
    listGroupMarks(db, group),
    listParticipants(db, group),
  ])
  const held = sessions.filter((s) => !s.cancelledAt)
  return {
    registered: held.filter((s) => registeredIds.has(s.id)),
    waiting: held.filter((s) => !registeredIds.has(s.id) && s.endsAt <= now),
    people: sumYear(group, participants, marks),
  }
}
