// Bolt's and the Web API client's logging, through the bot's own logger: one format, one level
// (LOG_LEVEL; pino drops what is below it) and the same scrubbing of secrets, which matters most
// at debug, where the Web API client logs every request body it sends.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt'
import type { Logger } from '../../src/core/logger.js'

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')
  return {
    debug: (...m) => log.debug(text(m)),
    info: (...m) => log.info(text(m)),
    warn: (...m) => log.warn(text(m)),
    error: (...m) => log.error(text(m)),
    setLevel: (l) => {
      level = l
    },
    getLevel: () => level,
    setName: () => {},
  }
}
