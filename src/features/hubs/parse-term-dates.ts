// Reads a hub's school holidays from a term-dates file, as hub staff get them: a spreadsheet
// saved as CSV, or the iCalendar (.ics) export a local authority publishes. Every holiday is
// checked before anything is stored, and a file is accepted whole or refused whole with each
// problem named by line and field, so the reminders never run on half a year's holidays.
import { csvOrIcs } from '../../files/file-kind.js'
import { distance } from 'fastest-levenshtein'
import ICAL from 'ical.js'
import { DateTime } from 'luxon'
import { truncate } from '../../core/messages.js'
import { type CsvRecord, overflowProblem, readCsvRecords } from '../../files/csv-records.js'
import { type IcalComponent, isCancelled, locateUnreadableEvents, textProperty } from '../../files/ical-events.js'
import { capitalise, readUkDate } from '../../files/uk-dates.js'

/** One holiday: inclusive local dates, as the reminder planner compares them. */
export interface HolidayInput {
  /** "YYYY-MM-DD", the first day off. */
  startsOn: string
  /** "YYYY-MM-DD", the last day off (the same as startsOn for a single day). */
  endsOn: string
  label?: string
}

/** A reason the file was refused, located so that a member of staff can find and fix it. */
export interface TermDatesProblem {
  /** 1-based line: the row of a CSV, or where the event begins in an .ics file. */
  line: number
  /** The column (CSV) or part of the event at fault; absent for problems with the whole file. */
  field?: string
  message: string
}

/** Every holiday in the file, sorted by date, or every problem; never a mixture. */
export type ParsedTermDates =
  | { ok: true; holidays: HolidayInput[]; ignoredColumns: string[] }
  | { ok: false; problems: TermDatesProblem[] }

/** The limits a file is held to; exported so that usage text quotes the same numbers. */
export const TERM_DATES_LIMITS = {
  holidaysPerFile: 60,
  daysPerHoliday: 70,
  firstYear: 2000,
  lastYear: 2100,
  name: 200,
} as const

/** Reads a term-dates file, choosing CSV or iCalendar by its name or, failing that, its content. */
export function parseTermDates(fileName: string, content: string): ParsedTermDates {
  const text = content.replace(/^\uFEFF/, '')
  const file = csvOrIcs(fileName, text)
  if ('problem' in file) return fail([{ line: 1, message: file.problem }])
  return checkHolidays(file.kind === 'csv' ? readCsv(text) : readIcs(text))
}

/** One line per problem, for the command line and logs: `line 3, start: …`. */
export function describeTermDatesProblems(problems: TermDatesProblem[]): string[] {
  return problems.map((p) => `line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}`)
}

// ---------------------------------------------------------------------------------------------
// What both formats produce: a holiday that may still be wrong, with whatever problems were
// found while reading it. The shared checks then run on every draft, so CSV and .ics files are
// held to exactly the same rules.

interface Draft {
  line: number
  /** Absent when the date could not be read; that problem is already in `problems`. */
  startsOn?: string
  endsOn?: string
  label?: string
  problems: TermDatesProblem[]
  /** Added to each message so that a problem in an .ics file can be matched to its event. */
  context: string
}

interface Read {
  drafts: Draft[]
  /** Problems with the file itself rather than one holiday. */
  problems: TermDatesProblem[]
  ignoredColumns?: string[]
}

const FIELD_ORDER = ['start', 'end', 'name']

/** Problems in file order, and on one line in the order of the row: start, end, name. */
function fail(problems: TermDatesProblem[]): ParsedTermDates {
  const rank = (p: TermDatesProblem) => (p.field === undefined ? -1 : FIELD_ORDER.indexOf(p.field))
  return { ok: false, problems: [...problems].sort((a, b) => a.line - b.line || rank(a) - rank(b)) }
}

function checkHolidays(read: Read): ParsedTermDates {
  const problems = [...read.problems]
  for (const draft of read.drafts) problems.push(...draft.problems, ...checkOne(draft))
  problems.push(...checkOverlaps(read.drafts))
  const tooMany = read.drafts[TERM_DATES_LIMITS.holidaysPerFile]
  if (tooMany) {
    problems.push({
      line: tooMany.line,
      message: `the file has ${read.drafts.length} holidays; import at most ${TERM_DATES_LIMITS.holidaysPerFile} at a time (a school year or two)`,
    })
  }
  if (read.drafts.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'the file has no holidays in it' })
  if (problems.length > 0) return fail(problems)

  const holidays = read.drafts
    .map((d): HolidayInput => ({ startsOn: d.startsOn!, endsOn: d.endsOn!, ...(d.label ? { label: d.label } : {}) }))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
  return { ok: true, holidays, ignoredColumns: read.ignoredColumns ?? [] }
}

