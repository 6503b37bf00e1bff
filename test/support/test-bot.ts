// The whole bot, as `npm start` wires it, on a free port with its own database and with
// Slack's Web API and the Teams connector pointed at local doubles.
import { loadConfig } from '../../src/config.js'
import { createLogger, type DestinationStream, type Logger, silentLogger } from '../../src/core/logger.js'
import type { Clock } from '../../src/core/clock.js'
import type { Db } from '../../src/db/database.js'
import { type RunningBot, startBot } from '../../src/main.js'
import { type ConnectorDouble, startConnectorDouble } from './connector-double.js'
import { SIGNING_SECRET, type SlackApiDouble, startSlackApiDouble, TEST_BOT_TOKEN } from './slack-double.js'
import { createTestStore } from './test-database.js'

export interface TestBot {
  url: string
  db: Db
  /** Plan what is due and deliver what is ready, on the test's clock. */
  jobs: RunningBot['jobs']
  slackApi: SlackApiDouble
  connector: ConnectorDouble
  stop(): Promise<void>
}

export interface TestBotOptions {
  /** Extra environment, as an operator would set it. */
  env?: Record<string, string>
  /** Leave Slack unconfigured. */
  withoutSlack?: boolean
  /** Connect to Slack through Socket Mode, at this WebSocket URL, instead of HTTP. */
  slackSocketUrl?: string
  slackAckBudgetMs?: number
  log?: Logger
  /** Instead of `log`: the bot's own logger (secrets scrubbed, at LOG_LEVEL) writes its lines here. */
  logTo?: DestinationStream
  /** A fake clock: scheduling then runs only when the test calls `jobs`. */
  clock?: Clock
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const [database, slackApi, connector] = await Promise.all([createTestStore(), startSlackApiDouble(), startConnectorDouble()])
  if (options.slackSocketUrl) slackApi.setSocketUrl(options.slackSocketUrl)
  const env: Record<string, string> = {
    PORT: '0',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(options.withoutSlack
      ? {}
      : { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: slackApi.apiUrl }),
    ...(options.slackSocketUrl ? { SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-test' } : {}),
    ...options.env,
  }
  let running: RunningBot
  try {
    running = await startBot(loadConfig(env), {
      ...(options.logTo ? { logTo: options.logTo } : { log: options.log ?? testLogger() }),
      host: '127.0.0.1',
      slackWebApiRetries: 0,
      ...(database.pglite ? { pglite: database.pglite } : {}),
      ...(options.slackAckBudgetMs !== undefined ? { slackAckBudgetMs: options.slackAckBudgetMs } : {}),
      ...(options.clock ? { clock: options.clock, manualJobs: true } : {}),
    })
  } catch (error) {
    await Promise.all([database.close(), slackApi.close(), connector.close()])
    throw error
  }
  return {
    url: `http://127.0.0.1:${running.port}`,
    db: running.db,
    jobs: running.jobs,
    slackApi,
    connector,
    stop: async () => {
      await running.stop()
      await Promise.all([database.close(), slackApi.close(), connector.close()])
    },
  }
}

/** Silent unless TEST_LOGS=1, when the bot's logs are printed for debugging a test. */
export function testLogger(): Logger {
  return process.env.TEST_LOGS ? createLogger({ level: 'debug', pretty: false }) : silentLogger()
}
