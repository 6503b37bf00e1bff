// What may be seen of one session's reflections, decided in one pure place so
// every view (the message, the CSV export, the AI summary) shows the same and no more:
// - 'me' reflections are counted, never shown;
// - 'lead' reflections are shown with their author;
// - 'anonymised' reflections are shown without names, in an order that says nothing about who
//   sent them, and only once at least MIN_ANONYMISED people chose it: with fewer, or mixed
//   into a distribution beside named ones, a Lead could work out who said what.
import type { Reflection } from './reflections.js'
import { reflectionThemes, type Theme } from './reflection-themes.js'

/** Anonymised reflections are released only in a crowd at least this big. */
export const MIN_ANONYMISED = 5

/** A reflection its author chose to share with the Lead by name. */
export interface NamedReflection {
  userId: string
  /** Missing when the person is no longer known (left the workspace, or never looked up). */
  name?: string
  rating: number
  tryInClass?: string
  noticed?: string
}

/** An anonymised reflection: deliberately no user id, name or time. */
export interface AnonymousReflection {
  rating: number
  tryInClass?: string
  noticed?: string
}

export interface RatingSummary {
  /** How many gave 1, 2, 3, 4 and 5, in that order. */
  counts: [number, number, number, number, number]
  total: number
  /** To one decimal place. */
  mean: number
}

export interface CollatedReflections {
  /** Participants who did not send apologies. */
  expected: number
  /** Everyone who reflected, whatever they chose: a count reveals nothing they wrote. */
  responded: number
  /** Reflections only their authors may see. */
  keptPrivate: number
  /** Anonymised reflections not shown because too few people chose anonymity. */
  heldBack: number
  named: NamedReflection[]
  anonymous: AnonymousReflection[]
  /** Over the named and released anonymous reflections only; undefined when there are none. */
  ratings?: RatingSummary
  themes: Theme[]
}

export function collateReflections(input: { reflections: Reflection[]; names: Map<string, string>; expected: number }): CollatedReflections {
  const { reflections, names } = input
  const anonymised = reflections.filter((r) => r.visibility === 'anonymised')
  const released = anonymised.length >= MIN_ANONYMISED
  const named = reflections.filter((r) => r.visibility === 'lead').map((r) => toNamed(r, names.get(r.userId)))
  const anonymous = released ? anonymised.map(toAnonymous).sort(byContent) : []
  const visible = [...named, ...anonymous]
  const ratings = summariseRatings(visible.map((r) => r.rating))
  return {
    expected: input.expected,
    responded: reflections.length,
    keptPrivate: reflections.filter((r) => r.visibility === 'me').length,
    heldBack: released ? 0 : anonymised.length,
    named: named.sort(byName),
    anonymous,
    ...(ratings ? { ratings } : {}),
    themes: reflectionThemes(visible.map(answerText)),
  }
}

/** One text per answer, the two questions on separate lines so no phrase spans both. */
export function answerText(answer: { tryInClass?: string; noticed?: string }): string {
  return [answer.tryInClass, answer.noticed].filter(Boolean).join('\n')
}

function toNamed(r: Reflection, name: string | undefined): NamedReflection {
  return { userId: r.userId, ...(name?.trim() ? { name: name.trim() } : {}), rating: r.rating, ...texts(r) }
}

/** Built field by field, so nothing identifying (user id, times) can ride along. */
function toAnonymous(r: Reflection): AnonymousReflection {
  return { rating: r.rating, ...texts(r) }
}

function texts(r: Reflection): { tryInClass?: string; noticed?: string } {
  const tryInClass = r.tryInClass?.trim()
  const noticed = r.noticed?.trim()
  return { ...(tryInClass ? { tryInClass } : {}), ...(noticed ? { noticed } : {}) }
}

/** By content alone (highest rating first, then the words), never by who or when. */
function byContent(a: AnonymousReflection, b: AnonymousReflection): number {
  return b.rating - a.rating || compare(a.tryInClass ?? '', b.tryInClass ?? '') || compare(a.noticed ?? '', b.noticed ?? '')
}

/** Alphabetical, so the Lead can find a person; people with no known name come last. */
function byName(a: NamedReflection, b: NamedReflection): number {
  return compare(a.name?.toLowerCase() ?? '\uffff', b.name?.toLowerCase() ?? '\uffff') || compare(a.userId, b.userId)
}

/** How many gave each rating, and the mean; ratings outside 1 to 5 are left out. */
export function summariseRatings(ratings: readonly number[]): RatingSummary | undefined {
  const counts: RatingSummary['counts'] = [0, 0, 0, 0, 0]
  let sum = 0
  let total = 0
  for (const rating of ratings) {
    // The database allows only 1 to 5; anything else would skew the mean, so it is left out.
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) continue
    counts[rating - 1] = (counts[rating - 1] ?? 0) + 1
    sum += rating
    total += 1
  }
  if (total === 0) return undefined
  return { counts, total, mean: Math.round((sum / total) * 10) / 10 }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
