// The Lead's choice of when participants are reminded, written the way people say it:
// "a week, 2 days and an hour", "1w 1d 1h", "30 minutes", or "none".
import { MAX_OFFSET_MINUTES, offsetLabel } from './reminder-times.js'

/** At most this many reminders per session: more is nagging. */
export const MAX_REMINDERS = 4
/** Shorter notice than this is no use to a teacher between lessons. */
export const MIN_OFFSET_MINUTES = 10

const UNITS: Record<string, number> = {
  m: 1, min: 1, mins: 1, minute: 1, minutes: 1,
  h: 60, hr: 60, hrs: 60, hour: 60, hours: 60,
  d: 24 * 60, day: 24 * 60, days: 24 * 60,
  w: 7 * 24 * 60, wk: 7 * 24 * 60, wks: 7 * 24 * 60, week: 7 * 24 * 60, weeks: 7 * 24 * 60,
}

/** "a week, a day, an hour" (the form's initial value, and how the bot describes them). */
export function describeOffsets(minutes: number[]): string {
  return minutes.length === 0 ? 'none' : minutes.map(offsetLabel).join(', ')
}

/** The offsets in minutes, largest first, or a sentence saying what is wrong. */
export function readOffsets(text: string): { minutes: number[] } | { error: string } {
  const cleaned = text.toLowerCase().replace(/\bbefore\b/g, ' ').trim()
  if (/^(none|no reminders|off|no)$/.test(cleaned)) return { minutes: [] }
  const read = readDurations(cleaned)
  if ('error' in read) return read
  const unique = read.minutes
  const tooSoon = unique.find((m) => m < MIN_OFFSET_MINUTES)
  if (tooSoon !== undefined) return { error: `A reminder ${offsetLabel(tooSoon)} before is too late to be useful; the shortest is ${MIN_OFFSET_MINUTES} minutes.` }
  const tooEarly = unique.find((m) => m > MAX_OFFSET_MINUTES)
  if (tooEarly !== undefined) return { error: `A reminder ${offsetLabel(tooEarly)} before is too early; the longest is ${offsetLabel(MAX_OFFSET_MINUTES)}.` }
  if (unique.length > MAX_REMINDERS) return { error: `That is ${unique.length} reminders; please choose at most ${MAX_REMINDERS}.` }
  return { minutes: unique }
}

/** Durations as people write them ("a week, 2 days", "1w 1d", "30 minutes"), in minutes, largest first. */
export function readDurations(text: string): { minutes: number[] } | { error: string } {
  const cleaned = text.toLowerCase().trim()
  const parts = cleaned.split(/\s*(?:,|;|\band\b|&|\+)\s*/).filter(Boolean)
  const minutes: number[] = []
  for (const part of parts) {
    // "1w 1d" without commas: each amount-and-unit pair is one reminder.
    const pairs = [...part.matchAll(/(\d+|an?|one)\s*([a-z]+)/g)]
    const leftover = part.replace(/(\d+|an?|one)\s*([a-z]+)/g, '').trim()
    if (pairs.length === 0 || leftover !== '') return { error: `I can’t read “${part}”. Write each reminder like “a week”, “2 days” or “30 minutes”, separated by commas.` }
    for (const [, amount = '', unit = ''] of pairs) {
      const size = UNITS[unit]
      if (size === undefined) return { error: `“${unit}” is not a unit I know: use minutes, hours, days or weeks.` }
      minutes.push((/^\d+$/.test(amount) ? Number(amount) : 1) * size)
    }
  }
  return { minutes: [...new Set(minutes)].sort((a, b) => b - a) }
}
