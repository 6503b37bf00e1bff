// A schools list: a CSV with a name and a school per line (a spreadsheet the hub already has,
// "Name,School" or "Teacher,Setting", or first and last names apart), matched to a Work Group's
// participants by name, ignoring case and spacing, by the name the group knows or the platform
// shows. Every line that cannot be used says why, by its line number: no name, nobody of that
// name in the group, two people of that name, a person named twice, no school, too long.
import { createHash } from 'node:crypto'
import { SCHOOL_MAX } from '../../domain/schools.js'
import { type CsvRecord, readCsvRecords } from '../../files/csv-records.js'

/** Headers as people write them, reduced to letters. */
const NAME_HEADERS = new Set(['name', 'fullname', 'participant', 'participantname', 'teacher', 'teachername', 'person', 'delegate', 'delegatename'])
const FIRST_HEADERS = new Set(['firstname', 'forename', 'givenname'])
const LAST_HEADERS = new Set(['lastname', 'surname', 'familyname'])
const SCHOOL_HEADERS = new Set(['school', 'schoolname', 'setting', 'settingname', 'schoolsetting', 'schoolorsetting'])

const headerKey = (cell: string) => cell.toLowerCase().replace(/[^a-z]/g, '')

/** How a name is compared: case, spacing and apostrophes' shapes do not count. */
export const nameKey = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()

interface Columns {
  name?: number
  first?: number
  last?: number
  school: number
}

/** Where the names and schools are, if this header is a schools list's; undefined otherwise. */
export function schoolsListColumns(header: readonly string[]): Columns | undefined {
  const keys = header.map(headerKey)
  const find = (names: Set<string>) => {
    const i = keys.findIndex((k) => names.has(k))
    return i < 0 ? undefined : i
  }
  const school = find(SCHOOL_HEADERS)
  const name = find(NAME_HEADERS)
  const first = find(FIRST_HEADERS)
  const last = find(LAST_HEADERS)
  if (school === undefined) return undefined
  if (name !== undefined) return { name, school }
  if (first !== undefined && last !== undefined) return { first, last, school }
  return undefined
}

/** A person the list's names are matched against: by any of their names. */
export interface KnownPerson {
  userId: string
  /** Plain text, for the preview. */
  label: string
  names: readonly string[]
  school?: string
  /** The group's Lead: not on its register, so not given a school from it. */
  lead?: boolean
}

export interface SchoolChange {
  userId: string
  label: string
  school: string
  was?: string
}

export interface SchoolsListReading {
  /** Schools that differ from what is saved, one per person. */
  changes: SchoolChange[]
  /** People named with the school they already have. */
  unchanged: number
  /** Lines not used, and why, in line order. */
  problems: { line: number; message: string }[]
}

export type SchoolsListResult = { ok: true; reading: SchoolsListReading } | { ok: false; problem: string }

/** Reads the list against the group's people; `text` is the whole file, header first. */
export function readSchoolsList(text: string, people: readonly KnownPerson[]): SchoolsListResult {
  const csv = readCsvRecords(text)
  if (!csv.ok) return { ok: false, problem: `Line ${csv.problem.line}: ${csv.problem.message}.` }
  const columns = csv.header && schoolsListColumns(csv.header.cells)
  if (!columns) return { ok: false, problem: 'Its first line should name the columns, such as “Name,School”.' }

  const byName = new Map<string, KnownPerson[]>()
  for (const person of people)
    for (const key of new Set(person.names.map(nameKey).filter(Boolean))) byName.set(key, [...(byName.get(key) ?? []), person])
  const firstLine = new Map<string, number>()
  const reading: SchoolsListReading = { changes: [], unchanged: 0, problems: [] }
  const problem = (row: CsvRecord, message: string) => reading.problems.push({ line: row.line, message })

  for (const row of csv.rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (row.cells[i] ?? '').replace(/\s+/g, ' ').trim())
    const name = columns.name !== undefined ? cell(columns.name) : `${cell(columns.first)} ${cell(columns.last)}`.trim()
    const school = cell(columns.school)
    if (!name) {
      problem(row, 'no name')
      continue
    }
    const found = byName.get(nameKey(name)) ?? []
    if (found.length === 0) {
      problem(row, `nobody called “${name}” is in the group`)
      continue
    }
    if (found.length > 1) {
      problem(row, `${found.length} people in the group are called “${name}”; fill in theirs with Fill in schools`)
      continue
    }
    const person = found[0]!
    if (person.lead) {
      problem(row, `${person.label} leads the group, so is not on its register`)
      continue
    }
    const before = firstLine.get(person.userId)
    if (before !== undefined) {
      problem(row, `${person.label} again (first on line ${before}); only line ${before} is used`)
      continue
    }
    firstLine.set(person.userId, row.line)
    if (!school) {
      problem(row, `no school for ${person.label}`)
      continue
    }
    if (school.length > SCHOOL_MAX) {
      problem(row, `the school is longer than ${SCHOOL_MAX} characters`)
      continue
    }
    if (school === person.school) reading.unchanged += 1
    else reading.changes.push({ userId: person.userId, label: person.label, school, ...(person.school ? { was: person.school } : {}) })
  }
  return { ok: true, reading }
}

/** A fingerprint of what a preview offered to save: anything different at the click is not saved. */
export function changesShown(groupId: string, changes: readonly SchoolChange[]): string {
  const shown = [...changes].map((c) => [c.userId, c.school, c.was ?? '']).sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
  return createHash('sha256').update(JSON.stringify([groupId, shown])).digest('hex').slice(0, 16)
}
