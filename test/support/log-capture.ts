// A logger that keeps what the bot logged, for tests that check what an operator would see.
import { Writable } from 'node:stream'
import { pino } from 'pino'
import type { DestinationStream, Logger } from '../../src/core/logger.js'

export interface LogLine {
  level: number
  msg: string
  [field: string]: unknown
}

export function capturingLogger(): { log: Logger; lines: LogLine[]; matching(text: string | RegExp): LogLine[] } {
  const lines: LogLine[] = []
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk)) as LogLine), done()) }))
  return {
    log,
    lines,
    matching: (text) => lines.filter((l) => (typeof text === 'string' ? l.msg.includes(text) : text.test(l.msg))),
  }
}

/**
 * A stream for the bot's own logger (startBot's `logTo`): every line as written, after the
 * logger's scrubbing, and parsed.
 */
export function capturingStream(): { stream: DestinationStream; raw: string[]; lines: LogLine[] } {
  const raw: string[] = []
  const lines: LogLine[] = []
  const stream = new Writable({
    write: (chunk, _enc, done) => {
      raw.push(String(chunk))
      lines.push(JSON.parse(String(chunk)) as LogLine)
      done()
    },
  })
  return { stream, raw, lines }
}
