// The Teams app package hub staff upload: its manifest must be valid against Microsoft's
// published v1.29 schema, name the bot and its message action as the bot handles them, list
// commands the bot understands, carry icons Teams accepts, and point at pages the bot serves.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { Ajv } from 'ajv'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SHARE_RESOURCE_COMMAND, TEAMS_COMMANDS, teamsAppPackage, teamsManifest } from '../../adapters/teams/app-package.js'
import { ACTION_SHARE_MESSAGE } from '../../src/features/resources/resources-feature.js'
import { botAddedToTeam, installedPersonally, personalMessage } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const OPTIONS = { botId: '6f1c1b2e-1111-2222-3333-444455556666', publicUrl: 'https://bot.example.org', version: '0.1.0' }

async function validator() {
  const schema = JSON.parse(await readFile(new URL('../fixtures/schemas/teams-app-manifest.v1.29.schema.json', import.meta.url), 'utf8'))
  delete schema.$schema
  // Formats are checked by the schema's own patterns where they matter (ids, URLs).
  return new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema)
}

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(png: Uint8Array) {
  const view = Buffer.from(png)
  expect(view.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(view.toString('ascii', 12, 16)).toBe('IHDR')
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20), colourType: view[25] }
}

describe('the Teams app package', () => {
  it('holds a manifest valid against the v1.29 schema, and two icons of the sizes Teams requires', async () => {
    const files = unzipSync(teamsAppPackage(OPTIONS))
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png'])
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']))
    const validate = await validator()
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true)
    expect(pngHeader(files['color.png']!)).toEqual({ width: 192, height: 192, colourType: 6 })
    expect(pngHeader(files['outline.png']!)).toEqual({ width: 32, height: 32, colourType: 6 })
  })

  it('the schema check can fail: a bad manifest is refused', async () => {
    const validate = await validator()
    expect(validate({ ...teamsManifest(OPTIONS), surprise: true })).toBe(false)
    expect(validate({ ...teamsManifest(OPTIONS), id: 'not-a-guid' })).toBe(false)
  })

  it('names the bot, supports files, and offers the message action the bot handles', () => {
    const manifest = teamsManifest(OPTIONS) as any
    expect(manifest.bots[0]).toMatchObject({ botId: OPTIONS.botId, supportsFiles: true, scopes: ['personal', 'team', 'groupChat'] })
    expect(manifest.composeExtensions[0].commands[0]).toMatchObject({ id: SHARE_RESOURCE_COMMAND, type: 'action', context: ['message'], fetchTask: true })
    expect(SHARE_RESOURCE_COMMAND).toBe(ACTION_SHARE_MESSAGE)
    expect(manifest.developer).toEqual({ name: 'Maths Hubs', websiteUrl: OPTIONS.publicUrl, privacyUrl: `${OPTIONS.publicUrl}/privacy`, termsOfUseUrl: `${OPTIONS.publicUrl}/terms` })
    expect(manifest.validDomains).toEqual(['bot.example.org'])
  })
})

describe('with the bot running', () => {
  let bot: TestBot
  beforeAll(async () => {
    bot = await startTestBot()
  })
  afterAll(async () => {
    await bot?.stop()
  })

  it('every command in the list is one the bot’s help offers', async () => {
    await postActivity(bot.url, { ...personalMessage, id: 'help-1', text: 'help all', serviceUrl: `${bot.connector.url}/` })
    const help = cardTexts(cardOf(bot.connector.sent().at(-1))).join('\n')
    for (const command of TEAMS_COMMANDS) expect(help, command.title).toContain(`workgroups ${command.title}`)
  })

  it('serves the privacy and terms pages the manifest links to', async () => {
    for (const page of ['/privacy', '/terms']) {
      const res = await fetch(`${bot.url}${page}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await res.text()).toContain('Maths Hubs bot')
    }
    expect(await (await fetch(`${bot.url}/privacy`)).text()).toContain('workgroups forget me')
  })
})

describe('npm run teams:package', () => {
  const run = promisify(execFile)
  const tsx = new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname
  const script = new URL('../../scripts/teams-package.ts', import.meta.url).pathname

  it('says what is missing, in sentences, and writes nothing', async () => {
    const failed = await run(process.execPath, [tsx, script, '--out', '/tmp/never-written.zip'], { env: { PATH: process.env.PATH } }).catch((error) => error)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain('Set MicrosoftAppId to your Azure Bot’s Microsoft App ID')
    expect(failed.stderr).toContain('Set PUBLIC_URL to the bot’s public https address')
    expect(failed.stderr).not.toContain('    at ')
  })
})

describe('installing the app', () => {
  let bot: TestBot
  beforeAll(async () => {
    bot = await startTestBot()
  })
  afterAll(async () => {
    await bot?.stop()
  })
  const welcomesIn = (conversationId: string) =>
    bot.connector.calls().filter((c) => c.method === 'POST' && c.conversationId === conversationId && JSON.stringify(c.body).includes('I’m the Maths Hubs bot'))

  it('added to a team, the bot says once what it does, even though Teams tells it twice', async () => {
    const added = { ...botAddedToTeam, serviceUrl: `${bot.connector.url}/` }
    const installed = { ...installedPersonally, id: 'f:install-team', serviceUrl: `${bot.connector.url}/`, conversation: added.conversation, channelData: added.channelData }
    expect((await postActivity(bot.url, added)).status).toBe(200)
    expect((await postActivity(bot.url, installed)).status).toBe(200)
    expect((await postActivity(bot.url, added)).status).toBe(200)
    const welcomes = welcomesIn(added.conversation.id)
    expect(welcomes).toHaveLength(1)
    expect(cardTexts(cardOf(welcomes[0]!.body)).join('\n')).toContain('workgroups help')
    const stored = await bot.db.selectFrom('conversation_references').select('conversation_id').where('conversation_id', '=', added.conversation.id).execute()
    expect(stored).toHaveLength(1)
  })

  it('installed in a 1:1 chat, it says hello there', async () => {
    await postActivity(bot.url, { ...installedPersonally, serviceUrl: `${bot.connector.url}/` })
    expect(welcomesIn(installedPersonally.conversation.id)).toHaveLength(1)
  })

  it('removed from a team, it forgets where to speak there, so nothing more is sent to it', async () => {
    const team = botAddedToTeam.conversation.id
    const removed = {
      ...botAddedToTeam,
      id: 'f:removed-from-team',
      serviceUrl: `${bot.connector.url}/`,
      membersAdded: undefined,
      membersRemoved: [{ id: botAddedToTeam.recipient.id }],
      channelData: { ...botAddedToTeam.channelData, eventType: 'teamMemberRemoved' },
    }
    const callsBefore = bot.connector.calls().length
    expect((await postActivity(bot.url, removed)).status).toBe(200)
    expect(await bot.db.selectFrom('conversation_references').select('conversation_id').where('conversation_id', '=', team).execute()).toEqual([])
    // Removing says nothing back: the bot is no longer there to speak.
    expect(bot.connector.calls()).toHaveLength(callsBefore)
    // Uninstalled from the 1:1 chat: that address goes too.
    await postActivity(bot.url, { ...installedPersonally, id: 'f:uninstalled', action: 'remove', serviceUrl: `${bot.connector.url}/` })
    expect(await bot.db.selectFrom('conversation_references').select('conversation_id').where('conversation_id', '=', installedPersonally.conversation.id).execute()).toEqual([])
  })
})
