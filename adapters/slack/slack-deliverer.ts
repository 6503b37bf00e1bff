// Unprompted Slack messages (reminders, notices) and the checks that make them exactly-once:
// each carries its outbox key as message metadata, so after a crash the bot can look in the
// conversation's history to see whether it went out before sending it again. Every call
// carries the token of the target's workspace.
import { LogLevel, type Logger as BoltLogger, webApi } from '@slack/bolt'
import type { Deliverer } from '../../src/core/adapter.js'
import { BotError } from '../../src/core/errors.js'
import type { Member } from '../../src/core/events.js'
import { type ChartUrl, renderMessage } from './render-block-kit.js'
import { toBotError } from './slack-errors.js'
import { singleWorkspace, type SlackBot, type SlackWorkspaces } from './slack-workspaces.js'
import { type Logger, silentLogger } from '../../src/core/logger.js'

const METADATA_EVENT = 'maths_hubs_delivery'

/**
 * Runs one Web API call as the bot of a workspace. A token Slack rejects is reported, so the
 * workspace stops being tried (and logged) message after message.
 */
export function asBotIn(workspaces: SlackWorkspaces) {
  return async <T>(workspaceId: string, call: (bot: SlackBot) => Promise<T>): Promise<T> => {
    const bot = await workspaces.botIn(workspaceId)
    try {
      return await call(bot)
    } catch (error) {
      const botError = toBotError(error)
      if (botError.code === 'auth') {
        await workspaces.tokenRejected(workspaceId, bot.token, botError)
        // Reported once by tokenRejected; each message it stops need not say so again.
        throw new BotError('auth', botError.message, { cause: error, alreadyLogged: true })
      }
      throw botError
    }
  }
}

export function createSlackDeliverer(client: webApi.WebClient, workspaces: SlackWorkspaces, chartUrl?: ChartUrl): Deliverer {
  const asBot = asBotIn(workspaces)
  return {
    deliver: (target, message, key) =>
      asBot(target.workspaceId, async ({ token }) => {
        await client.chat.postMessage({
          token,
          // A user id as the channel opens (or reuses) the app's DM with them.
          channel: target.id,
          ...(target.threadId ? { thread_ts: target.threadId } : {}),
          ...renderMessage(message, chartUrl),
          metadata: { event_type: METADATA_EVENT, event_payload: { key } },
        })
      }),
    wasDelivered: (target, key, since) =>
      asBot(target.workspaceId, async ({ token }) => {
        const channel = target.kind === 'direct' ? (await client.conversations.open({ token, users: target.id })).channel?.id : target.id
        if (!channel) return undefined
        const history = await client.conversations.history({
          token,
          channel,
          oldest: String(Math.floor(since.getTime() / 1000)),
          include_all_metadata: true,
          limit: 200,
        })
        return (history.messages ?? []).some((m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === key)
      }),
  }
}

/**
 * Everyone in a channel, page by page, except the bot itself (Slack lists it among the
 * members; it is no participant).
 */
export function createMemberLister(client: webApi.WebClient, workspaces: SlackWorkspaces) {
  const asBot = asBotIn(workspaces)
  return (workspaceId: string, channel: string): Promise<Member[]> =>
    asBot(workspaceId, async (bot) => {
      const self = await bot.userId()
      const members: Member[] = []
      let cursor: string | undefined
      do {
        const page = await client.conversations.members({ token: bot.token, channel, limit: 200, ...(cursor ? { cursor } : {}) })
        for (const id of page.members ?? []) if (id !== self) members.push({ userId: id })
        cursor = page.response_metadata?.next_cursor || undefined
      } while (cursor)
      return members
    })
}

/**
 * A Web API client for deliveries: no retries of its own, 429s reported, since the outbox
 * retries. It holds no token: each call names its workspace's.
 */
export function createDeliveryClient(apiUrl: string | undefined, logger?: BoltLogger): webApi.WebClient {
  return new webApi.WebClient(undefined, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // The outbox decides how many messages are in flight; the client should not queue them.
    maxRequestConcurrency: 1000,
    // Through the bot's logger when given, so its lines are scrubbed of secrets like any other.
    ...(logger ? { logger } : { logLevel: LogLevel.ERROR }),
  })
}

/** The deliverer for one bot token (a simple install), for tools that send without the adapter. */
export function slackDeliverer(token: string, apiUrl: string | undefined, log: Logger = silentLogger()): Deliverer {
  const client = createDeliveryClient(apiUrl)
  return createSlackDeliverer(client, singleWorkspace(token, client, log))
}
