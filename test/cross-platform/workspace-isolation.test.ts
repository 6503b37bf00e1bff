// One running bot serving two Slack workspaces (installed through "Add to Slack") and a Teams
// tenant. The same people (same user ids) lead and join a group in each Slack workspace, so
// any query that forgot its workspace would show here: reflections, reminders, the library,
// the App Home and tokens must each stay in their own workspace. A tenant the hub has not
// allowed is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { saveSubgroup } from '../../src/domain/subgroups.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { appHomeOpenedEnvelope } from '../fixtures/slack-payloads.js'
import { channelMention, personalMessage } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf, eventCallback, postToSlackEndpoint } from '../support/slack-double.js'
import { installSlackApp, OAUTH_ENV, workspaceInstall } from '../support/slack-install.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const NORTH = workspaceInstall('T0NORTH', 'North Maths Hub')
const SOUTH = workspaceInstall('T0SOUTH', 'South Maths Hub')
const TENANT = channelMention.channelData.tenant.id
const OTHER_TENANT = '00000000-1111-2222-3333-444444444444'
// A second organisation the hub serves, sharing a Teams channel with the first.
const SECOND_TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'
// A Slack Connect channel: one id in both workspaces.
const SHARED = 'C0SHARED'
const TEAMS_CHANNEL = '19:253b1f341670408fb6fe51050b6e5ceb@thread.skype'
// The same ids in both Slack workspaces.
const [LEAD, PAT, ADMIN] = ['U0LEAD', 'U0PAT', 'U0ADMIN']
const SECRET = 'NORTH-ONLY: my Year 8s finally saw the bar model'

// Wednesday 4 November 2026: every group meets 16:00–17:30 GMT.
const clock = createFakeClock('2026-11-04T09:00:00Z')
let bot: TestBot
const sessions: Record<string, string> = {}

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { ...OAUTH_ENV, HUB_ADMINS: ADMIN, TEAMS_ALLOWED_TENANTS: `${TENANT},${SECOND_TENANT}` } })
  for (const install of [NORTH, SOUTH]) expect((await installSlackApp(bot, install)).status).toBe(200)
  for (const [team, channel] of [['T0NORTH', 'C0NORTH'], ['T0SOUTH', 'C0SOUTH']] as const) {
    const group = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: team, conversationId: channel, leadUserId: LEAD, hub: `${team} hub`, projectTitle: 'Mastery Readiness' })
    await addParticipants(bot.db, ref(group), [{ userId: LEAD }, { userId: PAT }], 'channel')
    const [session] = await addSessions(bot.db, ref(group), [{ title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: `${team} school` }], LEAD, new Date('2026-09-01T09:00:00Z'))
    sessions[team] = session!.id
    await saveSubgroup(bot.db, { platform: 'slack', workspaceId: team, name: 'Secondary specialists', phase: 'secondary', conversationId: channel, createdBy: ADMIN })
    bot.slackApi.setMembers(channel, [LEAD, PAT, ADMIN, `UBOT_${team}`])
  }
  // The bot has heard from the Teams channel, so it can speak there later.
  expect((await postActivity(bot.url, { ...channelMention, id: 'iso-0', text: '<at>TestBot</at> workgroups help', serviceUrl: `${bot.connector.url}/` })).status).toBe(200)
  const teamsGroup = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: TEAMS_CHANNEL, leadUserId: channelMention.from.aadObjectId, hub: 'Teams hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(teamsGroup), [{ userId: channelMention.from.aadObjectId, name: 'Larry Jin', address: { id: channelMention.from.id, botId: channelMention.recipient.id, serviceUrl: `${bot.connector.url}/` } }], 'channel')
  await addSessions(bot.db, ref(teamsGroup), [{ title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Teams school' }], channelMention.from.aadObjectId, new Date('2026-09-01T09:00:00Z'))
})
afterAll(async () => {
  await bot?.stop()
})

let northUsers: ReturnType<typeof slackWorkspace>
let southUsers: ReturnType<typeof slackWorkspace>
const north = () => (northUsers ??= slackWorkspace(bot, 'T0NORTH', 'C0NORTH'))
const south = () => (southUsers ??= slackWorkspace(bot, 'T0SOUTH', 'C0SOUTH'))
const tokenOf = (team: string) => (team === 'T0NORTH' ? NORTH.token : SOUTH.token)
const run = async () => {
  await bot.jobs.tick()
  return bot.jobs.deliver()
}
const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)

