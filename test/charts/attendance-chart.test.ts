// The chart in the Lead's year view, as data: only from two registers on; turnout is attended
// of those marked, sessions without ratings say so, and a long year shows its latest twelve,
// saying so in the words.
import { describe, expect, it } from 'vitest'
import type { Block } from '../../src/core/messages.js'
import type { Session } from '../../src/domain/sessions.js'
import type { WorkGroup } from '../../src/domain/work-groups.js'
import { sumYear } from '../../src/features/attendance/attendance-year.js'
import { renderAttendanceYear } from '../../src/features/attendance/render-attendance.js'

const group: WorkGroup = {
  id: '00000000-0000-0000-0000-00000000000a',
  platform: 'slack',
  workspaceId: 'T1',
  conversationId: 'C1',
  hubId: 'h',
  hubName: 'Matrix Maths Hub',
  projectId: 'p',
  projectTitle: 'Mastery Readiness',
  schoolYear: '2026/27',
  leadUserId: 'U0LEAD',
  reminderOffsets: [],
  calendarToken: 'x',
  reflectionDelayMinutes: 15,
  version: 1,
}
const sessions: Session[] = Array.from({ length: 14 }, (_, i) => ({
  id: `s${i}`,
  platform: 'slack',
  workspaceId: 'T1',
  workGroupId: group.id,
  startsAt: new Date(Date.UTC(2026, 8, 7 + i * 7, 16)),
  endsAt: new Date(Date.UTC(2026, 8, 7 + i * 7, 17)),
}))
const people = ['U1', 'U2', 'U3', 'U4'].map((userId) => ({ userId, name: userId }))
// Session i: the first (i % 4) + 1 attended, the rest absent.
const marks = sessions.flatMap((s, i) => people.map((p, j) => ({ userId: p.userId, sessionId: s.id, status: j <= i % 4 ? ('attended' as const) : ('absent' as const), late: false })))
const view = (registered: Session[], ratings?: Map<string, number>) =>
  renderAttendanceYear(group, { registered, waiting: [], people: sumYear(group, people, marks.filter((m) => registered.some((s) => s.id === m.sessionId))), bySchool: [], ...(ratings ? { ratings } : {}) }, 'Europe/London', true)
const chartOf = (blocks: Block[]) => blocks.find((b): b is Extract<Block, { type: 'chart' }> => b.type === 'chart')

describe('the chart in the year’s view', () => {
  it('is not there with one register', () => {
    expect(chartOf(view(sessions.slice(0, 1)).blocks)).toBeUndefined()
  })

  it('from two: turnout per session, ratings where there are any, the same numbers in words', () => {
    const message = view(sessions.slice(0, 2), new Map([['s1', 4.2]]))
    const chart = chartOf(message.blocks)!
    expect(chart.chart.points).toEqual([
      { label: '7 Sep', turnout: 0.25 },
      { label: '14 Sep', turnout: 0.5, rating: 4.2 },
    ])
    expect(chart.alt).toBe('Turnout and rating by session: 7 Sep 1 of 4 attended, no ratings to show; 14 Sep 2 of 4 attended, rated 4.2 on average.')
    expect(message.blocks[message.blocks.indexOf(chart) + 1]).toEqual({ type: 'context', text: chart.alt })
  })

  it('shows the latest twelve of a longer year, and says so', () => {
    const chart = chartOf(view(sessions).blocks)!
    expect(chart.chart.points).toHaveLength(12)
    expect(chart.chart.points[0]!.label).toBe('21 Sep')
    expect(chart.alt).toMatch(/^Turnout and rating by session \(the latest 12\): 21 Sep 3 of 4 attended/)
    expect(chart.alt.length).toBeLessThan(2000)
  })
})
