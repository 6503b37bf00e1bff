// The Lead's collated view of one session's reflections: who reflected, the ratings, a summary
// (the model's, checked, or keyword themes), then the answers themselves. Everything shown
// comes from `collateReflections`, which has already removed what the Lead may not see; this
// module only decides how much fits in one message on both platforms.
import { type Action, type Block, MESSAGE_LIMITS, type Message, mention, textMessage, truncate, userText } from '../../core/messages.js'
import type { AnonymousReflection, CollatedReflections, NamedReflection, RatingSummary } from '../../domain/collate-reflections.js'
import { MIN_ANONYMISED } from '../../domain/collate-reflections.js'

export interface RenderCollatedInput {
  projectTitle: string
  /** The session as the Lead knows it, e.g. "Tue 4 Nov 16:00". */
  sessionLabel: string
  collated: CollatedReflections
  /** `attempted` marks a model that was asked and failed, which the Lead is told about. */
  summary: { kind: 'ai'; text: string } | { kind: 'unavailable'; reason: string; attempted?: boolean }
  /** The session whose spreadsheet the "Send me the spreadsheet" button asks for; absent, no button. */
  exportSessionId?: string
  /** Why there is no export button, when there could have been one. */
  exportNote?: string
}

/** The button that sends the Lead the session's spreadsheet as a file in their direct chat. */
export const ACTION_SEND_SPREADSHEET = 'reflections.send-spreadsheet'

export const SUMMARY_LABEL = 'AI-written summary, from the answers you may see'

/**
 * Characters of answers shown in the message. Teams cards must stay under 28 KB, and a Lead
 * reads a few dozen answers in chat at most; the export has them all.
 */
const ANSWER_CHARACTERS = 12_000
/** Each answer is at most 500 characters when sent; older or imported ones are cut to match. */
const ANSWER_TEXT_LENGTH = 500
const BAR_WIDTH = 10

export function renderCollated(input: RenderCollatedInput): Message {
  const { collated, sessionLabel } = input
  if (collated.responded === 0) return textMessage(`No reflections yet for ${sessionLabel}.`)

  const top: Block[] = [
    { type: 'header', text: truncate(`Reflections: ${userText(input.projectTitle)}`, MESSAGE_LIMITS.headerLength) },
    { type: 'text', text: `**${sessionLabel}**\n${turnout(collated)}` },
    ...(collated.ratings ? [{ type: 'text' as const, text: ratingsText(collated.ratings) }] : []),
    ...summaryBlocks(input.summary, collated),
  ]
  const bottom: Block[] = [
    ...privacyNotes(collated),
    ...(input.exportSessionId ? [exportButton(input.exportSessionId)] : []),
    ...(!input.exportSessionId && input.exportNote ? [{ type: 'context' as const, text: input.exportNote }] : []),
  ]
  // One block is kept back for the "and N more" note.
  const answerBlockBudget = MESSAGE_LIMITS.blocks - top.length - bottom.length - 2
  const answers = answerBlocks(collated, answerBlockBudget)
  const more = answers.hidden > 0 ? [{ type: 'context' as const, text: moreNote(answers.hidden, Boolean(input.exportSessionId)) }] : []
  const middle: Block[] = answers.blocks.length ? [{ type: 'divider' }, ...answers.blocks, ...more] : []

  return {
    text: `Reflections on ${userText(input.projectTitle)}, ${sessionLabel}: ${turnout(collated)}.`,
    blocks: [...top, ...middle, ...bottom],
  }
}

/** "12 of 15 reflected (80%)"; late joiners who reflected without being expected never make it over 100%. */
function turnout(collated: CollatedReflections): string {
  const outOf = Math.max(collated.expected, collated.responded)
  if (outOf === 0) return `${collated.responded} reflected`
  return `${collated.responded} of ${outOf} reflected (${Math.round((collated.responded / outOf) * 100)}%)`
}

/** A text bar chart, best rating first: platforms share no chart block, and this reads everywhere. */
function ratingsText(ratings: RatingSummary): string {
  const most = Math.max(...ratings.counts)
  const lines = [5, 4, 3, 2, 1].map((stars) => {
    const count = ratings.counts[stars - 1] ?? 0
    const length = count === 0 ? 0 : Math.max(1, Math.round((count / most) * BAR_WIDTH))
    return length ? `${stars} ★ ${'▇'.repeat(length)} ${count}` : `${stars} ★ ${count}`
  })
  const from = ratings.total === 1 ? 'the 1 rating you may see' : `the ${ratings.total} ratings you may see`
  return [`**Ratings**, from ${from}`, ...lines, `Mean: **${ratings.mean.toFixed(1)}** out of 5`].join('\n')
}