describe('reminders and prompts', () => {
  it('each workspace’s messages go with its own token, and the tenant’s through its connector', async () => {
    clock.set('2026-11-04T15:00:00Z')
    const stats = await run()
    expect(stats.failed).toBe(0)
    const dms = bot.slackApi.posted(dmChannelOf(PAT)).filter((m) => m.metadata)
    // One hour-before reminder for Pat from each workspace, each naming its own place.
    expect(dms.map((m) => [m.token, JSON.stringify(m.blocks).includes('T0NORTH school') ? 'T0NORTH' : 'T0SOUTH'])).toEqual(
      expect.arrayContaining([
        [NORTH.token, 'T0NORTH'],
        [SOUTH.token, 'T0SOUTH'],
      ]),
    )
    for (const m of bot.slackApi.posted().filter((p) => p.metadata)) {
      const where = /^C0(NORTH|SOUTH)$/.exec(m.channel)
      if (where) expect(m.token).toBe(tokenOf(`T0${where[1]}`))
    }
    expect(bot.connector.sent().some((s) => JSON.stringify(s).includes('Teams school'))).toBe(true)
  })
})

describe('reflections', () => {
  it('Pat reflects in North; only North’s Lead view shows it, though the Lead has the same id in South', async () => {
    clock.set('2026-11-04T17:45:00Z')
    await run()
    const opened = bot.slackApi.calls('views.open').length
    await north().click('reflection.open', sessions.T0NORTH!, PAT)
    const view = await eventually(() => (bot.slackApi.calls('views.open').length > opened ? north().lastView() : undefined))
    const sent = await north().submit(view, PAT, { rating: { select: '5' }, try: { text: SECRET }, noticed: { text: '' }, visibility: { select: 'lead' } })
    expect(sent.body).toBe('')

    const inNorth = JSON.stringify((await north().slash('reflections', LEAD)).json)
    expect(inNorth).toContain(SECRET)
    const inSouth = JSON.stringify((await south().slash('reflections', LEAD)).json)
    expect(inSouth).not.toContain(SECRET)
    expect(inSouth).toContain('No reflections yet for Mastery Readiness: Bar models')
  })

  it('South’s Lead cannot open North’s session with a crafted button, nor can Pat reflect on it from South', async () => {
    const path = await south().click('reflections.view', sessions.T0NORTH!, LEAD, 'C0SOUTH')
    const viewAnswer = await answeredOn(path)
    // The same user id leads North's group, but not from South.
    expect(viewAnswer.text).toBe('Only the Work Group’s Lead or a hub administrator can see its reflections.')
    expect(JSON.stringify(viewAnswer)).not.toContain(SECRET)
    const opened = bot.slackApi.calls('views.open').length
    const reflectPath = await south().click('reflection.open', sessions.T0NORTH!, PAT)
    const answer = await answeredOn(reflectPath)
    // Another workspace's session is as good as unknown: its existence is not confirmed either.
    expect(answer.text).toBe('I can’t find that session any more.')
    expect(bot.slackApi.calls('views.open')).toHaveLength(opened)
  })

  it('“my data” in South shows nothing Pat wrote in North', async () => {
    const mine = JSON.stringify((await south().slash('my data', PAT)).json)
    expect(mine).not.toContain(SECRET)
  })
})