/** The checks on one holiday's own dates and name. */
function checkOne(draft: Draft): TermDatesProblem[] {
  const { line, context, startsOn, endsOn } = draft
  const problems: TermDatesProblem[] = []
  const yearProblem = (field: 'start' | 'end', date: string | undefined) => {
    const year = date ? Number(date.slice(0, 4)) : undefined
    if (year !== undefined && (year < TERM_DATES_LIMITS.firstYear || year > TERM_DATES_LIMITS.lastYear)) {
      problems.push({
        line,
        field,
        message: `${longDate(date!)} is not between ${TERM_DATES_LIMITS.firstYear} and ${TERM_DATES_LIMITS.lastYear}; check the year${context}`,
      })
    }
  }
  yearProblem('start', startsOn)
  yearProblem('end', endsOn)
  if (draft.label !== undefined && draft.label.length > TERM_DATES_LIMITS.name) {
    problems.push({
      line,
      field: 'name',
      message: `is too long (${draft.label.length} characters); keep it to ${TERM_DATES_LIMITS.name} or fewer${context}`,
    })
  }
  if (startsOn && endsOn) {
    const days = daysBetween(startsOn, endsOn) + 1
    if (days < 1) {
      problems.push({
        line,
        field: 'end',
        message: `ends (${longDate(endsOn)}) before it starts (${longDate(startsOn)}); check the dates${context}`,
      })
    } else if (days > TERM_DATES_LIMITS.daysPerHoliday) {
      problems.push({
        line,
        field: 'end',
        message:
          `would last ${days} days (${longDate(startsOn)} to ${longDate(endsOn)}); a holiday can last at most ` +
          `${TERM_DATES_LIMITS.daysPerHoliday} days, so check the start and end. If this is a term rather than a holiday, list the holidays instead${context}`,
      })
    }
  }
  return problems
}

/**
 * Holidays in one file must not overlap: the store keys a hub's holidays by their first day,
 * and two overlapping rows are almost always a typo in one of them. Each holiday is compared
 * with those above it in the file, so the problem lands on the later line.
 */
function checkOverlaps(drafts: Draft[]): TermDatesProblem[] {
  const usable = drafts.filter((d) => d.startsOn && d.endsOn && d.startsOn <= d.endsOn)
  const problems: TermDatesProblem[] = []
  usable.forEach((draft, i) => {
    const earlier = usable.slice(0, i).find((e) => e.startsOn! <= draft.endsOn! && draft.startsOn! <= e.endsOn!)
    if (!earlier) return
    const same = earlier.startsOn === draft.startsOn && earlier.endsOn === draft.endsOn
    problems.push({
      line: draft.line,
      field: 'start',
      message: same
        ? `is the same holiday as on line ${earlier.line} (${span(draft)}); keep one of them${draft.context}`
        : `${span(draft)} overlaps the holiday on line ${earlier.line} (${span(earlier)}); check the dates of both${draft.context}`,
    })
  })
  return problems
}

function span(draft: Draft): string {
  return draft.startsOn === draft.endsOn ? longDate(draft.startsOn!) : `${longDate(draft.startsOn!)} to ${longDate(draft.endsOn!)}`
}

/** "Monday 26 October 2026": the way a teacher reads a date, with no doubt about its order. */
export function longDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setLocale('en-GB').toFormat('cccc d LLLL yyyy')
}

function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days)
}

function addDays(iso: string, days: number): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).plus({ days }).toISODate()!
}

// ---------------------------------------------------------------------------------------------
// CSV

const COLUMNS = {
  start: ['start', 'start date', 'first day', 'from', 'starts', 'begins', 'date from', 'holiday start', 'first day of holiday'],
  end: ['end', 'end date', 'last day', 'to', 'until', 'ends', 'finish', 'date to', 'holiday end', 'last day of holiday'],
  name: ['name', 'holiday', 'description', 'label', 'title', 'event', 'summary', 'holiday name', 'occasion', 'details'],
} as const

