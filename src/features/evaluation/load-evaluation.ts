// Loads everything the hub's evaluation needs in a fixed number of queries, however many Work
// Groups the hub has: its groups for the year, then their sessions, participants, marks,
// answers to the sessions and reflections, and the schools people gave, each set-based.
import type { Db } from '../../db/database.js'
import type { Scope } from '../../db/scope.js'
import { listMarksOfGroups } from '../../domain/attendance.js'
import { listReflectionFigures } from '../../domain/reflections.js'
import { listSchools } from '../../domain/schools.js'
import { listRsvps, listSessionsOf } from '../../domain/sessions.js'
import { listParticipantsOf, type WorkGroup } from '../../domain/work-groups.js'
import type { EvaluationRows } from './compute-evaluation.js'

/** The rows for these groups (all of one workspace), up to `now`. */
export async function loadEvaluationRows(db: Db, scope: Scope, groups: readonly WorkGroup[], now: Date): Promise<EvaluationRows> {
  const [sessions, participants, marks] = await Promise.all([listSessionsOf(db, groups), listParticipantsOf(db, groups), listMarksOfGroups(db, groups)])
  const held = sessions.filter((s) => !s.cancelledAt && s.endsAt <= now)
  const [rsvps, reflections] = await Promise.all([listRsvps(db, held), listReflectionFigures(db, held)])
  const people = new Set([...participants.values()].flatMap((list) => list.map((p) => p.userId)))
  for (const m of marks) people.add(m.userId)
  const schools = await listSchools(db, scope, [...people])
  const apologies = new Map([...rsvps].map(([sessionId, answers]) => [sessionId, new Set(answers.filter((a) => a.status === 'apologies').map((a) => a.userId))]))
  return { groups, sessions, participants, apologies, reflections, marks, schools, now }
}
