// Understands the many ways teachers name a phase of education: key stages, year groups,
// "sixth form", "FE", "reception"…, with small typos forgiven ("secondry").
import { distance } from 'fastest-levenshtein'
import { PHASES, type Phase } from './project.js'

const YEAR_PHASE = (year: number): Phase | undefined =>
  year <= 6 ? 'primary' : year <= 11 ? 'secondary' : year <= 13 ? 'post-16' : undefined

/** Phrases (already normalised: lower case, single spaces) and the phase they name. */
const PHRASES: ReadonlyArray<readonly [string, Phase | 'all']> = [
  ['early years', 'early years'],
  ['early year', 'early years'],
  ['eyfs', 'early years'],
  ['ey', 'early years'],
  ['reception', 'early years'],
  ['nursery', 'early years'],
  ['foundation stage', 'early years'],
  ['preschool', 'early years'],
  ['pre school', 'early years'],
  ['primary', 'primary'],
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
const FILLER = new Set(
  'a an and the for of in on at to my our we me us i is are am do does what which who show list tell please projects project work workgroups workgroup group groups maths math mathematics teacher teachers school schools phase key stage stages year years about any some get find colleague colleagues'.split(
    ' ',
  ),
)

export interface PhaseReading {
  phases: Phase[]
  /** Words that were neither a phase nor filler: the part of the question not understood. */
  unknownWords: string[]
}

export function readPhases(text: string): PhaseReading {
  const tokens = normalise(text)
    .split(' ')
    .filter((t) => t !== '')
    .map(correctTypo)
  const found = new Set<Phase>()
  const unknownWords: string[] = []
  let i = 0
  while (i < tokens.length) {
    const match = matchAt(tokens, i)
    if (match) {
      for (const phase of match.phases) found.add(phase)
      i += match.length
      continue
    }
    const token = tokens[i]!
    if (!FILLER.has(token) && !/^\d+$/.test(token)) unknownWords.push(token)
    i += 1
  }
  return { phases: PHASES.filter((p) => found.has(p)), unknownWords }
}

function matchAt(tokens: string[], start: number): { phases: Phase[]; length: number } | undefined {
  const year = /^year(\d{1,2})$/.exec(tokens[start]!)
  if (year) {
    const phase = YEAR_PHASE(Number(year[1]))
    return phase ? { phases: [phase], length: 1 } : undefined
  }
  for (let length = Math.min(LONGEST_PHRASE, tokens.length - start); length >= 1; length--) {
    const phrase = tokens.slice(start, start + length).join(' ')
    const phase = PHRASE_MAP.get(phrase)
    if (phase) return { phases: phase === 'all' ? [...PHASES] : [phase], length }
  }
  return undefined
}

/** Lower case, punctuation to spaces, and the usual abbreviations written one way. */
function normalise(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[’'`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .replace(/\bkey stage (\d)\b/g, 'ks$1')
      .replace(/\bks (\d)\b/g, 'ks$1')
      // "year 7", "years 7", "yr7", "y7" → "year7"; "years 7 to 11" keeps the first.
      .replace(/\b(?:years?|yrs?|y) ?(\d{1,2})\b/g, 'year$1')
      .trim()
  )
}

function correctTypo(token: string): string {
  if (token.length < 4 || /\d/.test(token) || PHRASE_MAP.has(token) || FILLER.has(token) || CORRECTABLE.includes(token))
    return token
  const allowed = token.length >= 8 ? 2 : 1
  let best: string | undefined
  let bestDistance = allowed + 1
  let tie = false
  for (const word of CORRECTABLE) {
    const d = distance(token, word)
    if (d < bestDistance) {
      best = word
      bestDistance = d
      tie = false
    } else if (d === bestDistance) tie = true
  }
  return best !== undefined && !tie ? best : token
}
