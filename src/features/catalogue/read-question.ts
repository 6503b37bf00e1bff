// A free-text question → what it says about the asker and what they want: phases, roles,
// where they are in a progression, and whether it is something the catalogue cannot answer.
import type { CatalogueIndex } from './catalogue-index.js'
import { readPhases, readYears, type YearReading } from './phase-words.js'
import { type Audience, type Format, type Phase, PHASES } from '../../domain/projects.js'
import * as lexicon from './question-lexicon.js'
import { splitClauses } from './split-clauses.js'
import { findPhrase, normalise, stem, words } from '../../core/words.js'

export type OutOfScope =
  | { kind: 'subject'; subject: string }
  | { kind: 'parent' }
  | { kind: 'outside-england'; place: string }
  | { kind: 'other-year'; what: string }
  | { kind: 'off-topic' }
  /** A trainee teacher: the catalogue's projects are for qualified teachers and their schools. */
  | { kind: 'trainee' }
  /** University staff: the catalogue is for schools and colleges, early years to post-16. */
  | { kind: 'higher-education' }
  /** Something for the pupils themselves (masterclasses, enrichment days), not for their teachers. */
  | { kind: 'pupils' }

export interface Question {
  text: string
  /** The question's words, normalised and typos corrected. */
  words: string[]
  /** The same words as stems. */
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
  /** The year groups named ("year 2 into year 3", "11-16"). */
  years: YearReading
  /** Formats asked for, and formats the asker said they do not want ("rather than work groups"). */
  formats: Format[]
  unwantedFormats: Format[]
  /** The catalogue's topics the asker said they do not want, as stems: "mastery" in "we don't want the mastery programme". */
  unwanted: string[][]
  /** Asks for teachers as such, in no particular role ("ordinary classroom teachers"). */
  plainTeachers: boolean
  /** Partners named ("the AMSP"), by the catalogue's name for them. */
  partners: string[]
  /** Asks for projects spanning every phase named ("for both primary and secondary"). */
  everyPhase: boolean
  /** Asks what is run centrally or nationally. */
  central: boolean
  /** Roles the asker says they hold already ("I'm a mastery specialist"), not ones they seek ("to become a …"). */
  heldRoles: Exclude<Audience, 'teachers'>[]
  /** Asks for something for themselves in their role ("want something for me"). */
  asksForSelf: boolean
  /** Asks for the whole of something ("list every programme"). */
  listsAll: boolean
  /** Topics asked about that nothing in the catalogue's fields mentions ("a project on the MTC"). */
  unknownTopics: string[]
  /** The asker calls themselves (or those they ask for) teachers: "reception teacher". */
  isTeacher: boolean
  /** Maths is mentioned somewhere in the message ("PE teacher … maths"). */
  mathsMentioned: boolean
  /** Positions of the words that named the asker's role ("mastery specialist"): not a topic as well. */
  roleWords: Set<number>
  /** The roles, or the stage, are the whole message's, not this clause's own. */
  rolesInherited?: boolean
  /** Roles named only as other people ("our TAs", "for my ECT"), not the asker's own. */
  othersRoles: Exclude<Audience, 'teachers'>[]
  stageInherited?: boolean
  /** The message's clauses, each of which may carry a need of its own. */
  clauses: string[]
  /** The same clauses as the asker wrote them, to quote back ("year two of mastery", read as "second year…"). */
  askedClauses?: string[]
}

