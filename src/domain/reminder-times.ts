// When a reminder is due, in local (UK) time: day-based offsets keep the local clock time
// across a clock change, quiet hours hold direct reminders until the next allowed time, and
// sessions in a hub's holidays get none.
import { DateTime } from 'luxon'

/** Reminders are at most this far ahead of a session (offsets are capped to it). */
export const MAX_OFFSET_MINUTES = 28 * 24 * 60
/** When the morning messages (session digests, resource digests) go out, local time. */
export const DIGEST_TIME = '08:00'

export interface QuietHours {
  /** Local "HH:MM" when quiet starts and ends (e.g. 21:00 to 07:00, across midnight). */
  start: string
  end: string
  weekends: boolean
}

export interface Holiday {
  /** Inclusive local dates, "YYYY-MM-DD". */
  startsOn: string
  endsOn: string
}

const MINUTES_PER_DAY = 24 * 60

/**
 * When a reminder `minutesBefore` a session is due. Whole days are counted on the local
 * calendar, so a week-before reminder for a Monday 16:00 session after the October change
 * still comes at 16:00 local time, not 15:00.
 */
export function reminderDueAt(sessionStart: Date, minutesBefore: number, zone: string): Date {
  const start = DateTime.fromJSDate(sessionStart, { zone })
  const days = Math.floor(minutesBefore / MINUTES_PER_DAY)
  const minutes = minutesBefore % MINUTES_PER_DAY
  return start.minus({ days }).minus({ minutes }).toJSDate()
}

/** Whether a moment falls in quiet hours (or a weekend, when weekends are quiet). */
export function isQuiet(at: Date, quiet: QuietHours, zone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone })
  if (quiet.weekends && local.weekday >= 6) return true
  const minute = local.hour * 60 + local.minute
  const start = toMinutes(quiet.start)
  const end = toMinutes(quiet.end)
  if (start === end) return false
  return start < end ? minute >= start && minute < end : minute >= start || minute < end
}

/** The first moment at or after `at` that is not quiet. */
export function nextAllowed(at: Date, quiet: QuietHours, zone: string): Date {
  let local = DateTime.fromJSDate(at, { zone })
  // At most a weekend plus a night: step to each quiet period's end until outside all of them.
  for (let guard = 0; guard < 8 && isQuiet(local.toJSDate(), quiet, zone); guard++) {
    if (quiet.weekends && local.weekday >= 6) {
      local = local.plus({ days: 8 - local.weekday }).startOf('day')
      continue
    }
    const [h, m] = quiet.end.split(':').map(Number) as [number, number]
    let end = local.set({ hour: h, minute: m, second: 0, millisecond: 0 })
    if (end <= local) end = end.plus({ days: 1 })
    local = end
  }
  return local.toJSDate()
}

/**
 * When a direct reminder should actually be sent: at its due time, or held to the end of
 * quiet hours, unless holding it would take it past the start of the session.
 */
export function deliveryTime(due: Date, sessionStart: Date, quiet: QuietHours, zone: string): Date {
  if (!isQuiet(due, quiet, zone)) return due
  const held = nextAllowed(due, quiet, zone)
  return held < sessionStart ? held : due
}

/** Whether the session's local date falls in one of the hub's holidays. */
export function inHoliday(sessionStart: Date, holidays: readonly Holiday[], zone: string): boolean {
  const day = DateTime.fromJSDate(sessionStart, { zone }).toISODate()!
  return holidays.some((h) => h.startsOn <= day && day <= h.endsOn)
}

/** A label for an offset: "a week", "a day", "an hour", "2 days", "30 minutes". */
export function offsetLabel(minutes: number): string {
  if (minutes % (7 * MINUTES_PER_DAY) === 0) return minutes === 7 * MINUTES_PER_DAY ? 'a week' : `${minutes / (7 * MINUTES_PER_DAY)} weeks`
  if (minutes % MINUTES_PER_DAY === 0) return minutes === MINUTES_PER_DAY ? 'a day' : `${minutes / MINUTES_PER_DAY} days`
  if (minutes % 60 === 0) return minutes === 60 ? 'an hour' : `${minutes / 60} hours`
  return `${minutes} minutes`
}

function toMinutes(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  return h * 60 + m
}
