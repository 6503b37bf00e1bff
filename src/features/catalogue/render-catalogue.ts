// Catalogue answers as neutral messages: the projects for a phase (a short list, and each
// group's details), the phase picker, and the friendly reply to text the bot could not read.
import { type Action, type Block, MESSAGE_LIMITS, type Message, mention, textMessage, truncate } from '../../core/messages.js'
import type { CommandHint } from '../../core/bot.js'
import type { Actor } from '../../core/events.js'
import {
  AUDIENCE_LABELS,
  type Catalogue,
  FORMAT_LABELS,
  PHASE_LABELS,
  PHASES,
  type Phase,
  type Project,
} from '../../domain/projects.js'
import { groupOf, LIST_GROUPS, type ListGroup, oneLiner } from './phase-list.js'

export const ACTION_PICK_PHASE = 'catalogue.phase'
export const ACTION_SHARE = 'catalogue.share'
export const ACTION_PHASE_DETAILS = 'catalogue.details'

export const HUB_FINDER = '[ncetm.org.uk/mathshubs](https://www.ncetm.org.uk/mathshubs)'

export interface PhaseAnswerOptions {
  /** Offer "Share to channel" (only when the answer is private and in a shared conversation). */
  offerShare?: boolean
  /** Set when the answer is being shared: who shared it. */
  sharedBy?: Actor
  hint: CommandHint
}

/**
 * A phase's projects on a phone: teachers' projects first, then leaders' and networks, each in
 * two short lines, with how to join said once. A button per group shows its projects in full.
 */
export function renderPhaseAnswer(catalogue: Catalogue, phases: Phase[], options: PhaseAnswerOptions): Message {
  const projects = projectsForPhases(catalogue, phases)
  const heading = `${phaseNames(phases)} projects`
  if (projects.length === 0) return renderNoProjects(catalogue, phases, heading)

  const head: Block[] = [
    { type: 'header', text: heading },
    { type: 'context', text: `${countLine(catalogue, projects)}. ${joinNote(phases, options.hint)}` },
  ]
  const groups = LIST_GROUPS.map((group) => ({ group, projects: projects.filter((p) => groupOf(p) === group.id) })).filter((g) => g.projects.length > 0)
  const list: Block[] = groups.flatMap(({ group, projects: inGroup }): Block[] => [
    { type: 'text', text: `**${group.heading}**` },
    ...inGroup.map((project): Block => ({ type: 'text', text: listEntry(project, group.id) })),
  ])
  let closing: Block
  if (options.sharedBy) {
    // A shared copy is for reading: anyone wanting the details asks for their own copy.
    const typed = phases.length === PHASES.length ? 'all' : phases.join(' and ')
    closing = { type: 'context', text: `Shared by ${mention(options.sharedBy)} · Each project in full: ${options.hint(typed)}` }
  } else {
    const actions: Action[] = groups.map(({ group }) => ({ type: 'button', id: ACTION_PHASE_DETAILS, label: group.details, value: `${phases.join(',')}|${group.id}` }))
    if (options.offerShare) actions.push({ type: 'button', id: ACTION_SHARE, label: 'Share to channel', value: phases.join(',') })
    closing = { type: 'actions', actions }
  }
  return {
    text: `${heading} in the ${catalogue.schoolYear} catalogue: ${projects.map((p) => p.title).join('; ')}`,
    // A catalogue too big for one message still ends with its buttons.
    blocks: [...head, ...list.slice(0, MESSAGE_LIMITS.blocks - head.length - 1), closing],
  }
}

/** One group's projects in full: who each is for, entry point, format and partner. */
export function renderPhaseDetails(catalogue: Catalogue, phases: Phase[], group: ListGroup, options: PhaseAnswerOptions): Message {
  const meta = LIST_GROUPS.find((g) => g.id === group)!
  const projects = projectsForPhases(catalogue, phases).filter((p) => groupOf(p) === group)
  const heading = `${phaseNames(phases)} projects: ${meta.heading.toLowerCase()}`
  if (projects.length === 0) return renderNoProjects(catalogue, phases, heading)
  const blocks: Block[] = [
    { type: 'header', text: heading },
    { type: 'context', text: `${countLine(catalogue, projects)}. ${joinNote(phases, options.hint)}` },
  ]
  const back: Block = { type: 'actions', actions: [{ type: 'button', id: ACTION_PICK_PHASE, label: 'Back to the list', value: phases.join(',') }] }
  // Dividers make a long list readable on a phone, but only fit while the list is short.
  const budget = MESSAGE_LIMITS.blocks - blocks.length - 1
  const withDividers = projects.length * 2 - 1 <= budget
  projects.slice(0, budget).forEach((project, index) => {
    if (withDividers && index > 0) blocks.push({ type: 'divider' })
    blocks.push(projectBlock(project, catalogue))
  })
  blocks.push(back)
  return { text: `${heading} in the ${catalogue.schoolYear} catalogue: ${projects.map((p) => p.title).join('; ')}`, blocks }
}

