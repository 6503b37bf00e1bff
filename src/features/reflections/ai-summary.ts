// Optional: an OpenAI-compatible model summarises the reflections a Lead may see. The model is
// given the answers' words only, never a name or user id, and what it writes is checked in
// code before anyone sees it: a reply that is empty, rambling or names a participant is
// dropped, and the keyword themes are shown instead. Like the catalogue's ranker, it has a
// short time budget and no retries, and it never throws.
import { createModelClient, type ModelConfig } from '../../ai/openai-client.js'
import type { CollatedReflections } from '../../domain/collate-reflections.js'

export interface SummaryAnswer {
  tryInClass?: string
  noticed?: string
}

export interface SummaryInput {
  projectTitle: string
  answers: SummaryAnswer[]
}

export interface ReflectionSummariser {
  /** The model's text; throws on HTTP failure or when `signal` aborts. */
  summarise(input: SummaryInput, signal: AbortSignal): Promise<string>
}

export type OpenAiSummariserConfig = ModelConfig

/** `attempted` says a model was asked, so a failure is worth telling the Lead about. */
export type SummaryResult = { kind: 'ai'; text: string } | { kind: 'unavailable'; reason: string; attempted?: boolean }

/** As for catalogue answers: Slack's acknowledgement goes at 2 s, and the view follows soon after. */
export const DEFAULT_SUMMARY_BUDGET_MS = 2_500

/** Five plain sentences fit well within this; a longer reply ignored its instructions. */
export const MAX_SUMMARY_LENGTH = 1_200

const INSTRUCTIONS = [
  'You help a Maths Hubs Work Group Lead in England read the reflections teachers wrote after a session.',
  'Each answer says what the teacher will try in class and what they noticed in their pupils.',
  'Summarise the answers in 3 to 5 plain sentences of British English: common ideas first, then anything notable.',
  'Use only what the answers say; do not add advice, praise or facts of your own.',
  'Never name, address, quote by name or guess the identity of any person, teacher, pupil or school.',
  'Write plain text: no headings, lists, links or formatting.',
].join(' ')

export function createOpenAiSummariser(config: OpenAiSummariserConfig): ReflectionSummariser {
  const client = createModelClient(config)
  return {
    async summarise(input, signal) {
      const completion = await client.chat.completions.create(
        {
          model: config.model,
          temperature: 0,
          messages: [
            { role: 'system', content: INSTRUCTIONS },
            { role: 'user', content: JSON.stringify({ project: input.projectTitle, answers: input.answers.map(toWire).filter(present) }) },
          ],
        },
        { signal },
      )
      return completion.choices[0]?.message?.content ?? ''
    },
  }
}

/**
 * The answers' words and nothing else: callers may hand over richer objects (a named
 * reflection fits `SummaryAnswer`), and a user id or name must never reach the model.
 */
function wordsOnly(answer: SummaryAnswer, rewrite: (text: string) => string = (t) => t): SummaryAnswer | undefined {
  const tryInClass = answer.tryInClass?.trim() ? rewrite(answer.tryInClass.trim()) : ''
  const noticed = answer.noticed?.trim() ? rewrite(answer.noticed.trim()) : ''
  if (!tryInClass && !noticed) return undefined
  return { ...(tryInClass ? { tryInClass } : {}), ...(noticed ? { noticed } : {}) }
}

const present = <T>(value: T | undefined): value is T => value !== undefined

/** The request's shape for one answer, rebuilt from the words alone. */
function toWire(answer: SummaryAnswer): { try_in_class?: string; noticed?: string } | undefined {
  const words = wordsOnly(answer)
  return words && { ...(words.tryInClass ? { try_in_class: words.tryInClass } : {}), ...(words.noticed ? { noticed: words.noticed } : {}) }
}

/** The summariser's input from what the Lead may see: named and released anonymous answers, no names. */
export function summaryInputFor(collated: CollatedReflections, projectTitle: string): SummaryInput {
  return { projectTitle, answers: [...collated.named, ...collated.anonymous].map((a) => wordsOnly(a)).filter(present) }
}

/**
 * A checked summary within `budgetMs`, or why there is none. `forbiddenNames` should hold every
 * participant's name, so that even an anonymised view can never name anyone.
 */
export async function summariseWithin(
  summariser: ReflectionSummariser | undefined,
  input: SummaryInput,
  options: { budgetMs?: number; forbiddenNames: string[] },
): Promise<SummaryResult> {
  if (!summariser) return { kind: 'unavailable', reason: 'no AI model is configured' }
  const answers = input.answers.map((a) => wordsOnly(a, (text) => redactNames(text, options.forbiddenNames))).filter(present)
  if (answers.length === 0) return { kind: 'unavailable', reason: 'there are no answers to summarise' }

  const budget = options.budgetMs ?? DEFAULT_SUMMARY_BUDGET_MS
  let reply: string
  try {
    reply = await withinBudget((signal) => summariser.summarise({ projectTitle: input.projectTitle, answers }, signal), budget)
  } catch (error) {
    const reason = error instanceof BudgetExceeded ? 'the AI model took too long' : 'the AI model was unavailable'
    return { kind: 'unavailable', reason, attempted: true }
  }
  return checkSummary(reply, options.forbiddenNames)
}

