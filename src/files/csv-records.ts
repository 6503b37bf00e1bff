// Reading a CSV file people give the bot (a spreadsheet saved as CSV) into records that know
// the line they start on, so every problem can be named by line.
import { parse as parseCsv } from 'csv-parse/sync'

export interface CsvRecord {
  /** 1-based line the record starts on (a quoted cell may span several lines). */
  line: number
  /** Each cell, trimmed. */
  cells: string[]
}

export type CsvReading =
  | { ok: true; header: CsvRecord | undefined; rows: CsvRecord[] }
  | { ok: false; problem: { line: number; message: string } }

/** The file's non-blank records: the first is the header. */
export function readCsvRecords(text: string): CsvReading {
  let parsed: { record: string[]; raw: string; info: { lines: number } }[]
  try {
    // csv-parse miscounts lines when they end in CRLF; plain LF keeps its line numbers true.
    parsed = parseCsv(text.replace(/\r\n?/g, '\n'), {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // csv-parse's types do not describe the shape that `info` and `raw` give each record.
    }) as unknown as typeof parsed
  } catch (error) {
    const e = error as { lines?: number; message?: string }
    const message = `the file cannot be read as CSV (${e.message ?? String(error)}); a "double quote" may be missing its partner`
    return { ok: false, problem: { line: e.lines ?? 1, message } }
  }
  const records = parsed
    .map((r) => ({ line: recordStartLine(r.raw, r.info.lines), cells: r.record.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''))
  const [header, ...rows] = records
  return { ok: true, header, rows }
}

/**
 * A row with something beyond the last column: most likely a comma in a cell without quotes.
 * `example` names what usually has the comma ("a place or note").
 */
export function overflowProblem(row: CsvRecord, width: number, example: string): { line: number; message: string } | undefined {
  if (!row.cells.slice(width).some((c) => c !== '')) return undefined
  return {
    line: row.line,
    message: `has ${row.cells.length} cells but there are only ${width} columns; if ${example} has a comma in it, put it in "double quotes"`,
  }
}

/** csv-parse reports the line a record ends on; a quoted cell may span several lines. */
function recordStartLine(raw: string, endLine: number): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '')
  return endLine - (body.match(/\n/g)?.length ?? 0)
}
