// Reading a link that a specialist shares with a Work Group. Two jobs: refuse links other
// teachers could not open or should not be sent to (other schemes, passwords, addresses inside
// someone's network), and give each resource one canonical form, so that the same page shared
// again, copied from another browser, an email campaign or the YouTube app, finds its existing
// library entry instead of making a second one.
//
// The address checks look at the host as written. A name that resolves to a private address
// (DNS rebinding) can only be caught by whatever later fetches the page, at connection time.

export type ResourceUrlReading =
  | { ok: true; url: string; canonical: string; host: string }
  | { ok: false; problem: string }

/** Longer than any real page's address; past it the link is a tracking blob or a pasted paragraph. */
export const MAX_URL_LENGTH = 2000

const NOT_A_LINK = 'That doesn’t look like a web link: copy the whole address from your browser, starting https://.'
const TOO_LONG = 'That link is over 2,000 characters long: share a shorter address for the same page.'
const CREDENTIALS = 'That link has a username or password in it: share the address without them, so nobody’s login is passed round.'
const INTERNAL = 'That link points inside a private network, so other teachers couldn’t open it: share a public web address instead.'
const otherScheme = (scheme: string) => `I can only share web links, starting https:// or http://, not “${scheme}” links.`

export function readResourceUrl(raw: string): ResourceUrlReading {
  if (typeof raw !== 'string') return { ok: false, problem: NOT_A_LINK }
  const text = unwrap(raw)
  if (text === '' || /\s/.test(text)) return { ok: false, problem: NOT_A_LINK }
  if (text.length > MAX_URL_LENGTH) return { ok: false, problem: TOO_LONG }
  const candidate = withScheme(text)
  if (candidate === undefined) return { ok: false, problem: NOT_A_LINK }
  let parsed: URL
  try {
    parsed = new URL(candidate)
  } catch {
    return { ok: false, problem: NOT_A_LINK }
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, problem: otherScheme(parsed.protocol) }
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, problem: CREDENTIALS }
  // new URL has already turned 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1, so the
  // checks below see every way of writing an address as the one dotted form.
  const hostname = parsed.hostname.replace(/\.+$/, '')
  if (hostname === '') return { ok: false, problem: NOT_A_LINK }
  if (isPrivateHost(hostname)) return { ok: false, problem: INTERNAL }
  // Percent-encoding can make the address longer than what was typed.
  if (parsed.href.length > MAX_URL_LENGTH) return { ok: false, problem: TOO_LONG }
  const host = displayHost(hostname)
  return { ok: true, url: parsed.href, canonical: canonicalUrl(parsed, host), host }
}

/**
 * Slack sends a link as `<url>` or `<url|label>` and escapes `&`, `<` and `>` in message text
 * (api.slack.com "Formatting text for app surfaces"), so `?a=1&amp;b=2` is what arrives.
 */
function unwrap(raw: string): string {
  let text = raw.trim()
  const slack = /^<([^<>|]*)(?:\|[^<>]*)?>$/.exec(text)
  if (slack) text = slack[1]!.trim()
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

/**
 * Teachers often paste `www.ncetm.org.uk/…` or `ncetm.org.uk/…`. Without a scheme only
 * something shaped like a host (a dot, a port or an IPv6 literal) is taken as a link, so a stray
 * word is "not a link" rather than a link to a host called that word.
 */
function withScheme(text: string): string | undefined {
  if (text.startsWith('//')) return `https:${text}`
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(text)
  // "ncetm.org.uk:8080/x" is a host and a port, not a scheme called "ncetm.org.uk".
  if (scheme && !/^\d/.test(text.slice(scheme[0].length))) return text
  const host = /^[^/?#]+/.exec(text)?.[0] ?? ''
  if (host.includes('.') || /:\d+$/.test(host) || host.startsWith('[')) return `https://${text}`
  return undefined
}

/** Names that only mean something inside one network, by RFC or by near-universal habit. */
const PRIVATE_SUFFIXES = [
  'localhost', // RFC 6761
  'local', // multicast DNS, RFC 6762
  'internal', // reserved for private use by ICANN, 2024
  'home.arpa', // RFC 8375
  'lan',
  'home',
  'corp',
  'localdomain',
]

function isPrivateHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return isPrivateIpv6(hostname.slice(1, -1))
  const ipv4 = readIpv4(hostname)
  if (ipv4 !== undefined) return isPrivateIpv4(ipv4)
  // A single-label name ("intranet", "fileserver") can only be resolved inside a network.
  if (!hostname.includes('.')) return true
  return PRIVATE_SUFFIXES.some((suffix) => hostname === suffix || hostname.endsWith(`.${suffix}`))
}

function readIpv4(hostname: string): number | undefined {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname)
  if (!parts) return undefined
  return parts.slice(1).reduce((address, part) => address * 256 + Number(part), 0)
}

/** Ranges that are not on the public internet (IANA's special-purpose registry, RFC 6890). */
const PRIVATE_IPV4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, where cloud metadata services live
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
]