describe('the resource library', () => {
  it('a link shared in North is found in North’s library and not in South’s', async () => {
    const before = bot.slackApi.calls('views.open').length
    await north().slash('share https://nrich.maths.org/isolation-fractions #fractions', PAT, 'C0NORTH')
    const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? north().lastView() : undefined))
    const subgroup = await bot.db.selectFrom('subgroups').select('id').where('workspace_id', '=', 'T0NORTH').executeTakeFirstOrThrow()
    expect((await north().submit(view, PAT, { title: { text: 'Isolation fractions' }, tags: { text: 'fractions' }, subgroups: { options: [subgroup.id] } })).body).toBe('')
    expect(JSON.stringify((await north().slash('resources fractions', PAT)).json)).toContain('Isolation fractions')
    expect(JSON.stringify((await south().slash('resources fractions', PAT)).json)).not.toContain('Isolation fractions')
    // Shared again in South, it is a new entry there, not "already in the library".
    const again = bot.slackApi.calls('views.open').length
    await south().slash('share https://nrich.maths.org/isolation-fractions', PAT, 'C0SOUTH')
    const southView = await eventually(() => (bot.slackApi.calls('views.open').length > again ? south().lastView() : undefined))
    expect(JSON.stringify(southView)).not.toContain('Already in the library')
    expect(bot.slackApi.requests.filter((r) => r.path === '/api/views.open').slice(-1).map((r) => bot.slackApi.tokenOf(r))).toEqual([SOUTH.token])
  })
})

describe('the App Home', () => {
  it('Pat’s Home in South shows South’s session and no North resource, published with South’s token', async () => {
    const res = await postToSlackEndpoint(
      bot.url,
      eventCallback({ ...appHomeOpenedEnvelope, team_id: 'T0SOUTH', event_id: 'EvHOMESOUTH', event: { ...appHomeOpenedEnvelope.event, user: PAT } }),
    )
    expect(res.status).toBe(200)
    const publish = await eventually(() => bot.slackApi.requests.findLast((r) => r.path === '/api/views.publish'))
    expect(bot.slackApi.tokenOf(publish)).toBe(SOUTH.token)
    const home = JSON.stringify(publish.body.view)
    expect(home).not.toContain('Isolation fractions')
    expect(home).not.toContain(SECRET)
  })
})

