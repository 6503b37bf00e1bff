// Every line logged while the bot handles one HTTP request carries that request's id (`req`):
// the server's own line, Bolt's and the Web API client's, the core's and the adapters', also
// after the platform has been acknowledged. An id the caller sends (x-request-id) is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { personalMessage } from '../fixtures/teams-activities.js'
import { slashCommandFields } from '../fixtures/slack-payloads.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { capturingStream, type LogLine } from '../support/log-capture.js'
import { postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const ALLOWED_TENANT = '11111111-2222-3333-4444-555555555555'
const out = capturingStream()
let bot: TestBot

beforeAll(async () => {
  bot = await startTestBot({ env: { LOG_LEVEL: 'debug', TEAMS_ALLOWED_TENANTS: ALLOWED_TENANT }, logTo: out.stream })
})
afterAll(async () => {
  await bot?.stop()
})

const command = (text: string, headers: Record<string, string> = {}) =>
  postToSlackEndpoint(bot.url, {
    ...slashCommand({ ...slashCommandFields, command: '/workgroups', text, response_url: bot.slackApi.responseUrl('T0001/req/ids') }),
    extraHeaders: headers,
  })
const linesOf = (req: string): LogLine[] => out.lines.filter((l) => l.req === req)

describe('request ids in the log', () => {
  it('lines logged during one signed Slack command all carry its id, from the server, Bolt and the Web API client', async () => {
    const res = await command('help', { 'x-request-id': 'slack-command-1' })
    expect(res.status).toBe(200)
    // The server's own line comes once the response is closed.
    const lines = await eventually(() => (linesOf('slack-command-1').some((l) => l.msg === 'request') ? linesOf('slack-command-1') : undefined))
    expect(lines.length).toBeGreaterThanOrEqual(2)
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ method: 'POST', path: '/slack/events', status: 200 })
    // Bolt's own lines, through the adapter's bridge to our logger.
    expect(lines.some((l) => l.platform === 'slack' && l.msg.startsWith('ack()'))).toBe(true)
  })

  it('two requests have different ids; without x-request-id the server makes a random one', async () => {
    const before = new Set(out.lines.map((l) => l.req))
    const res = await fetch(`${bot.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' })
    expect(res.status).toBe(401)
    const id = res.headers.get('x-request-id') ?? ''
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(before.has(id)).toBe(false)
    await eventually(() => linesOf(id).find((l) => l.msg === 'request'))
    expect(linesOf(id).every((l) => l.req === id)).toBe(true)
  })

  it('a Teams activity’s lines carry its request’s id too (the refused-organisation warning and the server’s line)', async () => {
    const res = await postActivity(bot.url, { ...personalMessage, id: 'req-ids-1', serviceUrl: `${bot.connector.url}/` }, { 'x-request-id': 'teams-activity-1' })
    expect(res.status).toBeLessThan(300)
    const lines = await eventually(() => (linesOf('teams-activity-1').some((l) => l.msg === 'request') ? linesOf('teams-activity-1') : undefined))
    expect(lines.some((l) => l.msg.includes('TEAMS_ALLOWED_TENANTS') && l.platform === 'teams')).toBe(true)
  })

  it('lines logged outside any request carry no id', () => {
    expect(out.lines.find((l) => l.msg.startsWith('Maths Hubs bot is running'))?.req).toBeUndefined()
  })
})
