// A file for one person lands in their DM with the app, never in the channel they asked from:
// a signed slash command into the real Bolt receiver, a test feature calling
// ctx.reply.sendFilePrivately, and Slack's upload flow (conversations.open,
// files.getUploadURLExternal, the POST to upload_url, files.completeUploadExternal) checked at
// the Web API double, with the token of the asker's own workspace. Display names come from
// users.info.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Feature } from '../../src/core/bot.js'
import { slashCommandFields } from '../fixtures/slack-payloads.js'
import { HARNESS_SLACK_TOKEN, type Harness, startHarness } from '../support/adapter-harness.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf, postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { installSlackApp, OAUTH_ENV, workspaceInstall } from '../support/slack-install.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'
import { parseKey } from '../../src/security/sealed-secrets.js'

// Not valid UTF-8 on purpose: the bytes must arrive exactly, not re-encoded as text.
const CSV = Buffer.concat([Buffer.from('name,rating\r\nAda,5\r\n', 'utf8'), Buffer.from([0xff, 0xfe, 0x00, 0x80])])

const feature: Feature = {
  name: 'test-private-files',
  commands: {
    'export me': async (event, _args, ctx) => {
      if (!ctx.reply.sendFilePrivately) throw new Error('no sendFilePrivately on this reply')
      await ctx.reply.sendFilePrivately({ name: `export-${event.actor.userId}.csv`, mimeType: 'text/csv', content: CSV, comment: 'Your data, as you asked.' })
    },
  },
}

let triggers = 0
// Each command its own trigger_id: a repeated one is a replay, and has no effect.
const command = (url: string, fields: Record<string, string>) =>
  postToSlackEndpoint(url, slashCommand({ ...slashCommandFields, command: '/workgroups', text: 'export me', trigger_id: `trigger.files.${++triggers}`, ...fields }))

describe('Slack: a file sent privately (one workspace, SLACK_BOT_TOKEN)', () => {
  let harness: Harness
  beforeAll(async () => {
    harness = await startHarness([feature])
  })
  afterAll(async () => {
    await harness?.stop()
  })

  it('goes into the asker’s DM through Slack’s upload flow, and nothing goes to the channel', async () => {
    const res = await command(harness.url, { team_id: 'T0001', channel_id: 'C0CHANNEL', user_id: 'U0ASKER', response_url: harness.slackApi.responseUrl('r-1') })
    expect(res.status).toBe(200)
    const [upload] = await eventually(() => (harness.slackApi.uploads().length ? harness.slackApi.uploads() : undefined))
    expect(upload!.channel).toBe(dmChannelOf('U0ASKER'))
    expect(upload!.name).toBe('export-U0ASKER.csv')
    expect(upload!.comment).toBe('Your data, as you asked.')
    expect(upload!.token).toBe(HARNESS_SLACK_TOKEN)
    expect(upload!.bytes.equals(CSV)).toBe(true)

    const api = harness.slackApi
    const opened = api.requests.filter((r) => r.path === '/api/conversations.open')
    expect(opened.map((r) => r.body.users)).toEqual(['U0ASKER'])
    expect(api.tokenOf(opened[0]!)).toBe(HARNESS_SLACK_TOKEN)
    const announced = api.requests.filter((r) => r.path === '/api/files.getUploadURLExternal')
    expect(announced).toHaveLength(1)
    expect(Number(announced[0]!.body.length)).toBe(CSV.length)
    expect(api.tokenOf(announced[0]!)).toBe(HARNESS_SLACK_TOKEN)
    const posted = api.requests.filter((r) => r.path.startsWith('/upload/v1/'))
    expect(posted).toHaveLength(1)
    expect(posted[0]!.method).toBe('POST')

    // The slash command's acknowledgement is empty and nothing reaches the channel.
    expect(res.body).toBe('')
    expect(api.responses()).toEqual([])
    expect(api.posted()).toEqual([])
    expect(api.calls('chat.postEphemeral')).toEqual([])
    expect(api.calls('files.completeUploadExternal').every((c) => c.channel_id === dmChannelOf('U0ASKER'))).toBe(true)
  })

  it('tells the asker privately, in a sentence, when Slack will not take the file', async () => {
    const uploadsBefore = harness.slackApi.uploads().length
    harness.slackApi.rateLimitNext(1, 30)
    const res = await command(harness.url, { team_id: 'T0001', channel_id: 'C0CHANNEL', user_id: 'U0ASKER', response_url: harness.slackApi.responseUrl('r-2') })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ response_type: 'ephemeral' })
    expect(res.body).toContain('I couldn’t send you the file in a direct message.')
    expect(harness.slackApi.uploads()).toHaveLength(uploadsBefore)
    expect(harness.slackApi.posted()).toEqual([])
  })

  it('names people through users.info, leaving out ids Slack cannot name', async () => {
    harness.slackApi.setUser('U0ADA', { name: 'ada', real_name: 'Ada Lovelace', display_name: 'Ada L' })
    harness.slackApi.setUser('U0ALAN', { name: 'alan', real_name: 'Alan Turing' })
    const names = await harness.slack.userNames!('T0001', ['U0ADA', 'U0ALAN', 'U0GONE'])
    expect([...names]).toEqual([
      ['U0ADA', 'Ada L'],
      ['U0ALAN', 'Alan Turing'],
    ])
    const asked = harness.slackApi.requests.filter((r) => r.path === '/api/users.info')
    expect(asked.map((r) => r.body.user).sort()).toEqual(['U0ADA', 'U0ALAN', 'U0GONE'])
    expect(asked.every((r) => harness.slackApi.tokenOf(r) === HARNESS_SLACK_TOKEN)).toBe(true)

    // Asked again soon after: the names come from the cache, the unknown id is asked again.
    const again = await harness.slack.userNames!('T0001', ['U0ADA', 'U0GONE'])
    expect(again.get('U0ADA')).toBe('Ada L')
    expect(again.has('U0GONE')).toBe(false)
    expect(harness.slackApi.requests.filter((r) => r.path === '/api/users.info').map((r) => r.body.user).sort()).toEqual(['U0ADA', 'U0ALAN', 'U0GONE', 'U0GONE'])
  })
})

