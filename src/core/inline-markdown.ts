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

/** Plain text for places with no markup (Slack headers, a Teams dialog's closing message). */
export function toPlainText(text: string): string {
  const plain = hideEscapes(text)
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
  return showEscapes(plain, (c) => c)
}
