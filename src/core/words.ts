// Turning what teachers type into comparable words: one normal form ("Key Stage 3" → "ks3",
// "Year 7" → "year7", apostrophes and punctuation dropped), typos corrected towards words the
// bot knows, and Porter stems so that "resitting", "resits" and "resit" meet.
import { distance } from 'fastest-levenshtein'
import { stemmer } from 'stemmer'

/** Lower case, single spaces, punctuation gone, key stages and year groups written one way. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b1st\b/g, 'first')
    .replace(/\b2nd\b/g, 'second')
    .replace(/\b3rd\b/g, 'third')
    .replace(/\b4th\b/g, 'fourth')
    .replace(/\bkey stage (\d)\b/g, 'ks$1')
    .replace(/\bks (\d)\b/g, 'ks$1')
    // "year 7", "years 7", "yr7", "y7", "y7s" → "year7"
    .replace(/\b(?:years?|yrs?|y) ?(\d{1,2})s?\b/g, 'year$1')
    .trim()
}

export function words(text: string): string[] {
  const normal = normalise(text)
  return normal === '' ? [] : normal.split(' ')
}

/** The stem used for matching; digits and very short words are kept as they are. */
export function stem(word: string): string {
  return word.length <= 3 || /\d/.test(word) ? word : stemmer(word)
}

export function stems(text: string): string[] {
  return words(text).map(stem)
}

/**
 * A typo corrector over a vocabulary: a word it does not know moves to the one known word
 * within one edit (two for words of eight letters or more) that starts with the same letter,
 * if exactly one is that close. Short words, numbers, the words in `keep` and other forms of a
 * known word ("retaking" for "retake") are never changed.
 */
export function createCorrector(vocabulary: Iterable<string>, keep: ReadonlySet<string> = new Set()): (word: string) => string {
  const known = new Set(vocabulary)
  const knownStems = new Set([...known].map(stem))
  const targets = [...known].filter((w) => w.length >= 4 && !/\d/.test(w))
  const cache = new Map<string, string>()
  return (word) => {
    if (word.length < 4 || /\d/.test(word) || known.has(word) || keep.has(word) || knownStems.has(stem(word))) return word
    const cached = cache.get(word)
    if (cached !== undefined) return cached
    const allowed = word.length >= 8 ? 2 : 1
    let best: string | undefined
    let bestDistance = allowed + 1
    let tie = false
    for (const target of targets) {
      // Typos rarely change the first letter; allowing it turns real words into others.
      if (target[0] !== word[0] || Math.abs(target.length - word.length) > allowed) continue
      const d = distance(word, target)
      if (d < bestDistance) {
        best = target
        bestDistance = d
        tie = false
      } else if (d === bestDistance) tie = true
    }
    const corrected = best !== undefined && !tie ? best : word
    if (cache.size < 10_000) cache.set(word, corrected)
    return corrected
  }
}

/** Index of the first place `phrase` (a word sequence) occurs in `sequence`, or -1. */
export function findPhrase(sequence: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0 || phrase.length > sequence.length) return -1
  outer: for (let i = 0; i + phrase.length <= sequence.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (sequence[i + j] !== phrase[j]) continue outer
    return i
  }
  return -1
}

/** Words that carry no meaning for matching and are never typo-corrected. */
export const FILLER = new Set(
  (
    'a an and the for of in on at to my our we me us i im is are am be been was were do does did done what which who whom ' +
    'how why when where whats show list tell please can could would should will shall may might there their them they ' +
    'this that these those it its with from about any some get got find want wants wanted looking look need needs help ' +
    'like just also into onto than then so very really our ours your you youre has have had having not no yes ' +
    'project projects work workgroups workgroup group groups maths math mathematics school schools colleague colleagues ' +
    'hi hello thanks thank best good'
  ).split(' '),
)
