// Both real adapters on one HTTP server around a bot core with features chosen by the test,
// for exercising adapter behaviour (forms, replies) that no shipped feature uses yet.
import { createSlackAdapter } from '../../adapters/slack/slack-adapter.js'
import { createTeamsAdapter } from '../../adapters/teams/teams-adapter.js'
import { createBot, type Feature } from '../../src/core/bot.js'
import { createHttpServer } from '../../src/http/server.js'
import { type ConnectorDouble, startConnectorDouble } from './connector-double.js'
import { SIGNING_SECRET, type SlackApiDouble, startSlackApiDouble } from './slack-double.js'
import { testLogger } from './test-bot.js'

export interface Harness {
  url: string
  slackApi: SlackApiDouble
  connector: ConnectorDouble
  stop(): Promise<void>
}

export async function startHarness(features: Feature[]): Promise<Harness> {
  const [slackApi, connector] = await Promise.all([startSlackApiDouble(), startConnectorDouble()])
  const log = testLogger()
  const seen = new Set<string>()
  const events = {
    claim: async (key: string) => !seen.has(key) && Boolean(seen.add(key)),
    finish: async () => {},
    release: async (key: string) => void seen.delete(key),
  }
  const bot = createBot({ features, log, events })
  const slack = createSlackAdapter({
    config: { signingSecret: SIGNING_SECRET, botToken: 'xoxb-test', apiUrl: slackApi.apiUrl },
    bot,
    log,
    webApiRetries: 0,
  })
  const teams = createTeamsAdapter({
    config: { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', allowedTenants: [] },
    bot,
    log,
    saveReference: async () => {},
    findReference: async () => undefined,
    forgetReference: async () => false,
    findDirect: async () => undefined,
  })
  const server = createHttpServer({ routes: [...slack.routes, ...teams.routes], log })
  const port = await server.listen(0, '127.0.0.1')
  return {
    url: `http://127.0.0.1:${port}`,
    slackApi,
    connector,
    stop: async () => {
      await server.close()
      await Promise.all([slackApi.close(), connector.close()])
    },
  }
}
