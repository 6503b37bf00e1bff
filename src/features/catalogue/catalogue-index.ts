// What the question matcher needs to know about a catalogue, worked out once per catalogue
// loaded: each project's keyword phrases as stems with a weight for how distinctive they are,
// which projects are entry points and which follow which, and a typo corrector that knows
// the catalogue's own words.
import type { Catalogue, Project } from '../../domain/projects.js'
import { readPhases, readYears } from './phase-words.js'
import * as lexicon from './question-lexicon.js'
import { createCorrector, FILLER, findPhrase, normalise, stem, words } from '../../core/words.js'

export interface IndexedPhrase {
  text: string
  /** Its words, normalised, beside their stems. */
  words: string[]
  stems: string[]
  weight: number
  /** Only year groups or key stages ("year 7", "ks3 and ks4"), or only a format ("network"): a hint, not a topic. */
  phaseLike: boolean
  /** Names the project's strand ("SKTM", "teaching for mastery"): asking by it lists the strand. */
  names: boolean
}

export interface IndexedProject {
  project: Project
  /** Whole keyword phrases; matching one is a strong sign. */
  phrases: IndexedPhrase[]
  /** Single words from inside longer phrases, stem → weight; a weak sign. */
  looseWords: Map<string, number>
  /** Where schools or teachers start (no project before it). */
  isEntry: boolean
  /** Phrases naming this step of a progression and no other step ("development", "embedding"). */
  stepPhrases: IndexedPhrase[]
  /** The first project of its progression, when it is part of one. */
  chain?: string
  /** The year groups its title (or else its keywords) names: "Years 5 to 8". */
  years?: number[]
  /** Run centrally or nationally, as its own text says ("a centrally-led programme"). */
  central: boolean
}

/** A partner the catalogue names ("Advanced Mathematics Support Programme (AMSP)"). */
export interface IndexedPartner {
  name: string
  /** Its full name and its short name, as stems. */
  names: string[][]
}

export interface CatalogueIndex {
  catalogue: Catalogue
  projects: IndexedProject[]
  byId: Map<string, IndexedProject>
  /** Corrects a normalised word towards the catalogue's and the lexicon's vocabulary. */
  correct: (word: string) => string
  /** Stems of other years' project names that are not titles this year. */
  otherYearNames: { text: string; stems: string[] }[]
  partners: IndexedPartner[]
  /** Stems that say nothing about a topic: phases, people, progression cues ("new", "start"). */
  cueStems: ReadonlySet<string>
  /** Keywords of two or three words written as one ("alevel"), and their words. */
  compounds: Map<string, string[]>
  /** Every stem the catalogue's own fields use for what projects are about (keywords, titles, strands, partners). */
  topicStems: Set<string>
}

/**
 * Words that say nothing about a topic on their own: phases (the phase reader handles them),
 * people in general, and the progression cues ("start", "new", "year"), which the matcher reads
 * separately. As loose words they would tie unrelated projects together.
 */
const NOT_LOOSE = new Set(
  [
    ...'primary primaries secondary early years year reception nursery post sixth form ks1 ks2 ks3 ks4 ks5 school schools'.split(' '),
    ...'teacher teachers teach teaching lead leads leader leaders staff work group maths math level'.split(' '),
    ...[lexicon.NEW_CUES, lexicon.CONTINUING_CUES, lexicon.REJOIN_CUES, lexicon.COMPLETED_CUES, lexicon.NEW_THIS_YEAR_CUES]
      .flat()
      .flatMap((cue) => words(cue)),
  ].map(stem),
)

const FORMAT_STEMS = new Set(Object.values(lexicon.FORMAT_WORDS).flat().flatMap((f) => words(f)).map(stem))

const indexes = new WeakMap<Catalogue, CatalogueIndex>()

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  let index = indexes.get(catalogue)
  if (!index) indexes.set(catalogue, (index = buildIndex(catalogue)))
  return index
}

