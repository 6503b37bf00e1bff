// Which projects suit the asker, decided by rules over the catalogue's own fields: topic words
// (the catalogue's keywords), phase, audience, and where a project sits in a progression. It
// never invents a project: every answer is a catalogue entry with the reasons it was chosen,
// and the projects left out are named with the reason they do not fit.
import { distance } from 'fastest-levenshtein'
import { type CatalogueIndex, type IndexedPhrase, type IndexedProject, indexCatalogue } from './catalogue-index.js'
import { AUDIENCE_LABELS, type Catalogue, type Format, FORMAT_LABELS, PHASE_LABELS, type Phase, type Project } from '../../domain/projects.js'
import { TEACHING_ROLES } from './question-lexicon.js'
import { readPhases } from './phase-words.js'
import { clauseReadings, type OutOfScope, type Question, readClause, readQuestion } from './read-question.js'
import { findPhrase, stem, stems as stemsOf, words } from '../../core/words.js'

export interface Match {
  project: Project
  score: number
  /** Why it fits, in the catalogue's terms ("for teaching assistants", "follows Development"). */
  reasons: string[]
}

export interface LeftOut {
  project: Project
  reason: string
}

/** One need of a message with several ("support for me as HoD, and our PE teacher…"), answered on its own. */
export interface NeedAnswer {
  /** The asker's words for this need. */
  asked: string
  matches: Match[]
  /** Why nothing fits this need, when nothing does. */
  unmet?: string
}

export type MatchResult =
  | {
      kind: 'matches'
      /** question: chosen for what was asked; phase: only a phase was given, so its whole list. */
      basis: 'question' | 'phase'
      /** Every project offered, across all needs. */
      matches: Match[]
      leftOut: LeftOut[]
      question: Question
      /** When the message asks for several things: the answer to each, in the asker's order. */
      needs?: NeedAnswer[]
    }
  | { kind: 'nothing'; reason: NothingReason; leftOut: LeftOut[]; question: Question }

export type NothingReason = OutOfScope | { kind: 'no-match' } | { kind: 'not-covered'; what: string }

const MAX_MATCHES = 6
const MAX_LEFT_OUT = 3
/** Answers keep projects scoring at least this share of the best one. */
const KEEP_SHARE = 0.6

/**
 * How much of a question is read. A school describing several needs writes a paragraph; past
 * this it is not a question any more (a pasted document, a flood), and reading clauses and needs
 * grows faster than the text: 1,000 repeats of a short question took 2.9 s.
 */
export const QUESTION_READ_CHARS = 1_000

export function answerQuestion(text: string, catalogue: Catalogue): MatchResult {
  const index = indexCatalogue(catalogue)
  const question = readQuestion(text.length > QUESTION_READ_CHARS ? text.slice(0, QUESTION_READ_CHARS) : text, index)
  // The asker's words are quoted back as they sent them (cut to a line), not as read.
  question.text = text
  return matchProjects(question, index)
}

interface Scored {
  entry: IndexedProject
  score: number
  /** Some part of the question points at this project (a topic word, the asker's role, a next step). */
  signal: boolean
  /** The catalogue's topic words for it are in the question (not only its phase). */
  topical: boolean
  /** A whole keyword phrase of it is in the question, not only a word from inside one. */
  strong: boolean
  /** It is the asker's next step in a progression. */
  next: boolean
  /** It is for the asker's role. */
  forRole: boolean
  /** Its topic is asked for apart from the words naming the asker's role. */
  ownTopic: boolean
  /** The keyword phrases of it that made it topical, apart from the role's words. */
  topics: IndexedPhrase[]
  reasons: string[]
  excluded?: string
  /** Excluded for a reason the asker already knows (the phase they named): not worth listing. */
  quiet?: boolean
}

export function matchProjects(question: Question, index: CatalogueIndex): MatchResult {
  if (question.outOfScope) return { kind: 'nothing', reason: question.outOfScope, leftOut: [], question }
  const needs = separateNeeds(question, index)
  // One clause introduced the asker and the other asked for someone else: that is the answer.
  if (needs.length === 1) {
    const { evidence: _evidence, topical: _topical, ownTopical: _ownTopical, ...result } = needs[0]!.result as NeedResult
    return { ...(result as MatchResult), question }
  }
  if (needs.length < 2) {
    const { evidence: _evidence, topical: _topical, ownTopical: _ownTopical, ...result } = answerNeed(question, index)
    return result as MatchResult
  }

  // Several needs, several answers: each in its own group, one message.
  const matches = new Map<string, Match>()
  const leftOut = new Map<string, LeftOut>()
  for (const { result } of needs) {
    if (result.kind === 'matches') for (const m of result.matches) if (!matches.has(m.project.id)) matches.set(m.project.id, m)
    for (const l of result.leftOut) if (!leftOut.has(l.project.id)) leftOut.set(l.project.id, l)
  }
  for (const id of matches.keys()) leftOut.delete(id)
  // A need nothing fits says why under its own heading; not again below.
  for (const { result } of needs) if (result.kind === 'nothing') for (const l of result.leftOut) leftOut.delete(l.project.id)
  const answers = needs.map(({ clause, result }): NeedAnswer =>
    result.kind === 'matches'
      ? { asked: clause, matches: result.matches }
      : { asked: clause, matches: [], unmet: unmetReason(result) },
  )
  // separateNeeds keeps needs only when at least one of them has projects.
  return { kind: 'matches', basis: 'question', matches: [...matches.values()], leftOut: [...leftOut.values()].slice(0, MAX_LEFT_OUT), question, needs: answers }
}

