// Reading the tags a specialist puts on a shared resource ("#fractions #ks3", or "fractions,
// KS3, my own tag" in a form). Phases, key stages and topics come from one shared vocabulary,
// so "key stage 3", "KS3" and "ks-3" land on the same tag and the library can be filtered by
// them; anything else is a free tag. Near misses of the vocabulary are refused with a
// suggestion, because a free tag "fractons" would quietly hide the resource from "fractions".
import { stem } from '../../core/words.js'

export type ControlledKind = 'phase' | 'keyStage' | 'topic'
export type TagKind = ControlledKind | 'free'

export interface Tag {
  kind: TagKind
  value: string
  label: string
}

export interface TagReading {
  tags: Tag[]
  /** One friendly sentence per tag that was refused or left out, in input order. */
  problems: string[]
}

/** A value from the shared vocabulary, and other names for the same thing (not narrower ones). */
export interface ControlledTag {
  kind: ControlledKind
  value: string
  label: string
  synonyms: readonly string[]
}

export const MAX_TAGS = 10
export const FREE_TAG_MIN_LENGTH = 2
export const FREE_TAG_MAX_LENGTH = 30

const entry =
  (kind: ControlledKind) =>
  (value: string, label: string, ...synonyms: string[]): ControlledTag => ({ kind, value, label, synonyms })
const phase = entry('phase')
const keyStage = entry('keyStage')
const topic = entry('topic')

// A year group is part of a phase or key stage, not another name for it, so "year 7" and
// "reception" stay free tags rather than becoming ks3 or early-years.
export const PHASE_TAGS: readonly ControlledTag[] = [
  phase('early-years', 'Early years', 'early year', 'early-years education', 'ey'),
  phase('primary', 'Primary', 'primary school', 'primary phase'),
  phase('secondary', 'Secondary', 'secondary school', 'secondary phase'),
  phase('post-16', 'Post-16', 'sixth form', '6th form', '16-19', '16 to 19', 'post-16 education'),
]

const STAGE_NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five']
const numberedStage = (n: number): ControlledTag => {
  const word = STAGE_NUMBER_WORDS[n - 1]!
  return keyStage(`ks${n}`, `KS${n}`, `key stage ${n}`, `key stage ${word}`)
}

export const KEY_STAGE_TAGS: readonly ControlledTag[] = [
  keyStage('eyfs', 'EYFS', 'early years foundation stage', 'foundation stage'),
  ...[1, 2, 3, 4, 5].map(numberedStage),
]

export const TOPIC_TAGS: readonly ControlledTag[] = [
  topic('early-number', 'Early number'),
  topic('counting', 'Counting'),
  topic('number-sense', 'Number sense'),
  topic('place-value', 'Place value'),
  topic('calculation', 'Calculation', 'calculations'),
  topic('addition', 'Addition'),
  topic('subtraction', 'Subtraction'),
  topic('multiplication', 'Multiplication'),
  topic('division', 'Division'),
  topic('times-tables', 'Times tables', 'times table', 'tables', 'multiplication tables'),
  topic('fractions', 'Fractions', 'fraction'),
  topic('decimals', 'Decimals', 'decimal'),
  topic('percentages', 'Percentages', 'percentage', 'percent', 'per cent'),
  topic('negative-numbers', 'Negative numbers', 'negative number', 'negatives', 'directed numbers', 'directed number'),
  topic('ratio', 'Ratio', 'ratios'),
  topic('proportion', 'Proportion', 'proportional reasoning'),
  topic('algebra', 'Algebra'),
  topic('equations', 'Equations', 'equation'),
  topic('sequences', 'Sequences', 'sequence'),
  topic('graphs', 'Graphs', 'graph'),
  topic('geometry', 'Geometry', 'shape and space'),
  topic('angles', 'Angles', 'angle'),
  topic('area', 'Area', 'areas'),
  topic('measures', 'Measures', 'measure', 'measurement'),
  topic('trigonometry', 'Trigonometry', 'trig'),
  topic('calculus', 'Calculus'),
  topic('statistics', 'Statistics', 'stats'),
  topic('probability', 'Probability'),
  topic('spatial-reasoning', 'Spatial reasoning'),
  topic('reasoning', 'Reasoning', 'mathematical reasoning'),
  topic('problem-solving', 'Problem solving'),
  topic('bar-models', 'Bar models', 'bar model', 'bar modelling', 'bar modeling'),
  topic('representations', 'Representations', 'representation', 'representation and structure', 'representations and structure'),
  topic('manipulatives', 'Manipulatives', 'manipulative'),
  topic('number-talks', 'Number talks', 'number talk'),
  topic('mastery', 'Mastery', 'teaching for mastery', 'tfm'),
  topic('fluency', 'Fluency'),
  topic('variation', 'Variation', 'variation theory'),
  topic('coherence', 'Coherence'),
  topic('questioning', 'Questioning'),
  topic('misconceptions', 'Misconceptions', 'misconception'),
  topic('assessment', 'Assessment', 'assessments'),
  topic('transition', 'Transition'),
  topic('gcse', 'GCSE', 'gcses'),
  topic('a-level', 'A level', 'a levels'),
  topic('core-maths', 'Core maths', 'core mathematics'),
  topic('send', 'SEND', 'sen', 'special educational needs'),
]

