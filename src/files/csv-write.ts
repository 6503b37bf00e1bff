// Writing spreadsheets people open in Excel, Numbers or Google Sheets: RFC 4180 CSV with CRLF
// line endings and a UTF-8 byte order mark (without it Excel reads the file as Windows-1252
// and mangles curly quotes and accents), every cell defused against formula injection.

/** The whole file: one record per row, the header first. */
export function csvFile(records: readonly (readonly string[])[]): string {
  return `\uFEFF${records.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/** One cell: defused against formula injection, then quoted if RFC 4180 requires it. */
export function csvCell(value: string): string {
  const safe = defuseFormula(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * Spreadsheets run a cell that starts with one of these as a formula, so a name or answer of
 * `=HYPERLINK(...)` could act on the reader's computer; a leading apostrophe makes it text
 * (https://owasp.org/www-community/attacks/CSV_Injection).
 */
function defuseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
