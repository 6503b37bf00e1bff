// The evaluation's figures without a database: session numbering, the collate rules for what an
// administrator may read, and the threshold of five applied to units (a group's session, a
// register, a school) so that no difference of figures shown gives away a unit held back.
import { describe, expect, it } from 'vitest'
import type { Reflection } from '../../src/domain/reflections.js'
import type { Session } from '../../src/domain/sessions.js'
import type { Participant, WorkGroup } from '../../src/domain/work-groups.js'
import { computeEvaluation, type EvaluationRows } from '../../src/features/evaluation/compute-evaluation.js'
import { evaluationChartSeries } from '../../src/features/evaluation/evaluation-chart.js'
import { matchProjects, readSchoolYear, schoolYearOf, takeHubName } from '../../src/features/evaluation/evaluation-args.js'

const NOW = new Date('2026-12-10T09:00:00Z')
const group = (id: string, projectId = 'p', projectTitle = 'Mastery Readiness'): WorkGroup => ({
  id, platform: 'slack', workspaceId: 'T1', conversationId: `C${id}`, hubId: 'h', hubName: 'Hub', projectId, projectTitle, schoolYear: '2026/27',
  leadUserId: 'LEAD', reminderOffsets: [], calendarToken: 'x', reflectionDelayMinutes: 30, version: 1,
})
const session = (id: string, workGroupId: string, day: number, extra: Partial<Session> = {}): Session => ({
  id, platform: 'slack', workspaceId: 'T1', workGroupId, startsAt: new Date(Date.UTC(2026, 9, day, 16)), endsAt: new Date(Date.UTC(2026, 9, day, 17)), ...extra,
})
const people = (prefix: string, n: number): Participant[] => Array.from({ length: n }, (_, i) => ({ userId: `${prefix}${i}`, source: 'channel' }))
const reflection = (sessionId: string, workGroupId: string, userId: string, rating: number, visibility: Reflection['visibility'], text = 'Bar models'): Reflection => ({
  sessionId, workGroupId, userId, rating, visibility, tryInClass: text, submittedAt: NOW, updatedAt: NOW, version: 1,
})
const rows = (over: Partial<EvaluationRows>): EvaluationRows => ({
  groups: [], sessions: [], participants: new Map(), apologies: new Map(), reflections: new Map(), marks: [], schools: new Map(), now: NOW, ...over,
})

describe('session numbers', () => {
  it('count each group’s sessions that took place, by start: cancelled and future ones are left out', () => {
    const g = group('g')
    const [project] = computeEvaluation(
      rows({
        groups: [g],
        sessions: [session('b', 'g', 14), session('a', 'g', 7), session('c', 'g', 10, { cancelledAt: NOW }), session('d', 'g', 60, { startsAt: new Date('2027-01-01'), endsAt: new Date('2027-01-01T01:00:00Z') })],
        participants: new Map([['g', people('u', 6)]]),
        reflections: new Map([['b', people('u', 6).map((p) => reflection('b', 'g', p.userId, 3, 'lead'))]]),
      }),
    )
    expect(project!.sessions.map((c) => [c.number, c.response?.count])).toEqual([
      [1, 0],
      [2, 6],
    ])
  })
})

describe('ratings', () => {
  it('use named answers, and anonymised ones only where five or more chose it; “me” answers count only as responses', () => {
    const g = group('g')
    const named = people('n', 5).map((p) => reflection('s', 'g', p.userId, 5, 'lead'))
    const me = reflection('s', 'g', 'm', 1, 'me', 'Private')
    const anon = people('a', 4).map((p) => reflection('s', 'g', p.userId, 1, 'anonymised', 'Anon'))
    const [project] = computeEvaluation(rows({ groups: [g], sessions: [session('s', 'g', 7)], participants: new Map([['g', people('x', 12)]]), reflections: new Map([['s', [...named, me, ...anon]]]) }))
    const cell = project!.sessions[0]!
    expect(cell.response).toEqual({ count: 10, outOf: 12 })
    expect(cell.ratings).toEqual({ counts: [0, 0, 0, 0, 5], total: 5, mean: 5 })
    expect(project!.visibleTexts.join()).not.toMatch(/Private|Anon/)
    expect(project!.answersLeftOut).toBe(5)
  })

  it('leave a group’s session with fewer than five readable answers out of every figure, so the pooled cell minus a big group gives nothing away', () => {
    const [big, small] = [group('big'), group('small')]
    const [project] = computeEvaluation(
      rows({
        groups: [big, small],
        sessions: [session('s1', 'big', 7), session('s2', 'small', 8)],
        participants: new Map([['big', people('b', 6)], ['small', people('s', 4)]]),
        reflections: new Map([
          ['s1', people('b', 6).map((p) => reflection('s1', 'big', p.userId, 4, 'lead'))],
          ['s2', people('s', 4).map((p) => reflection('s2', 'small', p.userId, 1, 'lead', 'Small words'))],
        ]),
      }),
    )
    // Exactly the big group's figures: nothing of the small group's four can be worked out.
    expect(project!.sessions[0]!.ratings).toEqual({ counts: [0, 0, 0, 6, 0], total: 6, mean: 4 })
    expect(project!.visibleTexts.join()).not.toContain('Small words')
    expect(project!.answersLeftOut).toBe(4)
  })

  it('hide the themes when fewer than five people’s answers can be read', () => {
    const g = group('g')
    const [project] = computeEvaluation(rows({ groups: [g], sessions: [session('s', 'g', 7)], participants: new Map([['g', people('u', 8)]]), reflections: new Map([['s', people('u', 4).map((p) => reflection('s', 'g', p.userId, 4, 'lead'))]]) }))
    expect(project!.themes).toBeUndefined()
    expect(project!.visibleTexts).toEqual([])
  })
})

