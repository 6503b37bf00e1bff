// Reads the session dates a Work Group Lead uploads, as a spreadsheet saved as CSV or as a
// calendar export (.ics from Outlook, Google Calendar and the like), and checks every session
// before anything is stored. A file is accepted whole or refused whole, with every problem
// named by line and field, so that a lead fixes the file in one pass and a Work Group never
// ends up with half its dates.
import { csvOrIcs } from '../../files/file-kind.js'
import { closest, distance } from 'fastest-levenshtein'
import ICAL from 'ical.js'
import { DateTime, Duration, IANAZone } from 'luxon'
import { z } from 'zod'
import { truncate } from '../../core/messages.js'
import { overflowProblem, readCsvRecords } from '../../files/csv-records.js'
import { type IcalComponent, isCancelled, locateUnreadableEvents, textProperty } from '../../files/ical-events.js'
import { readUkDate } from '../../files/uk-dates.js'

/** One session as the rest of the bot needs it, whichever kind of file it came from. */
export interface SessionInput {
  /** An instant; the local time the lead wrote has already been placed in its time zone. */
  startsAt: Date
  endsAt: Date
  /** An http(s) link, for a session held online. */
  onlineUrl?: string
  /** Where a face-to-face session is held. */
  place?: string
  /** What to watch or read before the session. */
  prepare?: string
  /** The task teachers try in school after the session. */
  gapTask?: string
  title?: string
}

/** A reason the file was refused, located so a teacher can find and fix it. */
export interface SessionProblem {
  /** 1-based line in the file: the row of a CSV, or where the event begins in an .ics file. */
  line: number
  /** The column (CSV) or part of the event at fault; absent for problems with the whole file. */
  field?: string
  message: string
}

/** Either every session in the file, or every problem; never a mixture. */
export type ParsedSessions = { ok: true; sessions: SessionInput[] } | { ok: false; problems: SessionProblem[] }

/** The most a file may hold; exported so that help text can quote the same numbers. */
export const SESSION_LIMITS = {
  sessionsPerFile: 50,
  /** Occurrences taken from one repeating calendar event. */
  occurrencesPerSeries: 20,
  hoursPerSession: 12,
  title: 150,
  place: 300,
  prepare: 1000,
  gapTask: 1000,
  link: 2000,
} as const

interface Options {
  /** The IANA zone that times without one are in: the hub's, Europe/London in practice. */
  timeZone: string
  now: Date
}

/** Reads a sessions file, choosing CSV or iCalendar by its name or, failing that, its content. */
export function parseSessionsFile(
  fileName: string,
  content: string,
  options: { timeZone: string; now: Date },
): ParsedSessions {
  if (!IANAZone.isValidZone(options.timeZone)) throw new RangeError(`unknown time zone ${options.timeZone}`)
  const text = content.replace(/^\uFEFF/, '')
  const file = csvOrIcs(fileName, text)
  if ('problem' in file) return fail([{ line: 1, message: file.problem }])
  const read = file.kind === 'csv' ? readCsv(text, options) : readIcs(text, options)
  return checkSessions(read, options)
}

/** One line per problem, for chat replies and logs: `line 3, date: …`. */
export function describeSessionProblems(problems: SessionProblem[]): string[] {
  return problems.map((p) => {
    const field = p.field && p.field in COLUMNS ? p.field.replace(/_/g, ' ') : p.field
    return `line ${p.line}${field ? `, ${field}` : ''}: ${p.message}`
  })
}

// ---------------------------------------------------------------------------------------------
// What both formats produce: a session that may still be wrong, with whatever problems were
// found while reading it. The shared checks then run on every draft, so CSV and .ics files are
// held to exactly the same rules.