/** In the order tags are shown: phase, key stage, topic. */
export const CONTROLLED_TAGS: readonly ControlledTag[] = [...PHASE_TAGS, ...KEY_STAGE_TAGS, ...TOPIC_TAGS]

/**
 * Real words within a typo's reach of the vocabulary ("radio" of "ratio", "education" of
 * "equations"), found by running an English dictionary through the typo rule and keeping the
 * words a teacher might write. Such a word, or another form of it, is meant: a free tag, never a
 * "did you mean". "angels" and "ration" are left out on purpose: in a maths library they are
 * almost always "angles" and "ratio" mistyped.
 */
export const NOT_TYPOS: ReadonlySet<string> = new Set([
  'addiction', 'adoption', 'aisles', 'ambition', 'angers', 'angler', 'anglers', 'ankle', 'ankles', 'anodes',
  'apples', 'arena', 'arenas', 'argues', 'aria', 'arias', 'audition', 'auditions', 'calculi', 'chanting',
  'circulation', 'coasting', 'coating', 'coining', 'conference', 'costing', 'coughing', 'countering', 'counties',
  'coupling', 'courting', 'cunning', 'cutting', 'decibel', 'decibels', 'decision', 'denial', 'denials', 'diversion',
  'divisor', 'education', 'elation', 'emulation', 'eruption', 'eyes', 'faction', 'factions', 'fiction', 'fictions',
  'fluent', 'fluently', 'friction', 'fruition', 'function', 'functions', 'gases', 'geometric', 'grabbing', 'grades',
  'grading', 'grains', 'grants', 'grape', 'grapes', 'graphic', 'graphics', 'grasping', 'grates', 'grating', 'graves',
  'grazing', 'gripping', 'masonry', 'master', 'mastered', 'masters', 'matter', 'matters', 'mature', 'measles',
  'misery', 'mister', 'monastery', 'muster', 'mystery', 'natives', 'negations', 'parent', 'parents', 'percentile',
  'percentiles', 'perfect', 'portability', 'portent', 'precept', 'present', 'prevent', 'primacy', 'primal',
  'primarily', 'primate', 'primer', 'primers', 'privacy', 'promotion', 'proposition', 'questioningly', 'radio',
  'radios', 'radius', 'rapids', 'ratify', 'rating', 'ratings', 'reckoning', 'representative', 'representatives',
  'sand', 'seats', 'secondarily', 'secondly', 'seed', 'sent', 'sentence', 'sentences', 'spend', 'stabs', 'stags',
  'stars', 'starts', 'state', 'states', 'status', 'stays', 'tablet', 'tablets', 'tackles', 'tales', 'taller',
  'tallest', 'tallies', 'tangles', 'tastes', 'timescale', 'timescales', 'timetable', 'timetabled', 'timetables',
  'titles', 'tradition', 'transaction', 'translation', 'trebles', 'trigonometric', 'trim', 'trio', 'trip', 'tumbles',
  'twig', 'vacation', 'validation', 'valuation',
])

