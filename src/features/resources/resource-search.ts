// Searching the library the way teachers type. The query is read with the same vocabulary as
// sharing ("KS 3", "key stage three" and "ks3" are one tag; "Y7" and "year 7" one year group),
// each remaining word may match a title, a tag or the link's site ("nrich", "white rose" for
// whiterosemaths.com), with room for a typo ("fractons") when the word is in no entry as typed.
// Scored here rather than in SQL: a hub's library is hundreds of entries, the same code runs on
// PGlite and on any server (no pg_trgm to install, which managed servers may not allow), and the
// tag vocabulary and its typo rules are the ones sharing uses.
import { distance } from 'fastest-levenshtein'
import { FILLER, stem, words } from '../../core/words.js'
import type { Db } from '../../db/database.js'
import type { Scope } from '../../db/scope.js'
import { listResourcesByIds, listSearchEntries, type Resource, type SearchEntry } from './resource-store.js'
import { CONTROLLED_TAGS, namesOf, NOT_TYPOS, vocabularyNamed } from './resource-tags.js'

/** One thing the person asked for: a vocabulary tag (matched exactly) or a word. */
export type SearchTerm =
  | { kind: 'tag'; text: string; values: string[]; phrases: string[][] }
  | { kind: 'word'; text: string; stem: string }

export interface Ranked {
  entry: SearchEntry
  /** How many of the query's terms it matches. */
  matched: number
  score: number
}

/** Results per message: about a phone screen, three lines each. */
export const PAGE_SIZE = 5

/** Titles and tags say what a resource is; the site only where it is from. */
const WEIGHT = { tag: 3, title: 3, site: 1 } as const
const QUALITY = { exact: 1, prefix: 0.8, typo: 0.6 } as const
/** Shorter beginnings match too much ("rat" in "rate", "ratio", "rational"). */
const PREFIX_MIN = 4
/** Words that name no resource: the search's own vocabulary on top of the core's filler words. */
const SEARCH_FILLER = new Set(['resource', 'resources', 'link', 'links', 'search', 'library'])
/** Parts of a host that say nothing about the site. */
const GENERIC_HOST_LABELS = new Set(['www', 'm', 'com', 'org', 'net', 'uk', 'co', 'ac', 'gov', 'sch', 'edu', 'io', 'info', 'be'])
/** Sites whose short links hide their name. */
const SITE_ALIASES: Record<string, string[]> = { 'youtu.be': ['youtube'] }

const LONGEST_NAME = Math.max(...CONTROLLED_TAGS.flatMap((t) => [t.value, ...t.synonyms]).map((name) => words(name.replace(/-/g, ' ')).length))

/**
 * The query's terms, in order: runs of words naming a vocabulary tag (longest first, as
 * sharing reads them), and each other word that means something. A query of filler alone
 * ("maths") is searched as typed, so that it still gets an answer about what was asked.
 */
export function readSearch(text: string): SearchTerm[] {
  const typed = words(text)
  const terms: SearchTerm[] = []
  let i = 0
  while (i < typed.length) {
    let taken = 0
    for (let n = Math.min(LONGEST_NAME, typed.length - i); n > 0 && taken === 0; n--) {
      const run = typed.slice(i, i + n).join(' ')
      const tags = vocabularyNamed(run)
      if (tags) {
        terms.push(tagTerm(run, tags.map((t) => t.value)))
        taken = n
      }
    }
    if (taken === 0) {
      const word = typed[i]!
      if (!isFiller(word)) terms.push(wordTerm(word))
      taken = 1
    }
    i += taken
  }
  return terms.length > 0 ? terms : typed.map(wordTerm)
}

const isFiller = (word: string) => FILLER.has(word) || SEARCH_FILLER.has(word)
const wordTerm = (word: string): SearchTerm => ({ kind: 'word', text: word, stem: stem(word) })

function tagTerm(text: string, values: string[]): SearchTerm {
  const phrases = values.flatMap((value) => namesOf(value).map((name) => words(name.replace(/-/g, ' ')).map(stem)))
  const unique = [...new Map(phrases.filter((p) => p.length > 0).map((p) => [p.join(' '), p])).values()]
  return { kind: 'tag', text, values, phrases: unique }
}

