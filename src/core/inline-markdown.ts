// Reading the neutral Markdown subset (see messages.ts) safely, for the renderers. User text
// arrives backslash-escaped (`userText`); each escape is swapped for a private-use stand-in
// before any markup is matched, so escaped brackets, stars or backticks can never take part
// in a link, a mention, a moment or emphasis. The renderer then turns each stand-in back
// into the literal character in its own platform's way.

// The characters `userText` escapes: those that form markup in the subset or on a platform.
export const ESCAPED = '\\[]()*_`~<>'

const BASE = 0xe000
const STAND_IN = /[\ue000-\ue07f]/g

/** Escapes → stand-ins; a stray backslash before anything else stays a backslash. */
export function hideEscapes(text: string): string {
  return text.replace(/\\([\\[\]()*_`~<>])/g, (_m, c: string) => String.fromCharCode(BASE + c.charCodeAt(0)))
}

/** Stand-ins → whatever the platform shows as that literal character. */
export function showEscapes(text: string, literal: (c: string) => string): string {
  return text.replace(STAND_IN, (s) => literal(String.fromCharCode(s.charCodeAt(0) - BASE)))
}

/** Private-use characters a user typed would otherwise read as stand-ins. */
export function dropStandIns(text: string): string {
  return text.replace(STAND_IN, '')
}

/** A link target the bot may show: http or https only (never javascript:, data:, mailto:…). */
export function isWebUrl(target: string): boolean {
  if (!/^https?:\/\//i.test(target)) return false
  try {
    const url = new URL(target)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** A `time:` target's instant, only if it is a full ISO timestamp. */
export function isoInstant(iso: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return undefined
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? ms : undefined
}

/**
 * A piece of text in the neutral subset, as both renderers walk it. Links (which include
 * mentions and moments) and code spans are atoms; bold and italic may hold any other pieces,
 * so `**[4pm](time:…)**` is one bold moment and each platform can write it its own way.
 * Text still holds the stand-ins of escaped characters; the renderer shows them.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'emphasis'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; label: string; target: string }

// Atoms are swapped for characters of this private-use range while emphasis is matched, so
// that a bold pair may surround them but never pair up with a star inside them.
const SLOT = 0xe100
const SLOTS = /[\ue100-\uf8ff]/g
const ATOM = /\[([^\]]*)\]\(([^)\s]+)\)|`([^`]+)`/g
// Bold is any **…**; italic _…_ only at word edges, so snake_case names stay as they are.
// Neither crosses a line: neither platform formats across one.
const SPAN = /\*\*([^\n]+?)\*\*|(?<![\p{L}\p{N}_])_(?=\S)([^\n]+?)(?<=\S)_(?![\p{L}\p{N}_])/u

/** The pieces of a text in the subset (escapes already hidden with `hideEscapes`). */
export function parseInline(hidden: string): Inline[] {
  const atoms: Inline[] = []
  const flat = hidden.replace(SLOTS, '').replace(ATOM, (_m, label?: string, target?: string, code?: string) => {
    atoms.push(code !== undefined ? { kind: 'code', text: code } : { kind: 'link', label: label ?? '', target: target ?? '' })
    return String.fromCharCode(SLOT + atoms.length - 1)
  })
  return spans(flat, atoms)
}

function spans(flat: string, atoms: Inline[]): Inline[] {
  const out: Inline[] = []
  let rest = flat
  for (let m = SPAN.exec(rest); m; m = SPAN.exec(rest)) {
    out.push(...texts(rest.slice(0, m.index), atoms))
    out.push({ kind: m[1] !== undefined ? 'strong' : 'emphasis', children: spans(m[1] ?? m[2] ?? '', atoms) })
    rest = rest.slice(m.index + m[0].length)
  }
  out.push(...texts(rest, atoms))
  return out
}

function texts(flat: string, atoms: Inline[]): Inline[] {
  const out: Inline[] = []
  let last = 0
  for (const m of flat.matchAll(SLOTS)) {
    if (m.index > last) out.push({ kind: 'text', text: flat.slice(last, m.index) })
    out.push(atoms[m[0].charCodeAt(0) - SLOT]!)
    last = m.index + 1
  }
  if (last < flat.length) out.push({ kind: 'text', text: flat.slice(last) })
  return out
}

/**
 * The longest beginning of `nodes` that `fits` (a platform's rendering within its limit): text
 * and link labels cut at a word where they can be, mentions and moments whole or not at all,
 * and bold or italic cut inside, so the marks still pair up. Escapes are single stand-ins, never cut in half.
 */
export function clipInline(nodes: Inline[], fits: (candidate: Inline[]) => boolean): Inline[] {
  const out: Inline[] = []
  for (const node of nodes) {
    if (fits([...out, node])) {
      out.push(node)
      continue
    }
    if (node.kind === 'text') {
      const text = longestPrefix(node.text, (prefix) => fits([...out, { kind: 'text', text: prefix }]))
      if (text) out.push({ kind: 'text', text })
    } else if (node.kind === 'strong' || node.kind === 'emphasis') {
      const children = clipInline(node.children, (kids) => fits([...out, { ...node, children: kids }]))
      if (children.length) out.push({ ...node, children })
    } else if (node.kind === 'link' && isWebUrl(node.target)) {
      // A link keeps its address whole and shortens its words; a mention or a time is whole or gone.
      const label = longestPrefix(node.label, (prefix) => fits([...out, { ...node, label: `${prefix}…` }]))
      if (label) out.push({ ...node, label: `${label.trimEnd()}…` })
    }
    break
  }
  return out
}

function longestPrefix(text: string, fits: (prefix: string) => boolean): string {
  const words = [...text.matchAll(/\s+/g)].map((m) => m.index).filter((i) => i > 0)
  const best = (cuts: number[]) => {
    let [low, high] = [0, cuts.length - 1]
    let found = -1
    while (low <= high) {
      const mid = (low + high) >> 1
      if (fits(text.slice(0, cuts[mid]))) [found, low] = [mid, mid + 1]
      else high = mid - 1
    }
    return found < 0 ? '' : text.slice(0, cuts[found])
  }
  // At a word if the cut keeps most of what fits, otherwise mid-word (a long URL, a long name).
  const atWord = best(words)
  const anywhere = best(Array.from({ length: text.length }, (_, i) => i + 1))
  return atWord.length > anywhere.length * 0.6 ? atWord : anywhere
}

/**
 * Text between a pair of marks, with its outer spaces moved outside them: both platforms
 * ignore a mark that touches a space on its inner side, and an empty pair shows as stars.
 */
export function wrap(inner: string, mark: string): string {
  const [, before = '', core = '', after = ''] = /^(\s*)([^]*?)(\s*)$/.exec(inner) ?? []
  return core ? `${before}${mark}${core}${mark}${after}` : inner
}

/** Plain text for places with no markup (Slack headers, a Teams dialog's closing message). */
export function toPlainText(text: string): string {
  const plain = (nodes: Inline[]): string =>
    nodes
      .map((n) => {
        if (n.kind === 'text' || n.kind === 'code') return n.text
        if (n.kind === 'link') return n.target.startsWith('mention:') ? mentionName(n.label) : n.label
        return plain(n.children)
      })
      .join('')
  return showEscapes(plain(parseInline(hideEscapes(text))), (c) => c)
}

/** The name a mention's label carries (`@Name`), or a neutral word when it names nobody. */
export function mentionName(label: string): string {
  return label.replace(/^@/, '').trim() || 'someone'
}