const GCSE = /\bgcses?\b/gi
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
const ITT_STAFF = stemList(lexicon.ITT_STAFF_CUES)
const OTHERS_TRAINEES = new Set(lexicon.OTHERS_TRAINEES.map(stem))
/** Words between whose and "trainees" that say which: "our primary and secondary PGCE trainees". */
const TRAINEE_QUALIFIERS = new Set(['both', 'and', 'all', 'primary', 'secondary', 'early', 'years', 'pgce', 'itt', 'scitt', 'current', 'maths', 'new', 'own'].map(stem))
const TRUST = stemList(lexicon.TRUST_WORDS)
const COMPLETED = stemList(lexicon.COMPLETED_CUES)
const NEW_THIS_YEAR = stemList(lexicon.NEW_THIS_YEAR_CUES)
const MATHS = stemList(lexicon.MATHS_WORDS)
const SUBJECTS = stemList(lexicon.OTHER_SUBJECTS)
const PARENTS = stemList(lexicon.PARENT_CUES)
const PLACES = stemList(lexicon.OUTSIDE_ENGLAND)
const HIGHER_EDUCATION = stemList(lexicon.HIGHER_EDUCATION_CUES)
const PUPIL_AUDIENCE = stemList(lexicon.PUPIL_AUDIENCE_CUES)
const TEACHER_TRAINING = stemList(['pgce', 'itt', 'teacher training', 'initial teacher', 'trainee', 'trainees', 'train teachers'])
const OFF_TOPIC = stemList(lexicon.OFF_TOPIC)
const CROSS_PHASE = stemList(lexicon.CROSS_PHASE_CUES)
const TEACHES_AFTER = new Set(lexicon.TEACHES_SUBJECT.after.map(stem))
const TEACHES_BEFORE = new Set(lexicon.TEACHES_SUBJECT.before.map(stem))
const NEW_WORD = stem('new')
/** With "new", these make a question about what is new this year ("what's actually new in the offer?"). */
const NEW_WHAT = new Set(['whats', 'anyth', 'offer', 'compar', 'catalogu', 'programm', 'list'].map(stem))
const SECONDARY_HINTS = stemList(['department', 'dept', 'faculty', 'head of maths', 'head of department', 'hod'])
const TEACHER = stemList(lexicon.TEACHER_WORDS)
const PLAIN_TEACHERS = stemList(lexicon.PLAIN_TEACHER_CUES)
const PARAPHRASES = Object.entries(lexicon.PARAPHRASES).map(([phrase, ways]) => ({ words: words(phrase), stems: toStems(phrase), ways: stemList(ways) }))
/** The paraphrases by the first stem of each way of saying them: one look-up per word of a question, not a scan per phrase. */
const PARAPHRASE_STARTS = new Map<string, { paraphrase: (typeof PARAPHRASES)[number]; stems: string[] }[]>()
for (const paraphrase of PARAPHRASES)
  for (const way of paraphrase.ways) PARAPHRASE_STARTS.set(way.stems[0]!, [...(PARAPHRASE_STARTS.get(way.stems[0]!) ?? []), { paraphrase, stems: way.stems }])

/** The catalogue phrases the question says in other words. */
function paraphrasesIn(stems: string[]): (typeof PARAPHRASES)[number][] {
  const found = new Set<(typeof PARAPHRASES)[number]>()
  stems.forEach((s, at) => {
    for (const way of PARAPHRASE_STARTS.get(s) ?? []) if (way.stems.every((w, k) => stems[at + k] === w)) found.add(way.paraphrase)
  })
  return [...found]
}
/** Between the question's own words and the catalogue's phrases read into it: no phrase spans it. */
const SEPARATOR = '·'
const MATHS_STEMS = new Set(['maths', 'math', 'mathematics'].map(stem))
/** Heading a department in so many words, not only a lead's title ("maths lead") a trust may qualify. */
const DEPARTMENT_HEAD = stemList(['head of department', 'hod', 'head of maths', 'head of mathematics', 'head of faculty', 'department lead', 'lead the department', 'leading the department', 'run the department', 'running the department'])
const FEEDERS = stemList(['feeder', 'feeders', 'feeder primaries', 'feeder schools'])
const DIRECTING_VERBS = lexicon.DIRECTING.verbs.map(toStems)
const DIRECTING_OBJECTS = lexicon.DIRECTING.objects.map(toStems)
const OTHERS = stemList(['schools', 'departments', 'colleagues', 'those', 'they', 'them', 'their'])
const CENTRAL = stemList(lexicon.CENTRAL_CUES)
const LIST_ALL = stemList(lexicon.LIST_CUES)
const SELF_ASK = stemList(lexicon.SELF_ASK_CUES)
const FORMATS = Object.entries(lexicon.FORMAT_WORDS).map(([format, phrases]) => ({ format: format as Format, phrases: phrases.map(toStems) }))
const ASK_BEFORE = new Set(lexicon.TOPIC_ASKS.before)
const ASK_JOINS = new Set(lexicon.TOPIC_ASKS.joins)
const ASK_DIRECT = new Set(lexicon.TOPIC_ASKS.direct)
const ANY_PARTNER = stemList(lexicon.PARTNER_CUES)
const EVERY_PHASE = stemList(lexicon.EVERY_PHASE_CUES)
const TOPIC_FILLER = new Set(lexicon.TOPIC_FILLER)
/** Words the lexicon knows: roles, cues, formats. A topic made of these is not unknown. */
const KNOWN_WORDS = new Set(
  [
    ...Object.values(lexicon.ROLE_PHRASES).flat(),
    ...Object.values(lexicon.FORMAT_WORDS).flat(),
    ...lexicon.TEACHER_WORDS,
    ...lexicon.NEW_CUES,
    ...lexicon.CONTINUING_CUES,
    ...lexicon.REJOIN_CUES,
    ...lexicon.NEW_THIS_YEAR_CUES,
    ...lexicon.MATHS_WORDS,
    ...lexicon.CENTRAL_CUES,
    ...lexicon.PARTNER_CUES,
    ...lexicon.PLAIN_TEACHER_CUES,
  ].flatMap((p) => normalise(p).split(' ')),
)

