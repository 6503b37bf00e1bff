// The hub's evaluation across its Work Groups, computed from rows already loaded: per project,
// by session number (each group's 1st, 2nd, … session that took place, by start, cancelled ones
// left out), the response rate, the ratings and attendance; attendance per school; and themes.
//
// What an administrator may see of reflections follows the collate rules (collate-reflections.ts):
// 'lead' answers, and 'anonymised' ones only where a session had at least MIN_ANONYMISED of them;
// 'me' answers are counted in the response rate and never read for anything else.
//
// No figure comes from fewer than MIN_PEOPLE people. A plain threshold on each figure shown is
// not enough, because figures can be subtracted from one another (a project's total minus the
// schools shown is the school held back; a session's figure across groups minus another view of
// the same groups is the small group). What this guards against, and how:
// - Differencing totals against parts. Suppression is decided on the smallest units, not on the
//   figures: a group's session (its visible answers, its register) and a school. A unit below the
//   threshold is left out of EVERY figure, so every figure shown (a session cell, a school, a
//   total) is a sum of the same included units, and no difference of shown figures contains an
//   excluded unit.
// - Attendance sliced two ways (by session number and by school) over the same marks. The
//   included marks are settled first by repeating both rules until neither removes anything
//   (a school falls below five once small registers go, and a register once small schools go),
//   so both slicings add up over exactly the same people.
// - Small schools: they are pooled as "other schools" (with those who gave none), shown only when
//   the pool itself reaches the threshold; otherwise their people are left out everywhere.
// - Response rates are counts of who reflected, which say nothing about what anyone wrote (the
//   Lead's own view shows them); a session cell's rate is still shown only for five or more.
// Not guarded: comparing two runs over time (a figure before and after one more reflection), and
// a school and a session cell that happen to cover the same few people in a very lopsided year.
import { answerText, MIN_ANONYMISED, type RatingSummary, summariseRatings } from '../../domain/collate-reflections.js'
import type { AttendanceMark } from '../../domain/attendance.js'
import { reflectionThemes, type Theme } from '../../domain/reflection-themes.js'
import type { ReflectionFigure } from '../../domain/reflections.js'
import type { Session } from '../../domain/sessions.js'
import type { Participant, WorkGroup } from '../../domain/work-groups.js'

/** No figure is computed from fewer people than this. */
export const MIN_PEOPLE = 5

export interface EvaluationRows {
  groups: readonly WorkGroup[]
  /** The groups' sessions, cancelled ones included (they are left out here). */
  sessions: readonly Session[]
  /** Active participants, by group id. */
  participants: ReadonlyMap<string, readonly Participant[]>
  /** Who sent apologies, by session id. */
  apologies: ReadonlyMap<string, ReadonlySet<string>>
  reflections: ReadonlyMap<string, readonly ReflectionFigure[]>
  /** Marks from confirmed registers. */
  marks: readonly (AttendanceMark & { sessionId: string; workGroupId: string })[]
  /** Schools people gave, by user id (`key` groups spellings of one school). */
  schools: ReadonlyMap<string, { school: string; key: string }>
  /** Only sessions that have ended by now count. */
  now: Date
}

export interface Rate {
  count: number
  outOf: number
}

export interface SessionCell {
  /** 1 for each group's first session, and so on. */
  number: number
  /** Groups that have held a session with this number. */
  groups: number
  /** Reflected (whatever they chose) of expected; undefined when fewer than MIN_PEOPLE were expected. */
  response?: Rate
  /** Undefined when no group's visible answers reached MIN_PEOPLE. */
  ratings?: RatingSummary
  /** Attended of marked, in included registers; undefined when none. */
  attendance?: Rate
}

export interface SchoolFigure {
  /** As the first of its people wrote it; undefined for the pool of small schools and no school given. */
  school?: string
  /** For the pool: how many small schools it holds, and how many people in it gave no school. */
  pooled?: { schools: number; withoutSchool: number }
  people: number
  attendance: Rate
}

export interface ProjectEvaluation {
  projectId: string
  projectTitle: string
  groups: number
  participants: number
  sessions: SessionCell[]
  /** Schools with MIN_PEOPLE or more people, by name, then the pool of the rest if it is big enough. */
  schools: SchoolFigure[]
  /** People on registers whose attendance is in no figure (small schools or registers). */
  attendanceLeftOut: number
  /** Undefined when the visible answers come from fewer than MIN_PEOPLE people. */
  themes?: Theme[]
  /** Texts of the visible answers the figures used (for an optional summary), never 'me' ones. */
  visibleTexts: string[]
  /** Reflections in no rating or theme: 'me' ones, held-back anonymised ones, and small groups' sessions. */
  answersLeftOut: number
}

