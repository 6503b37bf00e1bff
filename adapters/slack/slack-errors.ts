// Slack Web API failures → the core's coded errors, so the outbox knows what to retry.
// Error codes: https://docs.slack.dev/reference/methods/chat.postMessage#errors
import { BotError } from '../../src/core/errors.js'

const GONE = new Set(['channel_not_found', 'user_not_found', 'is_archived', 'not_in_channel', 'cannot_dm_bot', 'user_disabled', 'messages_tab_disabled'])
const AUTH = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'team_access_not_granted'])
const PERMISSION = new Set(['missing_scope', 'restricted_action', 'ekm_access_denied', 'not_allowed_token_type'])
const INPUT = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'no_text', 'invalid_metadata_format', 'too_many_attachments'])

interface SlackErrorShape {
  code?: string
  retryAfter?: number
  statusCode?: number
  data?: { error?: string }
  message?: string
}

export function toBotError(error: unknown): BotError {
  if (error instanceof BotError) return error
  const e = error as SlackErrorShape
  const message = `Slack: ${e.data?.error ?? e.message ?? String(error)}`
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return new BotError('rate_limited', message, { retryAfterSeconds: e.retryAfter ?? 1, cause: error })
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? ''
      if (reason === 'ratelimited') return new BotError('rate_limited', message, { retryAfterSeconds: 1, cause: error })
      if (GONE.has(reason)) return new BotError('not_found', message, { cause: error })
      if (AUTH.has(reason)) return new BotError('auth', message, { cause: error })
      if (PERMISSION.has(reason)) return new BotError('permission', message, { cause: error })
      if (INPUT.has(reason)) return new BotError('bad_input', message, { cause: error })
      return new BotError('platform', message, { cause: error })
    }
    case 'slack_webapi_http_error':
      return new BotError(e.statusCode !== undefined && e.statusCode < 500 ? 'permission' : 'platform', message, { cause: error })
    default:
      // Network errors, timeouts: worth another try.
      return new BotError('platform', message, { cause: error })
  }
}