/** The first phrase of `list` that occurs in `sequence`. */
function firstIn(sequence: string[], list: { text: string; stems: string[] }[]) {
  return list.find((p) => findPhrase(sequence, p.stems) >= 0)
}

/** "Year two of mastery", "yr 3 in the programme": a year of taking part, not a year group. */
const PARTICIPATION_YEAR = /\b(?:year|yr)\s*(one|two|three|1|2|3)\s+(of|in|on|doing)\s+(?=(?:the\s+|our\s+|a\s+)?(?:mastery|tfm|teaching for mastery|programme|program|project|work\s*groups?|sktm|core maths)\b)/gi
const ORDINALS: Record<string, string> = { one: 'first', '1': 'first', two: 'second', '2': 'second', three: 'third', '3': 'third' }
/** Any other "year two" is a year group, as "Year 2" is. */
const YEAR_IN_WORDS = /\b(years?|yrs?)\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)\b/gi
const NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen']

const TEXT_SPEAK = new RegExp(`\\b(${Object.keys(lexicon.TEXT_SPEAK).join('|')})\\b`, 'gi')
/** "sec school", "ppl like me": the words written out. "Yrs" before a number is a year group's. */
function writtenOut(text: string): string {
  return text.replace(TEXT_SPEAK, (word: string, _w: string, at: number) =>
    /^yrs$/i.test(word) && /^\s*\d/.test(text.slice(at + word.length)) ? word : lexicon.TEXT_SPEAK[word.toLowerCase()]!,
  )
}

export function readQuestion(text: string, index: CatalogueIndex): Question {
  // Written as the catalogue words it ("second year"), the year of taking part is not read as Year 2.
  const parts = splitClauses(
    writtenOut(text)
      .replace(PARTICIPATION_YEAR, (_, n: string, join: string) => `${ORDINALS[n.toLowerCase()]} year ${join} `)
      .replace(YEAR_IN_WORDS, (_, year: string, n: string) => `${year} ${NUMBERS.indexOf(n.toLowerCase()) + 1}`),
  )
  const question = readText(parts.asked, index, { mathsMentioned: hasIn(parts.asked, index, MATHS) })
  question.text = text
  question.clauses = parts.clauses
  const asWrote = splitClauses(text).clauses
  if (asWrote.length === parts.clauses.length) question.askedClauses = asWrote
  // The catalogue's topics in what the asker refuses; "not the mastery work groups" refuses
  // mastery, not every work group: a format beside a topic qualifies it.
  const refusedTopics = parts.negated.map((n) => topicsIn(words(n).map((w) => stem(index.correct(w))), index))
  question.unwanted = [...new Map(refusedTopics.flat().map((t) => [t.join(' '), t])).values()]
  question.unwantedFormats = formatsIn(parts.negated.filter((_, i) => refusedTopics[i]!.length === 0).join(' '))
  const trainee = asksAsTrainee(words(parts.asked).map((w) => stem(index.correct(w)))) && question.roles.length === 0
  const outOfScope = trainee
    ? ({ kind: 'trainee' } as const)
    : scopeOf(parts.asked, question.stems, index, {
        subject: firstIn(question.stems, SUBJECTS)?.text,
        // About maths after all: a teacher of another subject who teaches maths.
        mathsMentioned: question.mathsMentioned && question.roles.includes('non-specialist teachers'),
        hasRole: question.roles.length > 0,
        hasPhase: question.phases.length > 0,
        completedCue: question.completedCue,
      })
  if (outOfScope) question.outOfScope = outOfScope
  return question
}

/**
 * One clause of a message, read as a need of its own: what it does not say (phase, years,
 * where the school is in a progression, the asker's one role) comes from the whole message.
 */
export function readClause(clause: string, whole: Question, index: CatalogueIndex, text = clause): Question {
  // The phase a clause leaves out is the one said last before it ("I'm a secondary HoD. Our new teachers…").
  // GCSE is a qualification, not a phase, in a message that names its phase ("FE college … GCSE resit groups").
  const gcseIsPhase = readPhases(whole.clauses.join('. ').replace(GCSE, ' ')).phases.length === 0
  const said = whole.clauses
    .slice(0, Math.max(0, whole.clauses.indexOf(clause)))
    .map((c) => readText(gcseIsPhase ? c : c.replace(GCSE, ' '), index, { mathsMentioned: whole.mathsMentioned }).phases)
    .filter((p) => p.length > 0)
  const context = said.length > 0 ? { ...whole, phases: said.at(-1)! } : whole
  return readOwnClause(text, context, index)
}