/**
 * The clauses that ask for something of their own, answered one by one, when they ask for
 * different things; one need (or none) leaves the message to be answered whole.
 */
function separateNeeds(question: Question, index: CatalogueIndex): { clause: string; result: MatchResult }[] {
  if (question.clauses.length < 2) return []
  const answered: {
    clause: string
    result: MatchResult
    ids: string[]
    topical: boolean
    ownTopical: boolean
    roles: string[]
    forSelf: boolean
    /** Answered from where another clause said the school is in a progression. */
    inherited: boolean
  }[] = []
  const readings = clauseReadings(question.clauses, index)
  const parts = question.clauses.map((clause, i) => ({ clause, part: readClause(clause, question, index, readings[i]) }))
  // Where the school is in a progression is said once for the whole message, each step in the
  // phase of the clause that names it ("Primary, we've finished embedding…").
  const owns = parts.map(({ part }) => progressOf(part, index))
  const whole = progressOf(question, index)
  const doneInClauses = new Set(owns.flatMap((o) => [...o.done]))
  const progress = doneInClauses.size > 0 ? { ...whole, done: new Set([...whole.done].filter((id) => doneInClauses.has(id))) } : whole
  const told = progress.done.size > 0 || progress.named.size > 0
  for (const [i, { clause, part }] of parts.entries()) {
    const own = owns[i]!
    const inherited = told && own.done.size === 0 && own.named.size === 0
    const result = answerNeed(part, index, told ? progress : own, inherited)
    if (!result.evidence) continue
    const ids = result.kind === 'matches' ? result.matches.map((m) => m.project.id).sort() : []
    answered.push({ clause: question.askedClauses?.[i] ?? clause, result, ids, topical: result.topical, ownTopical: result.ownTopical, roles: part.roles, forSelf: !onlyNamesAsker(part) || question.asksForSelf, inherited })
  }
  // "Reception teacher here. Is there a continuity project…": the first clause only says who
  // asks, and the second asks as that person.
  // "Secondary maths lead - looking for something on transition": a clause that only names the
  // asker (their role, their phase), asking nothing for them, introduces the need another clause states.
  // So does one before a clause asking for other people ("Head of maths here - anything for my ECTs?").
  const asksForOthers = (b: (typeof answered)[number], a: (typeof answered)[number]) => b.roles.length > 0 && b.roles.every((r) => !a.roles.includes(r))
  const introduces = (a: (typeof answered)[number]) =>
    !a.ownTopical && !a.forSelf && a.roles.length > 0 && answered.some((b) => b !== a && (b.ownTopical || asksForOthers(b, a)) && b.result.kind === 'matches')
  const needs = answered.filter(
    (a) => (a.topical && !introduces(a)) || !(introduces(a) || answered.some((b) => b.topical && a.roles.length > 0 && a.roles.every((r) => b.roles.includes(r)))),
  )
  // A need whose answer another need's answer already holds adds nothing. Of two with the same
  // answer, the one that says where the school is ("we've finished embedding") heads it, not
  // one answered from it ("Primary").
  const before = (b: (typeof needs)[number], j: number, a: (typeof needs)[number], i: number) =>
    a.inherited === b.inherited ? j < i : a.inherited
  const distinct = needs.filter(
    (a, i) =>
      !needs.some(
        (b, j) =>
          j !== i &&
          (a.ids.length === 0 ? b.ids.length === 0 && j < i : a.ids.every((id) => b.ids.includes(id)) && (b.ids.length > a.ids.length || (b.ids.length === a.ids.length && before(b, j, a, i)))),
      ),
  )
  // "Head of maths here - anything for my ECTs?": the asker introduced, the need is their ECTs'.
  const introduced = answered.some((a) => introduces(a))
  if (distinct.length === 1 && introduced && distinct[0]!.ids.length > 0 && distinct[0]!.result.kind === 'matches' && !distinct[0]!.inherited)
    return distinct
  if (distinct.length < 2 || distinct.every((d) => d.ids.length === 0)) return []
  return distinct
}

/** Words of a self-introduction besides the role and phase: "I'm a secondary maths lead here". */
const INTRODUCING = new Set('i im am a an the at here in of for from maths math mathematics school college academy teacher ive been'.split(' '))