/** The reply as it may be shown, or why it may not. */
export function checkSummary(reply: unknown, forbiddenNames: string[]): SummaryResult {
  const raw = typeof reply === 'string' ? reply : ''
  const text = plainText(raw)
  if (text === '') return { kind: 'unavailable', reason: 'the AI model returned no summary', attempted: true }
  // The raw reply is checked too: a name hidden in a link or markup is a reply not to trust.
  if (namesSomeone(text, forbiddenNames) || namesSomeone(raw, forbiddenNames))
    return { kind: 'unavailable', reason: 'the AI summary mentioned a participant, so it is not shown', attempted: true }
  if (text.length > MAX_SUMMARY_LENGTH) return { kind: 'unavailable', reason: 'the AI summary was too long', attempted: true }
  return { kind: 'ai', text }
}

class BudgetExceeded extends Error {}

/**
 * Aborts the call when the budget runs out and stops waiting at that moment too, even for a
 * summariser that ignores its signal.
 */
async function withinBudget<T>(call: (signal: AbortSignal) => Promise<T>, budgetMs: number): Promise<T> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new BudgetExceeded())
      controller.abort()
    }, budgetMs)
  })
  const work = Promise.resolve().then(() => call(controller.signal))
  // The losing promise must not surface later as an unhandled rejection.
  work.catch(() => undefined)
  try {
    return await Promise.race([work, expired])
  } finally {
    clearTimeout(timer)
  }
}

/** Markdown links become their labels; other markup, URLs and @-mentions go, as for the ranker's explanations. */
function plainText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, '')
    .replace(/^\s*#+\s*/gm, '')
    .replace(/[<>[\]`*_~|]/g, '')
    .replace(/@(?=[\p{L}\p{N}])/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * Whether `text` names anyone in `names`, case-insensitively and as whole words: a full name,
 * or any part of one ("Priya" of "Priya Shah"), since a model names people by first name.
 * A part that is also an everyday word ("Will", "Mark", "An") counts only when capitalised
 * mid-sentence, or every summary saying "will" would be refused.
 */
export function namesSomeone(text: string, names: string[]): boolean {
  const haystack = tidy(text)
  return names.some((name) => {
    const { whole, parts, everyday } = nameForms(name)
    return (
      [...whole, ...parts].some((form) => wholeWord(form, 'iu').test(haystack)) ||
      everyday.some((part) => capitalisedMidSentence(part, haystack))
    )
  })
}

/** Participants' names in the answers themselves become "a colleague": the model need not see them. */
function redactNames(text: string, names: string[]): string {
  let redacted = tidy(text)
  for (const name of names) {
    const { whole, parts } = nameForms(name)
    for (const form of [...whole, ...parts]) redacted = redacted.replace(wholeWord(form, 'giu'), 'a colleague')
  }
  return redacted
}

/** A name whole, its distinctive parts, and the parts that are also everyday words. */
function nameForms(name: string): { whole: string[]; parts: string[]; everyday: string[] } {
  const full = tidy(name)
  if (full.length < 2) return { whole: [], parts: [], everyday: [] }
  const split = full.split(/[\s-]+/).filter((p) => p.length >= 2)
  // Longest first, so "Priya Shah" is replaced whole before "Priya" is.
  return {
    whole: [full],
    parts: split.filter((p) => !EVERYDAY_WORDS.has(p.toLowerCase())).sort((a, b) => b.length - a.length),
    everyday: split.filter((p) => EVERYDAY_WORDS.has(p.toLowerCase())),
  }
}

function tidy(text: string): string {
  return text.normalize('NFC').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim()
}

function wholeWord(word: string, flags: string): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, flags)
}

function capitalisedMidSentence(part: string, text: string): boolean {
  const capitalised = part.charAt(0).toLocaleUpperCase('en-GB') + part.slice(1).toLocaleLowerCase('en-GB')
  for (const match of text.matchAll(wholeWord(capitalised, 'gu'))) {
    const before = text.slice(0, match.index).trimEnd()
    if (before !== '' && !/[.!?:;"']$/.test(before)) return true
  }
  return false
}

/** First names, surnames and short names that are also ordinary words a summary may well use. */
const EVERYDAY_WORDS = new Set(
  (
    'will may mark grace hope joy faith rose bill pat sue drew summer april june august dawn eve ' +
    'frank earl guy jack lily amber ruby ivy holly heather skye rich sunny sky art bob ray don ' +
    'young little long short white black brown green gray grey wood hill stone baker cook smith ' +
    'king bird fox page bell hall lane rice love best good read field church english ' +
    'an as at be by do go he if in is it me my no of on or so to up us we'
  ).split(' '),
)