/** Words that join the people a need is for: "the EY staff and the KS1 teachers", "our 2 ECTs too". */
const AUDIENCE_GLUE = new Set('the our my their his her a an some all both also too as well and of few new'.split(' '))
/** People without a particular role, as a clause naming who a need is for calls them. */
const PEOPLE = new Set(['teacher', 'teachers', 'staff', 'team', 'teams', 'colleagues', 'department', 'dept', 'practitioners', 'leads', 'leaders'])
const ROLE_STEMS = ROLES.flatMap((r) => r.phrases.map((p) => p.stems))
const ROLE_WORD_STEMS = new Set(ROLE_STEMS.flat())
const ATTACHES = new Set(['for', 'to', 'with'])

/** Names only people, as the second of a list does: "the KS1 teachers", "our two TAs as well". */
function namesOnlyPeople(tokens: string[], index: CatalogueIndex): boolean {
  if (tokens.length === 0 || tokens.length > 8) return false
  const stems = tokens.map((t) => stem(index.correct(t)))
  const couldBe = (t: string, i: number) =>
    ROLE_WORD_STEMS.has(stems[i]!) || PEOPLE.has(t) || AUDIENCE_GLUE.has(t) || /^\d+$/.test(t) || /^(year\d+|ks\d)$/.test(t) || readPhases(t).phases.length > 0
  if (!tokens.every(couldBe)) return false
  const covered = tokens.map(() => false)
  for (const phrase of ROLE_STEMS) for (let at = findPhrase(stems, phrase); at >= 0; at = -1) phrase.forEach((_, k) => (covered[at + k] = true))
  let people = covered.some(Boolean)
  tokens.forEach((t, i) => {
    if (PEOPLE.has(t)) covered[i] = people = true
    else if (AUDIENCE_GLUE.has(t) || /^\d+$/.test(t) || /^(year\d+|ks\d)$/.test(t) || readPhases(t).phases.length > 0) covered[i] = true
  })
  return people && covered.every(Boolean)
}

/**
 * What each clause is read as. A clause that only names more people after a need ("subject
 * knowledge CPD for the EY staff and the KS1 teachers") asks the same for them: it is read with
 * the need's words, "subject knowledge CPD for the KS1 teachers", and answered for its own people.
 */
export function clauseReadings(clauses: string[], index: CatalogueIndex): string[] {
  const read: string[] = []
  for (const [i, clause] of clauses.entries()) {
    const before = read[i - 1]
    const need = i > 0 && before !== undefined && namesOnlyPeople(words(clause), index) ? needBefore(words(before), index) : undefined
    read.push(need ? `${need} for ${clause}` : clause)
  }
  return read
}

/** The need a clause states apart from whom it is for: "want subject knowledge CPD" of "… for the EY staff". */
function needBefore(tokens: string[], index: CatalogueIndex): string | undefined {
  if (namesOnlyPeople(tokens, index)) return undefined
  let end = tokens.length
  for (let from = Math.max(1, tokens.length - 8); from < tokens.length; from++) {
    if (namesOnlyPeople(tokens.slice(from), index)) {
      end = from
      break
    }
  }
  while (end > 0 && ATTACHES.has(tokens[end - 1]!)) end--
  const need = tokens.slice(0, end)
  return need.some((t) => index.topicStems.has(stem(index.correct(t)))) ? need.join(' ') : undefined
}

function readOwnClause(clause: string, whole: Question, index: CatalogueIndex): Question {
  const own = readText(clause, index, { mathsMentioned: whole.mathsMentioned })
  // "Two of those schools have never done…" is about others: the asker's role is not theirs.
  const namesSomeone = own.roles.length > 0 || firstIn(own.stems, TEACHER) !== undefined || firstIn(own.stems, OTHERS) !== undefined
  const keepsOwnRoles = namesSomeone || whole.roles.length !== 1 || whole.othersRoles.includes(whole.roles[0]!)
  // GCSE is a qualification, not a phase, when the message names the phase ("GCSE resit groups" in a sixth form).
  const ownPhases = readPhases(clause.replace(/\bgcses?\b/gi, ' ')).phases.length > 0 || whole.phases.length === 0 ? own.phases : []
  return {
    ...own,
    phases: ownPhases.length > 0 ? withAskersPhase(clause, ownPhases, whole.phases) : whole.phases.length > 0 ? whole.phases : own.phases,
    years: own.years.years.length > 0 || own.phases.length > 0 ? own.years : whole.years,
    // The asker's one role, not other people's ("…, and our TAs want subject knowledge help").
    roles: keepsOwnRoles ? own.roles : whole.roles,
    ...(keepsOwnRoles ? {} : { rolesInherited: true }),
    completedCue: whole.completedCue,
    // Asking for themselves anywhere ("helps me lead the dept, esp with mastery") holds for every clause.
    asksForSelf: own.asksForSelf || whole.asksForSelf,
    unwantedFormats: whole.unwantedFormats,
    unwanted: whole.unwanted,
    plainTeachers: own.plainTeachers || whole.plainTeachers,
    ...(own.stage ?? whole.stage ? { stage: own.stage ?? whole.stage } : {}),
    ...(!own.stage && whole.stage ? { stageInherited: true } : {}),
    clauses: [clause],
  }
}

