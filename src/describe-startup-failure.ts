// Why the bot could not start, as one sentence for the person running it: the setting to check
// and what to do. Never a stack trace; the error code goes to the log beside it.
import { BotError, errorCode } from './core/errors.js'

export interface StartupFailure {
  code: string
  message: string
}

export function describeStartupFailure(error: unknown, settings: { port: number }): StartupFailure {
  // Everything the start path knows how to explain already says it in a BotError.
  if (error instanceof BotError) return { code: error.code, message: error.message }
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown }
  if (syscall === 'listen' && code === 'EADDRINUSE')
    return {
      code: 'EADDRINUSE',
      message: `PORT ${settings.port} is already in use by another program (perhaps another copy of the bot): stop that program, or set PORT to a free port.`,
    }
  if (syscall === 'listen' && (code === 'EACCES' || code === 'EPERM'))
    return {
      code: String(code),
      message: `PORT ${settings.port} may not be opened by this user (ports below 1024 need extra rights): set PORT to 1024 or above, such as 3978, and let the reverse proxy listen on 443.`,
    }
  const text = error instanceof Error ? error.message.split('\n')[0] : String(error)
  return {
    code: typeof code === 'string' ? code : errorCode(error),
    message: `The bot could not start (${text?.replace(/\.$/, '') || 'no reason given'}); run it again with LOG_LEVEL=debug for details.`,
  }
}