/** One entry's words by field, in the forms terms are compared with, and what they were read from. */
interface Indexed {
  title: string
  tags: string[]
  host: string
  tagWords: string[]
  titleWords: string[]
  /** Neighbouring title words written together ("white rose" as "whiterose"). */
  titleJoined: string[]
  site: string[]
}

/**
 * Reading an entry's words (normalising, stemming) is most of a search's work and changes only
 * when its title or tags do, so each reading is kept, by entry: about 1.2 KB each, so at most
 * 25 MB, for far more entries than all of an instance's hubs hold.
 */
const INDEX_CACHE_MAX = 20_000
const indexCache = new Map<string, Indexed>()

function indexed(entry: SearchEntry): Indexed {
  const cached = indexCache.get(entry.id)
  if (cached && cached.title === entry.title && cached.host === entry.host && cached.tags.length === entry.tags.length && cached.tags.every((t, i) => t === entry.tags[i])) return cached
  if (indexCache.size >= INDEX_CACHE_MAX) indexCache.clear()
  const fresh = index(entry)
  indexCache.set(entry.id, fresh)
  return fresh
}

function index(entry: SearchEntry): Indexed {
  const title = words(entry.title)
  const labels = entry.host.toLowerCase().split('.').filter((label) => label !== '' && !GENERIC_HOST_LABELS.has(label))
  return {
    title: entry.title,
    tags: [...entry.tags],
    host: entry.host,
    tagWords: entry.tags.flatMap((tag) => words(tag.replace(/-/g, ' ')).map(stem)),
    titleWords: title.map(stem),
    titleJoined: title.slice(1).map((word, i) => `${title[i]}${word}`),
    site: [...labels.flatMap((label) => label.split('-')), ...(SITE_ALIASES[entry.host] ?? [])],
  }
}

/**
 * Within a typo of a word, as sharing allows one: one edit where either word is five letters or
 * fewer, two where both are longer; the first letter the same, and no digits.
 */
export function isTypo(word: string, known: string): boolean {
  if (word.length < 4 || known.length < 4 || word[0] !== known[0] || /\d/.test(word) || /\d/.test(known)) return false
  const allowed = Math.min(word.length, known.length) <= 5 ? 1 : 2
  return Math.abs(word.length - known.length) <= allowed && distance(word, known) <= allowed
}

/** How well a word term matches each word of the library, by word: exact, a beginning, or a typo. */
function wordMatches(term: Extract<SearchTerm, { kind: 'word' }>, vocabulary: Set<string>): Map<string, number> {
  const matches = new Map<string, number>()
  let exact = false
  for (const known of vocabulary) {
    if (known === term.stem || known === term.text) {
      matches.set(known, QUALITY.exact)
      exact = true
    } else if (term.text.length >= PREFIX_MIN && known.startsWith(term.text)) {
      // A beginning of the word as typed, not of its stem: stems can be short ("generalisation" is "gener").
      matches.set(known, QUALITY.prefix)
    }
  }
  // A word the library has as typed is what was meant: "function" is not a typo of "fraction".
  if (!exact && !NOT_TYPOS.has(term.text)) {
    for (const known of vocabulary) if (!matches.has(known) && isTypo(term.stem, known)) matches.set(known, QUALITY.typo)
  }
  return matches
}

function best(found: readonly string[], matches: Map<string, number>): number {
  let top = 0
  for (const word of found) top = Math.max(top, matches.get(word) ?? 0)
  return top
}

function hasPhrase(sequence: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 1) return sequence.includes(phrase[0]!)
  for (let i = 0; i + phrase.length <= sequence.length; i++) if (phrase.every((word, j) => sequence[i + j] === word)) return true
  return false
}

/**
 * Every entry matching at least one term, best first: those matching all the terms, then more
 * of them; among equals the higher score (a term scores in each field it is found in: title and
 * tags above the site, exact above a beginning above a typo), then the newer.
 */
