// Dates as people write them in the UK, in the files they give the bot (session lists, term
// dates). Numeric dates are always day first: 03/04/2027 is the 3rd of April, never March the
// 4th. Each problem is a phrase that follows the cell it is about: `"31/02/2026" is not a date…`.
import { closest, distance } from 'fastest-levenshtein'
import { DateTime } from 'luxon'
import { truncate } from '../core/messages.js'

export const MONTHS = 'january february march april may june july august september october november december'.split(' ')
export const WEEKDAYS = 'monday tuesday wednesday thursday friday saturday sunday'.split(' ')

export type DateReading = { ok: true; date: string } | { ok: false; problem: string }

const EXAMPLE = 'write it like 26/10/2026 or 26 October 2026'

/** Reads one date: 2026-10-26, 26/10/2026, 26/10/26, 26 October 2026 or Mon 26 Oct 2026. */
export function readUkDate(raw: string): DateReading {
  const text = raw.trim().replace(/\s+/g, ' ')
  if (text === '') return { ok: false, problem: `is empty; ${EXAMPLE}` }
  // Spreadsheets saving a date cell as CSV sometimes add the midnight it starts at.
  const withoutMidnight = text.replace(/[ T]0?0:00(?::00)?$/, '')
  if (/\d{1,2}:\d{2}/.test(withoutMidnight)) {
    return { ok: false, problem: `"${truncate(text, 40)}" has a time in it; give just the date` }
  }
  return readIso(withoutMidnight) ?? readNumeric(withoutMidnight) ?? readWords(withoutMidnight) ?? notADate(text)
}

function notADate(text: string): DateReading {
  if (/^\d{5}(?:\.\d+)?$/.test(text)) {
    // Excel saves a date cell formatted as a number as its serial number (46321 is 26/10/2026).
    return { ok: false, problem: `"${text}" is a spreadsheet's date number; format the column as dates (like 26/10/2026) and save as CSV again` }
  }
  if (/^[a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{2,4}$/i.test(text)) {
    return { ok: false, problem: `"${truncate(text, 40)}" has the month first; put the day first, like 26 October 2026` }
  }
  return { ok: false, problem: `"${truncate(text, 40)}" is not a date; ${EXAMPLE}` }
}

function readIso(text: string): DateReading | undefined {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  return match ? checkedDate(text, Number(match[1]), Number(match[2]), Number(match[3]), false) : undefined
}

function readNumeric(text: string): DateReading | undefined {
  const match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text)
  if (!match) return undefined
  return checkedDate(text, fullYear(match[4]!), Number(match[3]), Number(match[1]), true)
}

function readWords(text: string): DateReading | undefined {
  const match = /^(?:([a-z]+)\.?,? )?(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4}|\d{2})$/i.exec(text)
  if (!match) return undefined
  const [, weekdayWord, dayText, monthWord, yearText] = match
  const month = monthNumber(monthWord!)
  if (month === undefined) {
    const guess = closest(monthWord!.toLowerCase(), MONTHS)
    const hint = distance(monthWord!.toLowerCase(), guess) <= 2 ? ` Did you mean ${capitalise(guess)}?` : ''
    return { ok: false, problem: `"${truncate(text, 40)}": "${monthWord}" is not a month.${hint}` }
  }
  const reading = checkedDate(text, fullYear(yearText!), month, Number(dayText), false)
  if (!reading.ok || weekdayWord === undefined) return reading
  return checkWeekday(text, weekdayWord, reading.date)
}

/** A written weekday must agree with the date: "Tue 26 Oct 2026" means one of them is wrong. */
export function checkWeekday(text: string, word: string, date: string): DateReading {
  const weekday = WEEKDAYS.findIndex((w) => word.length >= 2 && w.startsWith(word.toLowerCase()))
  if (weekday === -1) return { ok: false, problem: `"${truncate(text, 40)}": "${word}" is not a day of the week` }
  const actual = DateTime.fromISO(date, { zone: 'utc' }).weekday - 1
  if (actual === weekday) return { ok: true, date }
  const dayMonthYear = DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLLL yyyy')
  return {
    ok: false,
    problem: `"${truncate(text, 40)}": ${dayMonthYear} is a ${capitalise(WEEKDAYS[actual]!)}, not a ${capitalise(WEEKDAYS[weekday]!)}; check the date`,
  }
}

export function monthNumber(word: string): number | undefined {
  const lower = word.toLowerCase()
  if (lower.length < 3) return undefined
  const index = MONTHS.findIndex((m) => m.startsWith(lower))
  return index === -1 ? undefined : index + 1
}

export function checkedDate(text: string, year: number, month: number, day: number, numeric: boolean): DateReading {
  if (month < 1 || month > 12) {
    const hint = numeric && day <= 12 ? '; put the day first, like 26/10/2026' : ''
    return { ok: false, problem: `"${truncate(text, 40)}" is not a date: there is no month ${month}${hint}` }
  }
  const date = DateTime.utc(year, month, day)
  if (!date.isValid) {
    return { ok: false, problem: `"${truncate(text, 40)}" is not a date: ${capitalise(MONTHS[month - 1]!)} ${year} has no day ${day}` }
  }
  return { ok: true, date: date.toISODate()! }
}

/** Two-digit years are this century: every holiday the bot can use is between 2000 and 2100. */
function fullYear(text: string): number {
  return Number(text) + (text.length === 2 ? 2000 : 0)
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}
