// How a phase's projects are laid out for a phone: projects for teachers first, then those for
// leaders, specialists and networks (ITT providers, PD leads, Work Group Leads…), each project
// in a line or two. The grouping follows the catalogue's audience words, so next year's
// catalogue groups itself.
import { truncate } from '../../core/messages.js'
import type { Audience, Project } from '../../domain/projects.js'

export const LIST_GROUPS = [
  { id: 'teachers', heading: 'For teachers', details: 'Details: for teachers' },
  { id: 'leaders', heading: 'For leaders, specialists and networks', details: 'Details: leaders and networks' },
] as const
export type ListGroup = (typeof LIST_GROUPS)[number]['id']

/** People who teach the classes; a project with any of them is a teacher's project. */
const CLASSROOM: ReadonlySet<Audience> = new Set(['teachers', 'teaching assistants', 'early years practitioners', 'early career teachers', 'non-specialist teachers'])

export function groupOf(project: Project): ListGroup {
  return project.audience.some((a) => CLASSROOM.has(a)) ? 'teachers' : 'leaders'
}

export function isListGroup(value: string): value is ListGroup {
  return LIST_GROUPS.some((g) => g.id === value)
}

/** A line's worth of what a project is: its first sentence, or that sentence's first clause. */
export function oneLiner(summary: string, max = 115): string {
  const sentence = (/^.+?[.!?](?=\s|$)/.exec(summary)?.[0] ?? summary).replace(/[.!?]$/, '')
  if (sentence.length <= max) return `${sentence}.`
  // Cut where the sentence pauses ("…teaching maths, including how…"), if that leaves enough to say something.
  const pause = /,\s|;\s|:\s|\s—\s|\s(?:including|as part of|to better|in their)\s/g
  let cut: number | undefined
  for (let match = pause.exec(sentence); match && match.index <= max; match = pause.exec(sentence)) {
    if (match.index >= 40) cut = match.index
  }
  return cut !== undefined ? `${sentence.slice(0, cut)}.` : truncate(sentence, max)
}
