// With MicrosoftAppId set, only activities signed by the Bot Framework are accepted, whichever
// identity the Azure Bot has: single tenant (the default), a user-assigned managed identity, or
// an older multi-tenant bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findConversationReference } from '../../src/core/conversation-references.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { postActivity } from '../support/connector-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const APP_ID = '4c7a9b1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b'
const TENANT = personalMessage.conversation.tenantId

describe.each([
  ['single tenant (the default)', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: TENANT }],
  ['a user-assigned managed identity', { MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }],
  ['multi-tenant', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' }],
])('a bot signed in as %s', (_identity, env) => {
  let bot: TestBot
  beforeAll(async () => {
    bot = await startTestBot({ env })
  })
  afterAll(async () => {
    await bot?.stop()
  })

  it('refuses an activity without a Bot Framework token with 401, and does nothing', async () => {
    const activity = { ...personalMessage, id: 'unsigned-1', text: 'workgroups secondary', serviceUrl: `${bot.connector.url}/` }
    const res = await postActivity(bot.url, activity)
    expect(res.status).toBe(401)
    expect(bot.connector.requests).toHaveLength(0)
    expect(await findConversationReference(bot.db, { platform: 'teams', workspaceId: TENANT }, personalMessage.conversation.id)).toBeUndefined()
  })
})
