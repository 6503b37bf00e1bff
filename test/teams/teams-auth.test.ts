// With MicrosoftAppId set, only activities signed by the Bot Framework are accepted.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { findConversationReference } from '../../src/core/conversation-references.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { postActivity } from '../support/connector-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let bot: TestBot
beforeAll(async () => {
  bot = await startTestBot({
    env: { MicrosoftAppId: '4c7a9b1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b', MicrosoftAppPassword: 'not-a-real-secret' },
  })
})
afterAll(async () => {
  await bot?.stop()
})

it('refuses an activity without a Bot Framework token with 401, and does nothing', async () => {
  const activity = { ...personalMessage, id: 'unsigned-1', text: 'workgroups secondary', serviceUrl: `${bot.connector.url}/` }
  const res = await postActivity(bot.url, activity)
  expect(res.status).toBe(401)
  expect(bot.connector.requests).toHaveLength(0)
  expect(await findConversationReference(bot.db, { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, personalMessage.conversation.id)).toBeUndefined()
})
