// The model's ranking, checked in code: only ids that are in the catalogue, with their own
// titles, survive; explanations are cut to a sentence's length and stripped of markup, so a
// reply can neither recommend a project that does not exist nor smuggle in links or mentions.
import { z } from 'zod'
import type { Catalogue } from '../../domain/projects.js'
import { normalise } from '../../core/words.js'

export interface CheckedRanking {
  ids: string[]
  explanations: Record<string, string>
  /** Entries dropped: an id not in the catalogue, or a title that is not that id's. */
  dropped: number
}

const replySchema = z.object({
  projects: z.array(z.object({ id: z.string(), title: z.string().optional(), why: z.string().optional() })).max(50),
})

/** The checked ranking, or undefined when the reply is not the agreed shape at all. */
export function checkRanking(reply: unknown, catalogue: Catalogue, max = 6): CheckedRanking | undefined {
  const parsed = replySchema.safeParse(reply)
  if (!parsed.success) return undefined
  const byId = new Map(catalogue.projects.map((p) => [p.id, p]))
  const ids: string[] = []
  const explanations: Record<string, string> = {}
  let dropped = 0
  for (const entry of parsed.data.projects) {
    const project = byId.get(entry.id.trim())
    const titleMatches = entry.title === undefined || normalise(entry.title) === normalise(project?.title ?? '')
    if (!project || !titleMatches) {
      dropped += 1
      continue
    }
    if (ids.includes(project.id) || ids.length >= max) continue
    ids.push(project.id)
    const why = clean(entry.why ?? '')
    if (why) explanations[project.id] = why
  }
  return { ids, explanations, dropped }
}

function clean(text: string): string {
  const plain = text
    .replace(/[<>[\]`*_~|]/g, '')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return plain.length > 300 ? `${plain.slice(0, 299)}…` : plain
}
