// The "add to calendar" link: `/workgroups sessions` offers the group's feed when the bot knows
// its public address, and the feed serves every session, cancelled ones marked so that
// subscribed calendars drop them.
import ICAL from 'ical.js'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions, markCancelled } from '../../src/domain/sessions.js'
import { findWorkGroup } from '../../src/domain/work-groups.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0CALENDAR'
const LEAD = 'U0LEAD'
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let token: string

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { PUBLIC_URL: 'https://bot.example.org/' } })
  const id = await seedWorkGroup(bot.db, {
    platform: 'slack',
    workspaceId: TEAM,
    conversationId: CHANNEL,
    leadUserId: LEAD,
    hub: 'Matrix Maths Hub',
    projectTitle: 'Teaching for Mastery Development',
  })
  token = (await findWorkGroup(bot.db, ref(id), id))!.calendarToken
  const [first, second] = await addSessions(bot.db, ref(id),
    [
      { startsAt: new Date('2026-11-16T16:00:00Z'), endsAt: new Date('2026-11-16T17:30:00Z'), title: 'Bar models', onlineUrl: 'https://meet.example.org/wg1', prepare: 'Watch the video' },
      { startsAt: new Date('2026-12-07T16:00:00Z'), endsAt: new Date('2026-12-07T17:00:00Z'), place: 'Room 4, Hilltop Academy' },
    ],
    LEAD,
  new Date('2026-09-01T09:00:00Z'),
  )
  expect(first && second).toBeTruthy()
  await markCancelled(bot.db, second!, clock.now())
})
afterAll(async () => {
  await bot?.stop()
})

it('the sessions list links to the group’s calendar feed', async () => {
  const res = await slackWorkspace(bot, TEAM, CHANNEL).slash('sessions', 'U0ANYONE')
  const buttons = res.json.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements)
  expect(buttons).toContainEqual(expect.objectContaining({ url: `https://bot.example.org/calendar/${token}.ics`, text: expect.objectContaining({ text: 'Add to calendar (.ics)' }) }))
})

it('the feed is a calendar of the sessions, the cancelled one marked cancelled', async () => {
  const res = await fetch(`${bot.url}/calendar/${token}.ics`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  const calendar = new ICAL.Component(ICAL.parse(await res.text()))
  expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Teaching for Mastery Development Work Group')
  const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e))
  expect(events.map((e) => [e.summary, e.startDate.toJSDate().toISOString(), e.component.getFirstPropertyValue('status')])).toEqual([
    ['Teaching for Mastery Development: Bar models', '2026-11-16T16:00:00.000Z', 'CONFIRMED'],
    ['Cancelled: Teaching for Mastery Development Work Group session', '2026-12-07T16:00:00.000Z', 'CANCELLED'],
  ])
  expect(events[0]!.location).toBe('https://meet.example.org/wg1')
  expect(events[0]!.description).toContain('Before the session: Watch the video')
})

it('a wrong or made-up link gets a plain 404, not someone else’s calendar', async () => {
  for (const path of [`/calendar/${'0'.repeat(32)}.ics`, `/calendar/${token}.ics.bak`, `/calendar/${token.toUpperCase()}.ics`, '/calendar/']) {
    const res = await fetch(`${bot.url}${path}`)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('This calendar link is not valid any more')
  }
})
