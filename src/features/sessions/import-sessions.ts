// Importing a Work Group's sessions from a file: read it (spreadsheets saved as CSV by Excel on
// Windows are often Windows-1252, not UTF-8), check every session, and add them all in one
// statement, so a file is taken whole or not at all. Sessions already in the group at the same
// start time are left as they are, so sending the same file twice adds nothing.
import { decodeTextFile } from '../../files/decode-text.js'
import { extensionOf } from '../../files/file-kind.js'
import type { Db } from '../../db/database.js'
import type { GroupRef } from '../../domain/work-groups.js'
import { addSessions, type Session } from '../../domain/sessions.js'
import { describeSessionProblems, parseSessionsFile } from './parse-sessions-file.js'

/** Far more than 50 sessions in any CSV; a whole exported calendar can be a few hundred KB. */
export const MAX_SESSIONS_FILE_BYTES = 2 * 1024 * 1024

export type ImportOutcome =
  | { ok: true; added: Session[]; alreadyThere: number }
  | { ok: false; problems: string[] }

export async function importSessions(
  db: Db,
  group: GroupRef,
  file: { name: string; bytes: Buffer },
  importedBy: string,
  options: { now: Date; zone: string },
): Promise<ImportOutcome> {
  // UTF-8, UTF-16 (Excel's "Unicode Text") or Windows-1252, NULs dropped, one decoder for every file.
  const decoded = decodeTextFile(file.bytes, { maxBytes: MAX_SESSIONS_FILE_BYTES })
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] }
  const parsed = parseSessionsFile(file.name, decoded.text, { timeZone: options.zone, now: options.now })
  if (!parsed.ok) return { ok: false, problems: describeSessionProblems(parsed.problems) }
  const added = await addSessions(db, group, parsed.sessions, importedBy, options.now)
  return { ok: true, added, alreadyThere: parsed.sessions.length - added.length }
}

/** Kinds of file that are never text, so their content is not worth sniffing for a calendar. */
const NEVER_SESSIONS = new Set(['xlsx', 'xls', 'ods', 'numbers', 'docx', 'doc', 'pdf', 'pptx', 'png', 'jpg', 'jpeg', 'gif', 'heic', 'webp', 'zip', 'mp4', 'mov'])

/**
 * The refusal for a file whose name already says it is not a session file (a photo, a Word
 * document, a spreadsheet not saved as CSV), so it is not downloaded at all. Other names
 * (a .txt holding a calendar) are still read, because the content decides.
 */
export function refuseByName(fileName: string, options: { now: Date; zone: string }): ImportOutcome | undefined {
  const extension = extensionOf(fileName)
  if (extension === undefined || !NEVER_SESSIONS.has(extension)) return undefined
  const parsed = parseSessionsFile(fileName, '', { timeZone: options.zone, now: options.now })
  return parsed.ok ? undefined : { ok: false, problems: describeSessionProblems(parsed.problems) }
}
