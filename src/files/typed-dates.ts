// Dates as people type them to the bot in a chat: "7 Dec", "Dec 7", "7/12", "today",
// "yesterday", "Tuesday", "last Tuesday", and every full date a file may hold (uk-dates.ts).
// A date without a year (or a bare weekday) is the nearest such date on the side of today the
// command looks at, today included: `reflections` looks back, since reflections are about
// sessions that have happened ("reflections 5 Feb" is the 5 February just gone, "Tuesday" the
// latest Tuesday); `cancel` looks ahead, since only a session still to come can be cancelled.
// Calendar arithmetic is luxon's; `today` is the UK date, so midnight is where teachers put it.
import { closest, distance } from 'fastest-levenshtein'
import { DateTime } from 'luxon'
import { truncate } from '../core/messages.js'
import { capitalise, checkedDate, checkWeekday, type DateReading, MONTHS, monthNumber, readUkDate, WEEKDAYS } from './uk-dates.js'

/** Which side of today a date without a year (or a bare weekday) falls on; today counts as either. */
export type DateDirection = 'past' | 'future'

const ORDINAL = '(?:st|nd|rd|th)?'
const DAY_MONTH = new RegExp(`^(?:([a-z]+)\\.?,? )?(\\d{1,2})${ORDINAL} (?:of )?([a-z]+)\\.?(?:,? (\\d{4}|\\d{2}))?$`, 'i')
const MONTH_DAY = new RegExp(`^(?:([a-z]+)\\.?,? )?([a-z]+)\\.? (\\d{1,2})${ORDINAL}(?:,? (\\d{4}|\\d{2}))?$`, 'i')
const NUMERIC_DAY_MONTH = /^(\d{1,2})[/.](\d{1,2})$/
const RELATIVE_DAYS: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1 }

const EXAMPLE = 'try “7 Dec”, “yesterday”, “last Tuesday” or 07/12/2026'

/**
 * Reads a date typed in a chat, relative to `today` (an ISO date). Numeric dates are day first,
 * as in the UK: 7/12 is the 7th of December.
 */
export function readTypedDate(raw: string, today: string, direction: DateDirection): DateReading {
  const text = raw.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '').replace(/^(?:on )?(?:the )?/i, '')
  if (text === '') return { ok: false, problem: `is empty; ${EXAMPLE}` }
  const base = DateTime.fromISO(today, { zone: 'utc' })
  const lower = text.toLowerCase()
  if (lower in RELATIVE_DAYS) return { ok: true, date: base.plus({ days: RELATIVE_DAYS[lower]! }).toISODate()! }
  return readWeekday(lower, base, direction) ?? readWithoutYear(text, base, direction) ?? readFullDate(text)
}

/** "Tuesday", "tues", "last Tuesday", "next Tue", "this Tuesday". */
function readWeekday(lower: string, base: DateTime, direction: DateDirection): DateReading | undefined {
  const match = /^(?:(last|this|next|on) )?([a-z]+)$/.exec(lower)
  if (!match) return undefined
  const [, which, word] = match
  const weekday = weekdayNumber(word!)
  if (weekday === undefined) return undefined
  // "last Tuesday" on a Tuesday is a week ago, and "next Tuesday" a week ahead; a bare
  // "Tuesday" on a Tuesday is today. "last" and "next" say the direction themselves.
  const side = which === 'last' ? 'past' : which === 'next' ? 'future' : direction
  const strict = which === 'last' || which === 'next'
  const step = side === 'past' ? -1 : 1
  let day = base
  if (strict) day = day.plus({ days: step })
  while (day.weekday !== weekday) day = day.plus({ days: step })
  return { ok: true, date: day.toISODate()! }
}

function weekdayNumber(word: string): number | undefined {
  const spelt = word === 'weds' ? 'wed' : word
  if (spelt.length < 3) return undefined
  const index = WEEKDAYS.findIndex((w) => w.startsWith(spelt))
  return index === -1 ? undefined : index + 1
}

/** "7 Dec", "7th of December", "Dec 7", "Tue 7 Dec", "7/12", each with or without a year. */
function readWithoutYear(text: string, base: DateTime, direction: DateDirection): DateReading | undefined {
  const numeric = NUMERIC_DAY_MONTH.exec(text)
  if (numeric) return nearest(text, base, direction, Number(numeric[2]), Number(numeric[1]), true)
  const dayFirst = DAY_MONTH.exec(text)
  const monthFirst = dayFirst ? undefined : MONTH_DAY.exec(text)
  const parts = dayFirst
    ? { weekday: dayFirst[1], day: dayFirst[2]!, month: dayFirst[3]!, year: dayFirst[4] }
    : monthFirst
      ? { weekday: monthFirst[1], day: monthFirst[3]!, month: monthFirst[2]!, year: monthFirst[4] }
      : undefined
  if (!parts) return undefined
  const month = monthNumber(parts.month)
  if (month === undefined) return misspeltMonth(text, parts.month)
  const reading =
    parts.year === undefined
      ? nearest(text, base, direction, month, Number(parts.day), false)
      : checkedDate(text, Number(parts.year) + (parts.year.length === 2 ? 2000 : 0), month, Number(parts.day), false)
  if (!reading.ok || parts.weekday === undefined) return reading
  return checkWeekday(text, parts.weekday, reading.date)
}

/** "7 Decembr" is a date with a typo; "lesson 7" is not a date at all. */
function misspeltMonth(text: string, word: string): DateReading | undefined {
  const guess = closest(word.toLowerCase(), MONTHS)
  if (word.length < 3 || distance(word.toLowerCase(), guess) > 2) return undefined
  return { ok: false, problem: `"${truncate(text, 40)}": "${word}" is not a month. Did you mean ${capitalise(guess)}?` }
}

/** The nearest day-and-month on the given side of today; 29 February waits for a leap year. */
function nearest(text: string, base: DateTime, direction: DateDirection, month: number, day: number, numeric: boolean): DateReading {
  // 2024 is a leap year: a day and month that fail there fail in every year.
  const possible = checkedDate(text, 2024, month, day, numeric)
  if (!possible.ok) return { ok: false, problem: possible.problem.replace(' 2024 has', ' has') }
  const today = base.toISODate()!
  const step = direction === 'past' ? -1 : 1
  for (let year = base.year; ; year += step) {
    const reading = checkedDate(text, year, month, day, numeric)
    if (reading.ok && (direction === 'past' ? reading.date <= today : reading.date >= today)) return reading
  }
}

/** Anything else must be a whole date, read as in files; its problem, if any, says what is wrong. */
function readFullDate(text: string): DateReading {
  const reading = readUkDate(text)
  if (reading.ok || /\d/.test(text)) return reading
  return { ok: false, problem: `"${truncate(text, 40)}" is not a date I can read; ${EXAMPLE}` }
}
