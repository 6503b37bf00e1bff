// Which bot token serves a Slack workspace. A simple install has one token (SLACK_BOT_TOKEN)
// for its one workspace; "Add to Slack" keeps a token per workspace (slack-installations.ts).
// Either way a token Slack rejects stops being used at once, and that is logged once.
import type { webApi } from '@slack/bolt'
import { BotError } from '../../src/core/errors.js'
import type { Logger } from '../../src/core/logger.js'
import { toBotError } from './slack-errors.js'

export interface SlackBot {
  token: string
  /** The bot's own member id in that workspace (it is listed among channel members). */
  userId(): Promise<string | undefined>
}

export interface SlackWorkspaces {
  /** The bot in a workspace; a BotError('auth') when it has no working token there. */
  botIn(workspaceId: string): Promise<SlackBot>
  /** Slack refused the workspace's token (revoked, uninstalled): stop using it. */
  tokenRejected(workspaceId: string, token: string, error: BotError): Promise<void>
  /** Slack said the workspace uninstalled the app or revoked its token (app_uninstalled, tokens_revoked). */
  removed(workspaceId: string, why: 'uninstalled' | 'revoked'): Promise<void>
}

/** The one workspace a SLACK_BOT_TOKEN belongs to. */
export function singleWorkspace(token: string | undefined, client: webApi.WebClient, log: Logger): SlackWorkspaces {
  let rejected: BotError | undefined
  let self: Promise<string | undefined> | undefined
  const userId = () => {
    // Asked of Slack once, when first needed (never at start-up).
    self ??= client.auth.test({ ...(token ? { token } : {}) }).then(
      (r) => r.user_id,
      (error: unknown) => {
        self = undefined
        throw toBotError(error)
      },
    )
    return self
  }
  const stop = (reason: string, cause?: unknown) => {
    if (rejected) return
    rejected = new BotError('auth', `Slack no longer accepts SLACK_BOT_TOKEN (${reason})`, { alreadyLogged: true, cause })
    log.error(
      { code: 'auth', reason },
      'Slack no longer accepts SLACK_BOT_TOKEN (it was revoked, or the app was removed from the workspace): the bot stops posting until it is given a working token and restarted.',
    )
  }
  return {
    async botIn() {
      if (!token) throw new BotError('auth', 'no SLACK_BOT_TOKEN', { alreadyLogged: true, userMessage: 'I can’t do that yet: the bot has no Slack token. Tell your hub administrator.' })
      if (rejected) throw rejected
      return { token, userId }
    },
    tokenRejected: async (_workspaceId, _token, error) => stop(error.message, error),
    removed: async (_workspaceId, why) => stop(why === 'uninstalled' ? 'app_uninstalled' : 'tokens_revoked'),
  }
}
