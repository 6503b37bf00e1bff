// The chart in the Lead's attendance view on Teams, through Bot Framework activities into the
// real botbuilder adapter and the connector double: the card holds an Image whose address is
// the PNG itself (a data URI, so no public address is needed), with the numbers in its alt
// text and in a TextBlock beside it, and the card stays within Teams' 28 KB.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { channelMention } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { EXPECTED_WORDS, seedChartGroup } from './chart-seed.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:chart@thread.skype'
const LEAD = channelMention.from
const botId = channelMention.recipient.id
const person = (key: string, name: string) => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const PEOPLE = [person('alice', 'Alice Adams'), person('ben', 'Ben Brown'), person('chloe', 'Chloe Clark'), person('dev', 'Dev Desai')]
let bot: TestBot

beforeAll(async () => {
  bot = await startTestBot()
  await seedChartGroup(bot.db, {
    platform: 'teams',
    workspaceId: TENANT,
    conversationId: CHANNEL,
    lead: LEAD.aadObjectId,
    people: PEOPLE.map((p) => p.aadObjectId) as [string, string, string, string],
    extra: [LEAD, ...PEOPLE].map((p) => ({ userId: p.aadObjectId, name: p.name, address: { id: p.id, botId, tenantId: TENANT, serviceUrl: `${bot.connector.url}/` } })),
  })
})
afterAll(async () => {
  await bot?.stop()
})

it('`workgroups attendance`: the card holds the chart as a PNG with alt text, and the numbers in words', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, {
    ...channelMention,
    id: 'teams-chart-1',
    text: '<at>TestBot</at> workgroups attendance',
    serviceUrl: `${bot.connector.url}/`,
    conversation: { ...channelMention.conversation, id: CHANNEL },
    channelData: { ...channelMention.channelData, channel: { id: CHANNEL } },
  })
  const sent = bot.connector.calls().slice(before).filter((c) => c.method === 'POST' && c.body?.attachments)
  expect(sent).toHaveLength(1)
  const card = cardOf(sent[0]!.body)
  expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(28_000)
  const image = card.body.find((e: any) => e.type === 'Image')
  expect(image).toMatchObject({ altText: EXPECTED_WORDS, size: 'Auto' })
  const [, base64] = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(image.url) ?? []
  const png = Buffer.from(base64!, 'base64')
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 400])
  // The words right after the picture, for screen readers and wherever it does not show.
  const next = card.body[card.body.indexOf(image) + 1]
  expect(next).toMatchObject({ type: 'TextBlock', text: EXPECTED_WORDS, isSubtle: true })
  expect(cardTexts(card).join('\n')).toContain('Attendance: Mastery Readiness')
})