/** The clause says who the asker is and nothing more: "Secondary HoD", "MAT maths lead for 4 secondaries". */
function onlyNamesAsker(part: Question): boolean {
  return part.words.every(
    (w, i) => part.roleWords.has(i) || INTRODUCING.has(w) || /\d/.test(w) || readPhases(w).phases.length > 0,
  )
}

/** What the asker hears for a need nothing fits. */
function unmetReason(result: Extract<MatchResult, { kind: 'nothing' }>): string {
  if (result.reason.kind === 'not-covered') return `the catalogue has no project on ${result.reason.what}`
  if (result.leftOut.length > 0) return result.leftOut.map((l) => l.reason).join('; ')
  return 'nothing in the catalogue matches this'
}

/** A need's answer, with whether the need said anything at all and whether it named a topic. */
type NeedResult = MatchResult & { evidence: boolean; topical: boolean; ownTopical: boolean }

/** One need's answer: the projects its words point at, within its phase, audience and years. */
function answerNeed(question: Question, index: CatalogueIndex, progress = progressOf(question, index), progressInherited = false): NeedResult {
  const { done, named } = progress
  const listing = listingOf(question, index)
  const scored = index.projects.map((entry) => scoreProject(entry, question, index, done, named, listing))
  const topical = listing.asks || question.unknownTopics.length > 0 || scored.some((s) => s.strong || s.next)
  const evidence = topical || scored.some((s) => s.forRole && !question.rolesInherited)
  // Topical in words apart from the asker's role ("HoD" is Subject Leadership's keyword too).
  const ownTopical = listing.asks || question.unknownTopics.length > 0 || scored.some((s) => (s.strong && s.ownTopic) || s.next)

  const offered = scored.filter((s) => !s.excluded && s.signal && s.score > 0).sort((a, b) => b.score - a.score)
  // A clause stating a need of its own ("our Y6 team want to work with the local secondary") is
  // not answered with the next step of a progression another clause told of, unless it asks for that too.
  const statesOwn = progressInherited && offered.some((s) => s.strong && s.ownTopic && !s.next)
  const candidates = statesOwn ? offered.filter((s) => !s.next || s.strong) : offered
  // When nothing fits, the nearest projects are worth naming even for a reason the asker knows
  // ("… is for secondary"): they are why nothing fits.
  const worthNaming = (s: Scored) => s.excluded && s.signal && (!s.quiet || (s.strong && !candidates.some((c) => c.strong)))
  // Asked what is new for a phase that has nothing new: its projects are the nearest, not new.
  const notNew = (s: Scored) => question.wantsNew && candidates.length === 0 && s.excluded === 'is not new this year' && question.phases.length > 0 && s.entry.project.phases.some((ph) => question.phases.includes(ph))
  const leftOut = scored
    .filter((s) => worthNaming(s) || notNew(s))
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_LEFT_OUT)
    .map((s) => ({ project: s.entry.project, reason: `${s.entry.project.title} ${s.excluded}` }))
  const nothing = (reason: NothingReason): NeedResult => ({ kind: 'nothing', reason, leftOut, question, evidence, topical, ownTopical })

  // What the asker wants is about something the catalogue has nowhere, or only where it does
  // not fit them (another phase, audience or year group): nothing fits, whatever else matched.
  if (!listing.asks && !candidates.some((s) => s.strong || s.next)) {
    if (question.unknownTopics.length > 0) return nothing({ kind: 'not-covered', what: `“${readable(question.unknownTopics[0]!)}”` })
    // Unless the asker's own version of that strand fits ("TA … misconceptions": the TAs' SKTM).
    const ownStrands = new Set(candidates.filter((s) => s.forRole && s.entry.project.strand).map((s) => s.entry.project.strand))
    if (scored.some((s) => s.strong && s.excluded && !(s.entry.project.strand && ownStrands.has(s.entry.project.strand)))) return nothing({ kind: 'no-match' })
    // The asker's role has its project only elsewhere (another phase): a loose word is no substitute.
    if (scored.some((s) => s.forRole && s.excluded) && !candidates.some((s) => s.forRole)) return nothing({ kind: 'no-match' })
  }
  if (candidates.length > 0) {
    const best = candidates[0]!.score
    // A topic asked for beside the asker's role ("HoD wanting help with GCSE reasoning") is a need too.
    const forRole = candidates.filter((s) => s.forRole)
    // Already part of what the role's project is about, in its keywords or its own description.
    const covered = (phrase: IndexedPhrase) =>
      forRole.some(
        (r) => r.entry.phrases.some((p) => p.stems.join(' ') === phrase.stems.join(' ')) || findPhrase(stemsOf(`${r.entry.project.title} ${r.entry.project.summary}`), phrase.stems) >= 0,
      )
    const topics = candidates.filter((s) => !s.forRole && s.topics.some((p) => !covered(p)))
    const bestTopic = Math.max(0, ...topics.map((s) => s.score))
    const alsoAsked = (s: Scored) => forRole.length > 0 && topics.includes(s) && s.score >= bestTopic * KEEP_SHARE
    // A need stated in words of its own and met by a project not for the role: the role alone
    // ("secondary maths lead - something on transition") does not add the role's project too.
    const statedNeed = candidates.some((s) => !s.forRole && s.strong && s.ownTopic)
    const roleOnly = (s: Scored) => s.forRole && s.topics.length === 0 && !s.next && !question.asksForSelf
    const kept = candidates.filter((s) => !(statedNeed && roleOnly(s)))
    const keptBest = kept[0]?.score ?? best
    const matches = kept
      .filter((s) => listing.byField || s.score >= keptBest * KEEP_SHARE || alsoAsked(s))
      .slice(0, listing.byField ? index.projects.length : MAX_MATCHES)
      .map((s) => ({ project: s.entry.project, score: round(s.score), reasons: s.reasons }))
    return { kind: 'matches', basis: 'question', matches, leftOut, question, evidence, topical, ownTopical }
  }

  // Only a phase was given ("we're a sixth form college"): the phase's projects are the answer.
  if (question.phases.length > 0 && question.roles.length === 0 && !evidence) {
    const matches = index.projects
      .filter((p) => (question.everyPhase ? question.phases.every((ph) => p.project.phases.includes(ph)) : p.project.phases.some((ph) => question.phases.includes(ph))))
      .filter((p) => !outsideYears(p, question))
      // Formats they said they do not want are out, every project of them.
      .filter((p) => !question.unwantedFormats.includes(p.project.format) && !unwantedPhrase(p, question))
      // Teachers as such ("ordinary classroom teachers") get the projects for teachers, not for those seeking a role.
      .filter((p) => !question.plainTeachers || p.project.audience.includes('teachers'))
      // A teacher, or someone asking for themselves (or narrowing the list), gets what a teacher can join:
      // projects for particular people only where the catalogue opens them to those seeking to be one.
      .filter((p) => !(question.isTeacher || question.asksForSelf || question.unwantedFormats.length > 0 || question.unwanted.length > 0) || openToTeachers(p.project))
      .map((p) => ({ project: p.project, score: 0, reasons: [`for ${phaseList(p.project.phases.filter((ph) => question.phases.includes(ph)))}`] }))
    if (matches.length > 0) return { kind: 'matches', basis: 'phase', matches, leftOut: [], question, evidence, topical, ownTopical }
  }
  return nothing({ kind: 'no-match' })
}

