// What the Lead sees after sending a schools list: the schools it would save (new, or changed
// from what was there), the lines it cannot use by line number, and Save / Cancel; then what
// was saved. Everything here is shown to the sender alone.
import type { Block, Message } from '../../core/messages.js'
import { textMessage, truncate, userText } from '../../core/messages.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import type { SchoolsListReading } from './schools-list.js'
import { textBlocks } from '../../core/text-blocks.js'

export const ACTION_SAVE_SCHOOLS = 'attendance.save-schools'
export const ACTION_CANCEL_SCHOOLS = 'attendance.cancel-schools'

/** Past this many lines a list is cut, with a count of the rest. */
const SHOWN = 40

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function lines(items: string[]): string[] {
  return items.length > SHOWN ? [...items.slice(0, SHOWN), `…and ${items.length - SHOWN} more`] : items
}

/** The preview: `confirmValue` and `cancelValue` are absent when there is nothing to save. */
export function renderSchoolsPreview(group: WorkGroup, fileName: string, reading: SchoolsListReading, values?: { confirm: string; cancel: string }): Message {
  const file = userText(truncate(fileName, 100))
  const n = reading.changes.length
  const project = userText(group.projectTitle)
  const headline =
    n === 0
      ? `**Nothing to save from “${file}”** for the ${project} Work Group${reading.unchanged ? `: the ${plural(reading.unchanged, 'school')} it gives ${reading.unchanged === 1 ? 'is' : 'are'} saved already` : ''}.`
      : `**${plural(n, 'school')} from “${file}” ready to save** for the ${project} Work Group${reading.unchanged ? ` (${reading.unchanged} more as they were)` : ''}.`
  // Each line cut to a phone's few lines, so that a long list still fits one message.
  const changes = reading.changes.map((c) => `• ${userText(truncate(c.label, 80))}: ${userText(c.school)}${c.was ? ` _(was ${userText(c.was)})_` : ''}`)
  const problems = reading.problems.map((p) => `• line ${p.line}: ${userText(truncate(p.message, 200))}`)
  const blocks: Block[] = [
    { type: 'header', text: 'Schools from a list' },
    { type: 'text', text: headline },
    ...textBlocks(lines(changes), '\n'),
    ...(problems.length ? [{ type: 'text' as const, text: `**Not used (${problems.length}):**` }, ...textBlocks(lines(problems), '\n')] : []),
  ]
  if (n > 0 && values)
    blocks.push({
      type: 'actions',
      actions: [
        { type: 'button', id: ACTION_SAVE_SCHOOLS, label: `Save ${plural(n, 'school')}`, value: values.confirm, style: 'primary' },
        { type: 'button', id: ACTION_CANCEL_SCHOOLS, label: 'Cancel', value: values.cancel },
      ],
    })
  blocks.push({ type: 'context', text: 'Names are matched to the group’s participants whatever their capitals and spacing. People can still change theirs with “my school”.' })
  const text = n === 0 ? `Nothing to save from “${file}”.` : `${plural(n, 'school')} from “${file}” ready to save.`
  return { text, blocks }
}

/** A file that is meant as a schools list but cannot be read as one. */
export function renderSchoolsRefused(fileName: string, problem: string): Message {
  return textMessage(`Nothing was saved from “${userText(truncate(fileName, 100))}”. ${userText(problem)}`)
}

export function renderSchoolsSaved(group: WorkGroup, saved: number): Message {
  return textMessage(`Saved ${plural(saved, 'school')} for the ${userText(group.projectTitle)} Work Group. The attendance view counts them by school from now on.`)
}

export const SCHOOLS_CANCELLED = 'Cancelled: no school was saved from the list.'
export const SCHOOLS_NOTHING_WAITING = 'Nothing is waiting to be saved: that list was saved or cancelled already, or was sent over 30 minutes ago. Send it again to see it as it is now.'
export const SCHOOLS_CHANGED = 'Not saved: the group or its schools changed since this preview. Send the list again to see it as it is now.'
