// Acknowledged means answered: with the store failing, a direct message (Slack) and a Teams
// message still get the apology, and the platform's retry of the same event, once the store
// is back, gets the real answer instead of being dropped as a duplicate.
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { directMessageEnvelope } from '../fixtures/slack-payloads.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf, eventCallback, postToSlackEndpoint } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const APOLOGY = /something went wrong on our side/

let bot: TestBot
beforeAll(async () => {
  bot = await startTestBot()
})
afterAll(async () => {
  await bot?.stop()
})

// The ledger's table gone is the store failing on the first query every event makes.
const breakStore = () => sql`alter table processed_events rename to processed_events_away`.execute(bot.db)
const mendStore = () => sql`alter table processed_events_away rename to processed_events`.execute(bot.db)

it('answers a Slack direct message with the apology while the store fails, and its retry with the answer', async () => {
  const user = 'UFAILDM'
  const envelope = { ...directMessageEnvelope, event_id: 'EvFailThenRetry', event: { ...directMessageEnvelope.event, user, channel: dmChannelOf(user), text: 'help', ts: '1700000001.000001' } }
  await breakStore()
  try {
    expect((await postToSlackEndpoint(bot.url, eventCallback(envelope))).status).toBe(200)
    const apology = await eventually(() => bot.slackApi.posted(dmChannelOf(user)).find((m) => APOLOGY.test(m.text ?? '')))
    expect(apology).toBeDefined()
  } finally {
    await mendStore()
  }
  const before = bot.slackApi.posted(dmChannelOf(user)).length
  expect((await postToSlackEndpoint(bot.url, eventCallback(envelope, 1))).status).toBe(200)
  const answer = await eventually(() => bot.slackApi.posted(dmChannelOf(user)).slice(before).find((m) => !APOLOGY.test(m.text ?? '')))
  expect(answer.text).toMatch(/workgroups/i)
  // Handled now: a further retry is a duplicate.
  const after = bot.slackApi.posted(dmChannelOf(user)).length
  await postToSlackEndpoint(bot.url, eventCallback(envelope, 2))
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(bot.slackApi.posted(dmChannelOf(user)).length).toBe(after)
})

it('answers a Teams message with the apology while the store fails, and its retry with the answer', async () => {
  const activity = { ...personalMessage, id: 'teams-fail-then-retry', text: 'help', attachments: [], serviceUrl: `${bot.connector.url}/`, conversation: { ...personalMessage.conversation, id: 'a:fail-then-retry' } }
  await breakStore()
  try {
    expect((await postActivity(bot.url, activity)).status).toBe(200)
    expect(JSON.stringify(bot.connector.sent().at(-1))).toMatch(APOLOGY)
  } finally {
    await mendStore()
  }
  const before = bot.connector.sent().length
  expect((await postActivity(bot.url, activity)).status).toBe(200)
  const replies = bot.connector.sent().slice(before)
  expect(replies.length).toBeGreaterThan(0)
  expect(JSON.stringify(replies)).not.toMatch(APOLOGY)
  expect(JSON.stringify(replies)).toMatch(/workgroups/i)
})
