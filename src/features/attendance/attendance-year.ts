// The year's attendance for one Work Group: per person, how many confirmed registers marked
// them attended, apologised in time, apologised late or absent, and each session's mark, for
// the Lead's view and the spreadsheet (which show the same thing). Only confirmed registers
// count; sessions still waiting for one are listed apart.
import type { Db } from '../../db/database.js'
import { type AttendanceMark, listGroupMarks, listRegisteredSessions } from '../../domain/attendance.js'
import { collateReflections } from '../../domain/collate-reflections.js'
import { listReflectionsOn } from '../../domain/reflections.js'
import { listSchools } from '../../domain/schools.js'
import { listSessionsSince, type Session } from '../../domain/sessions.js'
import { listParticipants, type WorkGroup } from '../../domain/work-groups.js'
import { type Choice, choiceOf } from './register-marks.js'

export interface PersonYear {
  userId: string
  name?: string
  school?: string
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
  /** Totals per school, once anyone has given one; those who have not are last, without a name. */
  bySchool: SchoolYear[]
  /**
   * The average rating of each registered session, by session id, over the reflections the Lead
   * may see (collateReflections: named ones, and anonymised ones once there are enough); a
   * session with none has no entry.
   */
  ratings?: ReadonlyMap<string, number>
}

export interface SchoolYear {
  /** As the first of its people wrote it; absent for those who gave none. */
  school?: string
  people: PersonYear[]
  totals: Record<Choice, number>
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
  const people = sumYear(group, participants, marks)
  const schools = await listSchools(db, group, people.map((p) => p.userId))
  for (const p of people) {
    const school = schools.get(p.userId)?.school
    if (school) p.school = school
  }
  const registered = held.filter((s) => registeredIds.has(s.id))
  return {
    registered,
    waiting: held.filter((s) => !registeredIds.has(s.id) && s.endsAt <= now),
    people,
    bySchool: sumSchools(people, new Map([...schools].map(([userId, s]) => [userId, s.key]))),
    ratings: await visibleRatings(db, registered),
  }
}

async function visibleRatings(db: Db, sessions: readonly Session[]): Promise<Map<string, number>> {
  const ratings = new Map<string, number>()
  for (const [sessionId, reflections] of await listReflectionsOn(db, sessions)) {
    // Names only order what is shown; the mean needs none.
    const mean = collateReflections({ reflections, names: new Map(), expected: 0 }).ratings?.mean
    if (mean !== undefined) ratings.set(sessionId, mean)
  }
  return ratings
}

/** People's totals added up by school (by its key, so spellings of one school meet), by name. */
export function sumSchools(people: readonly PersonYear[], keys: ReadonlyMap<string, string>): SchoolYear[] {
  if (keys.size === 0) return []
  const bySchool = new Map<string, SchoolYear>()
  for (const p of people) {
    const key = keys.get(p.userId) ?? ''
    const entry = bySchool.get(key) ?? { ...(key && p.school ? { school: p.school } : {}), people: [], totals: noTotals() }
    entry.people.push(p)
    for (const choice of Object.keys(entry.totals) as Choice[]) entry.totals[choice] += p.totals[choice]
    bySchool.set(key, entry)
  }
  return [...bySchool.values()].sort((a, b) => (a.school === undefined ? 1 : b.school === undefined ? -1 : a.school.localeCompare(b.school, 'en-GB')))
}
