// A message → the clauses that say what the asker wants. Teachers write whole stories
// ("our feeder primaries are in Embedding, their TAs have done SKTM, our department has never
// done mastery"): what other people already do, comparisons ("like the secondary one") and
// what they do not want ("not after the mastery programme") are context, never a need.
import { normalise } from '../../core/words.js'

export interface Clauses {
  /** The message without the parts that are not asked for, for reading the asker's needs. */
  asked: string
  /** The clauses kept, in order: each may carry a need of its own. */
  clauses: string[]
  /** What the asker said they do not want ("rather than work groups"), normalised. */
  negated: string[]
}

/** Where a message breaks into clauses: sentence marks, dashes, commas, and "and" before a new subject. */
const BREAKS = /[.?!;:()\n]+|\s[-–—]+\s|,|\s(?:while|whilst|because)\s|\s(?:and|but|plus)\s+(?=(?:we|i|im|i’m|i'm|our|my|their|they|the|two|three|those|also|he|she)\b)/i

/** Someone other than the asker: their projects are not the asker's need. */
const THIRD_PARTY = new Set(
  'their they them he she his her feeder feeders partner other others colleagues colleague staff teachers teacher tas ta hod head practitioners partners kids pupils children students school schools primaries secondaries department dept trust'.split(
    ' ',
  ),
)
const FIRST_PERSON = new Set(['we', 'i', 'im', 'ive', 'weve', 'us', 'me'])
/** "Our teachers did Development": a school speaking for its own staff. */
const OWN_STAFF = new Set(['teachers', 'teacher', 'staff', 'school', 'department', 'dept'])

/** What someone already does or did ("are on SKTM", "have done the work group"). */
const REPORTS = [
  'are in', 'is in', 'are on', 'is on', 'are doing', 'is doing', 'have done', 'has done', 'did', 'have been', 'has been', 'took part',
  'completed', 'finished', 'are part of', 'were in', 'were on', 'go on', 'went on', 'get', 'gets', 'got', 'are getting', 'can do',
  'can join', 'can have', 'can get', 'are offered', 'are given',
]
const DENIALS = new Set(['never', 'not', 'havent', 'hasnt', 'didnt', 'no'])

/** "Like there is for secondary", "like the Year 5 to 8 one": a comparison, not the asker. */
const COMPARISON = /\b(?:like|similar to|same as)\s+(?:the|there(?:\s+is|\s+are|s)?|what|for|in|with|those|that)\b.*$/i

/**
 * How the asker is, not what they refuse: "not confident with fractions", "not a maths specialist",
 * "not very sure how children learn it". Such a clause states a need.
 */
const NOT_A_REFUSAL = String.raw`(?!\s+(?:(?:very|that|too|really|so|particularly|fully|all that|at all)\s+)?(?:confident|sure|comfortable|secure|strong|good|great|familiar|trained|qualified|experienced|specialist|a\s+(?:maths\s+)?(?:specialist|teacher|mathematician)|maths\s+trained|my\s+(?:subject|specialism|strength)|much\s+of\s+a)\b)`
/** What the asker says they do not want, to the end of the clause. */
// "… and not mastery again", "but not another work group": a refusal after what is asked for.
const NEGATION = new RegExp(String.raw`(?:^not\b${NOT_A_REFUSAL}|\b(?:and|but) not\b(?!\s+(?:yet|done|started|been|had|ever|even|just|only|always|necessarily)\b)${NOT_A_REFUSAL}|\b(?:not after|not interested in|not looking for|not wanting|dont want|don't want|do not want|rather than|instead of|as opposed to|other than|apart from|except(?: for)?|not keen on|no interest in|not bothered about|steer clear of|avoid|avoiding|not doing(?![^.]*\b(?:yet|at the moment|currently)\b))\b)(.*)$`, 'i')

export function splitClauses(text: string): Clauses {
  const clauses: string[] = []
  const negated: string[] = []
  for (const piece of text.split(BREAKS)) {
    let clause = (piece ?? '').trim()
    if (clause === '') continue
    const denial = NEGATION.exec(clause.replace(/[’`]/g, "'"))
    if (denial) {
      negated.push(normalise(denial[1] ?? ''))
      clause = clause.slice(0, denial.index).trim()
    }
    clause = clause.replace(COMPARISON, '').trim()
    if (clause === '' || reportsSomeoneElse(clause)) continue
    clauses.push(clause)
  }
  return { asked: clauses.join('. '), clauses, negated: negated.filter(Boolean) }
}

/** Contractions written without apostrophes, which name the subject and its verb ("theyre doing"). */
const CONTRACTIONS: Record<string, string[]> = {
  theyre: ['they', 'are'], theyve: ['they', 'have'], hes: ['he', 'is'], shes: ['she', 'is'], weve: ['we', 'have'], ive: ['i', 'have'],
  im: ['i', 'am'], arent: ['are', 'not'], isnt: ['is', 'not'],
}
/** Words that sit inside a report without changing who does it: "are all doing", "have already done". */
const REPORT_ADVERBS = new Set(['all', 'both', 'already', 'currently', 'now', 'also', 'still', 'each', 'mostly', 'just', 'recently'])

/** A clause that says what someone else already does: "their TAs have done the SKTM work group". */
function reportsSomeoneElse(clause: string): boolean {
  const tokens = normalise(clause)
    .split(' ')
    .flatMap((t) => CONTRACTIONS[t] ?? [t])
    .filter((t) => !REPORT_ADVERBS.has(t))
  for (let at = 0; at < tokens.length; at++) {
    const report = REPORTS.find((r) => r.split(' ').every((w, k) => tokens[at + k] === w))
    if (!report) continue
    // The first person named just before the verb is its subject: "I know primary schools can
    // do …" and "the primaries near us get …" are about the schools.
    const subject = tokens.slice(Math.max(0, at - 4), at)
    const who = subject.find((t) => FIRST_PERSON.has(t) || THIRD_PARTY.has(t))
    if (tokens.some((t) => DENIALS.has(t)) || who === undefined || FIRST_PERSON.has(who)) return false
    const others = subject.filter((t) => THIRD_PARTY.has(t))
    const ownStaff = (subject.includes('our') || subject.includes('my')) && !subject.includes('the') && others.every((t) => OWN_STAFF.has(t))
    return !ownStaff
  }
  return false
}