type Column = keyof typeof COLUMNS

const COLUMN_MEANING: Record<Column, string> = {
  start: 'the first day of each holiday',
  end: 'the last day of each holiday',
  name: 'what each holiday is called',
}

/** Headings are compared without case, spaces, underscores or hyphens: "Start_Date" is "start date". */
const squash = (heading: string) => heading.toLowerCase().replace(/[\s_\-:.]+/g, '')

const COLUMN_BY_HEADING = new Map<string, Column>(
  Object.entries(COLUMNS).flatMap(([column, headings]) => headings.map((h) => [squash(h), column as Column])),
)

function readCsv(text: string): Read {
  const reading = readCsvRecords(text)
  if (!reading.ok) return { drafts: [], problems: [reading.problem] }
  const { header: headerRow, rows: dataRows } = reading
  if (!headerRow) return { drafts: [], problems: [{ line: 1, message: 'the file is empty' }] }

  const header = readHeader(headerRow, dataRows)
  if (header.problems.length > 0) return { drafts: [], problems: header.problems }

  const drafts: Draft[] = []
  const problems: TermDatesProblem[] = []
  for (const row of dataRows) {
    const overflow = overflowProblem(row, header.width, 'a name or date')
    if (overflow) {
      problems.push(overflow)
      continue
    }
    drafts.push(readCsvRow(row.line, (column) => row.cells[header.indexOf.get(column) ?? -1] ?? ''))
  }
  return { drafts, problems, ignoredColumns: header.ignored }
}

function readCsvRow(line: number, cell: (column: Column) => string): Draft {
  const draft: Draft = { line, problems: [], context: '' }
  const label = cell('name').replace(/\s+/g, ' ')
  if (label !== '') draft.label = label
  const start = readUkDate(cell('start'))
  if (start.ok) draft.startsOn = start.date
  else draft.problems.push({ line, field: 'start', message: start.problem })
  // An empty end is a single day off (an INSET day, a bank holiday), as in a calendar.
  if (cell('end') === '') {
    if (start.ok) draft.endsOn = start.date
    return draft
  }
  const end = readUkDate(cell('end'))
  if (end.ok) draft.endsOn = end.date
  else draft.problems.push({ line, field: 'end', message: end.problem })
  return draft
}

interface Header {
  indexOf: Map<Column, number>
  width: number
  ignored: string[]
  problems: TermDatesProblem[]
}

function readHeader(headerRow: CsvRecord, dataRows: CsvRecord[]): Header {
  const { line, cells: headings } = headerRow
  const indexOf = new Map<Column, number>()
  const ignored: string[] = []
  const problems: TermDatesProblem[] = []
  headings.forEach((heading, index) => {
    if (heading === '') {
      // Spreadsheets often save an empty column or two at the right; it only matters if it holds something.
      if (dataRows.some((r) => (r.cells[index] ?? '') !== '')) ignored.push(`column ${index + 1}`)
      return
    }
    const column = COLUMN_BY_HEADING.get(squash(heading))
    if (column === undefined) {
      ignored.push(heading)
      return
    }
    const earlier = indexOf.get(column)
    if (earlier !== undefined) {
      problems.push({
        line,
        field: heading,
        message: `"${headings[earlier]}" and "${heading}" are both the ${column} column (${COLUMN_MEANING[column]}); keep one of them`,
      })
      return
    }
    indexOf.set(column, index)
  })
  for (const column of ['start', 'end'] as const) {
    if (!indexOf.has(column)) problems.push({ line, field: column, message: missingColumnMessage(column, ignored, headings) })
  }
  return { indexOf, width: headings.length, ignored, problems }
}

function missingColumnMessage(column: Column, unknown: string[], headings: string[]): string {
  const known = COLUMNS[column].map((h) => `"${capitalise(h)}"`)
  const base = `there is no ${column} column (${COLUMN_MEANING[column]}); head it "${capitalise(column)}" or one of ${known.slice(1, 4).join(', ')}`
  const candidate = closestHeading(column, unknown)
  if (candidate) return `${base}. Is "${candidate.heading}" meant to be "${capitalise(candidate.meant)}"? If so, rename it`
  const present = headings.filter((h) => h !== '')
  return present.length > 0 ? `${base}. The headings in the file are: ${present.map((h) => `"${truncate(h, 40)}"`).join(', ')}` : base
}

