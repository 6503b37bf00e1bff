// Understands the many ways teachers name a phase of education: key stages, year groups,
// "sixth form", "FE", "reception"…, with small typos forgiven ("secondry").
import { PHASES, type Phase } from '../../domain/projects.js'
import { createCorrector, FILLER, words } from '../../core/words.js'

const YEAR_PHASE = (year: number): Phase | undefined =>
  year <= 6 ? 'primary' : year <= 11 ? 'secondary' : year <= 13 ? 'post-16' : undefined

/** Phrases (already normalised: lower case, single spaces) and the phase they name. */
const PHRASES: ReadonlyArray<readonly [string, Phase | 'all']> = [
  ['early years', 'early years'],
  ['early year', 'early years'],
  ['eyfs', 'early years'],
  ['ey', 'early years'],
  ['reception', 'early years'],
  ['rec', 'early years'],
  ['nursery', 'early years'],
  ['foundation stage', 'early years'],
  ['preschool', 'early years'],
  ['pre school', 'early years'],
  ['primary', 'primary'],
  ['primaries', 'primary'],
  ['secondaries', 'secondary'],
  ['ks1', 'primary'],
  ['ks2', 'primary'],
  ['infant', 'primary'],
  ['infants', 'primary'],
  ['junior', 'primary'],
  ['juniors', 'primary'],
  ['secondary', 'secondary'],
  ['ks3', 'secondary'],
  ['ks4', 'secondary'],
  ['gcse', 'secondary'],
  ['gcses', 'secondary'],
  ['high school', 'secondary'],
  ['post 16', 'post-16'],
  ['post16', 'post-16'],
  ['16 19', 'post-16'],
  ['sixth form', 'post-16'],
  ['6th form', 'post-16'],
  ['sixthform', 'post-16'],
  ['ks5', 'post-16'],
  ['fe', 'post-16'],
  ['further education', 'post-16'],
  ['college', 'post-16'],
  ['colleges', 'post-16'],
  ['a level', 'post-16'],
  ['a levels', 'post-16'],
  ['alevel', 'post-16'],
  ['alevels', 'post-16'],
  ['all', 'all'],
  ['all phases', 'all'],
  ['everything', 'all'],
]

const PHRASE_MAP = new Map(PHRASES)
const LONGEST_PHRASE = Math.max(...PHRASES.map(([p]) => p.split(' ').length))

/** Words worth correcting a typo towards: long enough that a near miss is not a different word. */
const CORRECTABLE = [...new Set(PHRASES.flatMap(([p]) => p.split(' ')).filter((w) => w.length >= 5))]

/** Words that carry no phase and are not worth reporting as "not understood". */
const NO_PHASE = new Set([...FILLER, ...'teacher teachers phase key stage stages year years'.split(' ')])

const correctTypo = createCorrector(CORRECTABLE, new Set([...NO_PHASE, ...PHRASE_MAP.keys()]))

export interface PhaseReading {
  phases: Phase[]
  /** Words that were neither a phase nor filler: the part of the question not understood. */
  unknownWords: string[]
}

/** Words that make two phases a span ("reception right up to sixth form", "y5 to y8"). */
const RANGE_WORDS = new Set(['to', 'through', 'thru', 'till', 'until'])
/** Words that deny the phase after them ("11-16, no sixth form"). */
const NEGATIONS = new Set(['no', 'not', 'without', 'non'])
const ARTICLES = new Set(['a', 'an', 'the', 'any', 'our'])

export function readPhases(text: string): PhaseReading {
  const tokens = words(text).map(correctTypo)
  const found = new Set<Phase>(agePhases(text))
  const unknownWords: string[] = []
  let everything = false
  let spans = false
  let lastPhaseEnd = -1
  let i = 0
  while (i < tokens.length) {
    const match = matchAt(tokens, i)
    if (match === 'all') {
      everything = true
      i += 1
      continue
    }
    if (match) {
      // "no sixth form", and "without a sixth form".
      const denied = NEGATIONS.has(tokens[i - 1] ?? '') || (ARTICLES.has(tokens[i - 1] ?? '') && NEGATIONS.has(tokens[i - 2] ?? ''))
      if (!denied) {
        for (const phase of match.phases) found.add(phase)
        if (lastPhaseEnd >= 0 && tokens.slice(lastPhaseEnd, i).some((t) => RANGE_WORDS.has(t))) spans = true
        lastPhaseEnd = i + match.length
      }
      i += match.length
      continue
    }
    const token = tokens[i]!
    if (!NO_PHASE.has(token) && !NEGATIONS.has(token) && !RANGE_WORDS.has(token) && !/^\d+$/.test(token)) unknownWords.push(token)
    i += 1
  }
  // "all" asks for every phase only as a request on its own, not "all the way from year 7".
  if (everything && unknownWords.length === 0) return { phases: [...PHASES], unknownWords }
  const phases = PHASES.filter((p) => found.has(p))
  if (spans && phases.length >= 2) {
    const first = PHASES.indexOf(phases[0]!)
    const last = PHASES.indexOf(phases.at(-1)!)
    return { phases: PHASES.slice(first, last + 1), unknownWords }
  }
  return { phases, unknownWords }
}

