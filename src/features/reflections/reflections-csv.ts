// The Lead's export of a session's reflections as a spreadsheet. It is built from the collated
// view only, so the file can never hold more than the Lead may see on screen: no 'me'
// reflections, anonymised ones only once released, and those without a name.
import type { CollatedReflections } from './collate-reflections.js'

export interface CsvRow {
  /** The session's date and time as the Lead knows it, e.g. "Tue 4 Nov 2026 16:00". */
  session: string
  /** '' for an anonymised reflection. */
  name: string
  rating: number
  tryInClass: string
  noticed: string
  /** How the author chose to share it, in words. */
  visibility: string
}

export const CSV_HEADER = ['Session', 'Name', 'Rating (1 to 5)', 'What they will try in class', 'What they noticed in pupils', 'Shared as'] as const

/** How each row was shared, in the Lead's words (the form asks it in the participant's). */
export const SHARED_AS = { lead: 'With the Lead, named', anonymised: 'Anonymised' } as const

/**
 * RFC 4180 CSV with CRLF line endings and a UTF-8 byte order mark, without which Excel reads
 * the file as Windows-1252 and mangles curly quotes and accents.
 */
export function reflectionsCsv(rows: CsvRow[]): string {
  const records = [
    [...CSV_HEADER],
    ...rows.map((row) => [row.session, row.name, String(row.rating), row.tryInClass, row.noticed, row.visibility]),
  ]
  return `\uFEFF${records.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** Exactly what the Lead may see: the named reflections, then the released anonymous ones. */
export function csvRowsFor(collated: CollatedReflections, sessionLabel: string): CsvRow[] {
  const named = collated.named.map((r) => ({
    session: sessionLabel,
    name: r.name ?? '',
    rating: r.rating,
    tryInClass: r.tryInClass ?? '',
    noticed: r.noticed ?? '',
    visibility: SHARED_AS.lead,
  }))
  const anonymous = collated.anonymous.map((r) => ({
    session: sessionLabel,
    name: '',
    rating: r.rating,
    tryInClass: r.tryInClass ?? '',
    noticed: r.noticed ?? '',
    visibility: SHARED_AS.anonymised,
  }))
  return [...named, ...anonymous]
}

/** One cell: defused against formula injection, then quoted if RFC 4180 requires it. */
export function csvCell(value: string): string {
  const safe = defuseFormula(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * Spreadsheets run a cell that starts with one of these as a formula, so a reflection of
 * `=HYPERLINK(...)` could act on the Lead's computer; a leading apostrophe makes it text
 * (https://owasp.org/www-community/attacks/CSV_Injection).
 */
function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