function buildIndex(catalogue: Catalogue): CatalogueIndex {
  const keywordsOf = (p: Project) => (p.keywords.length > 0 ? p.keywords : [p.title, ...(p.strand ? [p.strand] : [])])
  const phraseStems = new Map(catalogue.projects.map((p) => [p.id, keywordsOf(p).map((k) => ({ text: k, stems: words(k).map(stem) }))]))

  // How many projects use each phrase and each word: rarer ones say more.
  const phraseDf = new Map<string, number>()
  const wordDf = new Map<string, number>()
  for (const list of phraseStems.values()) {
    const seenWords = new Set<string>()
    for (const { stems } of list) {
      phraseDf.set(stems.join(' '), (phraseDf.get(stems.join(' ')) ?? 0) + 1)
      for (const s of stems) seenWords.add(s)
    }
    for (const s of seenWords) wordDf.set(s, (wordDf.get(s) ?? 0) + 1)
  }

  const followedBy = new Map<string, string[]>()
  for (const p of catalogue.projects) if (p.follows) followedBy.set(p.follows, [...(followedBy.get(p.follows) ?? []), p.id])
  const byIdRaw = new Map(catalogue.projects.map((p) => [p.id, p]))
  const chainOf = (p: Project): string | undefined => {
    if (!p.follows && !followedBy.has(p.id)) return undefined
    let root = p
    for (let guard = 0; root.follows && byIdRaw.has(root.follows) && guard < 20; guard++) root = byIdRaw.get(root.follows)!
    return root.id
  }

  const projects = catalogue.projects.map((project): IndexedProject => {
    const list = phraseStems.get(project.id)!
    // "A level" and "A levels" are one phrase once stemmed: count it once.
    const distinct = [...new Map(list.filter((k) => k.stems.length > 0).map((k) => [k.stems.join(' '), k])).values()]
    const phrases = distinct
      .map((k) => {
        const df = phraseDf.get(k.stems.join(' ')) ?? 1
        // Year groups, key stages and phase names ("year 7", "ks3 and ks4", "FE") say the phase,
        // which is matched separately; a phase word in the title ("A Level") is what it is about.
        // A format as a keyword ("network") is the format, read as such, not a topic: an ITT
        // provider asking for networks is not asking about the LLMEs' one.
        const phaseLike =
          k.stems.every((s) => FILLER.has(s) || /^(year\d+|ks\d|gcse)$/.test(s)) ||
          (saysOnlyPhase(k.text) && !inTitle(project, k.stems)) ||
          k.stems.every((s) => FORMAT_STEMS.has(s))
        return {
          text: k.text,
          words: words(k.text),
          stems: k.stems,
          phaseLike,
          names: namesStrand(project, k.text),
          weight: phaseLike ? 1 : (k.stems.length > 1 ? 4 : 3) / Math.sqrt(df),
        }
      })
    const looseWords = new Map<string, number>()
    for (const k of list) {
      if (k.stems.length < 2) continue
      for (const s of k.stems) {
        // Year groups and key stages inside a phrase ("years 7 to 11") are phase, not topic.
        if (FILLER.has(s) || NOT_LOOSE.has(s) || s.length < 3 || /\d/.test(s)) continue
        looseWords.set(s, 1 / (wordDf.get(s) ?? 1))
      }
    }
    const chain = chainOf(project)
    return {
      project,
      phrases,
      looseWords,
      isEntry: !project.follows && (followedBy.has(project.id) || /\b(first time|new to)\b/i.test(`${project.title} ${project.entryPoint}`)),
      stepPhrases: [],
      ...(chain ? { chain } : {}),
      ...yearsOf(project),
      central: /\b(centrally[- ]led|centrally run|national)\b/i.test(`${project.title} ${project.summary}`),
    }
  })

  // A step's own phrases: those no other project of its progression uses.
  for (const p of projects) {
    if (!p.chain) continue
    const others = projects.filter((o) => o !== p && o.chain === p.chain)
    const shared = new Set(others.flatMap((o) => o.phrases.map((ph) => ph.stems.join(' '))))
    p.stepPhrases = p.phrases.filter((ph) => !shared.has(ph.stems.join(' ')))
  }

  const vocabulary = new Set<string>()
  const addWords = (text: string) => {
    for (const w of normalise(text).split(' ')) if (w.length >= 4 && !FILLER.has(w)) vocabulary.add(w)
  }
  for (const p of catalogue.projects) [p.title, p.strand ?? '', p.partner ?? '', ...p.keywords].forEach(addWords)
  for (const list of [
    ...Object.values(lexicon.ROLE_PHRASES),
    lexicon.OFF_TOPIC,
    lexicon.CROSS_PHASE_CUES,
    lexicon.TEACHER_WORDS,
    lexicon.NEW_CUES,
    lexicon.CONTINUING_CUES,
    lexicon.REJOIN_CUES,
    lexicon.TRAINEE_CUES,
    lexicon.TRUST_WORDS,
    lexicon.COMPLETED_CUES,
    lexicon.NEW_THIS_YEAR_CUES,
    lexicon.MATHS_WORDS,
    lexicon.OTHER_SUBJECTS,
    lexicon.PARENT_CUES,
    lexicon.OUTSIDE_ENGLAND,
    lexicon.OTHER_YEAR_PROJECTS,
  ])
    list.forEach(addWords)

  const titles = catalogue.projects.map((p) => normalise(p.title))
  const partners = [...new Set(catalogue.projects.flatMap((p) => (p.partner ? [p.partner] : [])))].map((name) => ({
    name,
    names: [name, name.replace(/\s*\(.*\)\s*/g, ' '), ...[...name.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!)]
      .map((n) => words(n).map(stem))
      .filter((n) => n.length > 0),
  }))
  const topicStems = new Set(
    catalogue.projects
      .flatMap((p) => [p.title, p.strand ?? '', p.partner ?? '', ...p.keywords])
      .flatMap((t) => words(t))
      .filter((w) => !FILLER.has(w) && w.length >= 2)
      .map(stem),
  )
  return {
    catalogue,
    projects,
    byId: new Map(projects.map((p) => [p.project.id, p])),
    correct: createCorrector(vocabulary, FILLER),
    otherYearNames: lexicon.OTHER_YEAR_PROJECTS.filter((name) => !titles.some((t) => t.includes(name))).map((text) => ({
      text,
      stems: words(text).map(stem),
    })),
    partners,
    topicStems,
    cueStems: NOT_LOOSE,
    compounds: new Map(
      catalogue.projects
        .flatMap((p) => p.keywords.map((k) => words(k)))
        .filter((w) => w.length >= 2 && w.length <= 3 && w.join('').length >= 5)
        .map((w) => [w.join(''), w] as const),
    ),
  }
}

