// The register and the year's view stay within both platforms' limits for a large group, with
// nobody dropped: long lists split into several sections instead of one that Slack refuses.
import { describe, expect, it } from 'vitest'
import { MESSAGE_LIMITS } from '../../src/core/messages.js'
import type { Session } from '../../src/domain/sessions.js'
import type { WorkGroup } from '../../src/domain/work-groups.js'
import { sumSchools, sumYear } from '../../src/features/attendance/attendance-year.js'
import { renderAttendanceYear } from '../../src/features/attendance/render-attendance.js'
import { renderRegister } from '../../src/features/attendance/render-register.js'

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
const session: Session = { id: '00000000-0000-0000-0000-00000000000b', platform: 'slack', workspaceId: 'T1', workGroupId: group.id, startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z') }
const people = Array.from({ length: 300 }, (_, i) => ({ userId: `U${String(i).padStart(6, '0')}`, name: `Participant with a rather long name number ${i}` }))

const withinLimits = (blocks: any[]) => {
  expect(blocks.length).toBeLessThanOrEqual(MESSAGE_LIMITS.blocks)
  for (const block of blocks) if (block.type === 'text') expect(block.text.length).toBeLessThanOrEqual(MESSAGE_LIMITS.textLength)
}

describe('a large group', () => {
  it('the register names all 300 people in sections within the limits', () => {
    const message = renderRegister(group, session, 'Europe/London', { people: people.map((p, i) => ({ ...p, status: i % 3 === 0 ? 'absent' : 'attended', late: false })), names: new Map() })
    withinLimits(message.blocks)
    const text = JSON.stringify(message.blocks)
    for (const p of people) expect(text).toContain(`mention:${p.userId}`)
    expect(message.text).toBe('Register for Wed 4 Nov 16:00: 200 attended, 0 apologised, 100 absent. Confirm it in one tap.')
  })

  it('the year’s view keeps one line per person within the limits', () => {
    const marks = people.map((p) => ({ userId: p.userId, sessionId: session.id, status: 'attended' as const, late: false }))
    const year = sumYear(group, people, marks)
    const message = renderAttendanceYear(group, { registered: [session], waiting: [], people: year, bySchool: sumSchools(year, new Map()) }, 'Europe/London', true)
    withinLimits(message.blocks)
    expect(JSON.stringify(message.blocks).match(/1 of 1 attended/g)).toHaveLength(300)
  })
})