describe('attendance', () => {
  const mark = (sessionId: string, workGroupId: string, userId: string, status: 'attended' | 'absent') => ({ sessionId, workGroupId, userId, status, late: false })

  it('is settled before it is shown: a small school goes, then the register it leaves below five, and the totals by session and by school agree', () => {
    const g = group('g')
    const six = people('u', 6).map((p) => p.userId)
    const schools = new Map<string, { school: string; key: string }>([
      ...six.slice(0, 5).map((id) => [id, { school: 'Oakfield', key: 'oakfield' }] as const),
      [six[5]!, { school: 'Tiny School', key: 'tiny' }],
    ])
    const [project] = computeEvaluation(
      rows({
        groups: [g],
        sessions: [session('s1', 'g', 7), session('s2', 'g', 14)],
        participants: new Map([['g', people('u', 6)]]),
        // Session 1: all six marked. Session 2: only Oakfield's four and Tiny's one: five marks,
        // but without Tiny (a school of one) only four, so the whole register goes.
        marks: [...six.map((id) => mark('s1', 'g', id, 'attended')), ...[...six.slice(0, 4), six[5]!].map((id) => mark('s2', 'g', id, id === six[0] ? 'absent' : 'attended'))],
        schools,
      }),
    )
    expect(project!.sessions.map((c) => c.attendance)).toEqual([{ count: 5, outOf: 5 }, undefined])
    expect(project!.schools).toEqual([{ school: 'Oakfield', people: 5, attendance: { count: 5, outOf: 5 } }])
    const bySession = project!.sessions.reduce((sum, c) => sum + (c.attendance?.outOf ?? 0), 0)
    const bySchool = project!.schools.reduce((sum, s) => sum + s.attendance.outOf, 0)
    expect(bySession).toBe(bySchool)
    expect(project!.attendanceLeftOut).toBe(1)
  })

  it('pools small schools with people who gave none, shown once the pool has five people', () => {
    const g = group('g')
    const ids = people('u', 5).map((p) => p.userId)
    const schools = new Map([[ids[0]!, { school: 'A', key: 'a' }], [ids[1]!, { school: 'B', key: 'b' }]])
    const [project] = computeEvaluation(rows({ groups: [g], sessions: [session('s', 'g', 7)], participants: new Map([['g', people('u', 5)]]), marks: ids.map((id) => mark('s', 'g', id, 'attended')), schools }))
    expect(project!.schools).toEqual([{ pooled: { schools: 2, withoutSchool: 3 }, people: 5, attendance: { count: 5, outOf: 5 } }])
  })
})

describe('the chart’s series', () => {
  it('has a point per session, without the figures held back', () => {
    const g = group('g')
    const ids = people('u', 5).map((p) => p.userId)
    const [project] = computeEvaluation(
      rows({
        groups: [g],
        sessions: [session('s1', 'g', 7), session('s2', 'g', 14)],
        participants: new Map([['g', people('u', 5)]]),
        reflections: new Map([['s1', ids.map((id, i) => reflection('s1', 'g', id, i < 2 ? 5 : 4, 'lead'))]]),
        marks: ids.map((id, i) => ({ sessionId: 's1', workGroupId: 'g', userId: id, status: i === 0 ? ('absent' as const) : ('attended' as const), late: false })),
      }),
    )
    expect(evaluationChartSeries(project!)).toEqual([{ label: 'Session 1', turnout: 0.8, rating: 4.4 }, { label: 'Session 2' }])
  })
})

describe('what follows “evaluation”', () => {
  it('reads a school year however it is written, and refuses one that is not', () => {
    expect(readSchoolYear('mastery 2026/27')).toEqual({ year: '2026/27', rest: 'mastery' })
    expect(readSchoolYear('2025-2026 mastery')).toEqual({ year: '2025/26', rest: 'mastery' })
    expect(readSchoolYear('mastery')).toEqual({ rest: 'mastery' })
    expect(readSchoolYear('2026/25')).toEqual({ problem: '“2026/25” is not a school year I can read: write it like 2026/27.' })
    expect(schoolYearOf(new Date('2026-08-31T12:00:00Z'), 'Europe/London')).toBe('2025/26')
    expect(schoolYearOf(new Date('2026-09-01T12:00:00Z'), 'Europe/London')).toBe('2026/27')
  })

  it('takes a hub’s name off the front, the longest first', () => {
    const hubs = [{ name: 'North' }, { name: 'North West Maths Hub' }]
    expect(takeHubName('north west maths hub mastery', hubs)).toEqual({ hub: hubs[1], rest: 'mastery' })
    expect(takeHubName('North', hubs)).toEqual({ hub: hubs[0], rest: '' })
    expect(takeHubName('mastery', hubs)).toBeUndefined()
  })

  it('matches project titles loosely, preferring an exact title', () => {
    const projects = [{ projectTitle: 'Mastery Readiness' }, { projectTitle: 'Mastery Readiness for Secondary' }, { projectTitle: 'Mathematical Thinking for GCSE' }]
    expect(matchProjects('mastery readiness', projects)).toEqual([projects[0]])
    expect(matchProjects('mastery ready', projects)).toEqual([projects[0], projects[1]])
    expect(matchProjects('maths gcse', projects)).toEqual([projects[2]])
    expect(matchProjects('geometry gcse', projects)).toEqual([])
    expect(matchProjects('', projects)).toEqual(projects)
  })
})