/** Year groups as numbers: nursery -1, reception 0, Year 1 to Year 13. */
const KEY_STAGE_YEARS: Record<string, readonly [number, number]> = {
  eyfs: [-1, 0],
  ks1: [1, 2],
  ks2: [3, 6],
  ks3: [7, 9],
  ks4: [10, 11],
  ks5: [12, 13],
}
const NAMED_YEARS: Record<string, readonly [number, number]> = { nursery: [-1, -1], reception: [0, 0], rec: [0, 0], sixth: [12, 13] }

export interface YearReading {
  /** The year groups named, from the most precise words given (years over key stages). */
  years: number[]
  /** A run of three or more years ("reception to year 2", "11-16"): a school's span, not a class. */
  span: boolean
}

/**
 * The year groups a text names: "year 5 to year 8", "y2 into y3", "KS1", "11-16" (ages), or none.
 * Named years are more precise than key stages, so they win when both are given.
 */
export function readYears(text: string): YearReading {
  const tokens = words(text)
  const exact = new Set<number>()
  const stages = new Set<number>()
  let span = false
  const add = (into: Set<number>, from: number, to: number) => {
    for (let y = from; y <= to; y++) into.add(y)
  }
  const ages = ageYears(text)
  if (ages) {
    add(exact, ages[0], ages[1])
    span = ages[1] - ages[0] >= 2
  }
  let last: { end: number; at: number } | undefined
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const year = /^year(\d{1,2})$/.exec(token)
    const range: readonly [number, number] | undefined = year
      ? [Number(year[1]), Number(year[1])]
      : (NAMED_YEARS[token] ?? KEY_STAGE_YEARS[token])
    if (!range) continue
    // "Years 7–11" and "Years 5 to 8" are written "year7 11" and "year5 to 8" once normalised.
    const next = RANGE_WORDS.has(tokens[i + 1] ?? '') ? tokens[i + 2] : tokens[i + 1]
    const upTo = year && /^\d{1,2}$/.test(next ?? '') ? Number(next) : undefined
    const [from, to] = upTo !== undefined && upTo > range[0] && upTo <= 13 ? [range[0], upTo] : range
    const into = year || token in NAMED_YEARS ? exact : stages
    if (last && i - last.at <= 4 && tokens.slice(last.at, i).some((t) => RANGE_WORDS.has(t)) && from > last.end) {
      add(into, last.end, to)
      if (to - last.end >= 2) span = true
    }
    add(into, from, to)
    if (to - from >= 2 && into === exact) span = true
    // "Year 9 and 10", "our Year 10 and 11s": a second year group named by its number alone.
    const also = year && tokens[i + 1] === 'and' ? /^(\d{1,2})s?$/.exec(tokens[i + 2] ?? '') : null
    if (also && Number(also[1]) > to && Number(also[1]) <= 13) exact.add(Number(also[1]))
    last = { end: to, at: i + 1 }
  }
  const years = exact.size > 0 ? exact : stages
  return { years: [...years].sort((a, b) => a - b), span }
}

/** An age range written "11-16" or "3 to 16": the year groups of those ages, or undefined. */
function ageYears(text: string): [number, number] | undefined {
  for (const match of text.matchAll(/(?<![\w/])(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})(?![\w/])/gi)) {
    const before = text.slice(0, match.index).toLowerCase()
    // "Years 3-6" and "ks2-3" are year groups, read as such.
    if (/(?:years?|yrs?|\by|ks|key stage|stage|grade|\d)\s*$/.test(before)) continue
    const from = Number(match[1])
    const to = Number(match[2])
    if (from >= 2 && from <= 16 && to > from + 1 && to <= 19) return [from - 4, Math.min(13, to - 5)]
  }
  return undefined
}

/** The phases of an age range ("an 11-16 academy" is secondary). */
function agePhases(text: string): Phase[] {
  const ages = ageYears(text)
  if (!ages) return []
  const phases = new Set<Phase>()
  for (let y = ages[0]; y <= ages[1]; y++) phases.add(y <= 0 ? 'early years' : y <= 6 ? 'primary' : y <= 11 ? 'secondary' : 'post-16')
  return [...phases]
}

function matchAt(tokens: string[], start: number): { phases: Phase[]; length: number } | 'all' | undefined {
  const year = /^year(\d{1,2})$/.exec(tokens[start]!)
  if (year) {
    const phase = YEAR_PHASE(Number(year[1]))
    return phase ? { phases: [phase], length: 1 } : undefined
  }
  for (let length = Math.min(LONGEST_PHRASE, tokens.length - start); length >= 1; length--) {
    const phrase = tokens.slice(start, start + length).join(' ')
    const phase = PHRASE_MAP.get(phrase)
    if (phase === 'all') return 'all'
    if (phase) return { phases: [phase], length }
  }
  return undefined
}