export function rankEntries(entries: SearchEntry[], terms: SearchTerm[]): Ranked[] {
  if (terms.length === 0) return []
  const library = entries.map(indexed)
  const vocabulary = new Set<string>()
  for (const e of library) for (const field of [e.tagWords, e.titleWords, e.site]) for (const word of field) vocabulary.add(word)
  const matchesFor = terms.map((term) => (term.kind === 'word' ? wordMatches(term, vocabulary) : undefined))
  const runs = joinedRuns(terms)
  const scores = new Array<number>(terms.length)
  const ranked: Ranked[] = []
  library.forEach((e, i) => {
    terms.forEach((term, t) => {
      if (term.kind === 'tag') {
        const tagged = term.values.some((v) => e.tags.includes(v)) || term.phrases.some((p) => hasPhrase(e.tagWords, p))
        const titled = term.phrases.some((p) => hasPhrase(e.titleWords, p))
        scores[t] = (tagged ? WEIGHT.tag : 0) + (titled ? WEIGHT.title : 0)
        return
      }
      const matches = matchesFor[t]!
      const titled = e.titleJoined.includes(term.text) ? QUALITY.exact : best(e.titleWords, matches)
      scores[t] = WEIGHT.tag * best(e.tagWords, matches) + WEIGHT.title * titled + WEIGHT.site * best(e.site, matches)
    })
    for (const run of runs) {
      if (!e.site.some((label) => label.startsWith(run.joined))) continue
      for (let t = run.start; t < run.end; t++) scores[t] = Math.max(scores[t]!, WEIGHT.site)
    }
    let matched = 0
    let score = 0
    for (const s of scores) {
      if (s! > 0) matched += 1
      score += s!
    }
    if (matched > 0) ranked.push({ entry: entries[i]!, matched, score })
  })
  return ranked.sort(
    (a, b) => b.matched - a.matched || b.score - a.score || b.entry.createdAt.getTime() - a.entry.createdAt.getTime() || (a.entry.id < b.entry.id ? -1 : 1),
  )
}

/** "white rose" names whiterosemaths.com: runs of two or three neighbouring words, written together, that may begin a site's name. */
function joinedRuns(terms: SearchTerm[]): { start: number; end: number; joined: string }[] {
  const runs: { start: number; end: number; joined: string }[] = []
  for (let start = 0; start < terms.length; start++) {
    for (let end = start + 2; end <= Math.min(terms.length, start + 3); end++) {
      const run = terms.slice(start, end)
      if (run.every((term) => term.kind === 'word')) runs.push({ start, end, joined: run.map((term) => term.text).join('') })
    }
  }
  return runs
}

/** The library's most used tags, most used first: what to suggest when nothing matches. */
export function commonTags(entries: SearchEntry[], count: number): string[] {
  const uses = new Map<string, number>()
  for (const entry of entries) for (const tag of entry.tags) uses.set(tag, (uses.get(tag) ?? 0) + 1)
  return [...uses].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, count).map(([tag]) => tag)
}

export interface SearchPage {
  resources: Resource[]
  /** How many entries match at least one term. */
  total: number
  /** Where this page starts in the ranking (0 for the first). */
  from: number
  /** How many match every term (they come first). */
  complete: number
  /** When nothing matches: tags the library does have. */
  suggestions: string[]
  /** Entries in the library, matching or not. */
  librarySize: number
}

/** One page of the ranking for what was typed, in one workspace's library. */
export async function searchLibrary(db: Db, scope: Scope, text: string, from = 0, size = PAGE_SIZE): Promise<SearchPage> {
  const entries = await listSearchEntries(db, scope)
  const terms = readSearch(text)
  const ranked = rankEntries(entries, terms)
  const start = Math.max(0, Math.min(from, ranked.length))
  const resources = await listResourcesByIds(db, scope, ranked.slice(start, start + size).map((r) => r.entry.id))
  return {
    resources,
    total: ranked.length,
    from: start,
    complete: ranked.filter((r) => r.matched === terms.length).length,
    suggestions: ranked.length === 0 ? commonTags(entries, 3) : [],
    librarySize: entries.length,
  }
}