function summaryBlocks(summary: RenderCollatedInput['summary'], collated: CollatedReflections): Block[] {
  if (summary.kind === 'ai') return [{ type: 'text', text: truncate(`**${SUMMARY_LABEL}**\n${userText(summary.text)}`, MESSAGE_LIMITS.textLength) }]
  const blocks: Block[] = []
  if (collated.themes.length) blocks.push({ type: 'text', text: `**Themes:** ${collated.themes.map((t) => `${t.phrase} (${t.count})`).join(', ')}` })
  if (summary.attempted) blocks.push({ type: 'context', text: truncate(`No AI summary this time: ${summary.reason}.`, MESSAGE_LIMITS.textLength) })
  return blocks
}

/** Why the Lead sees fewer answers than the count: one friendly sentence for each reason. */
function privacyNotes(collated: CollatedReflections): Block[] {
  const notes: string[] = []
  if (collated.heldBack > 0) {
    const which = collated.heldBack === 1 ? '1 anonymised reflection is' : `${collated.heldBack} anonymised reflections are`
    notes.push(`${which} held back until at least ${MIN_ANONYMISED} people share anonymously, so that no one can be recognised.`)
  }
  if (collated.keptPrivate > 0) {
    const who = collated.keptPrivate === 1 ? '1 person' : `${collated.keptPrivate} people`
    notes.push(`${who} kept their reflection to themselves; it counts above, but only they can read it.`)
  }
  return notes.map((text) => ({ type: 'context', text }))
}

function exportButton(sessionId: string): Block {
  const action: Action = { type: 'button', id: ACTION_SEND_SPREADSHEET, label: 'Send me the spreadsheet (CSV)', value: sessionId }
  return { type: 'actions', actions: [action] }
}

function moreNote(hidden: number, hasExport: boolean): string {
  return `…and ${hidden} more ${hidden === 1 ? 'answer' : 'answers'} ${hasExport ? 'in the spreadsheet' : 'not shown here'}.`
}

interface Section {
  heading: string
  entries: string[]
}

/**
 * The answers, several to a text block so that hundreds of them cannot run past the block
 * limit. When both kinds are there, each gets at least half the space, so a long list of
 * named answers never hides every anonymous one.
 */
function answerBlocks(collated: CollatedReflections, blockBudget: number): { blocks: Block[]; hidden: number } {
  const named: Section = { heading: `**Shared with you by name** (${collated.named.length})`, entries: collated.named.map(namedEntry) }
  const anonymous: Section = { heading: `**Shared anonymously** (${collated.anonymous.length})`, entries: collated.anonymous.map(anonymousEntry) }
  const anonymousSize = anonymous.entries.reduce((sum, e) => sum + e.length, 0)
  const namedShare = anonymous.entries.length ? Math.max(ANSWER_CHARACTERS / 2, ANSWER_CHARACTERS - anonymousSize) : ANSWER_CHARACTERS

  const first = packSection(named, namedShare, blockBudget)
  const second = packSection(anonymous, ANSWER_CHARACTERS - first.characters, blockBudget - first.blocks.length)
  return { blocks: [...first.blocks, ...second.blocks], hidden: first.hidden + second.hidden }
}

/** Fills text blocks with whole entries, in order, until the characters or blocks run out. */
function packSection(section: Section, characters: number, blockBudget: number): { blocks: Block[]; characters: number; hidden: number } {
  const texts: string[] = []
  let used = 0
  let shown = 0
  for (const entry of section.entries) {
    if (used + entry.length > characters) break
    const last = texts.at(-1)
    if (last !== undefined && last.length + 2 + entry.length <= MESSAGE_LIMITS.textLength) texts[texts.length - 1] = `${last}\n\n${entry}`
    else if (texts.length < blockBudget) texts.push(texts.length === 0 ? `${section.heading}\n\n${entry}` : entry)
    else break
    used += entry.length
    shown += 1
  }
  return { blocks: texts.map((text) => ({ type: 'text', text })), characters: used, hidden: section.entries.length - shown }
}

function namedEntry(r: NamedReflection): string {
  return [`${mention({ userId: r.userId, name: r.name })} · ${r.rating} ★`, ...answerLines(r)].join('\n')
}

function anonymousEntry(r: AnonymousReflection): string {
  return [`• ${r.rating} ★`, ...answerLines(r)].join('\n')
}

function answerLines(r: { tryInClass?: string; noticed?: string }): string[] {
  return [
    ...(r.tryInClass ? [`_Will try:_ ${plain(r.tryInClass)}`] : []),
    ...(r.noticed ? [`_Noticed:_ ${plain(r.noticed)}`] : []),
  ]
}

/**
 * A participant's words, on one line and escaped, so that what they typed reads as typed and
 * cannot become a link or a mention (`[@x](mention:…)`) in the Lead's message.
 */
function plain(text: string): string {
  return userText(truncate(text.replace(/\s+/g, ' ').trim(), ANSWER_TEXT_LENGTH))
}
