// What a new catalogue file changes against a stored catalogue, project by project (by id):
// projects new in the file, projects it no longer has (retired), and projects whose title,
// phases, audience or format changed. Other wording (summary, entry point, keywords…) is
// counted as "details", so an administrator sees that something moved without a wall of text.
import { AUDIENCE_LABELS, type Catalogue, FORMAT_LABELS, PHASE_LABELS, type Project } from '../../domain/projects.js'

export interface ProjectChange {
  before: Project
  after: Project
  /** What changed, in words: `title “A” → “B”`, `phases Primary → Primary, Secondary`. */
  what: string[]
}

export interface CatalogueChanges {
  added: Project[]
  retired: Project[]
  changed: ProjectChange[]
  unchanged: number
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))
const phases = (p: Project) => p.phases.map((x) => PHASE_LABELS[x]).join(', ')
const audience = (p: Project) => p.audience.map((x) => AUDIENCE_LABELS[x]).join(', ')

/** Fields that are not shown one by one but still count as a change. */
const DETAILS: (keyof Project)[] = ['strand', 'entryPoint', 'follows', 'isNew', 'partner', 'summary', 'keywords']

export function compareCatalogues(stored: Catalogue | undefined, next: Catalogue): CatalogueChanges {
  const before = new Map((stored?.projects ?? []).map((p) => [p.id, p]))
  const nextIds = new Set(next.projects.map((p) => p.id))
  const changes: CatalogueChanges = { added: [], retired: [], changed: [], unchanged: 0 }
  for (const after of next.projects) {
    const old = before.get(after.id)
    if (!old) {
      changes.added.push(after)
      continue
    }
    const what: string[] = []
    if (old.title !== after.title) what.push(`title “${old.title}” → “${after.title}”`)
    if (!sameSet(old.phases, after.phases)) what.push(`phases ${phases(old)} → ${phases(after)}`)
    if (!sameSet(old.audience, after.audience)) what.push(`audience ${audience(old)} → ${audience(after)}`)
    if (old.format !== after.format) what.push(`format ${FORMAT_LABELS[old.format]} → ${FORMAT_LABELS[after.format]}`)
    if (DETAILS.some((key) => JSON.stringify(old[key]) !== JSON.stringify(after[key]))) what.push('details')
    if (what.length > 0) changes.changed.push({ before: old, after, what })
    else changes.unchanged += 1
  }
  for (const old of stored?.projects ?? []) if (!nextIds.has(old.id)) changes.retired.push(old)
  return changes
}
