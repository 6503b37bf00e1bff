// "Add to Slack" for many workspaces, through the real Bolt receiver and OAuth installer against
// the Web API double: the consent redirect and the code exchange, tokens sealed in Postgres,
// each workspace's token on everything sent there, refusing workspaces that did not install,
// and a revoked or uninstalled workspace stopping at once (logged once) while others go on.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { eventually, eventuallyAsync } from '../support/http-double.js'
import { capturingLogger } from '../support/log-capture.js'
import { dmChannelOf, eventCallback, postToSlackEndpoint } from '../support/slack-double.js'
import { installSlackApp, OAUTH_ENV, workspaceInstall } from '../support/slack-install.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const NORTH = workspaceInstall('T0NORTH', 'North Maths Hub')
const SOUTH = workspaceInstall('T0SOUTH', 'South Maths Hub')
const EAST = workspaceInstall('T0EAST', 'East Maths Hub')
const [N_LEAD, N_AMY] = ['U0NLEAD', 'U0NAMY']
const [S_LEAD, S_BOB, S_CAL] = ['U0SLEAD', 'U0SBOB', 'U0SCAL']
const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'))

// Monday 2 November 2026, 09:00 GMT; both groups meet on Wednesday 18 November at 16:00.
const clock = createFakeClock('2026-11-02T09:00:00Z')
const logs = capturingLogger()
let bot: TestBot

beforeAll(async () => {
  bot = await startTestBot({ clock, env: OAUTH_ENV, log: logs.log })
})
afterAll(async () => {
  await bot?.stop()
})

/** The installation once its token has been erased (events are handled after they are acknowledged). */
const erased = (teamId: string) => eventuallyAsync(async () => {
  const row = await installation(teamId)
  return row && row.sealed_installation === null ? row : undefined
})
const installation = (teamId: string) => bot.db.selectFrom('slack_installations').selectAll().where('team_id', '=', teamId).executeTakeFirst()
/** The token each Web API call to `method` carried, in order. */
const tokensOn = (method: string) => bot.slackApi.requests.filter((r) => r.path === `/api/${method}`).map((r) => bot.slackApi.tokenOf(r))
const remindersTo = (user: string) => bot.slackApi.posted(dmChannelOf(user)).filter((m) => m.metadata)
const run = async () => {
  await bot.jobs.tick()
  return bot.jobs.deliver()
}
const slackEvent = (team: string, event: Record<string, unknown>, id: string) =>
  postToSlackEndpoint(bot.url, eventCallback({ token: 'x', team_id: team, api_app_id: 'A0MATHS', event, type: 'event_callback', event_id: id, event_time: 1_763_000_000 }))