/**
 * A keyword of the project holding a topic the asker said they do not want ("we don't want the
 * mastery programme": "mastery", "mastery specialist"): the project is about that, so it is
 * out, as a format they refuse is.
 */
function unwantedPhrase(entry: IndexedProject, q: Question): IndexedPhrase | undefined {
  if (q.unwanted.length === 0) return undefined
  return entry.phrases.find((ph) => !ph.phaseLike && q.unwanted.some((refused) => findPhrase(ph.stems, refused) >= 0))
}

/** Its entry point is for people seeking to become something, not those who are it already. */
function onlyForSeekers(project: Project): boolean {
  return /\bseeking to become\b/i.test(project.entryPoint) && !/\b(attained|already|are)\b/i.test(project.entryPoint)
}

/** For teachers, or for people any teacher may be seeking to become ("teachers … seeking to become Mastery Specialists"). */
function openToTeachers(project: Project): boolean {
  return project.audience.includes('teachers') || /\bseeking\b/i.test(`${project.entryPoint} ${project.summary}`)
}

/** Where the asker is in a progression: the steps done, or the step they name as theirs. */
function progressOf(question: Question, index: CatalogueIndex): { done: Set<string>; named: Set<string> } {
  const done = completedSteps(question, index)
  return { done, named: done.size === 0 ? namedSteps(question, index) : new Set<string>() }
}

/**
 * What the question asks the catalogue to list by one of its fields: a partner, a format, what
 * is run centrally, what is new, or a strand by its name ("which SKTM work groups…").
 */
interface Listing {
  asks: boolean
  /** By a field that names a set (format, partner, strand): the whole set, not the best few. */
  byField: boolean
  /** Only "for the first time", with no topic or role: the catalogue's entry points. */
  entries: boolean
  formats: Format[]
  strands: Set<string>
}

/** Formats people use loosely for any project ("which work group should I join?"). */
const LOOSE_FORMATS: ReadonlySet<Format> = new Set(['work group', 'programme'])

