// Random and hostile text through both endpoints, as the platforms deliver it: 500 signed
// slash commands and 300 Teams messages mixing command words with both platforms' markup,
// NULs and control characters, unicode, emoji, right-to-left text, mentions and huge input.
// Valid-but-odd text must never get a 5xx, the error apology, or a reply that breaks the
// platforms' limits. Seeded, so a failure names an input that reproduces it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MESSAGE_LIMITS } from '../../src/core/messages.js'
import { slashCommandFields } from '../fixtures/slack-payloads.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { postActivity } from '../support/connector-double.js'
import { postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const SEED = Number(process.env.FUZZ_SEED ?? 20261203)
const SLACK_COMMANDS = 500
const TEAMS_ACTIVITIES = 300
const PEOPLE = 60
const IN_FLIGHT = 6

// What a user must never see for text that is merely odd.
const FAILURE = /something went wrong on our side|faster than I can answer|\bTypeError\b|invalid byte sequence|violates .* constraint|syntax error at|\bundefined\b|\[object Object\]|\bNaN\b/

const WORDS = ['help', 'secondary', 'primary', 'my data', 'resources', 'reflections', 'reflect', 'catch up', 'reminders', 'sessions', 'admins', 'setup', 'lead', 'roster', 'subgroups', 'unanswered', 'share', 'add session', 'import sessions', 'where do we start?', 'fractions', 'ks3', 'mastery', 'year 7', 'EYFS', 'workgroups']
const PIECES = [
  '\u0000', '\u0000\u0000', '\u0001', '\u0007', '\u001b[31m', '\u007f', '\r\n', '\t', '\u2028', '\ufeff', '\u200b', '\u200d',
  '\u202e', '\u2067', 'مرحبا بالعالم', 'שלום', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Ｆｕｌｌｗｉｄｔｈ', 'e\u0301\u0301\u0301', 'ß', 'İ', '한국어', '中文', '\ud83d', '\udc00',
  '😀', '👩🏽‍🏫', '🏳️‍🌈', '🇬🇧', '∑∫√', '½', '٣',
  '<@U0BOT>', '<@U123|someone>', '<#C123|general>', '<!here>', '<!channel>', '<!subteam^S123>', '<https://example.org|a link>', '<mailto:a@b.c>', '&lt;', '&amp;amp;', '*bold*', '_it_', '~x~', '`code`', '```block```', '> quote', '• bullet',
  '<at>Bot</at>', '<at>', '</at>', '<p>para</p>', '<a href="javascript:alert(1)">x</a>', '<img src=x onerror=alert(1)>', '&nbsp;', '&#x0;', '&#0;', '<br/>', '<script>alert(1)</script>',
  '[label](https://evil.example)', '![img](x)', '# heading', '| a | b |', '{"$gt":""}', "'; drop table sessions; --", '%s%n', '${process.env}', '{{7*7}}', '../../etc/passwd', '\\', '"', "'", '%00', '0', '-1', '1e309', '31/02/2027', '99:99',
  '#fractions', '#', '@', 'https://', 'http://localhost:1/x', 'https://example.org/' + 'a'.repeat(300),
]

function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  return { next, pick }
}

function hostileText(rng: ReturnType<typeof random>): string {
  const roll = rng.next()
  if (roll < 0.03) return ''
  if (roll < 0.06) return rng.pick(PIECES).repeat(1 + Math.floor(rng.next() * 4000))
  if (roll < 0.08) return `${rng.pick(WORDS)} ${'x'.repeat(20_000)}`
  const parts: string[] = rng.next() < 0.6 ? [rng.pick(WORDS)] : []
  const count = 1 + Math.floor(rng.next() * 6)
  for (let i = 0; i < count; i++) {
    const r = rng.next()
    if (r < 0.5) parts.push(rng.pick(PIECES))
    else if (r < 0.8) parts.push(rng.pick(WORDS))
    else parts.push(String.fromCodePoint(Math.floor(rng.next() * 0x2ffff)))
  }
  return parts.join(rng.next() < 0.7 ? ' ' : '')
}

interface Finding {
  input: string
  problem: string
}

