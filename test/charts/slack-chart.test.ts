// The chart in the Lead's attendance view on Slack, through the real Bolt receiver: with
// PUBLIC_URL set, the answer holds an image block whose address, fetched from the running bot,
// is the chart as a PNG, with the numbers in its alt text and in words beside it. Ratings
// shown are only those the Lead may see (named, and anonymised ones once there are five).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { EXPECTED_WORDS, seedChartGroup } from './chart-seed.js'

const TEAM = 'T0CHART'
const CHANNEL = 'C0CHART'
const LEAD = 'U0LEAD'
const PEOPLE = ['U0ALICE', 'U0BEN', 'U0CHLOE', 'U0DEV'] as [string, string, string, string]
const PUBLIC_URL = 'https://bot.example.org'

describe('with a public address', () => {
  let bot: TestBot
  beforeAll(async () => {
    bot = await startTestBot({ env: { PUBLIC_URL } })
    await seedChartGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, lead: LEAD, people: PEOPLE })
  })
  afterAll(async () => {
    await bot?.stop()
  })

  it('the attendance view shows the chart as an image the bot serves, with the numbers in words', async () => {
    const res = await slackWorkspace(bot, TEAM, CHANNEL).slash('attendance', LEAD)
    const blocks: any[] = res.json.blocks
    const image = blocks.find((b) => b.type === 'image')
    expect(image.alt_text).toBe(EXPECTED_WORDS)
    expect(image.title).toEqual({ type: 'plain_text', text: 'Turnout and average rating by session', emoji: false })
    expect(image.image_url.startsWith(`${PUBLIC_URL}/charts/`)).toBe(true)
    expect(image.image_url.length).toBeLessThan(3000)
    // The words beside it, for everyone.
    expect(blocks[blocks.indexOf(image) + 1]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: EXPECTED_WORDS }] })

    const served = await fetch(image.image_url.replace(PUBLIC_URL, bot.url))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    const png = Buffer.from(await served.arrayBuffer())
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 400])

    const tampered = await fetch(image.image_url.replace(PUBLIC_URL, bot.url).replace(/\.[\w-]+\.png$/, '.AAAA.png'))
    expect(tampered.status).toBe(404)
    await tampered.arrayBuffer()
  })
})

describe('without a public address', () => {
  let bot: TestBot
  beforeAll(async () => {
    bot = await startTestBot()
    await seedChartGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, lead: LEAD, people: PEOPLE })
  })
  afterAll(async () => {
    await bot?.stop()
  })

  it('Slack could not fetch a picture, so there is none; the numbers are still there in words', async () => {
    const res = await slackWorkspace(bot, TEAM, CHANNEL).slash('attendance', LEAD)
    expect(res.json.blocks.some((b: any) => b.type === 'image')).toBe(false)
    expect(JSON.stringify(res.json)).toContain(EXPECTED_WORDS)
  })
})