/** Other schools named by their phase: "our primaries", "feeder primaries", "the local secondary", "primary colleagues". */
const OTHER_SCHOOLS =
  /\b(?:primaries|secondaries|feeders?|(?:primary|secondary)\s+(?:schools|colleagues|partners)|(?:local|nearby|partner|neighbouring|feeder)\s+(?:primary|secondary))\b/i

/**
 * A clause naming other schools by their phase ("our primaries want a transition project with
 * us") keeps the asker's phase beside theirs: a secondary asker is still answered as secondary.
 */
function withAskersPhase(clause: string, own: Phase[], askers: Phase[]): Phase[] {
  if (askers.length === 0 || !OTHER_SCHOOLS.test(clause)) return own
  return PHASES.filter((p) => own.includes(p) || askers.includes(p))
}

/** The catalogue's keyword phrases (not phases or formats) in a run of stems. */
function topicsIn(stems: string[], index: CatalogueIndex): string[][] {
  return index.projects.flatMap((p) => p.phrases.filter((ph) => !ph.phaseLike && findPhrase(stems, ph.stems) >= 0).map((ph) => ph.stems))
}

function hasIn(text: string, index: CatalogueIndex, list: { text: string; stems: string[] }[]): boolean {
  return firstIn(words(text).map((w) => stem(index.correct(w))), list) !== undefined
}

function readText(text: string, index: CatalogueIndex, context: { mathsMentioned: boolean }): Question {
  // "alevel" is "a level": a keyword written as one word.
  const corrected = words(text).flatMap((w) => index.compounds.get(w) ?? index.compounds.get(w.replace(/s$/, '')) ?? [index.correct(w)])
  const stems = corrected.map(stem)
  const has = (list: { text: string; stems: string[] }[]) => firstIn(stems, list) !== undefined

  // A role that directs others ("our HoD wants the department to …") is not the asker's.
  // "Our new maths teachers" names new teachers as "new teachers" does.
  const withoutMaths = stems.filter((s) => !MATHS_STEMS.has(s))
  // "Leading my first work group" leads a work group as "leading a work group" does.
  const withoutOwn = stems.filter((s) => !OWN_WORDS.has(s))
  let roles = ROLES.filter((r) =>
    r.phrases.some(
      (p) =>
        occursAsAudience(stems, p.stems) ||
        (!p.stems.some((s) => MATHS_STEMS.has(s)) && occursAsAudience(withoutMaths, p.stems)) ||
        (r.role === 'work group leads' && occursAsAudience(withoutOwn, p.stems)),
    ),
  ).map((r) => r.role)
  // A trainee on a PGCE is not the training provider.
  // One who teaches or runs the training is its provider, trainees or not ("uni ITT tutor … our trainees").
  if (asksAsTrainee(stems) && !has(ITT_STAFF)) roles = roles.filter((r) => r !== 'itt providers')
  // "Maths lead for the trust" leads across schools, not a department.
  if (roles.includes('heads of department') && has(TRUST)) roles = [...roles.filter((r) => r !== 'heads of department'), 'mat leads']
  // "MAT maths lead": a lead's title the trust qualifies is one role, the trust's, not a department's as well.
  if (roles.includes('heads of department') && roles.includes('mat leads') && !has(DEPARTMENT_HEAD)) roles = roles.filter((r) => r !== 'heads of department')
  roles = [...new Set(roles)]
  const roleWords = new Set<number>()
  for (const r of ROLES.filter((role) => roles.includes(role.role)))
    for (const p of r.phrases)
      for (let at = findPhrase(stems, p.stems); at >= 0; at = -1) p.stems.forEach((_, k) => roleWords.add(at + k))
  const subject = firstIn(stems, SUBJECTS)
  // "A geography teacher who has to teach some maths" is a non-specialist, not a geography question.
  const teachesSubject = subject !== undefined && teachesIt(stems, subject.stems)
  if (teachesSubject && context.mathsMentioned && !roles.includes('non-specialist teachers')) roles.push('non-specialist teachers')

  // GCSE is a qualification, not the asker's phase, when they name one ("a primary … Thinking for GCSE").
  const named = readPhases(text.replace(/\bgcses?\b/gi, ' ')).phases
  let phases = named.length > 0 ? named : readPhases(text).phases
  // Maths departments and heads of maths are a secondary school's, and so are feeder primaries.
  if (phases.length === 0 && has(SECONDARY_HINTS)) phases = ['secondary']
  if (phases.length === 1 && phases[0] === 'primary' && has(FEEDERS)) phases = ['primary', 'secondary']
  // Whoever teaches in the early years is what the catalogue calls an early years practitioner.
  if (phases.length === 1 && phases[0] === 'early years' && roles.length === 0 && has(TEACHER)) roles.push('early years practitioners')

  const question: Question = {
    text,
    words: corrected,
    stems,
    phases,
    roles,
    completedCue: has(COMPLETED),
    crossPhase: phases.includes('primary') && phases.includes('secondary') && has(CROSS_PHASE),
    wantsNew:
      has(NEW_THIS_YEAR) || namesNewOffer(corrected) || (stems.includes(NEW_WORD) && !has(NEW) && stems.some((s) => NEW_WHAT.has(s)) && !namesNewPeople(corrected)),
    years: readYears(text),
    roleWords,
    formats: formatsIn(text),
    unwantedFormats: [],
    unwanted: [],
    plainTeachers: has(PLAIN_TEACHERS),
    partners: index.partners.filter((p) => has(ANY_PARTNER) || p.names.some((n) => findPhrase(stems, n) >= 0)).map((p) => p.name),
    everyPhase: phases.length >= 2 && has(EVERY_PHASE),
    listsAll: listsFormat(stems),
    heldRoles: roles.filter((r) => holdsRole(stems, ROLES.find((role) => role.role === r)!.phrases)),
    othersRoles: roles.filter((r) => namedAsOthers(stems, ROLES.find((role) => role.role === r)!.phrases)),
    asksForSelf: has(SELF_ASK),
    central: firstIn(withoutNationalFormat(stems), CENTRAL) !== undefined,
    unknownTopics: splitClauses(text).clauses.flatMap((c) => unknownTopics(c, index)),
    mathsMentioned: context.mathsMentioned,
    isTeacher: has(TEACHER),
    clauses: [text],
  }
  // A need in the asker's own words is read as the catalogue's phrase for it as well.
  for (const paraphrase of paraphrasesIn(stems)) {
    question.words = [...question.words, SEPARATOR, ...paraphrase.words]
    question.stems = [...question.stems, SEPARATOR, ...paraphrase.stems]
  }
  if (has(REJOIN)) question.stage = 'rejoin'
  else if (has(NEW) && !firstYearDone(stems, question.completedCue)) question.stage = 'new'
  else if (has(CONTINUING)) question.stage = 'continuing'
  return question
}

