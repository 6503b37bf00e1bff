// The themes a catch-up may show of a session's reflections: keywords only, never names or
// quotes, and only from answers the group may see (shared with the Lead, or anonymised and
// released in a crowd; never 'me'). With fewer than MIN_ANONYMISED people's visible answers
// behind them, themes could point at who wrote what, so none are shown.
import { answerText, collateReflections, MIN_ANONYMISED } from '../../domain/collate-reflections.js'
import type { Theme } from '../../domain/reflection-themes.js'
import type { Reflection } from '../../domain/reflections.js'

export type GroupThemes =
  | { kind: 'themes'; themes: Theme[] }
  /** Some reflections, but too few visible ones with words in them to show themes. */
  | { kind: 'too few' }
  /** Nothing to say: nobody reflected, or nothing several people wrote about. */
  | { kind: 'none' }

/** At most this many themes: a line a phone shows whole. */
const THEMES_SHOWN = 5

export function groupThemes(reflections: readonly Reflection[]): GroupThemes {
  if (reflections.length === 0) return { kind: 'none' }
  // The same collation as every other view, so the tiers are decided in one place.
  const collated = collateReflections({ reflections: [...reflections], names: new Map(), expected: 0 })
  const contributors = [...collated.named, ...collated.anonymous].filter((answer) => answerText(answer).trim() !== '')
  if (contributors.length < MIN_ANONYMISED) return { kind: 'too few' }
  const themes = collated.themes.slice(0, THEMES_SHOWN)
  return themes.length > 0 ? { kind: 'themes', themes } : { kind: 'none' }
}
