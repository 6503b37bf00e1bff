// Structured JSON logs (pino) for operators; pretty, human-readable lines when a person runs
// the bot in a terminal. Secrets are scrubbed from every line, whatever its level.
import { type DestinationStream, pino, type Logger } from 'pino'
import { currentRequestId } from './request-scope.js'
import { createSecretScrubber, REDACTED, type SecretScrubber } from './secret-scrubber.js'

export type { DestinationStream, Logger }

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export interface LoggerOptions {
  level: LogLevel
  pretty: boolean
  /** The configured secrets, and those learnt later (installation tokens). */
  secrets?: SecretScrubber
  /** Where lines go instead of stdout (tests keep them). */
  destination?: DestinationStream
}

export function createLogger(options: LoggerOptions): Logger {
  // Even with no secret configured, anything shaped like a Slack token is scrubbed.
  const secrets = options.secrets ?? createSecretScrubber()
  return pino(
    {
      level: options.level,
      base: { service: 'maths-hubs-bot' },
      redact: {
        // Secrets can reach logs through SDK errors that echo request options.
        paths: ['*.token', '*.botToken', '*.authorization', '*.headers.authorization', '*.password'],
        censor: REDACTED,
      },
      // Each line logged while handling an HTTP request says which one (see request-scope.ts).
      mixin: () => {
        const req = currentRequestId()
        return req === undefined ? {} : { req }
      },
      // The serialised line, after every field and message is in it: nothing gets past this.
      hooks: { streamWrite: (line) => secrets.scrub(line) },
      ...(options.pretty && !options.destination
        ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' } } }
        : {}),
    },
    ...(options.destination ? [options.destination] : []),
  )
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}