/** The file's unrecognised heading that looks most like a misspelling of one of the column's names. */
function closestHeading(column: Column, unknown: string[]): { heading: string; meant: string } | undefined {
  let best: { heading: string; meant: string; distance: number } | undefined
  for (const heading of unknown) {
    const squashed = squash(heading)
    for (const name of COLUMNS[column]) {
      const d = distance(squashed, squash(name))
      const allowed = Math.max(1, Math.floor(squash(name).length / 4))
      if (d <= allowed && (!best || d < best.distance)) best = { heading, meant: name, distance: d }
    }
  }
  return best
}


// ---------------------------------------------------------------------------------------------
// iCalendar. Holidays are all-day events: DTSTART;VALUE=DATE, with DTEND the day after the last
// day off (RFC 5545 §3.6.1), or no DTEND for a single day. Term-date calendars are imported as
// they are: if a calendar lists terms rather than holidays, the summary the command prints
// shows it, and the length check catches most terms.

type IcalProperty = InstanceType<typeof ICAL.Property>

/** A DTSTART or DTEND as written: a date, and the time of day when there is one. */
interface EventTime {
  date: string
  time?: string
  utc: boolean
}

type TimeReading = { ok: true; at: EventTime } | { ok: false; message: string }

function readIcs(text: string): Read {
  const marked = markBareDates(text)
  let roots: IcalComponent[]
  try {
    const parsed: unknown[] = ICAL.parse(marked)
    roots = (typeof parsed[0] === 'string' ? [parsed] : parsed).map((j) => new ICAL.Component(j as unknown[]))
  } catch (error) {
    const located = locateUnreadableEvents(marked, 'download or export the calendar again')
    if (located.length > 0) return { drafts: [], problems: located }
    const message = `the file is not a calendar file I can read (${(error as Error).message}); download or export it again as .ics`
    return { drafts: [], problems: [{ line: 1, message }] }
  }
  if (roots.length === 0 || roots.some((r) => r.name !== 'vcalendar')) {
    return { drafts: [], problems: [{ line: 1, message: 'the file is not a calendar file; download or export it again as .ics' }] }
  }

  const events: IcalComponent[] = []
  const collect = (c: IcalComponent) => {
    if (c.name === 'vevent') events.push(c)
    c.getAllSubcomponents().forEach(collect)
  }
  roots.forEach(collect)
  // ical.js keeps no line numbers; VEVENTs appear in the text in the order the tree lists them.
  const beginLines = text.split(/\r\n|\n|\r/).flatMap((l, i) => (/^BEGIN:VEVENT[ \t]*$/i.test(l) ? [i + 1] : []))
  const repeatingUids = new Set(events.filter(isRepeating).map((e) => String(e.getFirstPropertyValue('uid') ?? '')))

  const drafts: Draft[] = []
  events.forEach((event, i) => {
    const line = beginLines[i] ?? 1
    if (isCancelled(event)) return
    // A changed occurrence of a repeating event: the repeating event itself is already reported.
    if (event.hasProperty('recurrence-id') && repeatingUids.has(String(event.getFirstPropertyValue('uid') ?? ''))) return
    drafts.push(readEvent(event, line))
  })
  return { drafts, problems: [] }
}

/**
 * Some generators write an all-day date without VALUE=DATE ("DTSTART:20261026"), which RFC 5545
 * does not allow and ical.js cannot read; the meaning is plain, so the parameter is added.
 */
function markBareDates(text: string): string {
  return text.replace(/^(DTSTART|DTEND)([^:\r\n]*):(\d{8})[ \t]*$/gim, (line, name: string, params: string, date: string) =>
    /;VALUE=/i.test(params) ? line : `${name}${params};VALUE=DATE:${date}`,
  )
}



function isRepeating(event: IcalComponent): boolean {
  return event.hasProperty('rrule') || event.hasProperty('rdate')
}

function readEvent(event: IcalComponent, line: number): Draft {
  const summary = textProperty(event, 'summary')
  const context = summary ? ` (event "${truncate(summary, 60)}")` : ''
  const draft: Draft = { line, problems: [], context, ...(summary ? { label: summary.replace(/\s+/g, ' ') } : {}) }
  const problem = (field: string, message: string) => draft.problems.push({ line, field, message: message + context })
  if (isRepeating(event)) {
    problem('start', 'this event repeats; a term-dates calendar lists each holiday once, so export it with each holiday as its own event')
    return draft
  }
  const start = eventTime(event.getFirstProperty('dtstart')) ?? { ok: false, message: 'this event has no start date' }
  if (!start.ok) {
    problem('start', start.message)
    return draft
  }
  const days = eventDays(event, start.at)
  if (!days.ok) {
    problem(days.field, days.message)
    return draft
  }
  draft.startsOn = start.at.date
  draft.endsOn = days.endsOn
  return draft
}