const PRIVATE_IPV4_RANGES = PRIVATE_IPV4.map(([base, bits]) => {
  const size = 2 ** (32 - bits)
  return { start: readIpv4(base)!, size }
})

function isPrivateIpv4(address: number): boolean {
  return PRIVATE_IPV4_RANGES.some(({ start, size }) => address >= start && address < start + size)
}

/** new URL writes IPv6 as hex groups with at most one "::" (never dotted), so that is all this reads. */
function readIpv6(text: string): number[] | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (half: string) => (half === '' ? [] : half.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)))
  const head = groups(halves[0]!)
  const tail = halves.length === 2 ? groups(halves[1]!) : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail]
  return all.some(Number.isNaN) ? undefined : all
}

function isPrivateIpv6(text: string): boolean {
  const g = readIpv6(text)
  // Anything new URL accepted but this cannot read is refused rather than guessed at.
  if (!g) return true
  const embedded = (high: number, low: number) => isPrivateIpv4(high * 65536 + low)
  const zeros = (count: number) => g.slice(0, count).every((group) => group === 0)
  if (zeros(5) && g[5] === 0xffff) return embedded(g[6]!, g[7]!) // IPv4-mapped, ::ffff:10.0.0.1
  if (zeros(6)) return true // ::, ::1 and the old IPv4-compatible form
  if (g[0] === 0x64 && g[1] === 0xff9b) return g[2] !== 0 || embedded(g[6]!, g[7]!) // NAT64, RFC 6052 and 8215
  if (g[0] === 0x2002) return embedded(g[1]!, g[2]!) // 6to4 carries an IPv4 address
  if (g[0] === 0x2001 && g[1] === 0xdb8) return true // documentation
  const first = g[0]!
  return (
    (first & 0xfe00) === 0xfc00 || // unique local, fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local, fe80::/10
    (first & 0xffc0) === 0xfec0 || // the old site-local
    (first & 0xff00) === 0xff00 // multicast
  )
}

/** "www." says nothing about which page it is; "www.com" keeps it because "com" is not a host. */
function displayHost(hostname: string): string {
  return hostname.startsWith('www.') && hostname.slice(4).includes('.') ? hostname.slice(4) : hostname
}

/** Added by mailing tools, ad platforms and share buttons: they say who shared, not what. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'ref', 'ref_src',
  '_hsenc', '_hsmi', 'mkt_tok', 'yclid', 'spm',
])
const YOUTUBE_HOSTS = new Set(['youtube.com', 'm.youtube.com', 'youtube-nocookie.com'])

function isTracking(name: string, host: string): boolean {
  return name.startsWith('utm_') || TRACKING_PARAMS.has(name) || (name === 'si' && (YOUTUBE_HOSTS.has(host) || host === 'youtu.be'))
}

function canonicalUrl(parsed: URL, host: string): string {
  const video = youtubeVideo(parsed, host)
  if (video !== undefined) return `https://youtube.com/watch?v=${video}`
  // Both web schemes count as one, so neither one's default port says anything.
  const port = parsed.port === '' || parsed.port === '80' || parsed.port === '443' ? '' : `:${parsed.port}`
  const path = normalisePercent(parsed.pathname).replace(/\/+$/, '')
  const query = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(paramName(pair).toLowerCase(), host))
    .map(normalisePercent)
    .map((pair) => ({ pair, name: pair.split('=')[0]! }))
    // Array sort is stable, so repeated names keep their order ("?tag=a&tag=b" is not "?tag=b&tag=a").
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ pair }) => pair)
    .join('&')
  return `https://${host}${port}${path}${query === '' ? '' : `?${query}`}${routeFragment(parsed.hash)}`
}

/**
 * A fragment is normally a place on the page and is dropped, but single-page apps that route
 * with "#/…" or "#!…" (hash-bang) put the page itself there: two of those are two resources.
 */
function routeFragment(hash: string): string {
  return /^#!|^#\//.test(hash) ? normalisePercent(hash) : ''
}

function paramName(pair: string): string {
  const name = pair.split('=')[0]!.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}

/**
 * new URL leaves "%7e" and "%7E" as they were typed; RFC 3986 (6.2.2) counts them as one,
 * and an escaped letter, digit or -._~ as the character itself.
 */
function normalisePercent(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16))
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`
  })
}

/** YouTube's ID is 11 characters; anything else is not a video link and is left alone. */
function youtubeVideo(parsed: URL, host: string): string | undefined {
  let id: string | null | undefined
  if (host === 'youtu.be') id = parsed.pathname.split('/')[1]
  else if (YOUTUBE_HOSTS.has(host)) {
    id = /^\/watch\/?$/.test(parsed.pathname)
      ? parsed.searchParams.get('v')
      : /^\/(?:embed|shorts|live|v)\/([^/]+)\/?$/.exec(parsed.pathname)?.[1]
  }
  return id && /^[A-Za-z0-9_-]{11}$/.test(id) ? id : undefined
}
