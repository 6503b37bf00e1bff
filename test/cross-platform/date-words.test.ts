// A Lead names a session as they would say it, on Slack (a signed slash command into the real
// Bolt receiver) and on Teams (an activity into the real CloudAdapter): "reflections 7 Dec"
// looks back and gets that session's view rather than the latest one; "cancel Tuesday" looks
// ahead and asks to cancel the session coming up.
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

// Thursday 10 December 2026: the group met on Monday 7 and Wednesday 9 December, and meets next on Tuesday 15 December.
const clock = createFakeClock('2026-12-10T09:00:00Z')
const SESSIONS = [
  { title: 'Fractions', startsAt: new Date('2026-12-07T16:00:00Z'), endsAt: new Date('2026-12-07T17:30:00Z'), place: 'Room 4' },
  { title: 'Ratio', startsAt: new Date('2026-12-09T16:00:00Z'), endsAt: new Date('2026-12-09T17:30:00Z'), place: 'Room 4' },
  { title: 'Algebra', startsAt: new Date('2026-12-15T16:00:00Z'), endsAt: new Date('2026-12-15T17:30:00Z'), place: 'Room 4' },
]
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, SLACK_CHANNEL)
  const slackGroup = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: SLACK_CHANNEL, leadUserId: SLACK_LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(slackGroup), [{ userId: SLACK_LEAD }, { userId: 'U0DATESPAT' }], 'channel')
  await addSessions(bot.db, ref(slackGroup), SESSIONS, SLACK_LEAD, new Date('2026-09-01T09:00:00Z'))
  const teamsGroup = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: TEAMS_CHANNEL, leadUserId: TEAMS_LEAD.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(teamsGroup), [{ userId: TEAMS_LEAD.aadObjectId, name: TEAMS_LEAD.name }], 'channel')
  await addSessions(bot.db, ref(teamsGroup), SESSIONS, TEAMS_LEAD.aadObjectId, new Date('2026-09-01T09:00:00Z'))
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

it('Slack: "/workgroups cancel Tuesday" asks to cancel the coming Tuesday’s session; a day with none says so', async () => {
  for (const text of ['cancel Tuesday', 'cancel 15 Dec', 'cancel Dec 15th', 'cancel 15/12']) {
    const blocks = (await slack.slash(text, SLACK_LEAD)).json.blocks as any[]
    expect(blocks[0].text.text, text).toMatch(/^Cancel the session on <!date\^1797350400\^[^|]+\|Tuesday 15 December[^>]*>.*\? All 2 participants will be told/)
    expect(blocks[1].elements.map((e: any) => e.text.text)).toEqual(['Yes, cancel it', 'Keep it'])
  }
  const none = (await slack.slash('cancel 16 Dec', SLACK_LEAD)).json.blocks as any[]
  expect(none[0].text.text).toBe('There is no Mastery Readiness session on Wednesday 16 December 2026.')
  expect(none.filter((b) => b.type === 'actions').flatMap((b) => b.elements).map((e: any) => e.text.text)).toEqual(['Tue 15 Dec 16:00'])
  // Only the Lead; and words that are no date are a question for the catalogue, not a cancellation.
  expect(JSON.stringify((await slack.slash('cancel Tuesday', 'U0DATESPAT')).json)).toContain('Only the Work Group Lead')
  expect(JSON.stringify((await slack.slash('cancel my place on a course', SLACK_LEAD)).json)).not.toContain('Cancel the session')
})

it('Teams: "@Maths Hubs workgroups cancel 15 Dec" asks to cancel that session', async () => {
  await postActivity(bot.url, inTeamsChannel('workgroups cancel 15 Dec'))
  const card = lastTeamsCard()
  expect(cardTexts(card)[0]).toMatch(/^Cancel the session on Tuesday 15 December/)
  expect(cardActions(card).map((a) => a.title)).toEqual(['Yes, cancel it', 'Keep it'])
})
