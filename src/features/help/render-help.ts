// Help, read on a phone between lessons. `help` fits one screen: what this person does most,
// first, with a button for each (the button runs the same command as typing it). `help all`
// is the full reference, grouped by who uses each command.
import { type CommandHint, commandButton, type HelpEntry } from '../../core/bot.js'
import type { Action, Block, Message } from '../../core/messages.js'
import type { Asker } from './who-is-asking.js'

export const HELP_ALL = 'help all'

/** One everyday use: a short line saying what it is, and the button that does it (if it works here). */
interface Use {
  line: (hint: CommandHint) => string
  button?: Action
}

const MORE = commandButton('More commands', HELP_ALL)
const PROJECTS = commandButton('Projects for my school', '')

/**
 * The first answer to `help`: eight lines at most (nine for a Lead who is also a hub
 * administrator), then a row of buttons for each role.
 */
export function renderShortHelp(asker: Asker, hint: CommandHint): Message {
  const inGroup = asker.groupHere !== undefined
  // Work Group commands work in the group's channel only: elsewhere they are named, not offered.
  const channelNote = inGroup ? '' : ' (in your group’s channel)'
  const leadUses: Use[] = [
    { line: (h) => `Add a session: ${h('add session')}${channelNote}`, ...(inGroup ? { button: commandButton('Add session', 'add session', 'primary') } : {}) },
    { line: (h) => `Who’s coming: ${h('roster')}`, ...(inGroup ? { button: commandButton('Roster', 'roster') } : {}) },
    { line: (h) => `What people said after a session: ${h('reflections')}`, ...(inGroup ? { button: commandButton('Reflections', 'reflections') } : {}) },
  ]
  const participantUses: Use[] = [
    { line: (h) => `Your next sessions: ${h('sessions')}${channelNote}`, ...(inGroup ? { button: commandButton('Next sessions', 'sessions', asker.isLead ? undefined : 'primary') } : {}) },
    ...(asker.isLead ? [] : [{ line: (h: CommandHint) => `Reflect on your last session: ${h('reflect')}`, button: commandButton('Reflect', 'reflect') }]),
    { line: (h) => `Find resources: ${h('resources fractions')}, or share one: ${h('share <link>')}` },
    { line: (h) => `Which projects suit your school: ${h('secondary')}, or just ask`, button: PROJECTS },
  ]
  const adminUses: Use[] = asker.isAdmin
    ? [{ line: (h) => `Hub administrators: ${h('admins')}; unanswered questions: ${h('unanswered')}` }]
    : []

  const lines = [...(asker.isLead ? leadUses : []), ...participantUses, ...adminUses].map((use) => `• ${use.line(hint)}`)
  const rows: Action[][] = asker.isLead
    ? [buttonsOf(leadUses), [...buttonsOf(participantUses), MORE]]
    : [[...buttonsOf(participantUses), MORE]]
  if (asker.isAdmin) rows.push([commandButton('Hub administrators', 'admins'), commandButton('Unanswered questions', 'unanswered')])

  const heading = asker.isLead ? 'What you can do as a Lead' : 'What you can do'
  return {
    text: `${heading}: ${lines.map((l) => l.slice(2)).join('; ')}`,
    blocks: [
      { type: 'header', text: heading },
      { type: 'text', text: lines.join('\n') },
      ...rows.filter((row) => row.length > 0).map((actions): Block => ({ type: 'actions', actions })),
      { type: 'context', text: `Every command: ${hint(HELP_ALL)}` },
    ],
  }
}

function buttonsOf(uses: Use[]): Action[] {
  return uses.flatMap((use) => (use.button ? [use.button] : []))
}

const SECTIONS: ReadonlyArray<{ audience: HelpEntry['audience']; heading: string }> = [
  { audience: undefined, heading: '**For everyone**' },
  { audience: 'lead', heading: '**For Work Group Leads** (in the group’s channel)' },
  { audience: 'admin', heading: '**For hub administrators**' },
]

/** `help all`: every command, grouped by who uses it; administrators' only for administrators. */
export function renderFullHelp(entries: readonly HelpEntry[], asker: Asker, hint: CommandHint): Message {
  const sections = SECTIONS.filter((s) => s.audience !== 'admin' || asker.isAdmin)
    .map((section) => ({ heading: section.heading, entries: entries.filter((e) => e.audience === section.audience) }))
    .filter((section) => section.entries.length > 0)
  const blocks: Block[] = [{ type: 'header', text: 'Every command' }]
  for (const section of sections) {
    blocks.push({ type: 'text', text: [section.heading, ...section.entries.map((e) => `• ${hint(e.usage)}: ${e.description}`)].join('\n') })
  }
  if (asker.isAdmin)
    blocks.push({
      type: 'context',
      text: 'A hub’s notice period, quiet hours and school holidays are set by whoever runs the bot (`npm run hub:settings`, `npm run term-dates:import`).',
    })
  blocks.push({ type: 'context', text: 'I help Maths Hubs Work Groups and Mastery Specialist teams. Ask your hub administrator about anything else.' })
  return {
    text: `Every command: ${entries.filter((e) => e.audience !== 'admin' || asker.isAdmin).map((e) => e.usage || 'the bare command').join(', ')}`,
    blocks,
  }
}