function listingOf(q: Question, index: CatalogueIndex): Listing {
  const wanted = q.formats.filter((f) => !q.unwantedFormats.includes(f))
  // A format counts when it is distinctive, or contrasted with another ("networks rather than work groups").
  // With a role, a format is only the asker's loose word for a project ("a community for ITT providers").
  // Asked for the whole of one ("list every programme"), even a loose format is the field asked by.
  const formats = q.roles.length > 0 ? [] : q.unwantedFormats.length > 0 || q.listsAll ? wanted : wanted.filter((f) => !LOOSE_FORMATS.has(f))
  const strands = new Set(
    index.projects
      .filter((p) => p.project.strand && p.phrases.some((ph) => ph.names && findPhrase(q.stems, ph.stems) >= 0))
      .map((p) => p.project.strand!),
  )
  const byField = formats.length > 0 || q.partners.length > 0 || q.central || strands.size > 0
  const entries =
    q.stage === 'new' && !q.stageInherited && q.roles.length === 0 && !q.crossPhase && !index.projects.some((p) => p.phrases.some((ph) => !ph.phaseLike && hasPhrase(q, ph)))
  return { asks: byField || q.wantsNew || entries, byField, entries, formats, strands }
}

/**
 * A keyword phrase in the question, word for word in some form ("resits" for "resit",
 * "confident" for "confidence"), not merely sharing a stem: "specifically" is not "specification".
 */
function hasPhrase(q: Question, phrase: IndexedPhrase): boolean {
  return phraseAt(q, phrase) >= 0
}

function phraseAt(q: Question, phrase: IndexedPhrase): number {
  for (let at = findPhrase(q.stems, phrase.stems); at >= 0; ) {
    if (phrase.words.every((w, k) => sameWord(w, q.words[at + k] ?? ''))) return at
    const next = findPhrase(q.stems.slice(at + 1), phrase.stems)
    at = next < 0 ? -1 : at + 1 + next
  }
  return -1
}

function sameWord(a: string, b: string): boolean {
  return a === b || inflection(a) === inflection(b) || distance(a, b) <= 2
}

/** A word without its inflection: "resitting", "resits" → "resit". */
function inflection(word: string): string {
  return word.replace(/(?:ing|ed|es|s)$/, '').replace(/([b-df-hj-np-tv-z])\1$/, '$1')
}

/** Words after a span of years that make it a project's name: "the Years 5 to 8 one". */
const PROJECT_WORDS = new Set(['project', 'projects', 'one', 'ones', 'work', 'group', 'groups', 'workgroup', 'programme', 'course', 'thing'])

/** The question names a project by the years in its title, followed by "project", "one" or another title word. */
function namedByYears(entry: IndexedProject, q: Question): boolean {
  const years = entry.years
  if (!years || years.length < 2) return false
  const first = years[0]!
  const last = years.at(-1)!
  const titleWords = new Set(words(entry.project.title))
  for (let i = 0; i < q.words.length; i++) {
    if (q.words[i] !== `year${first}`) continue
    let at = i + 1
    if (q.words[at] === 'to' || q.words[at] === 'through') at++
    if (q.words[at] !== String(last) && q.words[at] !== `year${last}`) continue
    const next = q.words[at + 1] ?? ''
    if (PROJECT_WORDS.has(next) || (titleWords.has(next) && !/\d/.test(next))) return true
  }
  return tracesYears(q.words, first, last)
}

/** Words that start a span of years a topic is followed along: "from year 7", "across years 5 to 8". */
const FROM = new Set(['from', 'across', 'between'])

/** Words that carry a topic along the years: "from year 7 up to year 11", "from y5 through y8". */
const ALONG = new Set(['to', 'through', 'thru', 'into', 'until', 'till', 'up', 'right', 'all', 'the', 'way', 'and'])

/**
 * Following something from one year group to another, the very span a project's title gives
 * ("how algebra builds from yr 7 up to yr 11"): that project's own subject.
 */
function tracesYears(sequence: string[], first: number, last: number): boolean {
  for (let i = 1; i < sequence.length; i++) {
    if (sequence[i] !== `year${first}` || !FROM.has(sequence[i - 1]!)) continue
    let at = i + 1
    while (at < sequence.length && ALONG.has(sequence[at]!)) at++
    if (at > i + 1 && (sequence[at] === `year${last}` || sequence[at] === String(last))) return true
  }
  return false
}

/** The question names the project by its whole title ("is Mathematical Thinking for GCSE the right one?"). */
function namedByTitle(project: Project, q: Question): boolean {
  const title = stemsOf(project.title.replace(/\s*\([^)]*\)\s*/g, ' '))
  return title.length >= 2 && findPhrase(q.stems, title) >= 0
}

/** Words before a project's name: "the GCSE project", "a Core Maths one". */
const DETERMINERS = new Set(['the', 'a', 'an', 'that', 'this', 'your', 'any', 'our'])

/**
 * "The GCSE project", "the Core Maths one": the project named by words of its title, one of
 * them shared by at most one other title and none a cue word ("new"), after "the" or "a".
 */
