// What the Lead sees when importing sessions: the upload form (Slack), the request for the
// file (Teams), and the outcome, in words a teacher can act on.
import type { Form } from '../../core/forms.js'
import { type Message, textMessage, userText } from '../../core/messages.js'
import { offsetLabel } from '../../domain/reminder-times.js'
import { sessionShortLabel } from '../../domain/session-messages.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import type { ImportOutcome } from './import-sessions.js'
import { SESSION_LIMITS } from './parse-sessions-file.js'

export const FORM_IMPORT = 'sessions.import'
/** Problems listed in one message; the rest are counted. */
const PROBLEMS_SHOWN = 15

export const FILE_FORMAT_HELP =
  `Either a spreadsheet saved as CSV, one session a row, with the columns date, start, end and a link or place ` +
  `(title, prepare and gap task are optional); or a calendar export (.ics) from Outlook or Google Calendar. ` +
  `Times are UK time; up to ${SESSION_LIMITS.sessionsPerFile} sessions a file. A file with any problem is refused whole, ` +
  `with every problem listed, so nothing is ever half-imported.`

/** The Slack modal; after a refused file it lists the problems above a fresh upload field. */
export function importForm(group: WorkGroup, refused?: { fileName: string; problems: string[] }): Form {
  return {
    id: FORM_IMPORT,
    title: 'Import sessions',
    submitLabel: 'Import',
    intro: refused ? problemsText(refused.fileName, refused.problems) : `Add the ${userText(group.projectTitle)} Work Group’s sessions from a file. ${FILE_FORMAT_HELP}`,
    state: group.id,
    fields: [{ type: 'file', id: 'file', label: 'Sessions file (.csv or .ics)', required: true, accept: ['csv', 'ics'] }],
  }
}

export function askForFile(group: WorkGroup, waitMinutes: number): Message {
  return textMessage(
    `Attach the sessions file for the **${userText(group.projectTitle)}** Work Group to a message in this chat within ${waitMinutes} minutes, and I’ll add the sessions. ${FILE_FORMAT_HELP}`,
  )
}

export function outcomeText(group: WorkGroup, fileName: string, outcome: ImportOutcome, zone: string): string {
  if (!outcome.ok) return problemsText(fileName, outcome.problems)
  const { added, alreadyThere } = outcome
  const same = alreadyThere > 0 ? ` ${alreadyThere === 1 ? 'One was' : `${alreadyThere} were`} already there and ${alreadyThere === 1 ? 'is' : 'are'} unchanged.` : ''
  if (added.length === 0) return `Nothing new in “${userText(fileName)}”: all its sessions were already in the ${userText(group.projectTitle)} Work Group.`
  const first = added[0]!
  const last = added[added.length - 1]!
  const span = added.length === 1 ? `on ${sessionShortLabel(first, zone)}` : `from ${sessionShortLabel(first, zone)} to ${sessionShortLabel(last, zone)}`
  const reminders = group.reminderOffsets.map(offsetLabel).join(', ')
  return `Imported ${added.length === 1 ? 'one session' : `${added.length} sessions`} into the ${userText(group.projectTitle)} Work Group, ${span} (UK time).${same} Participants will be reminded ${reminders} before each.`
}

function problemsText(fileName: string, problems: string[]): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `• ${userText(p)}`)
  const more = problems.length > PROBLEMS_SHOWN ? [`…and ${problems.length - PROBLEMS_SHOWN} more.`] : []
  return [`**Nothing was imported from “${userText(fileName)}”.** Fix ${problems.length === 1 ? 'this' : `these ${problems.length} problems`} and send it again:`, ...shown, ...more].join('\n')
}
