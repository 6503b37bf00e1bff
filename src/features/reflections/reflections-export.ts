// The spreadsheets: a Lead's export of a session's reflections and a person's export of their
// own. Each goes to the person who asked as a file in their direct chat with the bot (Slack's
// file upload, Teams' file consent card), never as a link someone else could open, and each is
// built only after checking again that this person may see it now.
import { DateTime } from 'luxon'
import type { OutgoingFile } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import type { Person } from '../../domain/personal-data.js'
import type { Session } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import { listOwnReflections } from '../../domain/reflections.js'
import { sessionCsv } from './lead-view.js'
import { VISIBILITY_LABELS } from './reflection-form.js'
import { reflectionsCsv } from './reflections-csv.js'

const CSV = 'text/csv'

/** A session's reflections as its Lead (or a hub administrator) may see them. */
export async function sessionSpreadsheet(
  db: Db,
  group: WorkGroup,
  session: Session,
  zone: string,
  lookUpNames?: (userIds: string[]) => Promise<Map<string, string>>,
): Promise<OutgoingFile> {
  const day = DateTime.fromJSDate(session.startsAt, { zone }).toISODate()
  const body = await sessionCsv(db, group, session, zone, lookUpNames)
  return { name: `reflections-${day}.csv`, mimeType: CSV, content: Buffer.from(body, 'utf8'), comment: `The reflections on ${group.projectTitle}, ${day}, as a spreadsheet.` }
}

/** Everything the person wrote in their reflections, in full. */
export async function ownSpreadsheet(db: Db, person: Person, zone: string): Promise<OutgoingFile | undefined> {
  const own = await listOwnReflections(db, person)
  if (own.length === 0) return undefined
  const rows = own.map((r) => ({
    session: `${r.projectTitle}${r.sessionTitle ? `: ${r.sessionTitle}` : ''}, ${DateTime.fromJSDate(r.sessionStartsAt, { zone }).toFormat('ccc d LLL yyyy HH:mm')}`,
    name: 'Me',
    rating: r.rating,
    tryInClass: r.tryInClass ?? '',
    noticed: r.noticed ?? '',
    visibility: VISIBILITY_LABELS[r.visibility],
  }))
  return { name: 'my-reflections.csv', mimeType: CSV, content: Buffer.from(reflectionsCsv(rows), 'utf8'), comment: 'Your reflections, as a spreadsheet.' }
}