function namedByTitleWord(entry: IndexedProject, q: Question, index: CatalogueIndex): boolean {
  const own = new Set(words(entry.project.title))
  for (let end = 1; end < q.words.length; end++) {
    if (!PROJECT_WORDS.has(q.words[end]!)) continue
    let start = end
    while (start > 0 && own.has(q.words[start - 1]!)) start--
    if (start === end || !(start === 0 || DETERMINERS.has(q.words[start - 1]!))) continue
    const distinctive = q.words.slice(start, end).some(
      (w) => w.length >= 3 && !/\d/.test(w) && !index.cueStems.has(stem(w)) && index.projects.filter((p) => words(p.project.title).includes(w)).length <= 2,
    )
    if (distinctive) return true
  }
  return false
}

/** Normalised words as people write them: "year4" → "Year 4", "ks2" → "KS2". */
function readable(words: string): string {
  return words.replace(/\byear(\d+)\b/g, 'Year $1').replace(/\bks(\d)\b/g, 'KS$1')
}

/** Whether a project's year groups miss the ones the asker named. */
function outsideYears(entry: IndexedProject, q: Question): string | undefined {
  const own = entry.years
  const asked = q.years.years
  if (!own || asked.length === 0) return undefined
  const shared = own.filter((y) => asked.includes(y)).length
  // A school's span must hold most of the project; a teacher's class need only be in it.
  const enough = q.years.span ? shared * 2 >= own.length : shared > 0
  return enough ? undefined : `covers ${yearList(own)}`
}

function yearList(years: number[]): string {
  const name = (y: number) => (y < 0 ? 'nursery' : y === 0 ? 'Reception' : `Year ${y}`)
  const first = years[0]!
  const last = years.at(-1)!
  return first === last ? name(first) : first > 0 ? `Years ${first} to ${last}` : `${name(first)} to ${name(last)}`
}