function renderNoProjects(catalogue: Catalogue, phases: Phase[], heading: string): Message {
  return {
    text: `There are no ${phaseNames(phases).toLowerCase()} projects in the ${catalogue.schoolYear} catalogue.`,
    blocks: [
      { type: 'header', text: heading },
      {
        type: 'text',
        text: `There are no ${phaseNames(phases).toLowerCase()} projects in the ${catalogue.schoolYear} catalogue. Your local Maths Hub may still be able to help: ${HUB_FINDER}.`,
      },
      phaseButtons(phases),
    ],
  }
}

function countLine(catalogue: Catalogue, projects: Project[]): string {
  return `From the Maths Hubs ${catalogue.schoolYear} projects catalogue · ${projects.length} ${projects.length === 1 ? 'project' : 'projects'}`
}

/**
 * A line or two: the title (and whether it is new), then what a teachers' project is, or whom
 * a leaders' project is for, unless its title says so already ("…for Work Group Leads").
 */
function listEntry(project: Project, group: ListGroup): string {
  const title = `**${project.title}**${project.isNew ? ' · _New this year_' : ''}`
  const about = group === 'teachers' ? oneLiner(project.summary) : audienceNotInTitle(project)
  return truncate(about ? `${title}\n${about}` : title, MESSAGE_LIMITS.textLength)
}

function audienceNotInTitle(project: Project): string | undefined {
  const title = project.title.toLowerCase()
  const labels = project.audience.map((a) => AUDIENCE_LABELS[a]).filter((label) => !title.includes(label.replace(/\s*\([^)]*\)/g, '').toLowerCase()))
  return labels.length ? labels.join(', ') : undefined
}

/** One project: title and badges, a line about it (its gist unless `about` is given), and its facts. */
export function projectBlock(project: Project, catalogue: Catalogue, about?: string): Block {
  const badges = [project.isNew ? '_New this year_' : undefined].filter(Boolean)
  const title = `**${project.title}**${badges.length ? ` · ${badges.join(' · ')}` : ''}`
  const fields = [
    { label: 'Who it’s for', value: project.audience.map((a) => AUDIENCE_LABELS[a]).join(', ') },
    { label: 'Entry point', value: entryPoint(project, catalogue) },
    { label: 'Format', value: FORMAT_LABELS[project.format] },
  ]
  if (project.partner) fields.push({ label: 'In partnership with', value: project.partner })
  return {
    type: 'text',
    // A list is read on a phone between lessons: one sentence says what each project is about.
    text: truncate(`${title}\n${about ?? gist(project.summary)}`, MESSAGE_LIMITS.textLength),
    fields: fields.map((f) => ({ label: f.label, value: truncate(f.value, 1900) })),
  }
}

/** The first sentence of a summary, or its first 200 characters. */
export function gist(summary: string): string {
  const sentence = /^.+?[.!?](?=\s|$)/.exec(summary)?.[0] ?? summary
  return truncate(sentence, 200)
}

function entryPoint(project: Project, catalogue: Catalogue): string {
  const before = project.follows ? catalogue.projects.find((p) => p.id === project.follows) : undefined
  return before ? `${project.entryPoint}, after ${before.title}` : project.entryPoint
}

/** How to join any of them, said once; early years also points at the primary projects. */
function joinNote(phases: Phase[], hint: CommandHint): string {
  const join = `To join one, contact your local Maths Hub: ${HUB_FINDER}.`
  // The catalogue lists early years under "Early Years and Primary".
  if (phases.length === 1 && phases[0] === 'early years')
    return `${join} Schools with Reception classes may also want the primary projects: ${hint('primary')}.`
  return join
}

export function renderPhasePicker(catalogue: Catalogue, hint: CommandHint): Message {
  return {
    text: `Which phase? Pick one to see the projects in the ${catalogue.schoolYear} catalogue.`,
    blocks: [
      { type: 'header', text: 'Which phase are you interested in?' },
      {
        type: 'text',
        text: `Pick a phase to see the Maths Hubs projects in the ${catalogue.schoolYear} catalogue, or type ${hint('secondary')}.`,
      },
      phaseButtons([]),
    ],
  }
}

export function renderNoCatalogue(): Message {
  const text =
    'No projects catalogue has been loaded yet, so I can’t list projects. A hub administrator can load one with `npm run catalogue:import -- <file>`.'
  return textMessage(text)
}

export function phaseButtons(exclude: Phase[]): Block {
  const actions: Action[] = PHASES.filter((p) => !(exclude.length === 1 && exclude[0] === p)).map((phase) => ({
    type: 'button',
    id: ACTION_PICK_PHASE,
    label: PHASE_LABELS[phase],
    value: phase,
  }))
  return { type: 'actions', actions }
}

export function projectsForPhases(catalogue: Catalogue, phases: Phase[]): Project[] {
  return catalogue.projects.filter((p) => p.phases.some((phase) => phases.includes(phase)))
}

function phaseNames(phases: Phase[]): string {
  if (phases.length === PHASES.length) return 'All'
  const names = phases.map((p, i) => (i === 0 ? PHASE_LABELS[p] : PHASE_LABELS[p].toLowerCase()))
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** Phases from a button value or share value; unknown words are dropped. */
export function phasesFromValue(value: string): Phase[] {
  const wanted = value.split(',').map((v) => v.trim())
  return PHASES.filter((p) => wanted.includes(p))
}
