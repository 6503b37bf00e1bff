// "reflections 7 Dec": a Lead names a past session as they would say it, on Slack (a signed
// slash command into the real Bolt receiver) and on Teams (an activity into the real
// CloudAdapter), and gets that session's view rather than the latest one.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { channelMention } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TEAM = 'T0DATES'
const SLACK_CHANNEL = 'C0DATES'
const SLACK_LEAD = 'U0DATESLEAD'
const TENANT = channelMention.channelData.tenant.id
const TEAMS_CHANNEL = '19:dates@thread.skype'
const TEAMS_LEAD = channelMention.from

// Thursday 10 December 2026: the group met on Monday 7 and Wednesday 9 December.
const clock = createFakeClock('2026-12-10T09:00:00Z')
const SESSIONS = [
  { title: 'Fractions', startsAt: new Date('2026-12-07T16:00:00Z'), endsAt: new Date('2026-12-07T17:30:00Z'), place: 'Room 4' },
  { title: 'Ratio', startsAt: new Date('2026-12-09T16:00:00Z'), endsAt: new Date('2026-12-09T17:30:00Z'), place: 'Room 4' },
]
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, SLACK_CHANNEL)
  const slackGroup = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: SLACK_CHANNEL, leadUserId: SLACK_LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(slackGroup), [{ userId: SLACK_LEAD }, { userId: 'U0DATESPAT' }], 'channel')
  await addSessions(bot.db, ref(slackGroup), SESSIONS, SLACK_LEAD)
  const teamsGroup = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: TEAMS_CHANNEL, leadUserId: TEAMS_LEAD.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(teamsGroup), [{ userId: TEAMS_LEAD.aadObjectId, name: TEAMS_LEAD.name }], 'channel')
  await addSessions(bot.db, ref(teamsGroup), SESSIONS, TEAMS_LEAD.aadObjectId)
})
afterAll(async () => {
  await bot?.stop()
})

const inTeamsChannel = (text: string) => ({
  ...channelMention,
  id: `dates-${++n}`,
  text: `<at>TestBot</at> ${text}`,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, id: TEAMS_CHANNEL },
  channelData: { ...channelMention.channelData, channel: { id: TEAMS_CHANNEL } },
})
const lastTeamsCard = () => cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body)

it('Slack: "/workgroups reflections 7 Dec" shows the 7 December session, not the latest', async () => {
  const latest = JSON.stringify((await slack.slash('reflections', SLACK_LEAD)).json)
  expect(latest).toContain('Wed 9 Dec')

  const named = JSON.stringify((await slack.slash('reflections 7 Dec', SLACK_LEAD)).json)
  expect(named).toContain('No reflections yet for')
  expect(named).toContain('Fractions')
  expect(named).toContain('Mon 7 Dec')
  expect(named).not.toContain('Wed 9 Dec')
  // The same session by its weekday: the latest Monday up to today.
  expect(JSON.stringify((await slack.slash('reflections Monday', SLACK_LEAD)).json)).toContain('Mon 7 Dec')
})

it('Slack: a day with no session says so, with the date in full, and offers the sessions there were', async () => {
  const res = await slack.slash('reflections 8 Dec', SLACK_LEAD)
  const blocks = res.json.blocks as any[]
  expect(blocks[0].text.text).toBe('There was no Mastery Readiness session on Tuesday 8 December 2026. Which session do you mean?')
  const labels = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements).map((e: any) => e.text.text)
  expect(labels).toEqual(['Wed 9 Dec 16:00', 'Mon 7 Dec 16:00'])
  const unreadable = await slack.slash('reflections 31/02', SLACK_LEAD)
  expect(unreadable.json.blocks[0].text.text).toBe('I couldn’t read that date: "31/02" is not a date: February has no day 31. Which session do you mean?')
})

it('Teams: "@Maths Hubs workgroups reflections 7 Dec" in the channel shows the 7 December session', async () => {
  await postActivity(bot.url, inTeamsChannel('workgroups reflections 7 Dec'))
  const text = cardTexts(lastTeamsCard()).join('\n')
  expect(text).toContain('No reflections yet for')
  expect(text).toContain('Fractions')
  expect(text).toContain('Mon 7 Dec')
  expect(text).not.toContain('Wed 9 Dec')

  await postActivity(bot.url, inTeamsChannel('workgroups reflections last Tuesday'))
  const missing = lastTeamsCard()
  expect(cardTexts(missing)[0]).toBe('There was no Mastery Readiness session on Tuesday 8 December 2026. Which session do you mean?')
  expect(cardActions(missing).map((a) => a.title)).toEqual(['Wed 9 Dec 16:00', 'Mon 7 Dec 16:00'])
})
