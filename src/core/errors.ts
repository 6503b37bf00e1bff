// Errors that carry a code for operators and, where it helps, a sentence for users.
// Platform errors are mapped to these at the adapter edge.

export type ErrorCode =
  | 'bad_input'
  | 'not_found'
  | 'permission'
  | 'rate_limited'
  | 'auth'
  | 'platform'
  | 'storage'
  | 'internal'
  /** A query on workspace data that does not name its workspace (a bug, refused before it runs). */
  | 'unscoped_query'

export class BotError extends Error {
  readonly code: ErrorCode
  /** A friendly sentence safe to show to the user; absent means "use the generic apology". */
  readonly userMessage: string | undefined
  /** For `rate_limited`: how long the platform asked us to wait. */
  readonly retryAfterSeconds: number | undefined
  /**
   * The cause was logged once where it was found (a revoked token, say), so each message it
   * stops need not be logged again.
   */
  readonly alreadyLogged: boolean

  constructor(
    code: ErrorCode,
    message: string,
    options: { userMessage?: string; retryAfterSeconds?: number; cause?: unknown; alreadyLogged?: boolean } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'BotError'
    this.code = code
    this.userMessage = options.userMessage
    this.retryAfterSeconds = options.retryAfterSeconds
    this.alreadyLogged = options.alreadyLogged ?? false
  }
}

/** The code to log for any thrown value. */
export function errorCode(error: unknown): ErrorCode {
  return error instanceof BotError ? error.code : 'internal'
}

/** What the user sees when something fails on our side: never a stack trace. */
export function userFacingMessage(error: unknown, reference: string): string {
  if (error instanceof BotError && error.userMessage) return error.userMessage
  return `Sorry, something went wrong on our side and I couldn't finish that. Please try again in a minute; if it keeps happening, tell your hub administrator (reference ${reference}).`
}
