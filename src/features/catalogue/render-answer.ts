// The answer to a free-text question: the projects that fit with why, what was left out and
// why, or a plain "nothing fits" that points to the local Maths Hub. Says which school year it
// answers from and whether the ranking was by rules or by an AI model.
import type { CommandHint } from '../../core/bot.js'
import type { Actor } from '../../core/events.js'
import { type Block, type Message, mention, truncate, userText } from '../../core/messages.js'
import type { LeftOut, MatchResult, NothingReason } from './match-projects.js'
import type { Catalogue } from '../../domain/projects.js'
import { gist, HUB_FINDER, phaseButtons, projectBlock } from './render-catalogue.js'

export const ACTION_SHARE_ANSWER = 'catalogue.share-answer'
export const ACTION_HELPFUL = 'catalogue.helpful'
export const ACTION_NOT_HELPFUL = 'catalogue.not-helpful'

/** How the ranking was made, for the label users see. */
export type AnsweredBy =
  | { by: 'rules'; note?: string }
  | { by: 'ai'; explanations: Record<string, string> }

export interface AnswerView {
  result: MatchResult
  catalogue: Catalogue
  answeredBy: AnsweredBy
  hint: CommandHint
}

export function renderAnswer(view: AnswerView): Message {
  const { result, catalogue } = view
  const asked = `You asked: “${userText(truncate(result.question.text.replace(/\s+/g, ' ').trim(), 150))}”`
  const source = `From the Maths Hubs ${catalogue.schoolYear} projects catalogue. ${provenance(view.answeredBy)}`

  if (result.kind === 'nothing') {
    const text = `I couldn’t find a project in the ${catalogue.schoolYear} catalogue that fits. ${nothingReason(result.reason, view.hint)}`
    const blocks: Block[] = [
      { type: 'header', text: 'Nothing in the catalogue fits' },
      { type: 'context', text: asked },
      { type: 'text', text },
      ...leftOutBlocks(result.leftOut),
      { type: 'text', text: `Your local Maths Hub can tell you what else is on offer: ${HUB_FINDER}.` },
      { type: 'context', text: `Answers come from the Maths Hubs ${catalogue.schoolYear} projects catalogue.` },
      // When the question was simply not understood, offer the quickest way in.
      ...(result.reason.kind === 'no-match' ? [phaseButtons([])] : []),
    ]
    return { text, blocks }
  }

  const ai = view.answeredBy.by === 'ai' ? view.answeredBy.explanations : undefined
  const intro =
    result.basis === 'phase'
      ? 'You only told me your phase, so here are all its projects. Tell me your role or what you want to work on for a shorter list.'
      : result.matches.length === 1
        ? 'This project fits what you asked:'
        : `These ${result.matches.length} projects fit what you asked, best first:`
  const blocks: Block[] = [
    { type: 'header', text: 'Projects that could suit you' },
    { type: 'context', text: asked },
    { type: 'text', text: intro },
  ]
  for (const match of result.matches) {
    const why = ai?.[match.project.id]
    const about = why
      ? `_AI-written:_ ${userText(why)}`
      : `${gist(match.project.summary)}${match.reasons.length ? `\n_Why:_ ${match.reasons.join('; ')}.` : ''}`
    blocks.push(projectBlock(match.project, catalogue, about))
  }
  blocks.push(...leftOutBlocks(result.leftOut))
  blocks.push({ type: 'context', text: `${source} To take part, contact your local Maths Hub: ${HUB_FINDER}.` })
  return {
    text: `Projects that could suit you, from the ${catalogue.schoolYear} catalogue: ${result.matches.map((m) => m.project.title).join('; ')}`,
    blocks,
  }
}

/** The buttons under a private answer: share it, and say whether it helped. */
export function withAnswerButtons(message: Message, questionId: string, offerShare: boolean): Message {
  return {
    ...message,
    blocks: [
      ...message.blocks,
      {
        type: 'actions',
        actions: [
          ...(offerShare ? [{ type: 'button' as const, id: ACTION_SHARE_ANSWER, label: 'Share to channel', value: questionId }] : []),
          { type: 'button', id: ACTION_HELPFUL, label: 'Helpful', value: questionId },
          { type: 'button', id: ACTION_NOT_HELPFUL, label: 'Not helpful', value: questionId },
        ],
      },
    ],
  }
}