describe('a channel shared by two organisations', () => {
  let sharedGroup: string
  beforeAll(async () => {
    sharedGroup = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: 'T0NORTH', conversationId: SHARED, leadUserId: LEAD, hub: 'T0NORTH hub', projectTitle: 'Developing Reasoning' })
    await addParticipants(bot.db, ref(sharedGroup), [{ userId: LEAD }, { userId: PAT }], 'channel')
    const [session] = await addSessions(bot.db, ref(sharedGroup), [{ title: 'Reasoning', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'North shared school' }], LEAD, new Date('2026-09-01T09:00:00Z'))
    await bot.db
      .insertInto('reflections')
      .values({ platform: 'slack', workspace_id: 'T0NORTH', session_id: session!.id, work_group_id: sharedGroup, user_id: PAT, rating: 5, try_in_class: SECRET, noticed: null, visibility: 'lead', submitted_at: clock.now(), updated_at: clock.now() })
      .execute()
  })

  it('from the other workspace, the same ids (the Lead’s, an administrator’s) see no group there: no reflections, no sessions', async () => {
    const fromSouth = slackWorkspace(bot, 'T0SOUTH', SHARED)
    for (const who of [LEAD, ADMIN]) {
      const answer = JSON.stringify((await fromSouth.slash('reflections', who)).json)
      expect(answer).toContain('This channel is not a Work Group yet')
      expect(answer).not.toContain(SECRET)
    }
    expect(JSON.stringify((await fromSouth.slash('sessions', PAT)).json)).not.toContain('North shared school')
    // North still sees its own.
    expect(JSON.stringify((await slackWorkspace(bot, 'T0NORTH', SHARED).slash('reflections', LEAD)).json)).toContain(SECRET)
  })

  it('the other workspace can have a Work Group of its own in the channel, and neither changes the other', async () => {
    const southGroup = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: 'T0SOUTH', conversationId: SHARED, leadUserId: LEAD, hub: 'T0SOUTH hub', projectTitle: 'Mastery Readiness' })
    expect(southGroup).not.toBe(sharedGroup)
    await addSessions(bot.db, ref(southGroup), [{ title: 'South only', startsAt: new Date('2026-11-11T16:00:00Z'), endsAt: new Date('2026-11-11T17:30:00Z'), place: 'South shared school' }], LEAD, new Date('2026-09-01T09:00:00Z'))
    const southSessions = JSON.stringify((await slackWorkspace(bot, 'T0SOUTH', SHARED).slash('sessions', PAT)).json)
    expect(southSessions).toContain('South shared school')
    expect(southSessions).not.toContain('North shared school')
    const northGroup = await bot.db.selectFrom('work_groups').select(['project_title', 'hub_id']).where('id', '=', sharedGroup).executeTakeFirstOrThrow()
    expect(northGroup.project_title).toBe('Developing Reasoning')
  })

  it('on Teams, a second allowed tenant in the same channel sees nothing of the first’s group', async () => {
    const fromSecond = {
      ...channelMention,
      id: 'iso-shared-1',
      text: '<at>TestBot</at> workgroups reflections',
      serviceUrl: `${bot.connector.url}/`,
      from: { ...channelMention.from, id: '29:second-tenant-user' },
      conversation: { ...channelMention.conversation, id: TEAMS_CHANNEL, tenantId: SECOND_TENANT },
      channelData: { ...channelMention.channelData, tenant: { id: SECOND_TENANT } },
    }
    const before = bot.connector.calls().length
    expect((await postActivity(bot.url, fromSecond)).status).toBe(200)
    // The answer goes to the person's 1:1 chat; the channel is told so.
    const answer = await eventually(() => bot.connector.calls().slice(before).find((c) => JSON.stringify(c.body ?? '').includes('not a Work Group yet')))
    expect(answer).toBeDefined()
    expect(JSON.stringify(bot.connector.calls().slice(before).map((c) => c.body))).not.toContain('Teams school')
  })
})

describe('Teams tenants', () => {
  it('the allowed tenant is served', async () => {
    const res = await postActivity(bot.url, { ...personalMessage, id: 'iso-1', text: 'help', serviceUrl: `${bot.connector.url}/` })
    expect(res.status).toBe(200)
    const answer = await eventually(() => bot.connector.calls().find((c) => c.activityId === 'iso-1'))
    expect(cardTexts(cardOf(answer.body)).join(' ')).toMatch(/workgroups/i)
  })

  it('another tenant is refused with one sentence; nothing of it is stored, and its card clicks get 403', async () => {
    const foreign = { ...personalMessage, id: 'iso-2', text: 'workgroups secondary', serviceUrl: `${bot.connector.url}/`, conversation: { ...personalMessage.conversation, id: 'a:foreign-chat', tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } }
    expect((await postActivity(bot.url, foreign)).status).toBe(200)
    const answer = await eventually(() => bot.connector.calls().find((c) => c.activityId === 'iso-2'))
    expect(answer.body.text).toBe('This bot is not set up for your organisation. Ask your Maths Hub how to join its Work Groups.')
    expect(await bot.db.selectFrom('conversation_references').select('conversation_id').where('workspace_id', '=', OTHER_TENANT).execute()).toEqual([])
    expect(await bot.db.selectFrom('catalogue_questions').select('id').where('workspace_id', '=', OTHER_TENANT).execute()).toEqual([])
    const click = await postActivity(bot.url, { ...foreign, id: 'iso-3', type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'x', data: {} } } })
    expect(click.status).toBe(403)
  })
})
