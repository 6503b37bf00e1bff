// Catalogue answers as neutral messages: the projects for a phase, the phase picker, and the
// friendly reply to text the bot could not read.
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

export const ACTION_PICK_PHASE = 'catalogue.phase'
export const ACTION_SHARE = 'catalogue.share'

export const HUB_FINDER = '[ncetm.org.uk/mathshubs](https://www.ncetm.org.uk/mathshubs)'

export interface PhaseAnswerOptions {
  /** Offer "Share to channel" (only when the answer is private and in a shared conversation). */
  offerShare?: boolean
  /** Set when the answer is being shared: who shared it. */
  sharedBy?: Actor
  hint: CommandHint
}

export function renderPhaseAnswer(catalogue: Catalogue, phases: Phase[], options: PhaseAnswerOptions): Message {
  const projects = projectsForPhases(catalogue, phases)
  const heading = `${phaseNames(phases)} projects`
  const source = `From the Maths Hubs ${catalogue.schoolYear} projects catalogue`

  if (projects.length === 0) {
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

  const blocks: Block[] = [
    { type: 'header', text: heading },
    { type: 'context', text: `${source} · ${projects.length} ${projects.length === 1 ? 'project' : 'projects'}` },
  ]
  const closing: Block[] = [{ type: 'context', text: closingNote(phases, options.hint) }]
  if (options.sharedBy) closing.push({ type: 'context', text: `Shared by ${mention(options.sharedBy)}` })
  if (options.offerShare)
    closing.push({
      type: 'actions',
      actions: [{ type: 'button', id: ACTION_SHARE, label: 'Share to channel', value: phases.join(',') }],
    })

  // Dividers make a long list readable on a phone, but only fit while the list is short.
  const budget = MESSAGE_LIMITS.blocks - blocks.length - closing.length
  const withDividers = projects.length * 2 - 1 <= budget
  projects.slice(0, budget).forEach((project, index) => {
    if (withDividers && index > 0) blocks.push({ type: 'divider' })
    blocks.push(projectBlock(project, catalogue))
  })
  blocks.push(...closing)

  return {
    text: `${heading} in the ${catalogue.schoolYear} catalogue: ${projects.map((p) => p.title).join('; ')}`,
    blocks,
  }
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

function closingNote(phases: Phase[], hint: CommandHint): string {
  const join = `To take part, contact your local Maths Hub: ${HUB_FINDER}.`
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