const FIRST_YEAR = toStems('first year')
/**
 * "We went through year one of TfM last year, what comes next?": a first year told as done is
 * the first step behind the school, not a school starting out. Only when "first year" is the
 * one starting word and the message says something was done.
 */
function firstYearDone(stems: string[], completed: boolean): boolean {
  return completed && findPhrase(stems, FIRST_YEAR) >= 0 && NEW.every((cue) => cue.text === 'first year' || findPhrase(stems, cue.stems) < 0)
}

/** What the catalogue offers, named after "new" and a phase: "new post-16 projects", "new primary work groups". */
const OFFER_NOUNS = new Set(['project', 'projects', 'ones', 'programme', 'programmes', 'work', 'workgroup', 'workgroups', 'offer', 'offers', 'courses', 'networks', 'strands'])
/** Words between "new" and what is new that say only whose it is: phases, key stages, "maths". */
const OFFER_QUALIFIERS = new Set(['maths', 'math', 'mathematics', 'hub', 'post', 'sixth', 'form', 'early', 'years', 'school', 'level', 'a'])

/** People who are new: "new secondary teacher", "our new maths staff". They are early career, not asking what is new. */
const NEW_PEOPLE = new Set(['teacher', 'teachers', 'staff', 'colleague', 'colleagues', 'member', 'members', 'starter', 'starters', 'recruit', 'recruits', 'hod', 'head'])
function namesNewPeople(tokens: string[]): boolean {
  for (let i = tokens.indexOf('new'); i >= 0; i = tokens.indexOf('new', i + 1)) {
    let at = i + 1
    while (at < tokens.length && at - i <= 3 && (OFFER_QUALIFIERS.has(tokens[at]!) || readPhases(tokens[at]!).phases.length > 0)) at++
    if (NEW_PEOPLE.has(tokens[at] ?? '')) return true
  }
  return false
}

/**
 * "Any new post-16 projects this year?": "new" before what the catalogue offers, with only a
 * phase between, asks for the projects new this year as "new projects" does.
 */