describe('Slack: a file sent privately (many workspaces, "Add to Slack")', () => {
  let harness: Harness
  let database: TestDatabase
  const north = workspaceInstall('T0NORTH', 'North Hub')
  const south = workspaceInstall('T0SOUTH', 'South Hub')
  beforeAll(async () => {
    database = await createTestDatabase()
    harness = await startHarness([feature], {
      db: database.db,
      slackOAuth: {
        clientId: OAUTH_ENV.SLACK_CLIENT_ID,
        clientSecret: OAUTH_ENV.SLACK_CLIENT_SECRET,
        stateSecret: OAUTH_ENV.SLACK_STATE_SECRET,
        tokenKeys: [parseKey(OAUTH_ENV.TOKEN_ENCRYPTION_KEY)!],
      },
    })
    for (const install of [north, south]) expect((await installSlackApp(harness, install)).status).toBe(200)
  })
  afterAll(async () => {
    await harness?.stop()
    await database?.close()
  })

  it('uses the token of the asker’s own workspace for every step', async () => {
    const res = await command(harness.url, { team_id: 'T0SOUTH', channel_id: 'C0SOUTH', user_id: 'U0SOUTHPERSON', response_url: harness.slackApi.responseUrl('r-south') })
    expect(res.status).toBe(200)
    const [upload] = await eventually(() => (harness.slackApi.uploads().length ? harness.slackApi.uploads() : undefined))
    expect(upload!.channel).toBe(dmChannelOf('U0SOUTHPERSON'))
    expect(upload!.token).toBe(south.token)
    expect(upload!.bytes.equals(CSV)).toBe(true)
    const steps = harness.slackApi.requests.filter((r) => r.path === '/api/conversations.open' || r.path === '/api/files.getUploadURLExternal' || r.path.startsWith('/upload/v1/'))
    expect(steps).toHaveLength(3)
    expect(steps.map((r) => harness.slackApi.tokenOf(r))).toEqual([south.token, south.token, south.token])
    expect(harness.slackApi.posted()).toEqual([])
  })
})
