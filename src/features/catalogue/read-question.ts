// A free-text question → what it says about the asker and what they want: phases, roles,
// where they are in a progression, and whether it is something the catalogue cannot answer.
import type { CatalogueIndex } from './catalogue-index.js'
import { readPhases } from './phase-words.js'
import type { Audience, Phase } from '../../domain/projects.js'
import * as lexicon from './question-lexicon.js'
import { findPhrase, stem, words } from '../../core/words.js'

export type OutOfScope =
  | { kind: 'subject'; subject: string }
  | { kind: 'parent' }
  | { kind: 'outside-england'; place: string }
  | { kind: 'other-year'; what: string }
  | { kind: 'off-topic' }

export interface Question {
  text: string
  /** The question's words, typos corrected, as stems. */
  stems: string[]
  phases: Phase[]
  /** Specific roles ("teaching assistants"); a plain teacher has none. */
  roles: Exclude<Audience, 'teachers'>[]
  /** new: first time; continuing: already doing it and want more; rejoin: back after a break. */
  stage?: 'new' | 'continuing' | 'rejoin'
  /** Says something was done before ("we did … last year"). */
  completedCue: boolean
  /** About moving or working between primary and secondary ("our Year 7s come in from their primaries"). */
  crossPhase: boolean
  wantsNew: boolean
  outOfScope?: OutOfScope
}

const toStems = (phrase: string) => words(phrase).map(stem)
const stemList = (phrases: readonly string[]) => phrases.map((text) => ({ text, stems: toStems(text) }))

const ROLES = Object.entries(lexicon.ROLE_PHRASES).map(([role, phrases]) => ({
  role: role as Exclude<Audience, 'teachers'>,
  phrases: stemList(phrases),
}))
const NEW = stemList(lexicon.NEW_CUES)
const CONTINUING = stemList(lexicon.CONTINUING_CUES)
const REJOIN = stemList(lexicon.REJOIN_CUES)
const TRAINEE = stemList(lexicon.TRAINEE_CUES)
const TRUST = stemList(lexicon.TRUST_WORDS)
const COMPLETED = stemList(lexicon.COMPLETED_CUES)
const NEW_THIS_YEAR = stemList(lexicon.NEW_THIS_YEAR_CUES)
const MATHS = stemList(lexicon.MATHS_WORDS)
const SUBJECTS = stemList(lexicon.OTHER_SUBJECTS)
const PARENTS = stemList(lexicon.PARENT_CUES)
const PLACES = stemList(lexicon.OUTSIDE_ENGLAND)
const OFF_TOPIC = stemList(lexicon.OFF_TOPIC)
const CROSS_PHASE = stemList(lexicon.CROSS_PHASE_CUES)
const TEACHES_AFTER = new Set(lexicon.TEACHES_SUBJECT.after.map(stem))
const TEACHES_BEFORE = new Set(lexicon.TEACHES_SUBJECT.before.map(stem))
const NEW_WORD = stem('new')
/** With "new", these make a question about what is new this year ("what's actually new in the offer?"). */
const NEW_WHAT = new Set(['whats', 'anyth', 'offer', 'compar', 'catalogu', 'programm', 'list'].map(stem))
const SECONDARY_HINTS = stemList(['department', 'dept', 'faculty', 'head of maths', 'head of department', 'hod'])

/** The first phrase of `list` that occurs in `sequence`. */
function firstIn(sequence: string[], list: { text: string; stems: string[] }[]) {
  return list.find((p) => findPhrase(sequence, p.stems) >= 0)
}