function namesNewOffer(tokens: string[]): boolean {
  for (let i = tokens.indexOf('new'); i >= 0; i = tokens.indexOf('new', i + 1)) {
    let at = i + 1
    while (at < tokens.length && at - i <= 4 && (OFFER_QUALIFIERS.has(tokens[at]!) || /^\d+$/.test(tokens[at]!) || readPhases(tokens[at]!).phases.length > 0)) at++
    if (at > i + 1 && OFFER_NOUNS.has(tokens[at] ?? '')) return true
  }
  return false
}

/** Words between "leading" and "work group" that say whose or which one: "leading my first work group". */
const OWN_WORDS = new Set(['my', 'our', 'own', 'first', 'the', 'a', 'an', 'new'].map(stem))
/** Before a role: saying one is it ("I'm a … mastery specialist"), or wants to be it ("to become a …"). */
const IS_WORDS = new Set(['im', 'am', 'as', 'were', 'are', 'being', 'is'].map(stem))
const SEEKS_WORDS = new Set(['become', 'becoming', 'be', 'train', 'training', 'seeking', 'seek', 'want', 'go', 'going', 'aspiring', 'get', 'like'].map(stem))

/**
 * The asker is a trainee: a trainee's words ("PGCE trainee", "on placement") that are not
 * someone's trainees ("our primary trainees", "mentoring trainees").
 */
function asksAsTrainee(stems: string[]): boolean {
  return TRAINEE.some((cue) => {
    for (let at = findPhrase(stems, cue.stems); at >= 0; ) {
      let before = at - 1
      while (before >= 0 && TRAINEE_QUALIFIERS.has(stems[before]!)) before--
      if (!OTHERS_TRAINEES.has(stems[before] ?? '')) return true
      const next = findPhrase(stems.slice(at + 1), cue.stems)
      at = next < 0 ? -1 : at + 1 + next
    }
    return false
  })
}

/** Before a role, words that make it other people: "our TAs", "for my two ECTs". */
const WHOSE = new Set(['our', 'my', 'their', 'his', 'her', 'your', 'for'])
const COUNTING = new Set(['two', 'three', 'four', 'five', 'few', 'some', 'all', 'new', 'the', 'primary', 'secondary', 'ks1', 'ks2', 'ks3', 'ks4'].map(stem))

/** Every mention of the role is of other people ("our TAs"), none of the asker. */
function namedAsOthers(stems: string[], phrases: { stems: string[] }[]): boolean {
  let mentioned = false
  for (const p of phrases) {
    for (let at = findPhrase(stems, p.stems); at >= 0; ) {
      mentioned = true
      let before = at - 1
      while (before >= 0 && (COUNTING.has(stems[before]!) || /^\d+$/.test(stems[before]!))) before--
      if (!WHOSE.has(stems[before] ?? '')) return false
      const next = findPhrase(stems.slice(at + 1), p.stems)
      at = next < 0 ? -1 : at + 1 + next
    }
  }
  return mentioned
}

/** The asker says they are this already: "I'm a secondary mastery specialist", "as an LLME". */
function holdsRole(stems: string[], phrases: { stems: string[] }[]): boolean {
  return phrases.some((p) => {
    const at = findPhrase(stems, p.stems)
    if (at < 0) return false
    const before = stems.slice(Math.max(0, at - 4), at)
    return before.some((s) => IS_WORDS.has(s)) && !before.some((s) => SEEKS_WORDS.has(s))
  })
}

/** Words after a format that ask for all of it: "what work groups are there", "which networks do you run". */
const FORMAT_ASKED = ['are there', 'are available', 'are on offer', 'are running', 'are you running', 'do you run', 'do you offer', 'do you have', 'exist'].map(toStems)

/** Asks for the whole of a format: "list every programme", "all the networks", "what work groups are there". */
function listsFormat(stems: string[]): boolean {
  return FORMATS.some((f) =>
    f.phrases.some((p) => {
      for (let at = findPhrase(stems, p); at >= 0; ) {
        const before = stems.slice(Math.max(0, at - 3), at)
        const after = stems.slice(at + p.length, at + p.length + 3)
        if (LIST_ALL.some((cue) => findPhrase(before, cue.stems) >= 0) || FORMAT_ASKED.some((cue) => findPhrase(after, cue) === 0)) return true
        const next = findPhrase(stems.slice(at + 1), p)
        at = next < 0 ? -1 : at + 1 + next
      }
      return false
    }),
  )
}

/** Every programme is a national one: "national programme" names the format, not how it is run. */
const FORMAT_HEADS = new Set(FORMATS.flatMap((f) => f.phrases.map((p) => p[0]!)))
const NATIONAL = stem('national')
function withoutNationalFormat(stems: string[]): string[] {
  return stems.filter((s, i) => !(s === NATIONAL && FORMAT_HEADS.has(stems[i + 1] ?? '')))
}

