// Participants are the channel's members plus people the Lead adds by hand: a people picker
// on both platforms, someone added by hand keeps getting reminders after leaving the channel,
// and "remove people" takes off only those added by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants, listParticipants, removeChannelParticipants, syncChannelParticipants } from '../../src/domain/work-groups.js'
import { adaptiveCardActionInvoke, channelMention } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0PEOPLE'
const LEAD = 'U0LEAD'
const [ALICE, HEAD] = ['U0ALICE', 'U0HEADOFMATHS']
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let slackGroup: string

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  slackGroup = await seedWorkGroup(bot.db, {
    platform: 'slack',
    workspaceId: TEAM,
    conversationId: CHANNEL,
    leadUserId: LEAD,
    hub: 'Matrix Maths Hub',
    projectTitle: 'Teaching for Mastery Development',
  })
  await syncChannelParticipants(bot.db, ref(slackGroup), [{ userId: LEAD }, { userId: ALICE }])
})
afterAll(async () => {
  await bot?.stop()
})

const participantsOf = async (groupId: string) => (await listParticipants(bot.db, ref(groupId))).map((p) => `${p.userId}:${p.source}`).sort()
const noticeTo = (user: string, startsWith: string) =>
  eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => c.user === user && String(c.text).startsWith(startsWith)))

describe('on Slack', () => {
  it('the Lead adds someone who is not in the channel with a people picker', async () => {
    await slack.slash('add people', LEAD)
    const view = slack.lastView()
    expect(view.blocks.find((b: any) => b.block_id === 'people').element).toEqual({ type: 'multi_users_select', action_id: 'people', max_selected_items: 20 })
    await slack.submit(view, LEAD, { people: { users: [HEAD] } })
    const told = await noticeTo(LEAD, 'Added')
    expect(told.text).toBe(`Added <@${HEAD}>: they get the Teaching for Mastery Development Work Group’s reminders even if they are not in this channel.`)
    expect(await participantsOf(slackGroup)).toEqual([`${ALICE}:channel`, `${HEAD}:manual`, `${LEAD}:channel`])
  })

  it('someone added by hand gets the reminders, and keeps them after leaving the channel', async () => {
    // They joined and left the channel meanwhile (the membership events do exactly this; see
    // work-group-reminders.test.ts): leaving does not undo the Lead's choice.
    await addParticipants(bot.db, ref(slackGroup), [{ userId: HEAD }], 'channel')
    await removeChannelParticipants(bot.db, ref(slackGroup), [HEAD])
    expect(await participantsOf(slackGroup)).toContain(`${HEAD}:manual`)
    await addSessions(bot.db, ref(slackGroup), [{ startsAt: new Date('2026-11-03T16:00:00Z'), endsAt: new Date('2026-11-03T17:00:00Z'), place: 'Room 4' }], LEAD)
    clock.set('2026-11-03T15:00:00Z')
    await bot.jobs.tick()
    await bot.jobs.deliver()
    expect(bot.slackApi.posted(dmChannelOf(HEAD)).filter((m) => m.metadata).map((m) => m.text)).toEqual([
      'Reminder: Teaching for Mastery Development session, Tue 3 Nov 16:00 (UK time), in an hour.',
    ])
  })

  it('remove people takes off those added by hand, and explains about channel members', async () => {
    await slack.slash('remove people', LEAD)
    await slack.submit(slack.lastView(), LEAD, { people: { users: [HEAD, ALICE, 'U0NOBODY'] } })
    const told = await noticeTo(LEAD, 'Removed')
    expect(told.text).toBe(
      `Removed <@${HEAD}>: they get no more of the group’s reminders. <@${ALICE}> is a member of the channel, so stays a participant while in it. <@U0NOBODY> wasn’t a participant.`,
    )
    expect(await participantsOf(slackGroup)).toEqual([`${ALICE}:channel`, `${LEAD}:channel`])
  })

  it('only the Lead can add or remove people', async () => {
    const res = await slack.slash('add people', ALICE)
    expect(JSON.stringify(res.json)).toContain(`Only the Work Group Lead, <@${LEAD}>, can add people.`)
    await slack.slash('add people', LEAD)
    const view = slack.lastView()
    await slack.submit(view, ALICE, { people: { users: [ALICE] } })
    expect((await noticeTo(ALICE, 'Only')).text).toBe(`Only the Work Group Lead, <@${LEAD}>, can add people.`)
  })
})

describe('on Teams', () => {
  const TENANT = channelMention.channelData.tenant.id
  const CHANNEL_ID = '19:253b1f341670408fb6fe51050b6e5ceb@thread.skype'
  const LEAD_T = channelMention.from
  const TEAM_MEMBER = { id: '29:colleague', name: 'Cara Cole', aadObjectId: 'cccccccc-0000-0000-0000-00000000000c' }
  let teamsGroup: string

  beforeAll(async () => {
    bot.connector.setMembers(CHANNEL_ID, [{ id: LEAD_T.id, name: LEAD_T.name, aadObjectId: LEAD_T.aadObjectId }, TEAM_MEMBER])
    teamsGroup = await seedWorkGroup(bot.db, {
      platform: 'teams',
      workspaceId: TENANT,
      conversationId: CHANNEL_ID,
      leadUserId: LEAD_T.aadObjectId,
      hub: 'Great North Maths Hub',
      projectTitle: 'Mastery Readiness',
    })
    // The bot has seen the channel, so it holds its conversation reference.
    await postActivity(bot.url, { ...channelMention, id: 'teams-hello', serviceUrl: `${bot.connector.url}/` })
  })

  it('the card uses Teams’ people picker; people the bot can reach are added with their address', async () => {
    const ask = { ...channelMention, id: 'teams-add-people', text: '<at>TestBot</at> workgroups add people', serviceUrl: `${bot.connector.url}/` }
    await postActivity(bot.url, ask)
    const form = cardOf((await eventually(() => bot.connector.calls().find((c) => c.activityId === ask.id)))!.body)
    const picker = form.body.find((b: any) => b.id === 'people')
    expect(picker).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } })

    const outsider = 'dddddddd-0000-0000-0000-00000000000d'
    const done = await postActivity(bot.url, {
      ...adaptiveCardActionInvoke,
      id: 'teams-add-submit',
      serviceUrl: `${bot.connector.url}/`,
      from: LEAD_T,
      conversation: channelMention.conversation,
      recipient: channelMention.recipient,
      channelData: channelMention.channelData,
      value: { action: { type: 'Action.Execute', verb: 'mhb_form', data: { ...form.actions[0].data, people: `${TEAM_MEMBER.aadObjectId},${outsider}` } }, trigger: 'manual' },
    })
    const text = cardTexts(done.body.value).join(' ')
    expect(text).toContain('Added <at>Cara Cole</at>: they get the Mastery Readiness Work Group’s reminders even if they are not in this channel.')
    expect(done.body.value.msteams.entities).toEqual([{ type: 'mention', text: '<at>Cara Cole</at>', mentioned: { id: TEAM_MEMBER.aadObjectId, name: 'Cara Cole' } }])
    expect(text).toContain('from here, so I didn’t add them: add them to the team (or the channel) first')
    const [added] = await listParticipants(bot.db, ref(teamsGroup))
    expect(added).toMatchObject({ userId: TEAM_MEMBER.aadObjectId, name: 'Cara Cole', source: 'manual', address: { id: '29:colleague' } })
  })
})
