// Words for when a session starts, as seen from the moment a message is sent: "starting now",
// "in 25 minutes", "in 2 hours", "today at 16:00", "tomorrow at 16:00", "on Tuesday at 16:00".
// Always written at sending, never at planning, so a message held by quiet hours or downtime
// still tells the truth when it arrives.
import { DateTime } from 'luxon'

export interface WhenWords {
  /** "in 2 hours", "tomorrow at 16:00". */
  words: string
  /** Whether the words name a clock time, which readers elsewhere need "(UK time)" for. */
  namesClockTime: boolean
}

/** Sessions this close count as starting now. */
const NOW_MINUTES = 2
/** Up to this far ahead on the same day, the wait is clearer than the clock time. */
const COUNTDOWN_MINUTES = 4 * 60

export function whenWords(now: Date, start: Date, zone: string): WhenWords {
  const minutes = Math.round((start.getTime() - now.getTime()) / 60_000)
  if (minutes < NOW_MINUTES) return { words: 'starting now', namesClockTime: false }
  if (minutes < 60) return { words: `in ${minutes} minutes`, namesClockTime: false }
  const from = DateTime.fromJSDate(now, { zone })
  const at = DateTime.fromJSDate(start, { zone })
  const clock = at.toFormat('HH:mm')
  const days = at.startOf('day').diff(from.startOf('day'), 'days').days
  if (days === 0 && minutes < COUNTDOWN_MINUTES) return { words: `in ${hours(minutes)}`, namesClockTime: false }
  if (days === 0) return { words: `today at ${clock}`, namesClockTime: true }
  if (days === 1) return { words: `tomorrow at ${clock}`, namesClockTime: true }
  if (days < 7) return { words: `on ${at.toFormat('cccc')} at ${clock}`, namesClockTime: true }
  return { words: `on ${at.toFormat('cccc d LLLL')} at ${clock}`, namesClockTime: true }
}

/** To the nearest half hour: "an hour", "1½ hours", "2 hours". */
function hours(minutes: number): string {
  const halves = Math.max(2, Math.round(minutes / 30))
  if (halves === 2) return 'an hour'
  const whole = Math.floor(halves / 2)
  return halves % 2 === 0 ? `${whole} hours` : `${whole}½ hours`
}

/** "In 2 hours", for the start of a header. */
export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1)
}
