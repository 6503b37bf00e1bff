// Which kind of file someone sent, for the readers that take a spreadsheet (CSV) or a calendar
// (iCalendar): by its name or, failing that, by its content; otherwise a sentence saying why not.

export type FileKind = { kind: 'csv' | 'ics' } | { problem: string }

/** The lower-case extension of a file name, without the dot. */
export function extensionOf(fileName: string): string | undefined {
  return /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase()
}

export function csvOrIcs(fileName: string, text: string): FileKind {
  const extension = extensionOf(fileName)
  if (extension === 'csv') return { kind: 'csv' }
  if (extension === 'ics' || /^\s*BEGIN:VCALENDAR/i.test(text)) return { kind: 'ics' }
  const spreadsheetHint = ['xlsx', 'xls', 'ods', 'numbers'].includes(extension ?? '') ? ' In your spreadsheet, use "Save as" or "Download" and choose CSV.' : ''
  return { problem: `I can only read .csv or .ics files, and "${fileName}" is neither.${spreadsheetHint}` }
}