export function readQuestion(text: string, index: CatalogueIndex): Question {
  const stems = words(text).map((w) => stem(index.correct(w)))
  const has = (list: { text: string; stems: string[] }[]) => firstIn(stems, list) !== undefined

  let roles = ROLES.filter((r) => has(r.phrases)).map((r) => r.role)
  // A trainee on a PGCE is not the training provider.
  if (has(TRAINEE) && !has(ROLES.find((r) => r.role === 'itt providers')!.phrases.filter((p) => !['pgce', 'itt'].includes(p.text))))
    roles = roles.filter((r) => r !== 'itt providers')
  // "Maths lead for the trust" leads across schools, not a department.
  if (roles.includes('heads of department') && has(TRUST)) roles = [...roles.filter((r) => r !== 'heads of department'), 'mat leads']
  roles = [...new Set(roles)]
  const subject = firstIn(stems, SUBJECTS)
  const mathsMentioned = has(MATHS)
  // "A geography teacher who has to teach some maths" is a non-specialist, not a geography question.
  const teachesSubject = subject !== undefined && teachesIt(stems, subject.stems)
  if (teachesSubject && mathsMentioned && !roles.includes('non-specialist teachers')) roles.push('non-specialist teachers')

  let phases = readPhases(text).phases
  // Maths departments and heads of maths are a secondary school's.
  if (phases.length === 0 && has(SECONDARY_HINTS)) phases = ['secondary']

  const question: Question = {
    text,
    stems,
    phases,
    roles,
    completedCue: has(COMPLETED),
    crossPhase: phases.includes('primary') && phases.includes('secondary') && has(CROSS_PHASE),
    wantsNew: has(NEW_THIS_YEAR) || (stems.includes(NEW_WORD) && !has(NEW) && stems.some((s) => NEW_WHAT.has(s))),
  }
  if (has(REJOIN)) question.stage = 'rejoin'
  else if (has(NEW)) question.stage = 'new'
  else if (has(CONTINUING)) question.stage = 'continuing'

  const outOfScope = scopeOf(text, stems, index, {
    subject: subject?.text,
    // About maths after all: a teacher of another subject who teaches maths.
    mathsMentioned: mathsMentioned && teachesSubject,
    hasRole: roles.length > 0,
    completedCue: question.completedCue,
  })
  if (outOfScope) question.outOfScope = outOfScope
  return question
}

function scopeOf(
  text: string,
  stems: string[],
  index: CatalogueIndex,
  found: { subject: string | undefined; mathsMentioned: boolean; hasRole: boolean; completedCue: boolean },
): OutOfScope | undefined {
  if (firstIn(stems, OFF_TOPIC)) return { kind: 'off-topic' }
  const place = firstIn(stems, PLACES)
  if (place) return { kind: 'outside-england', place: titleCase(place.text) }
  const otherProject = index.otherYearNames.find((n) => findPhrase(stems, n.stems) >= 0)
  if (otherProject) return { kind: 'other-year', what: `“${titleCase(otherProject.text)}”` }
  const year = otherSchoolYear(text, index.catalogue.schoolYear, found.completedCue)
  if (year) return { kind: 'other-year', what: `the ${year} catalogue` }
  if (!found.hasRole && firstIn(stems, PARENTS)) return { kind: 'parent' }
  if (found.subject && !found.mathsMentioned && !found.hasRole) return { kind: 'subject', subject: found.subject }
  return undefined
}

/**
 * A school year the question asks about that is not the catalogue's ("the 2023/24 programme").
 * A past year in a story of progress ("we finished Embedding in 2020/21") is not such a question.
 */
function otherSchoolYear(text: string, current: string, tellsProgress: boolean): string | undefined {
  const currentStart = Number(current.slice(0, 4))
  for (const match of text.matchAll(/\b(20\d\d)\s*[/-]\s*(\d\d)\b/g)) {
    const start = Number(match[1])
    if (start > currentStart || (start < currentStart && !tellsProgress)) return `${match[1]}/${match[2]}`
  }
  return undefined
}

/** Whether the subject is what the asker teaches: "PE teacher", "I teach science", "trained in history". */
function teachesIt(stems: string[], subject: string[]): boolean {
  const at = findPhrase(stems, subject)
  if (at < 0) return false
  if (subject.some((s) => TEACHES_AFTER.has(s))) return true
  const after = stems[at + subject.length]
  const before = stems.slice(Math.max(0, at - 2), at)
  return (after !== undefined && TEACHES_AFTER.has(after)) || before.some((s) => TEACHES_BEFORE.has(s))
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (c) => c.toUpperCase())
}
