// Keyword themes across reflections, with no AI: what several people wrote about, so a Lead
// sees at a glance that four answers mention bar models. Counted per answer rather than per
// occurrence, so one enthusiastic person repeating a word cannot make it a theme.
import { stemmer } from 'stemmer'

export interface Theme {
  /** The form people wrote most often, e.g. "bar models". */
  phrase: string
  /** How many answers mention it. */
  count: number
}

/**
 * Words that never make a theme: function words (British spellings and contractions without
 * their apostrophes) and the words every reflection uses because of the questions asked.
 */
const STOPWORDS = new Set(
  (
    'a about above after again against all almost along already also although always am among an and another any anyone ' +
    'anything are around as at away back be became because become been before being below between both but by came can ' +
    'cannot cant come could couldnt did didnt do does doesnt doing done dont down during each either else enough even ' +
    'ever every everyone everything few for from further get gets getting give given go goes going gone got gotten had ' +
    'hadnt has hasnt have havent having he hed hes her here hers herself him himself his how however i id if ill im in ' +
    'into is isnt it itd itll its itself ive just least less let lets like likely lot lots made make makes making many ' +
    'may maybe me might mine more most much must my myself need needed needs neither never next no none nor not nothing ' +
    'now of off often on once one only onto or other others otherwise ought our ours ourselves out over own perhaps ' +
    'quite rather said same saw say see seem seemed seems seen several shall she shed shell shes should shouldnt since ' +
    'so some somehow someone something sometimes still such sure take taken than that thats the their theirs them ' +
    'themselves then there theres these they theyd theyll theyre theyve thing things this those though through thus ' +
    'till to together too took towards two under unless until up upon us use used uses using very via want wanted wants ' +
    'was wasnt way ways we wed well went were werent weve what whatever whats when where whether which while who whom ' +
    'whose why will with within without wont would wouldnt yes yet you youd youll your youre yours yourself yourselves ' +
    'youve ' +
    // The questions' own words and what every answer in a maths Work Group is about.
    'pupil pupils child children kid kids student students learner learners class classes classroom lesson lessons ' +
    'think thinks thought really will try tries tried trying notice notices noticed noticing ' +
    'maths math mathematics teach teaching taught teacher teachers session sessions today week weeks time ' +
    'bit good great lovely nice new able better best year years group groups'
  ).split(' '),
)

/** Themes mentioned by at least two answers, most common first, then alphabetically. */
export function reflectionThemes(texts: string[], limit = 8): Theme[] {
  const tally = new Tally()
  texts.forEach((text, answer) => {
    for (const segment of segments(text)) countSegment(tally, segment, answer)
  })
  const candidates = tally.entries().filter((entry) => entry.answers.size >= 2)
  const phrases = candidates.filter((entry) => entry.stems.length === 2)
  // A word is only worth showing on its own when some answers use it outside the phrase.
  const kept = candidates.filter(
    (entry) => entry.stems.length === 2 || !phrases.some((phrase) => phrase.stems.includes(entry.stems[0]!) && phrase.answers.size === entry.answers.size),
  )
  return kept
    .map((entry) => ({ phrase: entry.surface(), count: entry.answers.size }))
    .sort((a, b) => b.count - a.count || compare(a.phrase.toLowerCase(), b.phrase.toLowerCase()) || compare(a.phrase, b.phrase))
    .slice(0, Math.max(0, limit))
}

interface Token {
  /** As written, except a capital that is only there because the word starts a sentence. */
  surface: string
  stem: string
  /** May stand alone as a theme (not a number, long enough). */
  word: boolean
}

/** Stretches of text a phrase may not cross: sentences, clauses, lines and brackets. */
function segments(text: string): Token[][] {
  return text
    .normalize('NFC')
    .replace(/['’‘`]/g, '')
    // A hyphen inside a word ("part-whole") joins; one between spaces is a dash.
    .split(/[.,;:!?()[\]{}"“”\n\r\t/|•–—]+|\s-+\s/)
    .map(tokens)
    .filter((segment) => segment.length > 0)
}

function tokens(segment: string): Token[] {
  const raw = segment.split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  return raw.map((written, index) => {
    const lower = written.toLocaleLowerCase('en-GB')
    const startCapital = index === 0 && written.slice(1) === lower.slice(1)
    return { surface: startCapital ? lower : written, stem: stem(lower), word: lower.length >= 3 && /\p{L}/u.test(lower) }
  })
}

/** Stems already worked out: reflections repeat their words, and stemming is most of the cost. */
const stems = new Map<string, string>()
const STEMS_KEPT = 20_000

function stem(word: string): string {
  // As in the catalogue's matching: short words and numbers stem badly, so they stay whole.
  if (word.length <= 3 || /\d/.test(word)) return word
  let found = stems.get(word)
  if (found === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear()
    found = stemmer(word)
    stems.set(word, found)
  }
  return found
}

const isStopword = (token: Token) => STOPWORDS.has(token.surface.toLocaleLowerCase('en-GB'))

/** Each word, and each pair of adjacent meaningful words ("bar models", "year 7"), once per answer. */
function countSegment(tally: Tally, segment: Token[], answer: number): void {
  segment.forEach((token, i) => {
    if (isStopword(token)) return
    if (token.word) tally.add([token], answer)
    const next = segment[i + 1]
    if (next && !isStopword(next) && (token.word || next.word)) tally.add([token, next], answer)
  })
}

class TallyEntry {
  readonly answers = new Set<number>()
  private readonly forms = new Map<string, number>()
  constructor(readonly stems: string[]) {}

  add(surface: string, answer: number): void {
    this.answers.add(answer)
    this.forms.set(surface, (this.forms.get(surface) ?? 0) + 1)
  }

  /** The most common written form; ties go to the alphabetically first, so output is stable. */
  surface(): string {
    return [...this.forms].sort(([a, m], [b, n]) => n - m || compare(a, b))[0]![0]
  }
}

class Tally {
  private readonly byKey = new Map<string, TallyEntry>()

  add(words: Token[], answer: number): void {
    const stems = words.map((w) => w.stem)
    const key = stems.join(' ')
    const entry = this.byKey.get(key) ?? new TallyEntry(stems)
    this.byKey.set(key, entry)
    entry.add(words.map((w) => w.surface).join(' '), answer)
  }

  entries(): TallyEntry[] {
    return [...this.byKey.values()]
  }
}

/** Code-point order: the same on every machine, unlike locale collation. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
