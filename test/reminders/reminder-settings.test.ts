// The Lead changes when participants are reminded: the form (Slack) or the command's text
// (Teams), checked the same way, and the planner follows the new offsets from then on, without
// sending a late reminder for an offset added after its time had passed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants, findWorkGroup } from '../../src/domain/work-groups.js'
import { channelMention } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0REMINDERS'
const LEAD = 'U0LEAD'
const [A, B] = ['U0ALICE', 'U0BEN']
const DAY = 24 * 60
const clock = createFakeClock('2026-11-02T09:00:00Z')

let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let groupId: string

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  groupId = await seedWorkGroup(bot.db, {
    platform: 'slack',
    workspaceId: TEAM,
    conversationId: CHANNEL,
    leadUserId: LEAD,
    hub: 'Matrix Maths Hub',
    projectTitle: 'Teaching for Mastery Development',
  })
  await addParticipants(bot.db, ref(groupId), [{ userId: A }, { userId: B }], 'channel')
  // Thursday 19 November 2026, 16:00 GMT.
  await addSessions(bot.db, ref(groupId), [{ startsAt: new Date('2026-11-19T16:00:00Z'), endsAt: new Date('2026-11-19T17:00:00Z'), place: 'Room 4' }], LEAD, new Date('2026-09-01T09:00:00Z'))
})
afterAll(async () => {
  await bot?.stop()
})

const remindersTo = (user: string) => bot.slackApi.posted(dmChannelOf(user)).filter((m) => m.metadata).map((m) => m.text)
const runAt = async (at: string) => {
  clock.set(at)
  await bot.jobs.tick()
  return bot.jobs.deliver()
}

describe('on Slack, with the form', () => {
  it('shows the current reminders and refuses what it cannot read, by field', async () => {
    await slack.slash('reminders', LEAD)
    const view = slack.lastView()
    expect(view.blocks.find((b: any) => b.block_id === 'offsets').element.initial_value).toBe('a week, a day, an hour')
    const res = await slack.submit(view, LEAD, { offsets: { text: '5 minutes' } })
    expect(res.json).toEqual({ response_action: 'errors', errors: { offsets: 'A reminder 5 minutes before is too late to be useful; the shortest is 10 minutes.' } })
  })

  it('only the Lead can change them', async () => {
    const res = await slack.slash('reminders', A)
    expect(JSON.stringify(res.json)).toContain(`Only the Work Group Lead, <@${LEAD}>, can change when participants are reminded.`)
  })

  it('saves new offsets, and reminders follow them', async () => {
    await slack.slash('reminders', LEAD)
    const res = await slack.submit(slack.lastView(), LEAD, { offsets: { text: '2 days, 30 minutes' } })
    expect(res.body).toBe('')
    const told = await eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => String(c.text).startsWith('Done:')))
    expect(told.text).toBe('Done: participants of the Teaching for Mastery Development Work Group will be reminded 2 days, 30 minutes before each session.')
    expect((await findWorkGroup(bot.db, ref(groupId), groupId))!.reminderOffsets).toEqual([2 * DAY, 30])

    // The week-before reminder no longer goes.
    expect(await runAt('2026-11-12T16:00:00Z')).toMatchObject({ sent: 0 })
    await runAt('2026-11-17T16:00:00Z')
    expect(remindersTo(A)).toEqual(['Reminder: Teaching for Mastery Development session, Thu 19 Nov 16:00 (UK time).'])
  })

  it('a form older than the last change, or sent twice, changes nothing and says so', async () => {
    await slack.slash('reminders', LEAD)
    const first = slack.lastView()
    await slack.slash('reminders', LEAD)
    const second = slack.lastView()
    expect((await slack.submit(second, LEAD, { offsets: { text: '3 days' } })).body).toBe('')
    await eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => String(c.text).includes('reminded 3 days before')))
    const told = bot.slackApi.calls('chat.postEphemeral').length
    // The first form was opened before that change; sending it (or the second again) is refused.
    for (const view of [first, second]) expect((await slack.submit(view, LEAD, { offsets: { text: 'an hour' } })).body).toBe('')
    const refusals = await eventually(() => {
      const later = bot.slackApi.calls('chat.postEphemeral').slice(told)
      return later.length >= 2 ? later : undefined
    })
    for (const refusal of refusals) expect(refusal.text).toMatch(/^Not saved: the reminders were changed after this form was opened/)
    expect((await findWorkGroup(bot.db, ref(groupId), groupId))!.reminderOffsets).toEqual([3 * DAY])
    // Put back what the next tests expect.
    await slack.slash('reminders', LEAD)
    await slack.submit(slack.lastView(), LEAD, { offsets: { text: '2 days, 30 minutes' } })
  })

  it('an offset added after its time has passed is skipped, not sent late', async () => {
    clock.set('2026-11-18T17:00:00Z')
    await slack.slash('reminders', LEAD)
    await slack.submit(slack.lastView(), LEAD, { offsets: { text: '2 days, a day, 30 minutes' } })
    expect(await runAt('2026-11-18T17:01:00Z')).toMatchObject({ sent: 0 })
    await runAt('2026-11-19T15:30:00Z')
    expect(remindersTo(B)).toEqual([
      'Reminder: Teaching for Mastery Development session, Thu 19 Nov 16:00 (UK time).',
      'Reminder: Teaching for Mastery Development session, Thu 19 Nov 16:00 (UK time), in 30 minutes.',
    ])
  })
})

describe('on Teams, as text after the command', () => {
  const TENANT = channelMention.channelData.tenant.id
  const TEAMS_CHANNEL = '19:253b1f341670408fb6fe51050b6e5ceb@thread.skype'
  let teamsGroup: string
  beforeAll(async () => {
    teamsGroup = await seedWorkGroup(bot.db, {
      platform: 'teams',
      workspaceId: TENANT,
      conversationId: TEAMS_CHANNEL,
      leadUserId: channelMention.from.aadObjectId,
      hub: 'Great North Maths Hub',
      projectTitle: 'Mastery Readiness',
    })
  })
  /** Says it in the channel; the answer comes privately, in the Lead's 1:1 chat. */
  const say = async (text: string) => {
    const before = privateCards().length
    await postActivity(bot.url, { ...channelMention, id: `teams-${Date.now()}`, text: `<at>TestBot</at> ${text}`, serviceUrl: `${bot.connector.url}/` })
    const card = await eventually(() => privateCards()[before])
    return cardTexts(card).join('\n')
  }
  const privateCards = () =>
    bot.connector
      .calls()
      .filter((c) => c.conversationId.startsWith('a:created-') && c.body?.attachments)
      .map((c) => cardOf(c.body))

  it('reads the offsets from the message and confirms them', async () => {
    expect(await say('workgroups reminders 3 days and 2 hours')).toBe(
      'Done: participants of the Mastery Readiness Work Group will be reminded 3 days, 2 hours before each session.',
    )
    expect((await findWorkGroup(bot.db, ref(teamsGroup), teamsGroup))!.reminderOffsets).toEqual([3 * DAY, 120])
    expect(await say('workgroups reminders whenever')).toBe(
      'I can’t read “whenever”. Write each reminder like “a week”, “2 days” or “30 minutes”, separated by commas.',
    )
  })
})
