// What follows `evaluation`: an optional hub name (where a workspace has several), an optional
// school year ("2026/27", "2026-27", "2026/2027") and words naming a project, matched loosely
// against the titles of the hub's groups, so "mastery ready" finds "Mastery Readiness".
import { DateTime } from 'luxon'
import { stemmer } from 'stemmer'

/** "2026/27" for the school year (September to August) that `now` falls in. */
export function schoolYearOf(now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone })
  const start = local.month >= 9 ? local.year : local.year - 1
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`
}

export type YearReading = { year?: string; rest: string } | { problem: string }

/** Takes a school year out of the words, if there is one. */
export function readSchoolYear(args: string): YearReading {
  const match = /(?:^|\s)(\d{4})\s*[/–-]\s*(\d{2}|\d{4})(?=\s|$)/.exec(args)
  if (!match) return { rest: args.trim() }
  const start = Number(match[1])
  const end = Number(match[2]!.length === 2 ? `${String(start + 1).slice(0, 2)}${match[2]}` : match[2])
  if (end !== start + 1 || start < 2000 || start > 2100)
    return { problem: `“${match[0].trim()}” is not a school year I can read: write it like ${schoolYearLike(start)}.` }
  const year = `${start}/${String(end % 100).padStart(2, '0')}`
  return { year, rest: `${args.slice(0, match.index)} ${args.slice(match.index + match[0].length)}`.replace(/\s+/g, ' ').trim() }
}

const schoolYearLike = (start: number) => (start >= 2000 && start <= 2100 ? `${start}/${String((start + 1) % 100).padStart(2, '0')}` : '2026/27')

/** How names are compared: case, spacing and punctuation aside. */
export function nameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The hub the words start with, and the words after it; longest names first ("North West" before "North"). */
export function takeHubName<H extends { name: string }>(args: string, hubs: readonly H[]): { hub: H; rest: string } | undefined {
  const words = nameKey(args)
  const sorted = [...hubs].sort((a, b) => nameKey(b.name).length - nameKey(a.name).length)
  for (const hub of sorted) {
    const key = nameKey(hub.name)
    if (key && (words === key || words.startsWith(`${key} `))) return { hub, rest: dropWords(args, key.split(' ').length) }
  }
  return undefined
}

/** The text after its first `n` words (counted as nameKey counts them). */
function dropWords(text: string, n: number): string {
  const parts = text.trim().split(/\s+/)
  let taken = 0
  let i = 0
  while (i < parts.length && taken < n) {
    taken += nameKey(parts[i]!).split(' ').filter(Boolean).length
    i += 1
  }
  return parts.slice(i).join(' ')
}

const SMALL_WORDS = new Set(['the', 'and', 'of', 'for', 'in', 'a', 'an', 'to', 'project', 'work', 'group', 'groups'])

/**
 * The projects the words name: the one whose title they are exactly, else every title in which
 * each word starts some word of the title, or is another form of one ("mastery ready" → "Mastery Readiness").
 */
export function matchProjects<P extends { projectTitle: string }>(words: string, projects: readonly P[]): P[] {
  const key = nameKey(words)
  if (!key) return [...projects]
  const exact = projects.filter((p) => nameKey(p.projectTitle) === key)
  if (exact.length > 0) return exact
  const wanted = key.split(' ').filter((w) => !SMALL_WORDS.has(w))
  if (wanted.length === 0) return []
  return projects.filter((p) => {
    const title = nameKey(p.projectTitle).split(' ')
    // A word may be the start of a title word ("math") or another form of it ("ready", "readiness").
    return wanted.every((w) => title.some((t) => t.startsWith(w) || (w.length > 3 && stemmer(t).startsWith(stemmer(w)))))
  })
}