/** The last day off, from DTEND (the day after it), DURATION, or neither (one day). */
function eventDays(
  event: IcalComponent,
  start: EventTime,
): { ok: true; endsOn: string } | { ok: false; field: string; message: string } {
  const end = eventTime(event.getFirstProperty('dtend'))
  if (end !== undefined && !end.ok) return { ok: false, field: 'end', message: end.message }
  if (start.time !== undefined) {
    // Some calendars write a day off as midnight to midnight rather than as an all-day event.
    if (end?.ok && isMidnight(start) && isMidnight(end.at) && end.at.date > start.date) {
      return { ok: true, endsOn: addDays(end.at.date, -1) }
    }
    return { ok: false, field: 'start', message: timedEventMessage(start) }
  }
  if (end?.ok) {
    if (end.at.time !== undefined) return { ok: false, field: 'end', message: timedEventMessage(end.at) }
    // DTEND is the day after the last day off; some generators repeat DTSTART for one day.
    return { ok: true, endsOn: end.at.date === start.date ? start.date : addDays(end.at.date, -1) }
  }
  const duration = event.getFirstPropertyValue('duration')
  if (duration instanceof ICAL.Duration) {
    const days = duration.weeks * 7 + duration.days
    if (duration.isNegative || duration.hours || duration.minutes || duration.seconds) {
      return { ok: false, field: 'end', message: `lasts ${duration.toString()}, which is not a whole number of days` }
    }
    return { ok: true, endsOn: addDays(start.date, Math.max(days, 1) - 1) }
  }
  return { ok: true, endsOn: start.date }
}

function isMidnight(at: EventTime): boolean {
  return at.time === '00:00:00' && !at.utc
}

function timedEventMessage(at: EventTime): string {
  return (
    `this event is at ${at.time!.slice(0, 5)}${at.utc ? ' UTC' : ''} on ${longDate(at.date)}, but a holiday is whole days; ` +
    'only all-day events can be imported, so remove this event or make it all-day'
  )
}

/**
 * Reads the date as written rather than as ical.js decorates it: ical.js quietly rolls an
 * impossible date such as 20261332 over into the next year, where it should be refused.
 */
function eventTime(property: IcalProperty | null): TimeReading | undefined {
  if (!property) return undefined
  const raw = String((property.jCal as unknown[])[3] ?? '')
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z?))?$/.exec(raw)
  if (!match) return { ok: false, message: `"${truncate(raw, 40)}" cannot be read as a date; download or export the calendar again` }
  const [, year, month, day, hour, minute, second, zulu] = match
  const date = DateTime.utc(Number(year), Number(month), Number(day))
  if (!date.isValid) return { ok: false, message: `${year}${month}${day} is not a real date; download or export the calendar again` }
  const time = hour === undefined ? undefined : `${hour}:${minute}:${second}`
  return { ok: true, at: { date: date.toISODate()!, utc: zulu === 'Z', ...(time ? { time } : {}) } }
}


/**
 * Whether a file sent in chat is a term-dates file rather than a Work Group's sessions: a CSV
 * headed with holiday start and end columns and no session date column, or a calendar whose
 * events are all whole days (sessions have times). Only the first lines are looked at.
 */
export function looksLikeTermDates(fileName: string, text: string): boolean {
  const kind = csvOrIcs(fileName, text)
  if ('problem' in kind) return false
  if (kind.kind === 'ics') {
    const allDay = /^DTSTART;VALUE=DATE:\d{8}\s*$/im.test(text)
    const timed = /^DTSTART(?:;TZID=[^:\r\n]*)?:\d{8}T/im.test(text)
    return allDay && !timed
  }
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  const headings = new Set(firstLine.split(/[,;\t]/).map((h) => squash(h.trim().replace(/^"|"$/g, ''))))
  const has = (column: Column) => [...headings].some((h) => COLUMN_BY_HEADING.get(h) === column)
  return has('start') && has('end') && !headings.has('date')
}
