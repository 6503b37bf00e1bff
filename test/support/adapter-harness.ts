// Both real adapters on one HTTP server around a bot core with features chosen by the test,
// for exercising adapter behaviour (forms, replies) that no shipped feature uses yet.
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.js'
import { createTeamsAdapter } from '../../adapters/teams/teams-adapter.js'
import type { ChatAdapter } from '../../src/core/adapter.js'
import { createBot, type Feature } from '../../src/core/bot.js'
import type { SlackOAuthConfig } from '../../src/config.js'
import { type Clock, systemClock } from '../../src/core/clock.js'
import { findConversationReference, findDirectConversation, forgetConversationReference, saveConversationReference } from '../../src/core/conversation-references.js'
import { heldFilesIn } from '../../src/core/held-files.js'
import type { Logger } from '../../src/core/logger.js'
import type { Db } from '../../src/db/database.js'
import { createHttpServer } from '../../src/http/server.js'
import { type ConnectorDouble, startConnectorDouble } from './connector-double.js'
import { SIGNING_SECRET, type SlackApiDouble, startSlackApiDouble } from './slack-double.js'
import { testLogger } from './test-bot.js'

export interface Harness {
  url: string
  slack: ChatAdapter
  teams: ChatAdapter
  slackApi: SlackApiDouble
  connector: ConnectorDouble
  stop(): Promise<void>
}

/** The bot token the harness's Slack adapter has when it serves one workspace. */
export const HARNESS_SLACK_TOKEN = 'xoxb-test'

export interface HarnessOptions {
  /**
   * A migrated database: Teams then keeps its conversation references and held files there,
   * and Slack its "Add to Slack" installations. Without it Teams remembers nothing.
   */
  db?: Db
  /** "Add to Slack" for many workspaces instead of one bot token; needs `db`. */
  slackOAuth?: SlackOAuthConfig
  clock?: Clock
  log?: Logger
}

export async function startHarness(features: Feature[], options: HarnessOptions = {}): Promise<Harness> {
  const [slackApi, connector] = await Promise.all([startSlackApiDouble(), startConnectorDouble()])
  const log = options.log ?? testLogger()
  const { db } = options
  const seen = new Set<string>()
  const events = {
    claim: async (key: string) => !seen.has(key) && Boolean(seen.add(key)),
    once: async (key: string) => !seen.has(key) && Boolean(seen.add(key)),
    finish: async () => {},
    release: async (key: string) => void seen.delete(key),
  }
  const bot = createBot({ features, log, events })
  const slack = createSlackAdapter({
    config: {
      signingSecret: SIGNING_SECRET,
      apiUrl: slackApi.apiUrl,
      ...(options.slackOAuth ? { oauth: options.slackOAuth } : { botToken: HARNESS_SLACK_TOKEN }),
    },
    bot,
    log,
    webApiRetries: 0,
    ...(db ? { db, publicUrl: 'https://bot.example.org' } : {}),
  })
  const teams = createTeamsAdapter({
    config: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', allowedTenants: [] },
    bot,
    log,
    ...(db
      ? {
          saveReference: (record) => saveConversationReference(db, record),
          findReference: (workspaceId, conversationId) => findConversationReference(db, { platform: 'teams', workspaceId }, conversationId),
          forgetReference: (workspaceId, conversationId) => forgetConversationReference(db, { platform: 'teams', workspaceId }, conversationId),
          findDirect: (workspaceId, userId) => findDirectConversation(db, 'teams', workspaceId, userId),
          heldFiles: heldFilesIn(db, options.clock ?? systemClock),
        }
      : {
          saveReference: async () => {},
          findReference: async () => undefined,
          forgetReference: async () => false,
          findDirect: async () => undefined,
        }),
  })
  const server = createHttpServer({ routes: [...slack.routes, ...teams.routes], log })
  const port = await server.listen(0, '127.0.0.1')
  return {
    url: `http://127.0.0.1:${port}`,
    slack,
    teams,
    slackApi,
    connector,
    stop: async () => {
      await server.close()
      await Promise.all([slackApi.close(), connector.close()])
    },
  }
}