function scoreProject(
  entry: IndexedProject,
  q: Question,
  index: CatalogueIndex,
  done: Set<string>,
  named: Set<string>,
  listing: Listing,
): Scored {
  const { project } = entry
  const result: Scored = { entry, score: 0, signal: false, topical: false, strong: false, next: false, forRole: false, ownTopic: false, topics: [], reasons: [] }
  const exclude = (reason: string, quiet = false) => {
    if (result.excluded) return
    result.excluded = reason
    result.quiet = quiet
  }

  // Topic: the catalogue's keywords for this project found in the question.
  const matched: string[] = []
  const covered = new Set<string>()
  let topical = false
  /** Topical only through words naming the asker's role ("mastery" in "mastery specialist"). */
  let viaRoleOnly = true
  for (const phrase of entry.phrases) {
    const at = phraseAt(q, phrase)
    if (at >= 0) {
      if (!phrase.stems.every((_, k) => q.roleWords.has(at + k))) viaRoleOnly = false
      // A step's own words ("second year") place the asker in a progression; they are not a topic.
      if (!phrase.phaseLike && !entry.stepPhrases.includes(phrase) && !phrase.stems.some((_, k) => q.roleWords.has(at + k))) {
        result.ownTopic = true
        result.topics.push(phrase)
      }
      result.score += phrase.weight
      matched.push(phrase.text)
      phrase.stems.forEach((s) => covered.add(s))
      if (!phrase.phaseLike) topical = true
    }
  }
  result.strong = topical
  // A single word from inside a keyword phrase is weaker evidence: it never outweighs a topic
  // the catalogue does not have ("getting my class ready for the MTC" is not "getting ready").
  for (const [word, weight] of entry.looseWords) {
    if (!covered.has(word) && q.stems.includes(word)) {
      if (q.stems.some((s, i) => s === word && !q.roleWords.has(i))) viaRoleOnly = false
      result.score += weight
      covered.add(word)
      topical = true
    }
  }
  result.topical = topical

  // Audience: the asker's role.
  const roleMatches = q.roles.filter((r) => project.audience.includes(r))
  const forSpecificPeople = !project.audience.includes('teachers')
  // The words of a role name a person, not a topic, for a project that is not for that person.
  if (topical && viaRoleOnly && roleMatches.length === 0 && q.roleWords.size > 0) result.topical = result.strong = topical = false
  // For those seeking to become what the asker says they are already ("I'm a mastery specialist").
  if (roleMatches.some((r) => q.heldRoles.includes(r)) && onlyForSeekers(project)) exclude(`is for ${lowerFirst(project.entryPoint)}`)
  if (roleMatches.length > 0) {
    result.score += 6
    result.forRole = true
    result.reasons.push(`for ${roleMatches.map((r) => AUDIENCE_LABELS[r].toLowerCase()).join(' and ')}`)
  } else if (q.roles.length > 0) {
    if (forSpecificPeople) exclude(`is for ${audienceList(project)}`)
    // Support staff and practitioners are not the teachers a project for teachers is for.
    else if (!q.roles.some((r) => TEACHING_ROLES.has(r)) && !q.isTeacher) exclude(`is for ${audienceList(project)}`, !topical)
  } else if (forSpecificPeople && !listing.byField && !q.wantsNew) {
    // Audience is a constraint: a project for particular people is for the asker only if they are such a person.
    exclude(`is for ${audienceList(project)}`, true)
  }
  result.signal = topical || roleMatches.length > 0

  // The catalogue's other fields, when the question lists by them.
  if (q.unwantedFormats.includes(project.format)) exclude(`is a ${FORMAT_LABELS[project.format]}`, true)
  const refused = unwantedPhrase(entry, q)
  if (refused) exclude(`is about “${refused.text}”, which you said you do not want`, true)
  if (listing.formats.length > 0) {
    if (listing.formats.includes(project.format)) {
      result.score += 2
      result.signal = true
      result.reasons.push(`a ${FORMAT_LABELS[project.format]}`)
    } else exclude(`is a ${FORMAT_LABELS[project.format]}`, true)
  }
  if (q.partners.length > 0) {
    if (project.partner && q.partners.includes(project.partner)) {
      result.score += 2
      result.signal = true
      result.reasons.push(`run with the ${project.partner}`)
    } else exclude(`is not run with ${q.partners.join(' or ')}`, true)
  }
  // Asked by a strand's name ("which SKTM groups…"): that strand's projects, or the asker's role's.
  if (listing.strands.size > 0 && !(project.strand && listing.strands.has(project.strand)) && roleMatches.length === 0)
    exclude(`is not part of ${[...listing.strands].join(' or ')}`, true)
  if (q.central) {
    if (entry.central) {
      result.score += 2
      result.signal = true
      result.reasons.push('run centrally')
    } else exclude('is run by the hubs, not centrally', true)
  }
  const years = outsideYears(entry, q)
  if (years) exclude(years, !topical)
  // Named by the year groups its title gives ("the Years 5 to 8 one"), or by a word of its
  // title few others share ("the GCSE project").
  if (namedByYears(entry, q) || namedByTitleWord(entry, q, index)) {
    result.score += 4
    result.signal = result.topical = result.strong = result.ownTopic = true
  }

  // A question about primary and secondary together is about the projects that span both.
  if (q.crossPhase && project.phases.includes('primary') && project.phases.includes('secondary')) {
    result.score += 2
    if (!forSpecificPeople) {
      // Its phases are the catalogue's own answer to a question about both together.
      result.signal = result.strong = result.topical = result.ownTopic = true
      result.reasons.push('works across primary and secondary')
    }
  }

  // Phase.
  if (q.phases.length > 0) {
    const shared = project.phases.filter((p) => q.phases.includes(p))
    if (shared.length > 0) {
      result.score += 1
      result.reasons.unshift(`for ${phaseList(shared)}`)
    } else exclude(`is only for ${phaseList(project.phases)}`, roleMatches.length === 0 && !namedByTitle(project, q)) // worth saying only if it was for their role, or asked about by name
  }

  // Where it sits in a progression.
  const before = project.follows ? index.byId.get(project.follows)?.project : undefined
  if (done.size > 0) {
    if (done.has(project.id)) exclude('is what you have done already')
    else if (project.follows && done.has(project.follows)) {
      result.score += 8
      result.signal = result.next = true
      result.reasons.push(`follows ${before?.title ?? 'what you did'}`)
    } else if (q.stage === 'continuing' && carriesOn(project) && comesAfter(project, done, index)) {
      // Carrying on, the catalogue offers every later step whose entry point says so.
      result.score += 8
      result.signal = result.next = true
      result.reasons.push(`for ${lowerFirst(project.entryPoint)}`)
    } else if (sameProgression(entry, done, index)) {
      if (project.follows) exclude(`follows ${before?.title ?? 'another project'}, which comes first`)
      else exclude(`is for ${lowerFirst(project.entryPoint)}`)
    }
  } else if (q.stage === 'new') {
    if (before) exclude(`follows ${before.title}, so it is for a later year`)
    else if (entry.isEntry && result.signal) {
      result.score += 4
      result.reasons.push('a starting point')
    }
  } else if (entry.chain !== undefined && !named.has(project.id) && [...named].some((id) => index.byId.get(id)?.chain === entry.chain)) {
    // The asker named their step ("our second year"): the other steps are not for them now.
    exclude(`is for ${lowerFirst(project.entryPoint)}`)
  } else if ((q.stage === 'rejoin' || q.stage === 'continuing') && entry.isEntry && (entry.chain !== undefined || topical)) {
    // Carrying on or coming back, the catalogue's entry points are for someone else.
    exclude(`is for ${lowerFirst(project.entryPoint)}`)
  }
  // "Which projects can a school join for the first time?": the catalogue's entry points.
  if (listing.entries && entry.isEntry && !result.excluded) {
    result.score += 2
    result.signal = true
    if (!result.reasons.includes('a starting point')) result.reasons.push('a starting point')
  }

  if (q.wantsNew && namedByTitle(project, q)) {
    // "Is the ITT Providers network new this year?": asked of one project by name, the answer is
    // that project, said new or not, not the list of what is new.
    result.score += 4
    result.signal = result.topical = result.strong = result.ownTopic = true
    result.reasons.push(project.isNew ? 'new this year' : 'not new this year')
  } else if (q.wantsNew) {
    if (project.isNew) {
      result.score += 3
      result.signal = true
      result.reasons.push('new this year')
    } else exclude('is not new this year')
  }

  if (matched.length > 0) result.reasons.push(`about ${matched.slice(0, 2).map((m) => `“${m}”`).join(' and ')}`)
  return result
}

