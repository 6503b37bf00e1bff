// Files the bot gives one person on Slack, in their DM with the app, and the names of people by
// user id. Both run as the bot of the person's own workspace (its token from the installation
// store, or SLACK_BOT_TOKEN), so one workspace's token never touches another's people.
import type { webApi } from '@slack/bolt'
import { BotError } from '../../src/core/errors.js'
import type { Logger } from '../../src/core/logger.js'
import type { OutgoingFile } from '../../src/core/reply.js'
import { asBotIn } from './slack-deliverer.js'
import { toBotError } from './slack-errors.js'
import type { SlackWorkspaces } from './slack-workspaces.js'

const NOT_SENT = 'I couldn’t send you the file in a direct message. Please try again in a minute; if it keeps happening, tell your hub administrator.'

/**
 * Uploads a file into a person's DM with the app: conversations.open finds the DM channel,
 * then the Web API client's filesUploadV2 runs Slack's upload flow (files.getUploadURLExternal,
 * the bytes POSTed to the upload_url, files.completeUploadExternal into that channel).
 * https://docs.slack.dev/messaging/working-with-files#uploading_files
 */
export function createPrivateFileSender(client: webApi.WebClient, workspaces: SlackWorkspaces) {
  const asBot = asBotIn(workspaces)
  return async (workspaceId: string, userId: string, file: OutgoingFile): Promise<void> => {
    try {
      await asBot(workspaceId, async ({ token }) => {
        const channel = (await client.conversations.open({ token, users: userId })).channel?.id
        if (!channel) throw new BotError('not_found', `Slack opened no DM with ${userId}`)
        await client.filesUploadV2({
          token,
          channel_id: channel,
          file: file.content,
          filename: file.name,
          title: file.name,
          ...(file.comment ? { initial_comment: file.comment } : {}),
        })
      })
    } catch (error) {
      const cause = toBotError(error)
      throw new BotError(cause.code, `could not send ${file.name} privately: ${cause.message}`, {
        cause: error,
        alreadyLogged: cause.alreadyLogged,
        userMessage: cause.userMessage ?? NOT_SENT,
      })
    }
  }
}

/** How long a looked-up name is reused: long enough for one export, short enough to see renames. */
const NAME_TTL_MS = 10 * 60_000

interface SlackUser {
  name?: string
  real_name?: string
  profile?: { display_name?: string; real_name?: string }
}

/** What Slack shows people as: the display name they chose, else their full name. */
function displayName(user: SlackUser | undefined): string | undefined {
  return user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || undefined
}

/**
 * Display names through users.info (needs users:read), one call per id not seen recently. An id
 * Slack cannot name, or a call that fails, is left out of the answer rather than failing it.
 */
export function createUserNames(client: webApi.WebClient, workspaces: SlackWorkspaces, log: Logger, now: () => number = Date.now) {
  const asBot = asBotIn(workspaces)
  const cache = new Map<string, { name: string; until: number }>()
  return async (workspaceId: string, userIds: string[]): Promise<Map<string, string>> => {
    const names = new Map<string, string>()
    if (cache.size > 10_000) for (const [key, entry] of cache) if (entry.until <= now()) cache.delete(key)
    await Promise.all(
      [...new Set(userIds)].map(async (userId) => {
        const key = `${workspaceId}:${userId}`
        const cached = cache.get(key)
        if (cached && cached.until > now()) {
          names.set(userId, cached.name)
          return
        }
        try {
          const name = await asBot(workspaceId, async ({ token }) => displayName((await client.users.info({ token, user: userId })).user as SlackUser | undefined))
          if (!name) return
          cache.set(key, { name, until: now() + NAME_TTL_MS })
          names.set(userId, name)
        } catch (error) {
          log.warn({ err: error, code: toBotError(error).code, userId }, 'could not look up a Slack user’s name')
        }
      }),
    )
    return names
  }
}
