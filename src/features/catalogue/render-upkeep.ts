// What a hub administrator sees when they send a catalogue file in chat: the problems by line
// and column, or a preview of what the file changes with Import it / Cancel, then the outcome.
import { type Block, type Message, textMessage, truncate, userText } from '../../core/messages.js'
import type { Catalogue, Project } from '../../domain/projects.js'
import { listProblems } from '../../files/problem-list.js'
import type { CatalogueChanges } from './catalogue-changes.js'
import { CATALOGUE_COLUMNS } from './parse-catalogue-file.js'

export const ACTION_IMPORT_CATALOGUE = 'catalogue.import'
export const ACTION_CANCEL_CATALOGUE = 'catalogue.import-cancel'
/** Projects named in each list of the preview; the rest are counted. */
const LISTED = 12

export function howToUpdate(): Message {
  return textMessage(
    `To update the projects catalogue, send me next year’s catalogue as a CSV file in this direct chat (a spreadsheet saved as CSV, one project a row, with the columns ${CATALOGUE_COLUMNS.join(', ')}). ` +
      'I check every row and show you what it changes before anything is stored; nothing is imported until you press **Import it**.',
  )
}

export function problemsReport(fileName: string, problems: string[]): Message {
  const lines = listProblems(problems).map((p) => `• ${userText(p)}`)
  const head = `**Nothing was imported from “${fileLabel(fileName)}”.** Fix ${problems.length === 1 ? 'this problem' : `these ${problems.length} problems`} and send it again:`
  return { text: `Nothing was imported from “${fileLabel(fileName)}”.`, blocks: chunked([head, ...lines]) }
}

export interface PreviewFacts {
  fileName: string
  catalogue: Catalogue
  /** What the file is compared with: the stored catalogue for its year, else the newest one. */
  comparedWith: { schoolYear: string; importedOn: string } | undefined
  changes: CatalogueChanges
  /** The newest year stored, when it is newer than the file's (the bot keeps answering from it). */
  newerYear: string | undefined
  /** The Import it / Cancel buttons' values. */
  confirmValue: string
  cancelValue: string
}

export function previewMessage(facts: PreviewFacts): Message {
  const { catalogue, changes, comparedWith } = facts
  const year = catalogue.schoolYear
  const count = plural(catalogue.projects.length, 'project')
  const summary = `The ${year} catalogue in “${fileLabel(facts.fileName)}” is ready to import: ${count}.`
  const against = !comparedWith
    ? 'There is no catalogue stored yet, so every project is new.'
    : comparedWith.schoolYear === year
      ? `It replaces the ${year} catalogue imported on ${comparedWith.importedOn}. Against it:`
      : `There is no ${year} catalogue yet; against the newest one, ${comparedWith.schoolYear}:`
  const lines: string[] = [`**${summary}**`, against]
  if (comparedWith) {
    lines.push(`• **New (${changes.added.length}):** ${names(changes.added)}`)
    lines.push(`• **Retired (${changes.retired.length}):** ${names(changes.retired)}`)
    lines.push(`• **Changed (${changes.changed.length})**${changes.changed.length ? ':' : ': none'}`)
    for (const change of changes.changed.slice(0, LISTED))
      lines.push(`    ◦ ${userText(change.after.title)} (${userText(change.after.id)}): ${userText(change.what.join('; '))}`)
    if (changes.changed.length > LISTED) lines.push(`    ◦ …and ${changes.changed.length - LISTED} more`)
    lines.push(`• **Unchanged:** ${changes.unchanged}`)
  }
  const effect = facts.newerYear
    ? `The bot answers from the newer ${facts.newerYear} catalogue, and will go on doing so.`
    : `Once imported, every catalogue answer and phase list comes from it at once, in every workspace the bot serves.`
  return {
    text: summary,
    blocks: [
      ...chunked(lines),
      { type: 'context', text: effect },
      {
        type: 'actions',
        actions: [
          { type: 'button', id: ACTION_IMPORT_CATALOGUE, label: 'Import it', value: facts.confirmValue, style: 'primary' },
          { type: 'button', id: ACTION_CANCEL_CATALOGUE, label: 'Cancel', value: facts.cancelValue },
        ],
      },
    ],
  }
}

export function importedMessage(fileName: string, outcome: { schoolYear: string; projects: number; replaced: number }, answersFrom: string | undefined): Message {
  const replaced = outcome.replaced > 0 ? `, in place of the ${plural(outcome.replaced, 'project')} imported before` : ''
  const now =
    answersFrom === outcome.schoolYear
      ? 'Catalogue answers and phase lists now come from it.'
      : `The bot still answers from the newer ${answersFrom ?? outcome.schoolYear} catalogue.`
  return textMessage(`✓ Imported the ${outcome.schoolYear} catalogue from “${fileLabel(fileName)}”: ${plural(outcome.projects, 'project')}${replaced}. ${now}`)
}

export const CANCELLED = textMessage('Cancelled: nothing was imported. Send the file again whenever you are ready.')
export const NOTHING_WAITING = textMessage(
  'That preview has expired or was already used, so nothing changed. To import the catalogue, send the file again.',
)
export const NOT_YOURS = textMessage('Only the administrator who sent this file can import it.')
export const CHANGED_SINCE = textMessage(
  'Nothing was imported: the catalogue changed after this preview was made (someone else imported one). Send the file again to see what it changes now.',
)

export function notText(fileName: string): Message {
  return textMessage(
    `I can’t read “${fileLabel(fileName)}” as text: it looks like a workbook or was saved in an encoding I don’t know. In your spreadsheet, choose “Save as” (or “Download”) and pick “CSV UTF-8”, then send me that file.`,
  )
}

/** A file's name as sent, short enough to sit in a heading (names can be any length). */
function fileLabel(fileName: string): string {
  return userText(truncate(fileName, 80))
}

function names(projects: Project[]): string {
  if (projects.length === 0) return 'none'
  const shown = projects.slice(0, LISTED).map((p) => userText(p.title))
  return projects.length > LISTED ? `${shown.join(', ')} and ${projects.length - LISTED} more` : shown.join(', ')
}

function plural(n: number, noun: string): string {
  return `${n === 1 ? 'one' : n} ${noun}${n === 1 ? '' : 's'}`
}

/** Lines into text blocks within the platforms' limit for one block. */
function chunked(lines: string[]): Block[] {
  const blocks: Block[] = []
  let current = ''
  for (const raw of lines) {
    const line = truncate(raw, 900)
    if (current && current.length + line.length + 1 > 2800) {
      blocks.push({ type: 'text', text: current })
      current = ''
    }
    current = current ? `${current}\n${line}` : line
  }
  if (current) blocks.push({ type: 'text', text: current })
  return blocks
}

/** The catalogue is one for every workspace the bot serves, so an administrator named in chat in one of them cannot replace it. */
export const CONFIGURED_ADMINS_ONLY: Message = textMessage(
  'The projects catalogue is shared by every workspace this bot serves, so only the administrators named in its configuration (HUB_ADMINS) can replace it. Ask whoever runs the bot to send it, or to add you there.',
)