/** Lower case, letters and digits joined by single hyphens, accents and apostrophes dropped. */
export function normaliseTag(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** Hyphens are not meaningful in a match: "keystage3", "key-stage-3" and "bar-models" vs "barmodels". */
const compact = (normal: string) => normal.replace(/-/g, '')

const KIND_ORDER: Record<TagKind, number> = { phase: 0, keyStage: 1, topic: 2, free: 3 }

/** Every name (value or synonym) in compact form → its tag. The first spelling listed wins. */
const BY_NAME = new Map<string, ControlledTag>()
for (const tag of CONTROLLED_TAGS) {
  for (const name of [tag.value, ...tag.synonyms]) {
    const key = compact(normaliseTag(name))
    if (!BY_NAME.has(key)) BY_NAME.set(key, tag)
  }
}

/** Names worth correcting a typo towards: short ones and ones with digits are too easily other words. */
const TYPO_TARGETS = CONTROLLED_TAGS.flatMap((tag) =>
  [tag.value, ...tag.synonyms].map((written) => {
    const words = normaliseTag(written).split('-')
    return { name: words.join(''), words, tag }
  }),
).filter(({ name }) => name.length >= 4 && !/\d/.test(name))
const KNOWN_STEMS = new Set(TYPO_TARGETS.map(({ name }) => stem(name)))
/** So that "conferences" and "timetabling" are as safe as "conference" and "timetable". */
const NOT_TYPO_STEMS = new Set([...NOT_TYPOS].map(stem))

/** Written like a key stage, in compact form: "ks6", "keystage7". */
const KEY_STAGE_SHAPE = /^(?:ks|keystages?)\d*$/
const KEY_STAGE_SPAN = /^(?:ks|key-?stages?)-?(\d+)-(?:and-|to-)?(?:(?:ks|key-?stage)-?)?(\d+)$/
const NUMBERED_STAGES = KEY_STAGE_TAGS.filter((t) => /^ks\d$/.test(t.value))
const KEY_STAGE_LIST = joinList(KEY_STAGE_TAGS.map((t) => t.value), 'or')
const PHASE_LIST = joinList(PHASE_TAGS.map((t) => t.value), 'or')

export function readTags(text: string): TagReading {
  const problems: string[] = []
  const found: Tag[] = []
  for (const raw of splitTags(typeof text === 'string' ? text : '')) {
    const reading = readOne(raw)
    if ('problem' in reading) problems.push(reading.problem)
    else found.push(...reading.tags)
  }
  const seen = new Set<string>()
  const unique = found.filter((tag) => {
    const key = `${tag.kind}:${tag.value}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  const kept = unique.slice(0, MAX_TAGS)
  const left = unique.slice(MAX_TAGS)
  if (left.length > 0) problems.push(`A resource can have at most ${MAX_TAGS} tags, and this has ${unique.length}: take out ${left.length === 1 ? 'one' : left.length} and try again.`)
  // sort is stable, so each kind keeps input order.
  return { tags: kept.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]), problems }
}

/** The vocabulary values nearest to a word, best first: itself if it is one, else likely typos. */
export function suggestTags(word: string): string[] {
  const key = compact(normaliseTag(word))
  const exact = BY_NAME.get(key)
  if (exact) return [exact.value]
  return nearMisses(normaliseTag(word))
}

/**
 * The vocabulary tags a run of words names, read exactly as a shared tag is ("KS 3", "key stage
 * three", "ks3/4", "sixth form"), or undefined: so that a search means what a share means.
 */
export function vocabularyNamed(text: string): Tag[] | undefined {
  const normal = normaliseTag(text)
  const known = BY_NAME.get(compact(normal))
  if (known) return [controlled(known)]
  const span = keyStageSpan(normal)
  return span && 'tags' in span ? span.tags : undefined
}

/** Every name of a vocabulary tag (its value and synonyms), as written in the vocabulary. */
export function namesOf(value: string): string[] {
  const tag = CONTROLLED_TAGS.find((t) => t.value === value)
  return tag ? [tag.value, tag.label, ...tag.synonyms] : [value]
}

/** How a tag is shown: "KS3", "Post-16", "Place value", and a free tag in words ("Year 7 retrieval"). */
export function tagLabel(tag: Pick<Tag, 'kind' | 'value'>): string {
  if (tag.kind !== 'free') {
    const known = CONTROLLED_TAGS.find((t) => t.kind === tag.kind && t.value === tag.value)
    if (known) return known.label
  }
  // Hyphens between digits mean something ("11-16"); elsewhere they stand for spaces.
  const words = tag.value.replace(/(?<!\d)-|-(?!\d)/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * Commas (and semicolons or new lines) separate tags; within that, each `#word` is a tag and the
 * words between them are one tag together, so "fractions, my own tag" and "#fractions #ks3" both
 * read as the writer meant. A `#word` and the words after it are one tag when together they name
 * a vocabulary tag ("#bar model", "#key stage 3"). Slack turns a `#word` that names a channel
 * into `<#C123|word>`.
 */
function splitTags(text: string): string[] {
  const tags: string[] = []
  const plain = text.replace(/<#[A-Z0-9]+\|([^>]*)>/g, ' #$1 ').replace(/<#[A-Z0-9]+>/g, ' ')
  for (const piece of plain.split(/[,;\n\r]+/)) {
    const tokens = piece.split(/\s+/).filter((t) => t !== '')
    let words: string[] = []
    const flush = () => {
      if (words.length > 0) tags.push(words.join(' '))
      words = []
    }
    let i = 0
    while (i < tokens.length) {
      const token = tokens[i]!
      i += 1
      if (!token.startsWith('#')) {
        words.push(token)
        continue
      }
      flush()
      const parts = token.split('#').filter((p) => p !== '')
      const last = parts.pop()
      tags.push(...parts)
      if (last === undefined) continue
      const following = tokens.slice(i, i + 4)
      const stop = following.findIndex((t) => t.includes('#'))
      const joinable = stop === -1 ? following : following.slice(0, stop)
      let taken = 0
      for (let n = joinable.length; n > 0 && taken === 0; n--) {
        if (namesVocabulary([last, ...joinable.slice(0, n)].join(' '))) taken = n
      }
      tags.push([last, ...joinable.slice(0, taken)].join(' '))
      i += taken
    }
    flush()
  }
  return tags
}

function namesVocabulary(text: string): boolean {
  const normal = normaliseTag(text)
  return BY_NAME.has(compact(normal)) || KEY_STAGE_SHAPE.test(compact(normal)) || KEY_STAGE_SPAN.test(normal)
}

type OneReading = { tags: Tag[] } | { problem: string }

function readOne(raw: string): OneReading {
  const normal = normaliseTag(raw)
  if (normal === '') {
    return /[\p{L}\p{N}]/u.test(raw) ? { problem: `“${shorten(raw.trim())}” can’t be a tag: use letters, numbers and hyphens.` } : { tags: [] }
  }
  const key = compact(normal)
  const known = BY_NAME.get(key)
  if (known) return { tags: [controlled(known)] }
  const span = keyStageSpan(normal)
  if (span) return span
  if (KEY_STAGE_SHAPE.test(key)) return { problem: `“${normal}” is not a key stage: use ${KEY_STAGE_LIST}.` }
  if (/^post\d+$/.test(key)) return { problem: `“${normal}” is not a phase: use ${PHASE_LIST}.` }
  const several = splitIntoKnown(normal)
  if (several) return { tags: several.map(controlled) }
  if (!NOT_TYPO_STEMS.has(stem(key))) {
    const near = nearMisses(normal)
    if (near.length > 0) return { problem: `“${normal}” is not a tag I know: did you mean ${listOr(near)}?` }
  }
  if (normal.length < FREE_TAG_MIN_LENGTH) return { problem: `“${normal}” is too short for a tag: use at least ${FREE_TAG_MIN_LENGTH} letters or numbers.` }
  if (normal.length > FREE_TAG_MAX_LENGTH) return { problem: `“${shorten(normal)}” is too long for a tag: keep tags to ${FREE_TAG_MAX_LENGTH} characters.` }
  return { tags: [{ kind: 'free', value: normal, label: tagLabel({ kind: 'free', value: normal }) }] }
}

const controlled = (tag: ControlledTag): Tag => ({ kind: tag.kind, value: tag.value, label: tag.label })

/** "KS3/4", "ks2-ks3", "key stages 3 and 4": teachers name a span of key stages as one tag. */
function keyStageSpan(normal: string): OneReading | undefined {
  const span = KEY_STAGE_SPAN.exec(normal)
  if (!span) return undefined
  const [from, to] = [Number(span[1]), Number(span[2])].sort((a, b) => a - b) as [number, number]
  const stages = NUMBERED_STAGES.filter((t) => {
    const n = Number(t.value.slice(2))
    return n >= from && n <= to
  })
  if (from < 1 || to > NUMBERED_STAGES.length) return { problem: `“${normal}” is not a key stage: use ${KEY_STAGE_LIST}.` }
  return { tags: stages.map(controlled) }
}

/**
 * "fractions ks3" or "ratio and proportion" typed without commas: if every word (or run of
 * words) is in the vocabulary, those are the tags; one unknown word makes the whole a free tag.
 */
function splitIntoKnown(normal: string): ControlledTag[] | undefined {
  const words = normal.split('-')
  // More words than a whole tag list could use is prose, not tags (and would be slow to try).
  if (words.length > 3 * MAX_TAGS) return undefined
  const tags: ControlledTag[] = []
  let i = 0
  while (i < words.length) {
    if (words[i] === 'and' && tags.length > 0 && i + 1 < words.length) {
      i += 1
      continue
    }
    let matched = 0
    for (let end = words.length; end > i && matched === 0; end--) {
      const tag = BY_NAME.get(words.slice(i, end).join(''))
      if (tag) {
        tags.push(tag)
        matched = end - i
      }
    }
    if (matched === 0) return undefined
    i += matched
  }
  return tags.length >= 2 ? tags : undefined
}

/**
 * Vocabulary values within a typo of the word: one edit where either word has five letters or
 * fewer, two where both are longer, swapping two letters counting as one edit. In a tag of
 * several words each word must be a typo of its own, so "cafe-maths" is not "core-maths". Like
 * the catalogue's corrector, the first letter must match (typos rarely change it, and allowing it
 * turns real words into others), and words under four letters, words with digits and other forms
 * of a known word ("fractional", "divisions") are never typos.
 */
function nearMisses(normal: string): string[] {
  const key = compact(normal)
  if (key.length < 4 || /\d/.test(key) || KNOWN_STEMS.has(stem(key))) return []
  const words = normal.split('-')
  const scored = new Map<string, number>()
  for (const { name, words: nameWords, tag } of TYPO_TARGETS) {
    if (!isTypo(key, name)) continue
    if (words.length > 1 && words.length === nameWords.length && !words.every((w, i) => w === nameWords[i] || isTypo(w, nameWords[i]!))) continue
    const d = typoDistance(key, name)
    if (d < (scored.get(tag.value) ?? Infinity)) scored.set(tag.value, d)
  }
  const order = (value: string) => CONTROLLED_TAGS.findIndex((t) => t.value === value)
  return [...scored]
    .sort(([a, da], [b, db]) => da - db || order(a) - order(b))
    .slice(0, 3)
    .map(([value]) => value)
}

function isTypo(word: string, target: string): boolean {
  const allowed = Math.min(word.length, target.length) <= 5 ? 1 : 2
  if (word[0] !== target[0] || Math.abs(word.length - target.length) > allowed) return false
  return typoDistance(word, target) <= allowed
}

/** Edits between two words, counting a swap of neighbours as one (optimal string alignment). */
function typoDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1)
      current.push(d)
    }
    before = previous
    previous = current
  }
  return previous[b.length]!
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

function listOr(values: readonly string[]): string {
  return joinList(values.map((v) => `“${v}”`), 'or')
}

function joinList(items: readonly string[], last: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`
}