interface Draft {
  line: number
  /** Absent when the time could not be read; that problem is already in `problems`. */
  startsAt?: DateTime
  endsAt?: DateTime
  title?: string
  place?: string
  onlineUrl?: string
  prepare?: string
  gapTask?: string
  problems: SessionProblem[]
  /** Which field a start in the past is blamed on: the date column of a CSV, the event's start. */
  whenField: 'date' | 'start'
  /** Added to each message so a problem in an .ics file can be matched to an event by name. */
  context: string
  /** False when a column that may hold the place or link was not recognised. */
  checkWhere: boolean
}

/** What reading a file found: the sessions in it, and problems with the file itself. */
interface Read {
  drafts: Draft[]
  problems: SessionProblem[]
}

function fail(problems: SessionProblem[]): ParsedSessions {
  // Problems for a repeating event are found once per occurrence; say each once.
  const seen = new Set<string>()
  const unique = problems.filter((p) => {
    const key = `${p.line}\u0000${p.field ?? ''}\u0000${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return { ok: false, problems: unique.sort((a, b) => a.line - b.line) }
}

const tooLong = (max: number) => (issue: { input?: unknown }) =>
  `is too long (${String(issue.input).length} characters); keep it to ${max} or fewer`

const optionalText = (max: number) => z.string().max(max, { error: tooLong(max) }).optional()

const sessionTextSchema = z.object({
  title: optionalText(SESSION_LIMITS.title),
  place: optionalText(SESSION_LIMITS.place),
  prepare: optionalText(SESSION_LIMITS.prepare),
  gapTask: optionalText(SESSION_LIMITS.gapTask),
  onlineUrl: z
    .string()
    .refine(isWebLink, { error: (issue) => notAWebLink(String(issue.input)), abort: true })
    .max(SESSION_LIMITS.link, { error: tooLong(SESSION_LIMITS.link) })
    .optional(),
})

const FIELD_NAMES: Record<string, string> = { gapTask: 'gap_task', onlineUrl: 'link' }

function checkSessions(read: Read, options: Options): ParsedSessions {
  const { drafts } = read
  const problems: SessionProblem[] = [...read.problems]
  const now = DateTime.fromJSDate(options.now)
  for (const draft of drafts) {
    const { line, context } = draft
    problems.push(...draft.problems)
    const texts = sessionTextSchema.safeParse(draft)
    if (!texts.success) {
      for (const issue of texts.error.issues) {
        const key = String(issue.path[0])
        problems.push({ line, field: FIELD_NAMES[key] ?? key, message: issue.message + context })
      }
    }
    if (draft.checkWhere && draft.place === undefined && draft.onlineUrl === undefined) {
      problems.push({
        line,
        field: 'place',
        message: `says neither where the session is nor its online link; give a place, a link or both${context}`,
      })
    }
    const { startsAt, endsAt } = draft
    if (startsAt && endsAt) {
      const minutes = endsAt.diff(startsAt, 'minutes').minutes
      if (minutes <= 0) {
        const message =
          minutes === 0
            ? `ends at the same time as it starts (${clock(startsAt, options)})`
            : `ends (${clock(endsAt, options, startsAt)}) before it starts (${clock(startsAt, options)})`
        problems.push({ line, field: 'end', message: `${message}; check the times${context}` })
      } else if (minutes > SESSION_LIMITS.hoursPerSession * 60) {
        problems.push({
          line,
          field: 'end',
          message:
            `would last ${Math.round(minutes / 6) / 10} hours; a session can last at most ` +
            `${SESSION_LIMITS.hoursPerSession} hours, so check the start and end${context}`,
        })
      }
    }
    if (startsAt && startsAt < now) {
      problems.push({
        line,
        field: draft.whenField,
        message: `${when(startsAt, options)} is in the past; only sessions still to come can be added${context}`,
      })
    }
  }

  const firstLineByStart = new Map<number, number>()
  for (const { startsAt, line, context } of drafts) {
    if (!startsAt) continue
    const first = firstLineByStart.get(startsAt.toMillis())
    if (first === undefined) firstLineByStart.set(startsAt.toMillis(), line)
    else
      problems.push({
        line,
        field: 'start',
        message: `starts at the same time (${when(startsAt, options)}) as the session on line ${first}${context}`,
      })
  }
  const tooMany = drafts[SESSION_LIMITS.sessionsPerFile]
  if (tooMany) {
    problems.push({
      line: tooMany.line,
      message: `the file has ${drafts.length} sessions; upload at most ${SESSION_LIMITS.sessionsPerFile} at a time`,
    })
  }
  if (drafts.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'the file has no sessions in it' })
  if (problems.length > 0) return fail(problems)

  const sessions = drafts.map(
    (d): SessionInput => ({
      startsAt: d.startsAt!.toJSDate(),
      endsAt: d.endsAt!.toJSDate(),
      ...(d.onlineUrl !== undefined ? { onlineUrl: d.onlineUrl } : {}),
      ...(d.place !== undefined ? { place: d.place } : {}),
      ...(d.prepare !== undefined ? { prepare: d.prepare } : {}),
      ...(d.gapTask !== undefined ? { gapTask: d.gapTask } : {}),
      ...(d.title !== undefined ? { title: d.title } : {}),
    }),
  )
  return { ok: true, sessions: sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()) }
}

// Only web links: anything else (javascript:, data:, file:, …) could run or open something on
// a teacher's machine when the bot shows it as a button.
function isWebLink(value: string): boolean {
  if (/\s/.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
  } catch {
    return false
  }
}

function notAWebLink(value: string): string {
  return `"${truncate(value, 60)}" is not a web link; paste the whole link, starting with https://`
}

function when(at: DateTime, options: Options): string {
  return at.setZone(options.timeZone).setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm")
}

/** A time of day, with its date too when it falls on a different day from `sameDayAs`. */
function clock(at: DateTime, options: Options, sameDayAs?: DateTime): string {
  const local = at.setZone(options.timeZone)
  if (sameDayAs && !local.hasSame(sameDayAs.setZone(options.timeZone), 'day')) return when(at, options)
  return local.toFormat('HH:mm')
}

/** Places a wall-clock time in a zone, refusing a time the clocks skip when they go forward. */
function localInstant(
  fields: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  zone: string,
): { ok: true; at: DateTime } | { ok: false; message: string } {
  const at = DateTime.fromObject(fields, { zone })
  if (!at.isValid) return { ok: false, message: 'is not a real date and time' }
  if (at.day !== fields.day || at.hour !== fields.hour || at.minute !== fields.minute) {
    const wall = DateTime.fromObject(fields, { zone: 'utc' }).setLocale('en-GB')
    const written = `${wall.toFormat('HH:mm')} on ${wall.toFormat('d LLLL yyyy')}`
    return {
      ok: false,
      message: `${written} does not exist in ${zoneName(zone)}, because the clocks go forward then; pick another time`,
    }
  }
  return { ok: true, at }
}

function zoneName(zone: string): string {
  return zone === 'Europe/London' ? 'UK time' : `${zone} time`
}

// ---------------------------------------------------------------------------------------------
// CSV

const COLUMNS = {
  date: ['date', 'session date'],
  start: ['start', 'start time', 'from'],
  end: ['end', 'end time', 'to', 'finish', 'finish time'],
  link: ['link', 'online link', 'url', 'meeting link', 'teams link', 'zoom link'],
  place: ['place', 'location', 'venue', 'address'],
  prepare: ['prepare', 'before', 'pre-reading', 'watch first', 'preparation'],
  gap_task: ['gap task', 'task', 'homework for teachers'],
  title: ['title', 'session', 'name', 'session title'],
} as const

type Column = keyof typeof COLUMNS

const REQUIRED_COLUMNS: Column[] = ['date', 'start', 'end']

/** Headings are compared without case, spaces, underscores or hyphens: "Start_Time" is "start time". */
const squash = (heading: string) => heading.toLowerCase().replace(/[\s_-]+/g, '')

const COLUMN_BY_HEADING = new Map<string, Column>(
  Object.entries(COLUMNS).flatMap(([column, headings]) => headings.map((h) => [squash(h), column as Column])),
)

const COLUMN_LIST = Object.keys(COLUMNS)
  .map((c) => c.replace(/_/g, ' '))
  .join(', ')

function readCsv(text: string, options: Options): Read {
  const reading = readCsvRecords(text)
  if (!reading.ok) return { drafts: [], problems: [reading.problem] }
  const { header: headerRow, rows: dataRows } = reading
  if (!headerRow) return { drafts: [], problems: [{ line: 1, message: 'the file is empty' }] }

  const problems: SessionProblem[] = []
  const headings = headerRow.cells
  const columnAt = new Map<number, Column>()
  const headingOf = new Map<Column, string>()
  let unknownColumns = false
  headings.forEach((heading, index) => {
    if (heading === '') {
      // Spreadsheets often save an empty column or two at the right; only complain if it holds something.
      if (dataRows.some((r) => (r.cells[index] ?? '') !== '')) {
        unknownColumns = true
        problems.push({ line: headerRow.line, message: `column ${index + 1} has no heading; give it one of: ${COLUMN_LIST}` })
      }
      return
    }
    const column = COLUMN_BY_HEADING.get(squash(heading))
    if (column === undefined) {
      unknownColumns = true
      problems.push({ line: headerRow.line, field: heading, message: unknownColumnMessage(heading) })
      return
    }
    const earlier = headingOf.get(column)
    if (earlier !== undefined) {
      problems.push({
        line: headerRow.line,
        field: heading,
        message: `"${earlier}" and "${heading}" are both the ${column.replace(/_/g, ' ')} column; keep one of them`,
      })
      return
    }
    columnAt.set(index, column)
    headingOf.set(column, heading)
  })
  const missing = REQUIRED_COLUMNS.filter((c) => !headingOf.has(c))
  for (const column of missing) {
    const needs = column === 'date' ? 'date' : `${column} time`
    problems.push({ line: headerRow.line, field: column, message: `there is no "${column}" column; every session needs a ${needs}` })
  }

  const drafts: Draft[] = []
  for (const row of dataRows) {
    const { line, cells } = row
    const overflow = overflowProblem(row, headings.length, 'a place or note')
    if (overflow) {
      problems.push(overflow)
      continue
    }
    const value = (column: Column): string | undefined => {
      for (const [index, c] of columnAt) if (c === column) return cells[index] || undefined
      return undefined
    }
    const draft: Draft = {
      line,
      problems: [],
      whenField: 'date',
      context: '',
      checkWhere: !unknownColumns,
      title: value('title'),
      place: value('place'),
      onlineUrl: value('link')?.replace(/^<(.*)>$/, '$1'),
      prepare: value('prepare'),
      gapTask: value('gap_task'),
    }
    if (missing.length === 0) readCsvTimes(draft, value('date') ?? '', value('start') ?? '', value('end') ?? '', options)
    drafts.push(draft)
  }
  return { drafts, problems }
}

function readCsvTimes(draft: Draft, dateText: string, startText: string, endText: string, options: Options): void {
  const { line } = draft
  const reading = readUkDate(dateText)
  if (!reading.ok) draft.problems.push({ line, field: 'date', message: reading.problem })
  const date = reading.ok ? dateParts(reading.date) : { problem: reading.problem }
  const times = { start: readTime(startText, 'start'), end: readTime(endText, 'end') }
  for (const field of ['start', 'end'] as const) {
    const time = times[field]
    if ('problem' in time) {
      draft.problems.push({ line, field, message: time.problem })
      continue
    }
    if ('problem' in date) continue
    const placed = localInstant({ ...date, ...time }, options.timeZone)
    if (!placed.ok) draft.problems.push({ line, field, message: placed.message })
    else draft[field === 'start' ? 'startsAt' : 'endsAt'] = placed.at
  }
}

function dateParts(iso: string): { year: number; month: number; day: number } {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number)
  return { year, month, day }
}

function readTime(
  text: string,
  field: 'start' | 'end',
): { hour: number; minute: number; second: number } | { problem: string } {
  const advice = 'write it like 16:00 or 4pm'
  if (text === '') return { problem: `is empty; write the ${field} time like 16:00 or 4pm` }
  const notATime = { problem: `"${truncate(text, 40)}" is not a time; ${advice}` }
  const twelve = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\.?$/i.exec(text)
  if (twelve) {
    const hour = Number(twelve[1])
    const minute = Number(twelve[2] ?? 0)
    if (hour < 1 || hour > 12 || minute > 59) return notATime
    return { hour: (hour % 12) + (twelve[3]!.toLowerCase() === 'p' ? 12 : 0), minute, second: 0 }
  }
  // Spreadsheets often save times with seconds (16:00:00).
  const twentyFour = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/.exec(text)
  if (twentyFour) {
    const [hour, minute, second] = [Number(twentyFour[1]), Number(twentyFour[2]), Number(twentyFour[3] ?? 0)]
    if (hour > 23 || minute > 59 || second > 59) return notATime
    return { hour, minute, second }
  }
  if (/^\d{1,2}$/.test(text)) return { problem: `"${text}" is not a time: say whether it is am or pm, or ${advice}` }
  return notATime
}

function unknownColumnMessage(heading: string): string {
  const squashed = squash(heading)
  const known = [...COLUMN_BY_HEADING.keys()]
  const guess = closest(squashed, known)
  const close = distance(squashed, guess) <= Math.max(1, Math.floor(squashed.length / 4))
  const suggestion = close ? ` Did you mean "${guessHeading(guess)}"?` : ''
  return `"${heading}" is not a column I know.${suggestion} The columns are: ${COLUMN_LIST}.`
}

function guessHeading(squashed: string): string {
  const all = Object.values(COLUMNS).flat() as string[]
  return all.find((h) => squash(h) === squashed) ?? squashed
}


// ---------------------------------------------------------------------------------------------
// iCalendar

// Outlook names zones after Windows rather than the IANA database. These are the ones a hub
// is likely to meet (after Unicode CLDR's windowsZones); anything else with a VTIMEZONE in
// the file still works through that definition.
const WINDOWS_ZONES: Record<string, string> = {
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  utc: 'UTC',
  'w. europe standard time': 'Europe/Berlin',
  'romance standard time': 'Europe/Paris',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'gtb standard time': 'Europe/Bucharest',
  'fle standard time': 'Europe/Kiev',
  'e. europe standard time': 'Europe/Chisinau',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'pacific standard time': 'America/Los_Angeles',
  'india standard time': 'Asia/Calcutta',
  'aus eastern standard time': 'Australia/Sydney',
}

/** The IANA zone a TZID means, if we can tell without the file's own VTIMEZONE. */
function ianaZoneFor(tzid: string): string | undefined {
  const id = tzid.trim().replace(/^"(.*)"$/, '$1')
  if (IANAZone.isValidZone(id)) return id
  const windows = WINDOWS_ZONES[id.toLowerCase()]
  if (windows) return windows
  // Older Outlook writes the display name, e.g. "(UTC+00:00) Dublin, Edinburgh, Lisbon, London".
  if (/\blondon\b/i.test(id)) return 'Europe/London'
  // Some calendars prefix the IANA name, e.g. "/mozilla.org/20070129_1/Europe/London".
  const tail = /([A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(id)?.[1]
  return tail && IANAZone.isValidZone(tail) ? tail : undefined
}

type IcalTime = InstanceType<typeof ICAL.Time>
type Resolved = { ok: true; at: DateTime } | { ok: false; message: string }

interface IcsEvent {
  component: IcalComponent
  line: number
  uid: string
}

// A calendar's "location" is sometimes just the name of the platform, which is not a place.
const PLATFORM_ONLY = /^(?:microsoft teams(?: meeting)?|teams(?: meeting)?|zoom(?: meeting)?|google meet|online(?: meeting)?)$/i
const LINK_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:javascript|data|file|vbscript|mailto|tel):)/i
const MEETING_LINK =
  /https?:\/\/(?:[a-z0-9-]+\.)*(?:teams\.microsoft\.com|teams\.live\.com|zoom\.us|meet\.google\.com)\/[^\s<>"')\]]+/i
// Outlook (Teams) and Google (Meet) append joining instructions after a rule like this.
const INVITE_BOILERPLATE = /^[ \t]*(?:_{10,}|-::~[:~]*::-)[ \t]*$/m

function readIcs(text: string, options: Options): Read {
  let roots: IcalComponent[]
  try {
    const parsed: unknown[] = ICAL.parse(text)
    roots = (typeof parsed[0] === 'string' ? [parsed] : parsed).map((j) => new ICAL.Component(j as unknown[]))
  } catch (error) {
    const located = locateUnreadableEvents(text, 'export the calendar again')
    if (located.length > 0) return { drafts: [], problems: located }
    return {
      drafts: [],
      problems: [
        {
          line: 1,
          message:
            `the file is not a calendar file I can read (${(error as Error).message}); ` +
            'export it again from your calendar as .ics',
        },
      ],
    }
  }
  if (roots.length === 0 || roots.some((r) => r.name !== 'vcalendar')) {
    const message = 'the file is not a calendar file; export it again from your calendar as .ics'
    return { drafts: [], problems: [{ line: 1, message }] }
  }

  const components: IcalComponent[] = []
  const collect = (c: IcalComponent) => {
    if (c.name === 'vevent') components.push(c)
    c.getAllSubcomponents().forEach(collect)
  }
  roots.forEach(collect)
  // ical.js keeps no line numbers; VEVENTs appear in the text in the order the tree lists them.
  const beginLines = text
    .split(/\r\n|\n|\r/)
    .flatMap((l, i) => (/^BEGIN:VEVENT[ \t]*$/i.test(l) ? [i + 1] : []))
  const events: IcsEvent[] = components.map((component, i) => ({
    component,
    line: beginLines[i] ?? 1,
    uid: String(component.getFirstPropertyValue('uid') ?? ''),
  }))

  // Changed or cancelled occurrences of a repeating event are separate VEVENTs with the same
  // UID and a RECURRENCE-ID saying which occurrence they replace.
  const isRecurring = (e: IcsEvent) => e.component.hasProperty('rrule') || e.component.hasProperty('rdate')
  const masters = new Map(
    events.filter((e) => !e.component.hasProperty('recurrence-id') && isRecurring(e)).map((e) => [e.uid, e]),
  )
  const exceptionsByUid = new Map<string, IcsEvent[]>()
  const drafts: Draft[] = []
  for (const event of events) {
    if (event.component.hasProperty('recurrence-id') && event.uid !== '' && masters.has(event.uid)) {
      exceptionsByUid.set(event.uid, [...(exceptionsByUid.get(event.uid) ?? []), event])
    }
  }
  for (const event of events) {
    const { component } = event
    if (component.hasProperty('recurrence-id') && exceptionsByUid.get(event.uid)?.includes(event)) continue
    if (isCancelled(component)) continue
    try {
      if (isRecurring(event) && !component.hasProperty('recurrence-id')) {
        drafts.push(...readSeries(event, exceptionsByUid.get(event.uid) ?? [], options))
      } else {
        drafts.push(readSingleEvent(event, options))
      }
    } catch (error) {
      drafts.push(unreadable(event, error))
    }
  }
  return { drafts, problems: [] }
}



function unreadable(event: IcsEvent, error: unknown): Draft {
  return {
    ...eventTexts(event.component),
    line: event.line,
    whenField: 'start',
    checkWhere: false,
    context: '',
    problems: [
      {
        line: event.line,
        message:
          `this event has something in it I cannot read (${(error as Error).message}); ` +
          `export the calendar again${eventContext(event.component)}`,
      },
    ],
  }
}

function baseDraft(event: IcsEvent): Draft {
  return {
    ...eventTexts(event.component),
    line: event.line,
    problems: [],
    whenField: 'start',
    context: eventContext(event.component),
    checkWhere: true,
  }
}

function readSingleEvent(event: IcsEvent, options: Options): Draft {
  const draft = baseDraft(event)
  const { component } = event
  const push = (field: string, message: string) =>
    draft.problems.push({ line: event.line, field, message: message + draft.context })
  const start = propertyTime(component, 'dtstart', options)
  if (start === undefined) {
    push('start', 'this event has no start time')
    return draft
  }
  if (!start.ok) {
    push('start', start.message)
    return draft
  }
  draft.startsAt = start.at
  const length = eventLength(component, start.at, options)
  if (!length.ok) push('end', length.message)
  else draft.endsAt = length.end
  return draft
}

/** The occurrences of a repeating event that are still to come, with any changed ones swapped in. */
function readSeries(event: IcsEvent, exceptions: IcsEvent[], options: Options): Draft[] {
  const { component } = event
  const first = readSingleEvent(event, options)
  // Without a readable start and end there is nothing to repeat; the series' first date, long
  // past perhaps, must not also be reported as being in the past.
  if (!first.startsAt || !first.endsAt) return [{ ...first, startsAt: undefined, endsAt: undefined }]
  const length = first.endsAt.diff(first.startsAt)
  const dtstart = component.getFirstProperty('dtstart')!
  const tzid = parameter(dtstart, 'tzid')

  const exceptionAt = new Map<number, IcsEvent>()
  for (const exception of exceptions) {
    const id = exception.component.getFirstProperty('recurrence-id')!
    const at = resolveTime(id.getFirstValue() as IcalTime, parameter(id, 'tzid'), options)
    if (at.ok) exceptionAt.set(at.at.toMillis(), exception)
  }

  const now = DateTime.fromJSDate(options.now)
  const drafts: Draft[] = []
  const unplaced = (message: string): Draft => ({
    ...first,
    startsAt: undefined,
    endsAt: undefined,
    problems: [{ line: event.line, field: 'start', message: message + first.context }],
  })
  const iterator = new ICAL.Event(component).iterator()
  let seen = 0
  let anyToCome = false
  // Occurrences already held are not sessions to add, so they are passed over rather than refused.
  for (let next = iterator.next(); next && drafts.length < SESSION_LIMITS.occurrencesPerSeries; next = iterator.next()) {
    // A rule with no end repeats for ever; an occurrence a day since 1990 is not a Work Group.
    if (++seen > 1000) break
    const at = resolveTime(next, tzid, options)
    if (!at.ok) {
      if (next.toJSDate() >= options.now) drafts.push(unplaced(at.message))
      continue
    }
    const exception = exceptionAt.get(at.at.toMillis())
    if (exception) {
      exceptionAt.delete(at.at.toMillis())
      if (isCancelled(exception.component)) {
        if (at.at >= now) anyToCome = true
        continue
      }
      const moved = readSingleEvent(exception, options)
      if (!moved.startsAt || moved.startsAt >= now) {
        anyToCome = true
        drafts.push(moved)
      }
      continue
    }
    if (at.at < now) continue
    anyToCome = true
    drafts.push({ ...first, startsAt: at.at, endsAt: at.at.plus(length) })
  }
  // Changed occurrences the rule no longer produces (or that fell beyond the limit) are left out
  // on purpose: a calendar shows them only while they match an occurrence.
  if (seen > 0 && !anyToCome) return [unplaced('every date of this repeating event is in the past')]
  return drafts
}

function propertyTime(component: IcalComponent, name: string, options: Options): Resolved | undefined {
  const property = component.getFirstProperty(name)
  if (!property) return undefined
  let value: unknown
  try {
    // ical.js reads values only when asked, so a mangled time fails here rather than on parsing.
    value = property.getFirstValue()
  } catch {
    // ical.js's own message ("Could not extract integer…") means nothing to a teacher.
    return { ok: false, message: 'cannot be read as a date and time (it should look like 20260205T160000); export the calendar again' }
  }
  if (!(value instanceof ICAL.Time)) return { ok: false, message: 'is not a date and time' }
  if (value.isDate) return { ok: false, message: 'this is an all-day event; a session needs a start and end time' }
  return resolveTime(value, parameter(property, 'tzid'), options)
}

/** When the event ends: from DTEND, or DURATION added to the start. */
function eventLength(
  component: IcalComponent,
  start: DateTime,
  options: Options,
): { ok: true; end: DateTime } | { ok: false; message: string } {
  const end = propertyTime(component, 'dtend', options)
  if (end) return end.ok ? { ok: true, end: end.at } : end
  const duration = component.getFirstPropertyValue('duration')
  if (duration instanceof ICAL.Duration) {
    const { weeks, days, hours, minutes, seconds, isNegative } = duration
    const sign = isNegative ? -1 : 1
    const length = Duration.fromObject({ weeks, days, hours, minutes, seconds }).mapUnits((x) => x * sign)
    return { ok: true, end: start.plus(length) }
  }
  return { ok: false, message: 'this event has no end time' }
}

/**
 * Turns an iCalendar time into an instant. Named zones go through luxon (so clock changes and
 * skipped times are handled the same as for CSV); a zone only the file defines falls back to
 * that definition; a time with no zone is in the hub's zone.
 */
function resolveTime(time: IcalTime, tzid: string | undefined, options: Options): Resolved {
  const { year, month, day, hour, minute, second } = time
  const fields = { year, month, day, hour, minute, second }
  if (tzid === undefined) {
    const utc = time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC'
    return localInstant(fields, utc ? 'UTC' : options.timeZone)
  }
  const iana = ianaZoneFor(tzid)
  if (iana) return localInstant(fields, iana)
  if (time.zone && time.zone !== ICAL.Timezone.localTimezone && time.zone.component) {
    return { ok: true, at: DateTime.fromJSDate(time.toJSDate(), { zone: options.timeZone }) }
  }
  return {
    ok: false,
    message: `uses the time zone "${tzid}", which I do not recognise; export the calendar again in ${zoneName(options.timeZone)}`,
  }
}

function parameter(property: InstanceType<typeof ICAL.Property>, name: string): string | undefined {
  const value = property.getParameter(name)
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first !== '' ? first : undefined
}

function eventContext(component: IcalComponent): string {
  const summary = textProperty(component, 'summary')
  return summary ? ` (event "${truncate(summary, 60)}")` : ''
}


/** Title, place, link and preparation from an event's text properties. */
function eventTexts(component: IcalComponent): Pick<Draft, 'title' | 'place' | 'onlineUrl' | 'prepare'> {
  const location = textProperty(component, 'location')
    ?.replace(/\s*\n\s*/g, ', ')
    .replace(/^<(.*)>$/, '$1')
  const locationLink = location !== undefined && LINK_LIKE.test(location) ? location : undefined
  const place = location !== undefined && locationLink === undefined && !PLATFORM_ONLY.test(location) ? location : undefined
  const description = textProperty(component, 'description')?.replace(/\r\n?/g, '\n')
  const onlineUrl =
    locationLink ??
    textProperty(component, 'url') ??
    textProperty(component, 'x-microsoft-skypeteamsmeetingurl') ??
    textProperty(component, 'x-google-conference') ??
    (description !== undefined ? MEETING_LINK.exec(description)?.[0] : undefined)
  const prepare = description
    ?.split(INVITE_BOILERPLATE)[0]!
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return {
    title: textProperty(component, 'summary'),
    place,
    onlineUrl,
    prepare: prepare ? truncate(prepare, SESSION_LIMITS.prepare) : undefined,
  }
}