/** A stored answer as shared to a channel: who shared it, no buttons. */
export function asShared(message: Message, sharedBy: Actor): Message {
  return {
    text: message.text,
    blocks: [...message.blocks.filter((b) => b.type !== 'actions'), { type: 'context', text: `Shared by ${mention(sharedBy)}` }],
  }
}

function provenance(answeredBy: AnsweredBy): string {
  if (answeredBy.by === 'ai')
    return 'Ranked and explained by an AI model, from catalogue entries only; the facts under each project are the catalogue’s own.'
  return `Matched to your words by rules${answeredBy.note ? ` (${answeredBy.note})` : ''}.`
}

function leftOutBlocks(leftOut: LeftOut[]): Block[] {
  if (leftOut.length === 0) return []
  return [{ type: 'context', text: `Not suggested: ${leftOut.map((l) => `${l.reason}.`).join(' ')}` }]
}

function nothingReason(reason: NothingReason, hint: CommandHint): string {
  switch (reason.kind) {
    case 'subject':
      return `Maths Hubs projects are about teaching maths, so there is nothing for ${userText(reason.subject)}.`
    case 'parent':
      return 'Maths Hubs projects are professional development for teachers and schools, not tutoring or help for individual pupils; your child’s school is the best place to ask.'
    case 'outside-england':
      return `Maths Hubs work with schools in England, so a school in ${userText(reason.place)} can’t join these projects.`
    case 'other-year':
      return `${userText(capitalise(reason.what))} isn’t in the catalogue I answer from.`
    case 'trainee':
      return 'The projects are for qualified teachers, their schools and the people who train teachers, so there is nothing a trainee can join directly. Your training provider or placement school can tell you what they take part in, and once you qualify, ask again as an early career teacher.'
    case 'off-topic':
      return 'I can only help with which Maths Hubs projects suit you or your school; your hub or school can help with the rest.'
    case 'not-covered':
      return `There is no project on ${userText(reason.what)} in it.`
    case 'no-match':
      return `I couldn’t match your question to any project. Try telling me your phase and role, for example ${hint('secondary head of department')}, or see every project for a phase with ${hint('secondary')}.`
  }
}

function capitalise(text: string): string {
  return text.replace(/^(“?)([a-z])/, (_, quote: string, c: string) => quote + c.toUpperCase())
}

/** What hub staff see with `/workgroups unanswered`; never who asked. */
export function renderUnanswered(
  unanswered: { question: string; askedAt: Date; reason: string | null }[],
  unhelpful: { question: string; askedAt: Date }[],
): Message {
  const day = (d: Date) => d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'Europe/London' })
  const reasonLabel: Record<string, string> = {
    subject: 'another subject',
    parent: 'a parent or pupil',
    'outside-england': 'outside England',
    'other-year': 'another year’s project',
    'off-topic': 'not about projects',
    trainee: 'a trainee teacher',
    'no-match': 'no matching project',
    'not-covered': 'a topic the catalogue does not cover',
  }
  const line = (q: { question: string; askedAt: Date; reason?: string | null }) =>
    `• “${userText(truncate(q.question.replace(/\s+/g, ' '), 200))}” (${day(q.askedAt)}${q.reason ? `, ${reasonLabel[q.reason] ?? q.reason}` : ''})`
  const blocks: Block[] = [{ type: 'header', text: 'Questions the catalogue could not answer' }]
  blocks.push({ type: 'text', text: unanswered.length ? unanswered.map(line).join('\n') : 'None so far.' })
  if (unhelpful.length) {
    blocks.push({ type: 'header', text: 'Answers marked “not helpful”' })
    blocks.push({ type: 'text', text: unhelpful.map(line).join('\n') })
  }
  blocks.push({ type: 'context', text: 'Newest first. Who asked is never shown. Use these to decide what to add to next year’s catalogue keywords, or what to tell your hub.' })
  return { text: `${unanswered.length} recent questions the catalogue could not answer`, blocks }
}