/** A role's phrase in the question that is not someone directing others. */
function occursAsAudience(stems: string[], phrase: string[]): boolean {
  for (let at = findPhrase(stems, phrase); at >= 0; ) {
    const after = stems.slice(at + phrase.length)
    const verb = DIRECTING_VERBS.find((v) => findPhrase(after.slice(0, v.length), v) === 0)
    if (!verb || !DIRECTING_OBJECTS.some((o) => findPhrase(after.slice(verb.length, verb.length + o.length + 1), o) >= 0)) return true
    const next = findPhrase(stems.slice(at + 1), phrase)
    at = next < 0 ? -1 : at + 1 + next
  }
  return false
}

/** Normalised words back as the asker wrote them, where they can be found ("EAL", "Numicon"). */
function asWritten(topic: string[], text: string): string {
  return topic.map((w) => new RegExp(`\\b${w}\\b`, 'i').exec(text)?.[0] ?? w).join(' ')
}

function formatsIn(text: string): Format[] {
  const sequence = words(text).map(stem)
  return FORMATS.filter((f) => f.phrases.some((p) => findPhrase(sequence, p) >= 0)).map((f) => f.format)
}

/**
 * What the question asks a project to be about ("a course specifically on … SEND or
 * dyscalculia") when none of it is anything the catalogue's fields, phases or roles mention.
 */
function unknownTopics(text: string, index: CatalogueIndex): string[] {
  const tokens = words(text)
  const found: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    // "a work group on …" asks as "a project on …" does.
    const asks = ASK_BEFORE.has(tokens[i]!) || (/^groups?$/.test(tokens[i]!) && tokens[i - 1] === 'work')
    if (!asks) continue
    let at = i + 1
    while (at < tokens.length && (ASK_BEFORE.has(tokens[at]!) || ASK_JOINS.has(tokens[at]!))) at++
    if (at === i + 1 && !ASK_DIRECT.has(tokens[i]!)) continue
    const topic = tokens.slice(at)
    // What is left once phases, people, cues and filler are gone: the topic itself.
    const content = readPhases(topic.join(' ')).unknownWords.filter(
      (w) => !TOPIC_FILLER.has(w) && !KNOWN_WORDS.has(w) && w.length >= 2 && !/\d/.test(w),
    )
    if (content.length === 0) break
    // Said from its first word of substance: "algebra in year 9", not "my teaching of algebra…".
    const from = topic.findIndex((w) => content.includes(w))
    if (!content.some((w) => index.topicStems.has(stem(index.correct(w))))) found.push(asWritten(topic.slice(Math.max(0, from)), text))
    break
  }
  return found
}

function scopeOf(
  text: string,
  stems: string[],
  index: CatalogueIndex,
  found: { subject: string | undefined; mathsMentioned: boolean; hasRole: boolean; hasPhase: boolean; completedCue: boolean },
): OutOfScope | undefined {
  if (firstIn(stems, OFF_TOPIC)) return { kind: 'off-topic' }
  const place = firstIn(stems, PLACES)
  if (place) return { kind: 'outside-england', place: titleCase(place.text) }
  const otherProject = index.otherYearNames.find((n) => findPhrase(stems, n.stems) >= 0)
  if (otherProject) return { kind: 'other-year', what: `“${titleCase(otherProject.text)}”` }
  const year = otherSchoolYear(text, index.catalogue.schoolYear, found.completedCue)
  if (year) return { kind: 'other-year', what: `the ${year} catalogue` }
  // A university's own staff. A university that trains teachers is an ITT provider, and a
  // school's teacher who went to one ("studied physics at uni, now teach at a secondary") names a phase.
  if (!found.hasRole && !found.hasPhase && firstIn(stems, HIGHER_EDUCATION) && !firstIn(stems, TEACHER_TRAINING)) return { kind: 'higher-education' }
  // A teacher talking about pupils' revision or homework is not a parent.
  if (!found.hasRole && !firstIn(stems, TEACHER) && firstIn(stems, PARENTS)) return { kind: 'parent' }
  if (found.subject && !found.mathsMentioned) return { kind: 'subject', subject: found.subject }
  if (firstIn(stems, PUPIL_AUDIENCE)) return { kind: 'pupils' }
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
    // "Part of the network since 2019/20" tells a story too.
    const story = tellsProgress || /\b(since|from|started|starting|began|begun)\s*(in\s*)?$/i.test(text.slice(0, match.index))
    if (start > currentStart || (start < currentStart && !story)) return `${match[1]}/${match[2]}`
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