/** Everything a Block Kit message may not do (https://docs.slack.dev/reference/block-kit/blocks). */
function slackLimitProblems(message: any): string[] {
  const problems: string[] = []
  const blocks: any[] = message?.blocks ?? []
  if (blocks.length > MESSAGE_LIMITS.blocks) problems.push(`${blocks.length} blocks`)
  for (const block of blocks) {
    if (block.text?.text?.length > MESSAGE_LIMITS.textLength) problems.push(`${block.type} text of ${block.text.text.length} characters`)
    if (block.type === 'header' && block.text?.text?.length > MESSAGE_LIMITS.headerLength) problems.push(`header of ${block.text.text.length} characters`)
    if ((block.fields?.length ?? 0) > MESSAGE_LIMITS.fields) problems.push(`${block.fields.length} fields`)
    for (const field of block.fields ?? []) if (field.text?.length > 2000) problems.push(`field of ${field.text.length} characters`)
    for (const element of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (element.type === 'button' && element.text?.text?.length > MESSAGE_LIMITS.buttonLabelLength) problems.push(`button label of ${element.text.text.length}`)
      if (element.value?.length > MESSAGE_LIMITS.buttonValueLength) problems.push(`button value of ${element.value.length}`)
      if (element.type === 'mrkdwn' && element.text?.length > MESSAGE_LIMITS.textLength) problems.push(`context of ${element.text.length}`)
    }
  }
  if (typeof message?.text === 'string' && message.text.length > 40_000) problems.push(`fallback text of ${message.text.length}`)
  return problems
}

let bot: TestBot
beforeAll(async () => {
  bot = await startTestBot()
})
afterAll(async () => {
  await bot?.stop()
})

async function inBatches<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += IN_FLIGHT) await Promise.all(items.slice(i, i + IN_FLIGHT).map(run))
}

it(`survives ${SLACK_COMMANDS} hostile slash commands and ${TEAMS_ACTIVITIES} hostile Teams messages (seed ${SEED})`, { timeout: 60_000 }, async () => {
  const rng = random(SEED)
  const findings: Finding[] = []
  const started = performance.now()

  const commands = Array.from({ length: SLACK_COMMANDS }, (_, n) => ({ n, text: hostileText(rng), user: `UFUZZ${n % PEOPLE}` }))
  await inBatches(commands, async ({ n, text, user }) => {
    const before = bot.slackApi.requests.length
    const res = await postToSlackEndpoint(
      bot.url,
      slashCommand({ ...slashCommandFields, team_id: 'TFUZZ', channel_id: n % 3 ? 'CFUZZ' : `D${user}`, channel_name: n % 3 ? 'maths' : 'directmessage', user_id: user, user_name: user, command: '/workgroups', text, trigger_id: `fuzz.${n}`, response_url: bot.slackApi.responseUrl(`fuzz-${n}`) }),
    )
    if (res.status >= 500) findings.push({ input: text, problem: `HTTP ${res.status}` })
    if (FAILURE.test(res.body)) findings.push({ input: text, problem: `acknowledged with ${res.body.slice(0, 200)}` })
    for (const problem of slackLimitProblems(res.json)) findings.push({ input: text, problem: `acknowledgement breaks Slack's limits: ${problem}` })
    void before
  })

  const activities = Array.from({ length: TEAMS_ACTIVITIES }, (_, n) => ({ n, text: hostileText(rng), user: `fuzz-${n % PEOPLE}` }))
  await inBatches(activities, async ({ n, text, user }) => {
    const activity = {
      ...personalMessage,
      id: `fuzz-${n}`,
      text,
      attachments: [],
      serviceUrl: `${bot.connector.url}/`,
      from: { id: `29:${user}`, name: text.slice(0, 40) || 'Someone', aadObjectId: `00000000-0000-0000-0000-${String(n % PEOPLE).padStart(12, '0')}` },
      conversation: { ...personalMessage.conversation, id: `a:fuzz-${user}` },
    }
    const res = await postActivity(bot.url, activity)
    if (res.status >= 500) findings.push({ input: text, problem: `HTTP ${res.status}` })
  })

  // What the bot sent later, anywhere: response_url posts and Web API calls, and Teams replies.
  for (const request of bot.slackApi.requests) {
    const body = JSON.stringify(request.body ?? '')
    const fuzzId = /fuzz-(\d+)/.exec(request.path)?.[1]
    const input = fuzzId ? commands[Number(fuzzId)]!.text : '(unknown)'
    if (FAILURE.test(body)) findings.push({ input, problem: `sent ${request.path}: ${body.slice(0, 200)}` })
    for (const problem of slackLimitProblems(request.body)) findings.push({ input, problem: `${request.path} breaks Slack's limits: ${problem}` })
  }
  for (const call of bot.connector.calls()) {
    const body = JSON.stringify(call.body ?? '')
    const input = activities.find((a) => call.conversationId === `a:fuzz-${a.user}`)?.text ?? '(unknown)'
    if (FAILURE.test(body)) findings.push({ input: `(one of the Teams messages from that user; e.g.) ${input}`, problem: `sent to Teams: ${body.slice(0, 200)}` })
    if (Buffer.byteLength(body) > 28 * 1024) findings.push({ input, problem: `a Teams activity of ${Buffer.byteLength(body)} bytes` })
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.info(`fuzz: ${SLACK_COMMANDS} slash commands and ${TEAMS_ACTIVITIES} Teams messages in ${seconds} s, ${findings.length} finding(s)`)
  expect(findings.map((f) => `${f.problem} ← ${JSON.stringify(f.input.slice(0, 300))}`)).toEqual([])
})
