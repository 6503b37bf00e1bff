// Structured JSON logs (pino) for operators; pretty, human-readable lines when a person runs
// the bot in a terminal.
import { pino, type Logger } from 'pino'

export type { Logger }

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

export function createLogger(options: { level: LogLevel; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    base: { service: 'maths-hubs-bot' },
    redact: {
      // Secrets can reach logs through SDK errors that echo request options.
      paths: ['*.token', '*.botToken', '*.authorization', '*.headers.authorization', '*.password'],
      censor: '[redacted]',
    },
    ...(options.pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,service' } } }
      : {}),
  })
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' })
}