/** A keyword that only names a phase ("further education", "FE"). */
function saysOnlyPhase(keyword: string): boolean {
  const reading = readPhases(keyword)
  return reading.phases.length > 0 && reading.unknownWords.length === 0
}

/** A keyword that is the strand's name or its short form: "teaching for mastery", "tfm", "SKTM". */
function namesStrand(project: Project, keyword: string): boolean {
  if (!project.strand) return false
  const strand = normalise(project.strand)
  const key = normalise(keyword)
  const initials = words(project.strand.replace(/\(.*?\)/g, ''))
    .map((w) => w[0])
    .join('')
  const short = [...project.strand.matchAll(/\(([^)]+)\)/g)].map((m) => normalise(m[1]!))
  return (key.includes(' ') && ` ${strand} `.includes(` ${key} `)) || short.includes(key) || key === initials
}

function inTitle(project: Project, keyword: string[]): boolean {
  return findPhrase(words(project.title).map(stem), keyword) >= 0
}

/** The year groups a project names: its title's first ("Years 7–11 Coherence"), else its keywords'. */
function yearsOf(project: Project): { years?: number[] } {
  const fromTitle = readYears(project.title).years
  if (fromTitle.length > 0) return { years: fromTitle }
  const fromKeywords = readYears(project.keywords.join('; ')).years
  return fromKeywords.length > 0 ? { years: fromKeywords } : {}
}
