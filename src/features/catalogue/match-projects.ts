// Which projects suit the asker, decided by rules over the catalogue's own fields: topic words
// (the catalogue's keywords), phase, audience, and where a project sits in a progression. It
// never invents a project: every answer is a catalogue entry with the reasons it was chosen,
// and the projects left out are named with the reason they do not fit.
import { type CatalogueIndex, type IndexedProject, indexCatalogue } from './catalogue-index.js'
import { AUDIENCE_LABELS, type Catalogue, PHASE_LABELS, type Phase, type Project } from '../../domain/projects.js'
import { TEACHING_ROLES } from './question-lexicon.js'
import { type OutOfScope, type Question, readQuestion } from './read-question.js'
import { findPhrase } from '../../core/words.js'

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

export type MatchResult =
  | {
      kind: 'matches'
      /** question: chosen for what was asked; phase: only a phase was given, so its whole list. */
      basis: 'question' | 'phase'
      matches: Match[]
      leftOut: LeftOut[]
      question: Question
    }
  | { kind: 'nothing'; reason: OutOfScope | { kind: 'no-match' }; leftOut: LeftOut[]; question: Question }

const MAX_MATCHES = 6
const MAX_LEFT_OUT = 3
/** Answers keep projects scoring at least this share of the best one. */
const KEEP_SHARE = 0.6

export function answerQuestion(text: string, catalogue: Catalogue): MatchResult {
  const index = indexCatalogue(catalogue)
  return matchProjects(readQuestion(text, index), index)
}

interface Scored {
  entry: IndexedProject
  score: number
  /** Some part of the question points at this project (a topic word, the asker's role, a next step). */
  signal: boolean
  reasons: string[]
  excluded?: string
  /** Excluded for a reason the asker already knows (the phase they named): not worth listing. */
  quiet?: boolean
}

export function matchProjects(question: Question, index: CatalogueIndex): MatchResult {
  if (question.outOfScope) return { kind: 'nothing', reason: question.outOfScope, leftOut: [], question }

  const done = completedSteps(question, index)
  const named = done.size === 0 ? namedSteps(question, index) : new Set<string>()
  const scored = index.projects.map((entry) => scoreProject(entry, question, index, done, named))

  const leftOut = scored
    .filter((s) => s.excluded && s.signal && !s.quiet)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_LEFT_OUT)
    .map((s) => ({ project: s.entry.project, reason: `${s.entry.project.title} ${s.excluded}` }))

  const candidates = scored.filter((s) => !s.excluded && s.signal && s.score > 0).sort((a, b) => b.score - a.score)
  if (candidates.length > 0) {
    const best = candidates[0]!.score
    const matches = candidates
      .filter((s) => s.score >= best * KEEP_SHARE)
      .slice(0, MAX_MATCHES)
      .map((s) => ({ project: s.entry.project, score: round(s.score), reasons: s.reasons }))
    return { kind: 'matches', basis: 'question', matches, leftOut, question }
  }

  // Only a phase was given ("we're a sixth form college"): the phase's projects are the answer.
  if (question.phases.length > 0 && question.roles.length === 0) {
    const matches = index.projects
      .filter((p) => p.project.phases.some((ph) => question.phases.includes(ph)))
      .map((p) => ({ project: p.project, score: 0, reasons: [`for ${phaseList(p.project.phases.filter((ph) => question.phases.includes(ph)))}`] }))
    if (matches.length > 0) return { kind: 'matches', basis: 'phase', matches, leftOut: [], question }
  }
  return { kind: 'nothing', reason: { kind: 'no-match' }, leftOut, question }
}

function scoreProject(entry: IndexedProject, q: Question, index: CatalogueIndex, done: Set<string>, named: Set<string>): Scored {
  const { project } = entry
  const result: Scored = { entry, score: 0, signal: false, reasons: [] }
  const exclude = (reason: string, quiet = false) => {
    if (result.excluded) return
    result.excluded = reason
    result.quiet = quiet
  }

  // Topic: the catalogue's keywords for this project found in the question.
  const matched: string[] = []
  const covered = new Set<string>()
  let topical = false
  for (const phrase of entry.phrases) {
    if (findPhrase(q.stems, phrase.stems) >= 0) {
      result.score += phrase.weight
      matched.push(phrase.text)
      phrase.stems.forEach((s) => covered.add(s))
      if (!phrase.phaseLike) topical = true
    }
  }
  for (const [word, weight] of entry.looseWords) {
    if (!covered.has(word) && q.stems.includes(word)) {
      result.score += weight
      covered.add(word)
      topical = true
    }
  }

  // Audience: the asker's role.
  const roleMatches = q.roles.filter((r) => project.audience.includes(r))
  const forSpecificPeople = !project.audience.includes('teachers')
  if (roleMatches.length > 0) {
    result.score += 6
    result.reasons.push(`for ${roleMatches.map((r) => AUDIENCE_LABELS[r].toLowerCase()).join(' and ')}`)
  } else if (q.roles.length > 0) {
    if (forSpecificPeople) exclude(`is for ${audienceList(project)}`)
    else if (!q.roles.every((r) => TEACHING_ROLES.has(r))) result.score -= 3
  } else if (forSpecificPeople && !q.wantsNew) {
    result.score -= 4
  }
  result.signal = topical || roleMatches.length > 0

  // A question about primary and secondary together is about the projects that span both.
  if (q.crossPhase && project.phases.includes('primary') && project.phases.includes('secondary')) {
    result.score += 2
    if (!forSpecificPeople) {
      result.signal = true
      result.reasons.push('works across primary and secondary')
    }
  }

  // Phase.
  if (q.phases.length > 0) {
    const shared = project.phases.filter((p) => q.phases.includes(p))
    if (shared.length > 0) {
      result.score += 1
      result.reasons.unshift(`for ${phaseList(shared)}`)
    } else exclude(`is for ${phaseList(project.phases)}`, roleMatches.length === 0) // worth saying only if it was for their role
  }

  // Where it sits in a progression.
  const before = project.follows ? index.byId.get(project.follows)?.project : undefined
  if (done.size > 0) {
    if (done.has(project.id)) exclude('is what you have done already')
    else if (project.follows && done.has(project.follows)) {
      result.score += 8
      result.signal = true
      result.reasons.push(`follows ${before?.title ?? 'what you did'}`)
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
  } else if (q.stage === 'rejoin' && entry.isEntry && (entry.chain !== undefined || topical)) {
    exclude(`is for ${lowerFirst(project.entryPoint)}`)
  } else if (q.stage === 'continuing' && entry.isEntry) {
    result.score -= 3
  }

  if (q.wantsNew) {
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
  if (!q.completedCue || q.stage === 'new' || q.stage === 'rejoin') return new Set()
  const named = index.projects.filter((p) => p.stepPhrases.some((ph) => findPhrase(q.stems, ph.stems) >= 0))
  // A step is "done" only if something follows it; naming the last step means the asker is in it.
  return new Set(named.filter((p) => index.projects.some((o) => o.project.follows === p.project.id)).map((p) => p.project.id))
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
