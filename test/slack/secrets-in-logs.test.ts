// Secrets never reach the log, even at debug, where Bolt's WebClient logs every request it makes
// (the OAuth code exchange's body holds the client secret): the real "Add to Slack" flow and a
// command in each installed workspace, with every line the bot's own logger writes kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/http-double.js'
import { capturingStream } from '../support/log-capture.js'
import { SIGNING_SECRET } from '../support/slack-double.js'
import { installSlackApp, OAUTH_ENV, workspaceInstall } from '../support/slack-install.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const NORTH = workspaceInstall('T0NORTH', 'North Maths Hub')
// A token without Slack's usual prefix: only the installation store telling the logger can hide it.
const WEST = { ...workspaceInstall('T0WEST', 'West Maths Hub'), token: 'west-bot-token-with-no-usual-prefix-42' }
const ENV = {
  ...OAUTH_ENV,
  LOG_LEVEL: 'debug',
  MicrosoftAppPassword: 'teams-app-password-from-entra',
  OPENAI_API_KEY: 'sk-openai-key-that-must-stay-hidden',
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
}
const SECRETS = [
  ENV.SLACK_CLIENT_SECRET,
  ENV.SLACK_STATE_SECRET,
  ENV.TOKEN_ENCRYPTION_KEY,
  ENV.MicrosoftAppPassword,
  ENV.OPENAI_API_KEY,
  SIGNING_SECRET,
  NORTH.token,
  WEST.token,
]

const out = capturingStream()
let bot: TestBot

beforeAll(async () => {
  bot = await startTestBot({ env: ENV, logTo: out.stream })
  for (const install of [NORTH, WEST]) expect((await installSlackApp(bot, install)).status).toBe(200)
  for (const [install, channel] of [[NORTH, 'C0NORTH'], [WEST, 'C0WEST']] as const) {
    const workspace = slackWorkspace(bot, install.teamId, channel)
    const before = bot.slackApi.calls('views.open').length
    expect((await workspace.slash('setup', `U0LEAD_${install.teamId}`)).status).toBe(200)
    await eventually(() => bot.slackApi.calls('views.open').length > before || undefined)
  }
})
afterAll(async () => {
  await bot?.stop()
})

describe('with LOG_LEVEL=debug', () => {
  it('the log has the debug lines of the code exchange and the commands, with the client secret’s field blanked', () => {
    const bodies = out.lines.filter((l) => l.msg.startsWith('http request body:'))
    expect(bodies.length).toBeGreaterThan(2)
    const exchange = out.lines.find((l) => l.msg.startsWith('http request body:') && l.msg.includes('client_secret'))
    expect(exchange?.msg).toContain('"client_secret":"[redacted]"')
    expect(out.lines.some((l) => l.msg.includes("apiCall('views.open')"))).toBe(true)
    // The tokens were used: each workspace's command went out with its own.
    expect(bot.slackApi.requests.filter((r) => r.path === '/api/views.open').map((r) => bot.slackApi.tokenOf(r))).toEqual([NORTH.token, WEST.token])
  })

  it('no configured secret or installation token appears in any line, in any written form', () => {
    const text = out.raw.join('')
    expect(out.raw.length).toBeGreaterThan(20)
    for (const secret of SECRETS) {
      for (const form of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)]) {
        expect(text).not.toContain(form)
        expect(text.toLowerCase()).not.toContain(form.toLowerCase())
      }
    }
    expect(text).not.toMatch(/xox[abposr]-/)
  })
})
