// The Lead's export of a session's reflections as a spreadsheet. It is built from the collated
// view only, so the file can never hold more than the Lead may see on screen: no 'me'
// reflections, anonymised ones only once released, and those without a name.
import { csvFile } from '../../files/csv-write.js'
import type { CollatedReflections } from '../../domain/collate-reflections.js'

export { csvCell } from '../../files/csv-write.js'

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

/** The spreadsheet, written as every spreadsheet the bot sends is (src/files/csv-write.ts). */
export function reflectionsCsv(rows: CsvRow[]): string {
  return csvFile([[...CSV_HEADER], ...rows.map((row) => [row.session, row.name, String(row.rating), row.tryInClass, row.noticed, row.visibility])])
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
