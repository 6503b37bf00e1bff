// Bad requests on both endpoints get the right status, a short neutral body and no effect:
// malformed activities 400, forged Bot Framework tokens 401, oversized bodies 413 (seen by
// the client, not a reset connection), a Slack click without a user acknowledged and dropped.
import { request } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { blockActionsPayload, slashCommandFields } from '../fixtures/slack-payloads.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { postActivity } from '../support/connector-double.js'
import { botFrameworkClaims, foreignRsaToken, hmacToken, type OpenIdDouble, startOpenIdDouble, unsignedToken } from '../support/openid-double.js'
import { interaction, postToSlackEndpoint, signatureHeaders, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const APP_ID = '4c7a9b1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b'
// What a library says when it breaks, which must never reach a caller.
const INTERNALS = /toLowerCase|is not a function|TypeError|at .*\.js|stack|jwt|signature|Signing Key|endorsement|req\.body/i

let bot: TestBot
let keys: OpenIdDouble
beforeAll(async () => {
  keys = await startOpenIdDouble()
  bot = await startTestBot({ env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', BotOpenIdMetadata: keys.metadataUrl } })
})
afterAll(async () => {
  await bot?.stop()
  await keys?.close()
})

const activity = (overrides: Record<string, unknown> = {}) => ({ ...personalMessage, id: `hostile-${Math.random()}`, serviceUrl: `${bot.connector.url}/`, ...overrides })
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

it.each([
  ['no type', { type: undefined }],
  ['an empty type', { type: '' }],
  ['a number for serviceUrl', { serviceUrl: 42 }],
  ['an object for serviceUrl', { serviceUrl: { href: 'https://x' } }],
  ['a serviceUrl that is not a URL', { serviceUrl: 'javascript:alert(1)' }],
  ['an object for the conversation id', { conversation: { id: { $gt: '' } } }],
  ['a string for entities', { entities: 'mention' }],
])('answers an activity with %s 400 with a neutral body, before any token check', async (_, overrides) => {
  const res = await postActivity(bot.url, activity(overrides), bearer(unsignedToken(botFrameworkClaims(APP_ID, bot.connector.url))))
  expect(res.status).toBe(400)
  expect(JSON.stringify(res.body)).not.toMatch(INTERNALS)
  expect(res.body).toEqual({ error: 'bad_request', message: 'Expected a Bot Framework activity.' })
})

it('answers a body that is not JSON 400', async () => {
  const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{"type":' })
  expect(res.status).toBe(400)
  expect(await res.text()).not.toMatch(INTERNALS)
})

it.each([
  ['alg none with the known key id', () => unsignedToken(botFrameworkClaims(APP_ID, bot.connector.url))],
  ['HS256 signed with the published public key', () => hmacToken(botFrameworkClaims(APP_ID, bot.connector.url), keys.publicKeyPem)],
  ['RS256 signed with an attacker’s key under the known key id', () => foreignRsaToken(botFrameworkClaims(APP_ID, bot.connector.url))],
  ['RS256 under a key id nobody published', () => foreignRsaToken(botFrameworkClaims(APP_ID, bot.connector.url), 'attacker-key')],
  ['a bearer value that is no token at all', () => 'not.a.token'],
])('refuses a forged token (%s) with 401, a neutral body and no effect', async (_, token) => {
  const before = bot.connector.requests.length
  const res = await postActivity(bot.url, activity({ text: 'workgroups secondary' }), bearer(token()))
  expect(res.status).toBe(401)
  expect(res.body).toEqual({ error: 'unauthorized', message: 'The Bot Framework token was not accepted.' })
  expect(bot.connector.requests.length).toBe(before)
  // The keys really were looked up from the double: the 401 is a verdict, not a failure to fetch.
  expect(keys.requests.some((r) => r.path === '/keys')).toBe(true)
})

/** Posts `bytes` bytes with a declared length and reports the status, or the socket error. */
function postHuge(path: string, bytes: number, headers: Record<string, string> = {}): Promise<number | string> {
  return new Promise((resolve) => {
    const url = new URL(path, bot.url)
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes), ...headers } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    const write = () => {
      while (sent < bytes) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', write)
      }
      req.end()
    }
    write()
  })
}

it('answers a 5 MB body 413 on both endpoints, and the client sees the status', async () => {
  expect(await postHuge('/api/messages', 5_000_000, bearer('x'))).toBe(413)
  expect(await postHuge('/slack/events', 5_000_000, signatureHeaders('x'))).toBe(413)
})

it.each([
  ['/api/messages', { authorization: 'Bearer x' }],
  ['/slack/events', signatureHeaders('x')],
])('answers a 5 MB chunked body (no declared length) on %s 413 too', async (path, headers) => {
  const status = await new Promise<number | string>((resolve) => {
    const req = request(new URL(path, bot.url), { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'))
    for (let i = 0; i < 80; i++) req.write(Buffer.alloc(64 * 1024, 'a'))
    req.end()
  })
  expect(status).toBe(413)
})

it('acknowledges a Slack click with no user and runs nothing', async () => {
  const { user: _user, ...withoutUser } = blockActionsPayload
  const before = bot.slackApi.requests.length
  const res = await postToSlackEndpoint(bot.url, interaction({ ...withoutUser, actions: [{ ...blockActionsPayload.actions[0], action_id: 'wg_join' }] }))
  expect(res.status).toBe(200)
  expect(res.body).toBe('')
  await new Promise((resolve) => setTimeout(resolve, 200))
  expect(bot.slackApi.requests.length).toBe(before)
})

it('runs a slash command replayed with the same trigger id once, and answers a NUL in it like any other text', async () => {
  const command = (text: string, trigger: string) =>
    postToSlackEndpoint(
      bot.url,
      slashCommand({ ...slashCommandFields, team_id: 'TREPLAY', user_id: 'UREPLAY', command: '/workgroups', text, trigger_id: trigger, response_url: bot.slackApi.responseUrl(trigger) }),
    )
  const first = await command('help\u0000', 'replay.1')
  expect(first.status).toBe(200)
  expect(first.body).toMatch(/workgroups/)
  expect(first.body).not.toMatch(/something went wrong/i)
  const replay = await command('help\u0000', 'replay.1')
  expect(replay.status).toBe(200)
  expect(replay.body).toBe('')
  // The same trigger id from another workspace is someone else's command.
  const elsewhere = await postToSlackEndpoint(
    bot.url,
    slashCommand({ ...slashCommandFields, team_id: 'TOTHER', user_id: 'UREPLAY', command: '/workgroups', text: 'help', trigger_id: 'replay.1', response_url: bot.slackApi.responseUrl('replay.other') }),
  )
  expect(elsewhere.body).toMatch(/workgroups/)
})