/** The projects the asker says they have done: a step of a progression named with "did", "done"… */
function completedSteps(q: Question, index: CatalogueIndex): Set<string> {
  // "Never done", or back after a break: nothing counts as just completed.
  if (q.stage === 'new' || q.stage === 'rejoin') return new Set()
  const firstYear = q.completedCue && findPhrase(q.stems, FIRST_YEAR) >= 0
  const named = index.projects.filter(
    (p) =>
      p.stepPhrases.some((ph) => (q.completedCue && findPhrase(q.stems, ph.stems) >= 0) || reachedState(q, ph)) ||
      // "Did the first year of TfM": the first step of the progression its words name.
      (firstYear && p.chain !== undefined && !p.project.follows && p.phrases.some((ph) => !ph.phaseLike && !p.stepPhrases.includes(ph) && hasPhrase(q, ph))),
  )
  // A step is "done" only if something follows it; naming the last step means the asker is in it.
  // Done in the asker's phase: "primary, we've finished embedding" is not the secondary Embedding.
  return new Set(
    named
      .filter((p) => index.projects.some((o) => o.project.follows === p.project.id))
      .filter((p) => q.phases.length === 0 || p.project.phases.some((ph) => q.phases.includes(ph)))
      .map((p) => p.project.id),
  )
}

const FIRST_YEAR = stemsOf('first year')

/** Before a state, words that say it is not reached yet: "how do we get mastery embedded?". */
const NOT_YET = new Set(['get', 'getting', 'be', 'become', 'becoming', 'until', 'till', 'not', 'never', 'more', 'to'])

/**
 * A step named as a state the school has reached: "mastery is well embedded now" is past
 * Embedding, as the catalogue's "once it is embedded" says. Only the step's own verb in its
 * past participle ("embedded" for "embed", "embedding") counts.
 */
function reachedState(q: Question, phrase: IndexedPhrase): boolean {
  if (phrase.words.length !== 1 || phrase.words[0]!.endsWith('ed')) return false
  for (let at = q.stems.indexOf(phrase.stems[0]!); at >= 0; at = q.stems.indexOf(phrase.stems[0]!, at + 1)) {
    const word = q.words[at] ?? ''
    if (word.endsWith('ed') && inflection(word) === inflection(phrase.words[0]!) && !NOT_YET.has(q.words[at - 1] ?? '') && !NOT_YET.has(q.words[at - 2] ?? '')) return true
  }
  return false
}

/**
 * Steps of a progression the question names by their own words ("second year", "embedding").
 * When it names two steps of one progression, the later one says where the school is.
 */
function namedSteps(q: Question, index: CatalogueIndex): Set<string> {
  if (q.stage === 'rejoin') return new Set()
  const named = index.projects.filter((p) => p.chain && p.stepPhrases.some((ph) => findPhrase(q.stems, ph.stems) >= 0))
  const depth = (p: IndexedProject) => {
    let d = 0
    for (let at = p.project; at.follows && d < 20; d++) at = index.byId.get(at.follows)?.project ?? at
    return d
  }
  const furthest = new Map<string, IndexedProject>()
  for (const p of named) {
    const current = furthest.get(p.chain!)
    if (!current || depth(p) > depth(current)) furthest.set(p.chain!, p)
  }
  return new Set([...furthest.values()].map((p) => p.project.id))
}

/** The catalogue's entry point for schools carrying on ("Schools carrying on with the programme"). */
function carriesOn(project: Project): boolean {
  return /\b(carrying on|carry on|continu)/i.test(project.entryPoint)
}

/** A later step of a progression than one the asker has done. */
function comesAfter(project: Project, done: Set<string>, index: CatalogueIndex): boolean {
  for (let at = project.follows, guard = 0; at && guard < 20; guard++) {
    if (done.has(at)) return true
    at = index.byId.get(at)?.project.follows
  }
  return false
}

/** Part of the same family as a completed step: its progression, or its strand. */
function sameProgression(entry: IndexedProject, done: Set<string>, index: CatalogueIndex): boolean {
  return [...done].some((id) => {
    const step = index.byId.get(id)
    if (!step) return false
    return (step.chain !== undefined && step.chain === entry.chain) || (step.project.strand !== undefined && step.project.strand === entry.project.strand)
  })
}

function phaseList(phases: readonly Phase[]): string {
  const names = phases.map((p) => PHASE_LABELS[p].toLowerCase())
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

function audienceList(project: Project): string {
  return project.audience.map((a) => AUDIENCE_LABELS[a].toLowerCase()).join(' and ')
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
