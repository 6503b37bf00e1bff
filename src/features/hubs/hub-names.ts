// Hubs as hub staff name them on the command line: matched however the name is capitalised
// or spaced, and, when no hub matches, a sentence saying which hubs there are and where hubs
// come from, rather than a bare "not found".
import { distance } from 'fastest-levenshtein'
import type { Platform } from '../../core/events.js'

/** How a hub name is compared: "  North  West maths hub " is "north west maths hub". */
export function hubNameKey(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ')
}

/** Where a hub lives, in words: a hub of the same name may exist in several workspaces. */
export function describeWorkspace(hub: { platform: Platform; workspaceId: string }): string {
  return hub.platform === 'slack' ? `Slack workspace ${hub.workspaceId}` : `Teams tenant ${hub.workspaceId}`
}

const LISTED_AT_MOST = 20

/** The sentence for a hub name that matches no hub, with a suggestion when one is close. */
export function missingHubMessage(name: string, existing: readonly string[]): string {
  const origin =
    'A hub is created when a Work Group Lead sets up a channel with /workgroups setup (in Teams: workgroups setup) and names its hub.'
  if (existing.length === 0) return `There are no hubs yet, so there is no "${name.trim()}". ${origin}`
  const suggestion = suggestHub(name, existing)
  const listed = existing.slice(0, LISTED_AT_MOST).map((n) => `"${n}"`)
  const more = existing.length > LISTED_AT_MOST ? `, and ${existing.length - LISTED_AT_MOST} more` : ''
  return (
    `There is no hub called "${name.trim()}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} ` +
    `The hubs are: ${listed.join(', ')}${more}. ${origin}`
  )
}

/** A hub the name was probably meant to be: one it is part of ("North West"), or a near spelling. */
function suggestHub(name: string, existing: readonly string[]): string | undefined {
  const key = hubNameKey(name)
  if (key === '') return undefined
  const containing = existing.filter((n) => hubNameKey(n).includes(key))
  if (containing.length === 1) return containing[0]
  const allowed = Math.max(2, Math.floor(key.length / 4))
  let best: { name: string; distance: number } | undefined
  for (const name of existing) {
    // People often leave off the "Maths Hub" every hub's name ends with.
    const forms = [hubNameKey(name), hubNameKey(name).replace(/\s*maths hub$/, '')]
    const d = Math.min(...forms.map((form) => distance(key, form)))
    if (d <= allowed && (!best || d < best.distance)) best = { name, distance: d }
  }
  return best?.name
}
