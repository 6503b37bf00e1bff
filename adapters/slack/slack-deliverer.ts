// Unprompted Slack messages (reminders, notices) and the checks that make them exactly-once:
// each carries its outbox key as message metadata, so after a crash the bot can look in the
// conversation's history to see whether it went out before sending it again.
import { LogLevel, webApi } from '@slack/bolt'
import type { Deliverer } from '../../src/core/adapter.js'
import type { Member } from '../../src/core/events.js'
import { renderMessage } from './render-block-kit.js'
import { toBotError } from './slack-errors.js'

const METADATA_EVENT = 'maths_hubs_delivery'

export function createSlackDeliverer(client: webApi.WebClient): Deliverer {
  return {
    async deliver(target, message, key) {
      try {
        await client.chat.postMessage({
          // A user id as the channel opens (or reuses) the app's DM with them.
          channel: target.id,
          ...(target.threadId ? { thread_ts: target.threadId } : {}),
          ...renderMessage(message),
          metadata: { event_type: METADATA_EVENT, event_payload: { key } },
        })
      } catch (error) {
        throw toBotError(error)
      }
    },
    async wasDelivered(target, key, since) {
      try {
        const channel = target.kind === 'direct' ? (await client.conversations.open({ users: target.id })).channel?.id : target.id
        if (!channel) return undefined
        const history = await client.conversations.history({
          channel,
          oldest: String(Math.floor(since.getTime() / 1000)),
          include_all_metadata: true,
          limit: 200,
        })
        return (history.messages ?? []).some((m) => (m as { metadata?: { event_payload?: { key?: string } } }).metadata?.event_payload?.key === key)
      } catch (error) {
        throw toBotError(error)
      }
    },
  }
}

/**
 * Everyone in a channel, page by page, except the bot itself (Slack lists it among the
 * members; it is no participant). `botUserId` comes from auth.test, asked once.
 */
export async function listSlackMembers(client: webApi.WebClient, channel: string, botUserId: () => Promise<string | undefined>): Promise<Member[]> {
  const self = await botUserId()
  const members: Member[] = []
  let cursor: string | undefined
  do {
    try {
      const page = await client.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) })
      for (const id of page.members ?? []) if (id !== self) members.push({ userId: id })
      cursor = page.response_metadata?.next_cursor || undefined
    } catch (error) {
      throw toBotError(error)
    }
  } while (cursor)
  return members
}

/** A Web API client for deliveries: no retries of its own, 429s reported, since the outbox retries. */
export function createDeliveryClient(token: string, apiUrl: string | undefined): webApi.WebClient {
  return new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // The outbox decides how many messages are in flight; the client should not queue them.
    maxRequestConcurrency: 1000,
    logLevel: LogLevel.ERROR,
  })
}
