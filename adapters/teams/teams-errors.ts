// Bot Connector failures → the core's coded errors, so the outbox knows what to retry.
import { BotError } from '../../src/core/errors.js'

interface RestErrorShape {
  statusCode?: number
  message?: string
  response?: { headers?: { get?(name: string): string | undefined } }
}

export function toBotError(error: unknown): BotError {
  if (error instanceof BotError) return error
  const e = error as RestErrorShape
  const message = `Teams: ${e.message ?? String(error)}`
  const status = e.statusCode
  if (status === 429) {
    const retryAfter = Number(e.response?.headers?.get?.('retry-after'))
    return new BotError('rate_limited', message, { retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1, cause: error })
  }
  if (status === 401) return new BotError('auth', message, { cause: error })
  if (status === 403) return new BotError('permission', message, { cause: error })
  if (status === 404) return new BotError('not_found', message, { cause: error })
  if (status !== undefined && status >= 400 && status < 500) return new BotError('bad_input', message, { cause: error })
  // 5xx, timeouts and network errors: worth another try.
  return new BotError('platform', message, { cause: error })
}