interface Unit {
  group: WorkGroup
  session: Session
  number: number
}

export function computeEvaluation(rows: EvaluationRows): ProjectEvaluation[] {
  const byProject = new Map<string, WorkGroup[]>()
  for (const g of rows.groups) byProject.set(g.projectId, [...(byProject.get(g.projectId) ?? []), g])
  const units = numberSessions(rows)
  return [...byProject.values()]
    .map((groups) => evaluateProject(groups, units.filter((u) => groups.includes(u.group)), rows))
    .sort((a, b) => a.projectTitle.localeCompare(b.projectTitle, 'en-GB'))
}

/** Each group's sessions that took place (ended, not cancelled), numbered by start. */
function numberSessions(rows: EvaluationRows): Unit[] {
  const groups = new Map(rows.groups.map((g) => [g.id, g]))
  const held = rows.sessions.filter((s) => !s.cancelledAt && s.endsAt <= rows.now && groups.has(s.workGroupId))
  held.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
  const counters = new Map<string, number>()
  return held.map((session) => {
    const number = (counters.get(session.workGroupId) ?? 0) + 1
    counters.set(session.workGroupId, number)
    return { group: groups.get(session.workGroupId)!, session, number }
  })
}

function evaluateProject(groups: WorkGroup[], units: Unit[], rows: EvaluationRows): ProjectEvaluation {
  const numbers = [...new Set(units.map((u) => u.number))].sort((a, b) => a - b)
  const visibleTexts: string[] = []
  const visiblePeople = new Set<string>()
  let answersLeftOut = 0
  const cells: SessionCell[] = numbers.map((number) => {
    const here = units.filter((u) => u.number === number)
    let expected = 0
    let responded = 0
    const ratings: number[] = []
    for (const { group, session } of here) {
      const apologies = rows.apologies.get(session.id) ?? new Set<string>()
      const reflections = rows.reflections.get(session.id) ?? []
      expected += (rows.participants.get(group.id) ?? []).filter((p) => p.userId !== group.leadUserId && !apologies.has(p.userId)).length
      responded += reflections.length
      const visible = visibleOf(reflections)
      // A group's session with fewer visible answers than the threshold is in no figure at all.
      if (visible.length < MIN_PEOPLE) {
        answersLeftOut += reflections.length
        continue
      }
      answersLeftOut += reflections.length - visible.length
      for (const r of visible) {
        ratings.push(r.rating)
        visiblePeople.add(r.userId)
        const text = answerText({ ...(r.tryInClass ? { tryInClass: r.tryInClass } : {}), ...(r.noticed ? { noticed: r.noticed } : {}) })
        if (text) visibleTexts.push(text)
      }
    }
    const outOf = Math.max(expected, responded)
    const summary = summarise(ratings)
    return { number, groups: here.length, ...(outOf >= MIN_PEOPLE ? { response: { count: responded, outOf } } : {}), ...(summary ? { ratings: summary } : {}) }
  })

  const sessionNumbers = new Map(units.map((u) => [u.session.id, u.number]))
  const { marks, schools } = includedAttendance(
    rows.marks.filter((m) => sessionNumbers.has(m.sessionId)),
    rows.schools,
  )
  for (const cell of cells) {
    const here = marks.filter((m) => sessionNumbers.get(m.sessionId) === cell.number)
    if (here.length > 0) cell.attendance = { count: here.filter((m) => m.status === 'attended').length, outOf: here.length }
  }
  const onRegisters = new Set(rows.marks.filter((m) => sessionNumbers.has(m.sessionId)).map((m) => m.userId))
  const counted = new Set(marks.map((m) => m.userId))
  const participants = new Set(groups.flatMap((g) => (rows.participants.get(g.id) ?? []).filter((p) => p.userId !== g.leadUserId).map((p) => p.userId)))
  return {
    projectId: groups[0]!.projectId,
    projectTitle: groups[0]!.projectTitle,
    groups: groups.length,
    participants: participants.size,
    sessions: cells,
    schools,
    attendanceLeftOut: [...onRegisters].filter((id) => !counted.has(id)).length,
    ...(visiblePeople.size >= MIN_PEOPLE ? { themes: reflectionThemes(visibleTexts) } : {}),
    visibleTexts: visiblePeople.size >= MIN_PEOPLE ? visibleTexts : [],
    answersLeftOut,
  }
}

