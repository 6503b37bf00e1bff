// The register message the Lead gets after a session: who attended, who sent apologies (in
// time or late) and who was absent, pre-filled from their answers and "I'm here" check-ins,
// with one tap to confirm and one to correct a few people. Once confirmed it says so, and by
// whom. Whoever checked in shows the time beside their name, so the Lead can tell a tap from a
// guess.
import { DateTime } from 'luxon'
import type { Block, Message } from '../../core/messages.js'
import { mention, truncate, userText } from '../../core/messages.js'
import { sessionShortLabel, sessionWhen } from '../../domain/session-messages.js'
import type { Session } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import type { RegisterPerson, SessionRegister } from './register-marks.js'
import { textBlocks } from '../../core/text-blocks.js'
import { listed } from './text-blocks.js'

export const ACTION_CONFIRM = 'attendance.confirm'
export const ACTION_CORRECT = 'attendance.correct'

/** A register button names the session and the version of the register it was shown (0: unconfirmed). */
export const registerValue = (sessionId: string, version: number) => `${sessionId}:${version}`

export function readRegisterValue(value: string): { sessionId: string; version: number } | undefined {
  const match = /^([0-9a-f-]{36}):(\d{1,9})$/i.exec(value)
  return match ? { sessionId: match[1]!, version: Number(match[2]) } : undefined
}

/** As message text: the project and session titles escaped, cut to `max` characters as typed. */
export function sessionName(group: WorkGroup, session: Session, max = 300): string {
  return userText(truncate(session.title ? `${group.projectTitle}: ${session.title}` : `${group.projectTitle} session`, max))
}

/** "**Attended (3):** Alice, Ben, Chloe", split into blocks of a section's length. */
function listBlocks(title: string, items: string[]): Block[] {
  if (items.length === 0) return [{ type: 'text', text: `**${title} (0):** nobody` }]
  return textBlocks([`**${title} (${items.length}):** ${items[0]}`, ...items.slice(1)], ', ')
}

export function registerCounts(people: readonly RegisterPerson[]): string {
  const n = (status: RegisterPerson['status']) => people.filter((p) => p.status === status).length
  return `${n('attended')} attended, ${n('apologised')} apologised, ${n('absent')} absent`
}

/** "checked in 16:02", in the hub's time. */
export function checkedInLabel(at: Date, zone: string): string {
  return `checked in ${DateTime.fromJSDate(at, { zone }).toFormat('HH:mm')}`
}

export function renderRegister(group: WorkGroup, session: Session, zone: string, { people, register, names }: SessionRegister): Message {
  // '' once the person who kept it asked to be forgotten.
  const who = (userId: string) => (userId ? mention({ userId, name: names.get(userId) }) : 'the Lead')
  const day = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL, HH:mm')
  const shown = (p: RegisterPerson) => `${listed(p)}${p.checkedInAt ? ` _(${checkedInLabel(p.checkedInAt, zone)})_` : ''}`
  const apologised = people.filter((p) => p.status === 'apologised').map((p) => `${shown(p)}${p.late ? ' _(late)_' : ''}`)
  const checkIns = people.some((p) => p.checkedInAt)
  const status = register
    ? [
        `✓ Confirmed by ${who(register.confirmedBy)}, ${day(register.confirmedAt)}.`,
        register.version > 1 ? ` Last corrected by ${who(register.updatedBy)}, ${day(register.updatedAt)}.` : '',
      ].join('')
    : `Pre-filled from people’s ${checkIns ? 'answers and check-ins: checked in or going' : 'answers: going'} → attended, apologies → apologised, no answer → absent. If it is right, confirm it in one tap; if not, correct the few who differ.`
  const version = register?.version ?? 0
  const blocks: Block[] = [
    { type: 'header', text: `Register: ${sessionName(group, session, 135)}` },
    { type: 'context', text: sessionWhen(session, zone) },
    { type: 'text', text: status },
    ...listBlocks('Attended', people.filter((p) => p.status === 'attended').map(shown)),
    ...listBlocks('Apologised', apologised),
    ...listBlocks('Absent', people.filter((p) => p.status === 'absent').map(shown)),
    {
      type: 'actions',
      actions: [
        ...(register ? [] : [{ type: 'button' as const, id: ACTION_CONFIRM, label: 'Confirm register', value: registerValue(session.id, 0), style: 'primary' as const }]),
        // Opens the correction form: on Teams a dialog, in one click.
        { type: 'button', id: ACTION_CORRECT, label: 'Correct the register', value: registerValue(session.id, version), opensForm: true },
      ],
    },
    { type: 'context', text: `Only the Lead and hub administrators see registers. “attendance” in the ${userText(group.projectTitle)} channel shows the year so far.` },
  ]
  const text = register
    ? `Register for ${sessionShortLabel(session, zone)} confirmed: ${registerCounts(people)}.`
    : `Register for ${sessionShortLabel(session, zone)}: ${registerCounts(people)}. Confirm it in one tap.`
  return { text, blocks }
}