describe('Add to Slack', () => {
  it('the start-up log gives the install link and how many workspaces have installed', () => {
    expect(logs.matching('workspaces install the app from https://bot.example.org/slack/install')).toHaveLength(1)
    expect(logs.matching('Slack: installed in 0 workspace(s).')).toHaveLength(1)
  })

  it('sends the person to Slack with the manifest’s scopes, then keeps the workspace’s token sealed and says what to do next', async () => {
    const flow = await installSlackApp(bot, NORTH)
    expect(`${flow.consentUrl.origin}${flow.consentUrl.pathname}`).toBe('https://slack.com/oauth/v2/authorize')
    expect(flow.consentUrl.searchParams.get('client_id')).toBe(OAUTH_ENV.SLACK_CLIENT_ID)
    expect(flow.consentUrl.searchParams.get('scope')?.split(',')).toEqual(manifest.oauth_config.scopes.bot)
    expect(flow.consentUrl.searchParams.get('redirect_uri')).toBe('https://bot.example.org/slack/oauth_redirect')
    expect(manifest.oauth_config.redirect_urls).toContain('https://bot.example.org/slack/oauth_redirect')

    expect(flow.status).toBe(200)
    expect(flow.html).toContain('installed in <strong>North Maths Hub</strong>')
    expect(flow.html).toContain('/invite @Maths Hubs')
    expect(flow.html).toContain('/workgroups setup')

    const row = await installation('T0NORTH')
    expect(row).toMatchObject({ team_name: 'North Maths Hub', bot_user_id: 'UBOT_T0NORTH', installed_by: 'U0INSTALLER_T0NORTH', revoked_at: null, uninstalled_at: null })
    expect(row?.sealed_installation).toMatch(/^v1\./)
    expect(row?.sealed_installation).not.toContain(NORTH.token)
    expect(Buffer.from(row?.sealed_installation ?? '', 'utf8').toString()).not.toContain('xoxb-')
    // The person who installed it is greeted in their direct messages, with North's token.
    const hello = await eventually(() => bot.slackApi.posted(dmChannelOf('U0INSTALLER_T0NORTH'))[0])
    expect(hello.text).toContain('I’m the Maths Hubs bot')
    expect(hello.text).toContain('`/workgroups setup`')
    expect(hello.token).toBe(NORTH.token)
    // The code was exchanged with this app's credentials.
    expect(bot.slackApi.calls('oauth.v2.access').at(-1)).toMatchObject({ client_id: OAUTH_ENV.SLACK_CLIENT_ID, client_secret: OAUTH_ENV.SLACK_CLIENT_SECRET })
  })

  it('a second workspace installs the same app and keeps its own token', async () => {
    const flow = await installSlackApp(bot, SOUTH)
    expect(flow.html).toContain('South Maths Hub')
    const [north, south] = [await installation('T0NORTH'), await installation('T0SOUTH')]
    expect(south?.sealed_installation).not.toBe(north?.sealed_installation)
    expect(south?.bot_user_id).toBe('UBOT_T0SOUTH')
  })

  it('coming back from Slack in another browser (no state cookie) installs nothing, and says how to start again', async () => {
    const flow = await installSlackApp(bot, EAST, { cookie: false })
    expect(flow.status).toBe(400)
    expect(flow.html).toContain('did not complete')
    expect(flow.html).toContain('href="/slack/install"')
    expect(flow.html).not.toMatch(/at .*\.js/)
    expect(await installation('T0EAST')).toBeUndefined()
  })

  it('cancelling on Slack’s consent page says nothing was installed', async () => {
    const res = await fetch(`${bot.url}/slack/oauth_redirect?error=access_denied&state=whatever`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Nothing was installed')
  })
})

describe('requests from Slack', () => {
  it('in an installed workspace, the bot works with that workspace’s token (forms, member lists)', async () => {
    const north = slackWorkspace(bot, 'T0NORTH', 'C0NORTH')
    bot.slackApi.setMembers('C0NORTH', [N_LEAD, N_AMY, 'UBOT_T0NORTH'])
    expect((await north.slash('setup', N_LEAD)).status).toBe(200)
    await eventually(() => bot.slackApi.calls('views.open').length > 0 || undefined)
    expect(tokensOn('views.open')).toEqual([NORTH.token])
    const done = await north.submit(north.lastView(), N_LEAD, { project: { select: 'secondary-tfm-development' }, hub: { text: 'North Maths Hub' }, year: { select: '2026/27' } })
    expect(done.body).toBe('')
    expect(tokensOn('conversations.members')).toEqual([NORTH.token])
    // The bot's own member id came from the installation, so it is no participant.
    const participants = await bot.db.selectFrom('participants').select('user_id').orderBy('user_id').execute()
    expect(participants.map((p) => p.user_id)).toEqual([N_AMY, N_LEAD])
  })

  it('a workspace that has not installed the app is refused: nothing is answered, opened or stored, and a warning is logged', async () => {
    const east = slackWorkspace(bot, 'T0EAST', 'C0EAST')
    const opened = bot.slackApi.calls('views.open').length
    const before = logs.matching('refused a request from a Slack workspace').length
    const res = await east.slash('setup', 'U0EASTLEAD')
    expect(res.status).toBe(200)
    expect(res.body).toBe('')
    const help = await east.slash('help', 'U0EASTLEAD')
    expect(help.body).toBe('')
    expect(bot.slackApi.calls('views.open')).toHaveLength(opened)
    expect(await bot.db.selectFrom('work_groups').select('id').where('workspace_id', '=', 'T0EAST').execute()).toEqual([])
    expect(logs.matching('refused a request from a Slack workspace').length).toBe(before + 2)
  })
})

describe('reminders in two workspaces', () => {
  beforeAll(async () => {
    const southGroup = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: 'T0SOUTH', conversationId: 'C0SOUTH', leadUserId: S_LEAD, hub: 'South Maths Hub', projectTitle: 'Mastery Readiness' })
    await addParticipants(bot.db, ref(southGroup), [{ userId: S_LEAD }, { userId: S_BOB }, { userId: S_CAL }], 'channel')
    const northGroup = await bot.db.selectFrom('work_groups').select('id').where('workspace_id', '=', 'T0NORTH').executeTakeFirstOrThrow()
    const groups = [[{ platform: 'slack' as const, workspaceId: 'T0NORTH', id: northGroup.id }, N_LEAD], [ref(southGroup), S_LEAD]] as const
    for (const [group, lead] of groups)
      await addSessions(bot.db, group, [{ title: 'Bar models', startsAt: new Date('2026-11-18T16:00:00Z'), endsAt: new Date('2026-11-18T17:30:00Z'), onlineUrl: 'https://meet.example.org/wg' }], lead, new Date('2026-09-01T09:00:00Z'))
  })

  it('each workspace’s reminders go with its own token', async () => {
    clock.set('2026-11-11T16:00:00Z')
    const stats = await run()
    expect(stats).toMatchObject({ sent: 5, failed: 0 })
    for (const user of [N_LEAD, N_AMY]) expect(remindersTo(user).map((m) => m.token)).toEqual([NORTH.token])
    for (const user of [S_LEAD, S_BOB, S_CAL]) expect(remindersTo(user).map((m) => m.token)).toEqual([SOUTH.token])
  })

  it('North revokes the token: it is erased at once, North’s reminders stop without a call to Slack, South’s go on, and it is logged once', async () => {
    const res = await slackEvent('T0NORTH', { type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOT_T0NORTH'] } }, 'EvREVOKE1')
    expect(res.status).toBe(200)
    // Slack gets its acknowledgement first; the listener runs just after.
    const row = await erased('T0NORTH')
    expect(row?.sealed_installation).toBeNull()
    expect(row?.revoked_at).not.toBeNull()

    const postsBefore = tokensOn('chat.postMessage').length
    clock.set('2026-11-17T16:00:00Z')
    const stats = await run()
    expect(stats).toMatchObject({ sent: 3, failed: 2 })
    const newTokens = tokensOn('chat.postMessage').slice(postsBefore)
    expect(newTokens).toEqual([SOUTH.token, SOUTH.token, SOUTH.token])

    // The session day: the hour-before reminders and each channel's morning message.
    const postsOnTheDay = tokensOn('chat.postMessage').length
    clock.set('2026-11-18T15:00:00Z')
    expect(await run()).toMatchObject({ sent: 4, failed: 3 })
    expect(tokensOn('chat.postMessage').slice(postsOnTheDay)).toEqual(Array(4).fill(SOUTH.token))
    expect(logs.matching('revoked the bot’s token')).toHaveLength(1)
    expect(logs.matching('revoked the bot’s token')[0]).toMatchObject({ teamId: 'T0NORTH', level: 40 })
    // Each stopped message is not an error of its own.
    expect(logs.lines.filter((l) => l.level >= 50 && l.msg === 'delivery failed for good')).toEqual([])
  })

  it('after the revocation, North’s requests are refused like any workspace that has not installed', async () => {
    const north = slackWorkspace(bot, 'T0NORTH', 'C0NORTH')
    const opened = bot.slackApi.calls('views.open').length
    expect((await north.slash('add session', N_LEAD)).body).toBe('')
    expect(bot.slackApi.calls('views.open')).toHaveLength(opened)
  })

  it('installing again brings North back, with its new token', async () => {
    const renewed = { ...NORTH, token: 'xoxb-t0north-renewed' }
    expect((await installSlackApp(bot, renewed)).status).toBe(200)
    expect(await installation('T0NORTH')).toMatchObject({ revoked_at: null, uninstalled_at: null })
    const north = slackWorkspace(bot, 'T0NORTH', 'C0NORTH')
    await north.slash('add session', N_LEAD)
    await eventually(() => (tokensOn('views.open').at(-1) === renewed.token ? true : undefined))
  })

  it('a file a North Lead uploads is fetched with North’s token (Slack’s file host accepts no other)', async () => {
    const north = slackWorkspace(bot, 'T0NORTH', 'C0NORTH')
    const content = 'date,start,end,place\n02/12/2026,16:00,17:00,Room 4\n'
    const url = bot.slackApi.serveFile('north.csv', content, 'xoxb-t0north-renewed')
    const before = bot.slackApi.calls('views.open').length
    await north.slash('import sessions', N_LEAD)
    const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? north.lastView() : undefined))
    const res = await north.submit(view, N_LEAD, { file: { file: { id: 'FNORTH1', name: 'north.csv', size: content.length, url_private_download: url } } })
    expect(res.status).toBe(200)
    const group = await bot.db.selectFrom('work_groups').select('id').where('workspace_id', '=', 'T0NORTH').executeTakeFirstOrThrow()
    const places = await bot.db.selectFrom('sessions').select('place').where('work_group_id', '=', group.id).execute()
    expect(places.map((p) => p.place)).toContain('Room 4')
  })

  it('Slack refusing South’s token (revoked without an event) stops South after the first refusal, logged once', async () => {
    bot.slackApi.revokeToken(SOUTH.token)
    clock.set('2026-11-18T15:59:00Z')
    await addSessions(
      bot.db,
      { platform: 'slack', workspaceId: 'T0SOUTH', id: (await bot.db.selectFrom('work_groups').select('id').where('workspace_id', '=', 'T0SOUTH').executeTakeFirstOrThrow()).id },
      [{ title: 'Reasoning', startsAt: new Date('2026-11-25T16:00:00Z'), endsAt: new Date('2026-11-25T17:00:00Z'), place: 'Room 2' }],
      S_LEAD,
      new Date('2026-09-01T09:00:00Z'),
    )
    clock.set('2026-11-18T16:00:00Z')
    const first = await run()
    // South's three messages to people, and its channel's "I'm here" post as the online session starts.
    expect(first.failed).toBe(4)
    expect((await installation('T0SOUTH'))?.sealed_installation).toBeNull()
    const refusedCalls = tokensOn('chat.postMessage').filter((t) => t === SOUTH.token).length

    clock.set('2026-11-24T16:00:00Z')
    expect(await run()).toMatchObject({ sent: 0, failed: 3 })
    // Nothing more was tried with the dead token.
    expect(tokensOn('chat.postMessage').filter((t) => t === SOUTH.token)).toHaveLength(refusedCalls)
    expect(logs.matching('The Slack workspace South Maths Hub revoked')).toHaveLength(1)
  })

  it('app_uninstalled erases the installation and refuses the workspace from then on', async () => {
    await installSlackApp(bot, { ...SOUTH, token: 'xoxb-t0south-again' })
    expect((await installation('T0SOUTH'))?.sealed_installation).not.toBeNull()
    await slackEvent('T0SOUTH', { type: 'app_uninstalled' }, 'EvUNINSTALL1')
    const row = await erased('T0SOUTH')
    expect(row?.sealed_installation).toBeNull()
    expect(row?.uninstalled_at).not.toBeNull()
    await eventually(() => logs.matching('The Slack workspace South Maths Hub uninstalled the app').length > 0 || undefined)
    expect(logs.matching('The Slack workspace South Maths Hub uninstalled the app')).toHaveLength(1)
    expect((await slackWorkspace(bot, 'T0SOUTH', 'C0SOUTH').slash('help', S_LEAD)).body).toBe('')
  })
})