/** The answers the collate rules let an administrator read: named ones, and anonymised ones in a crowd. */
function visibleOf(reflections: readonly ReflectionFigure[]): ReflectionFigure[] {
  const anonymised = reflections.filter((r) => r.visibility === 'anonymised')
  return [...reflections.filter((r) => r.visibility === 'lead'), ...(anonymised.length >= MIN_ANONYMISED ? anonymised : [])]
}

type Mark = AttendanceMark & { sessionId: string; workGroupId: string }

/**
 * The marks every attendance figure is computed from, and the schools shown: repeated until
 * stable, dropping registers (a group's session) with fewer than MIN_PEOPLE marks and schools
 * with fewer than MIN_PEOPLE people (pooled, and the pool dropped when it is small too).
 */
function includedAttendance(all: readonly Mark[], schools: EvaluationRows['schools']): { marks: Mark[]; schools: SchoolFigure[] } {
  let marks = [...all]
  for (;;) {
    const bySession = countBy(marks, (m) => m.sessionId, (m) => m.userId)
    const bigRegisters = marks.filter((m) => (bySession.get(m.sessionId)?.size ?? 0) >= MIN_PEOPLE)
    const units = schoolUnits(bigRegisters, schools)
    const kept = bigRegisters.filter((m) => units.included.has(unitOf(m.userId, schools, units.big)))
    if (kept.length === marks.length) return { marks, schools: schoolFigures(marks, schools, units.big) }
    marks = kept
  }
}

const POOL = '\u0000pool'

function unitOf(userId: string, schools: EvaluationRows['schools'], big: ReadonlySet<string>): string {
  const key = schools.get(userId)?.key
  return key && big.has(key) ? key : POOL
}

/** Schools with enough people, and which units (those schools and maybe the pool) are in the figures. */
function schoolUnits(marks: readonly Mark[], schools: EvaluationRows['schools']): { big: Set<string>; included: Set<string> } {
  const people = countBy(marks, (m) => schools.get(m.userId)?.key ?? '', (m) => m.userId)
  const big = new Set([...people].filter(([key, who]) => key !== '' && who.size >= MIN_PEOPLE).map(([key]) => key))
  const pooled = new Set(marks.filter((m) => unitOf(m.userId, schools, big) === POOL).map((m) => m.userId))
  return { big, included: new Set([...big, ...(pooled.size >= MIN_PEOPLE ? [POOL] : [])]) }
}

function schoolFigures(marks: readonly Mark[], schools: EvaluationRows['schools'], big: ReadonlySet<string>): SchoolFigure[] {
  const byUnit = new Map<string, Mark[]>()
  for (const m of marks) {
    const unit = unitOf(m.userId, schools, big)
    const list = byUnit.get(unit) ?? []
    list.push(m)
    byUnit.set(unit, list)
  }
  const figures = [...byUnit].map(([unit, here]): SchoolFigure => {
    const people = new Set(here.map((m) => m.userId))
    const attendance = { count: here.filter((m) => m.status === 'attended').length, outOf: here.length }
    if (unit !== POOL) return { school: schools.get(here[0]!.userId)!.school, people: people.size, attendance }
    const keys = new Set([...people].flatMap((id) => (schools.get(id) ? [schools.get(id)!.key] : [])))
    const withoutSchool = [...people].filter((id) => !schools.has(id)).length
    return { pooled: { schools: keys.size, withoutSchool }, people: people.size, attendance }
  })
  return figures.sort((a, b) => (a.school === undefined ? 1 : b.school === undefined ? -1 : a.school.localeCompare(b.school, 'en-GB')))
}

function countBy<T>(items: readonly T[], key: (item: T) => string, who: (item: T) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const item of items) {
    const k = key(item)
    const set = out.get(k) ?? new Set<string>()
    set.add(who(item))
    out.set(k, set)
  }
  return out
}

/** The ratings' summary, only from five or more people. */
function summarise(ratings: readonly number[]): RatingSummary | undefined {
  const summary = summariseRatings(ratings)
  return summary && summary.total >= MIN_PEOPLE ? summary : undefined
}
