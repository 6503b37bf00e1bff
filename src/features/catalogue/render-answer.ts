// The answer to a free-text question: the projects that fit with why, what was left out and
// why, or a plain "nothing fits" that points to the local Maths Hub. Says which school year it
// answers from and whether the ranking was by rules or by an AI model.
import type { CommandHint } from '../../core/bot.js'
import type { Actor } from '../../core/events.js'
import { type Block, type Message, mention, truncate, userText } from '../../core/messages.js'
import type { LeftOut, Match, MatchResult, NeedAnswer, NothingReason } from './match-projects.js'
import { type Catalogue, schoolYearStart } from '../../domain/projects.js'
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
  /** Now, to say when the catalogue's school year has ended. */
  now: Date
  /** The asker's Maths Hub, when the workspace knows it. */
  hub?: { name: string }
}

export function renderAnswer(view: AnswerView): Message {
  const { result, catalogue } = view
  const year = catalogue.schoolYear
  const asked = `You asked: “${userText(truncate(result.question.text.replace(/\s+/g, ' ').trim(), 150))}”`
  const source = `From the Maths Hubs ${year} projects catalogue. ${provenance(view.answeredBy)}`
  const stale = staleness(catalogue, view.now)

  if (result.kind === 'nothing') {
    const nearest = result.reason.kind === 'no-match' && result.leftOut.length > 0
    const reason = nearest ? 'The nearest projects are below, with why each does not fit.' : nothingReason(result.reason, view.hint)
    const text = `I couldn’t find a project in the ${year} catalogue that fits. ${reason}`
    const blocks: Block[] = [
      { type: 'header', text: 'Nothing in the catalogue fits' },
      { type: 'context', text: asked },
      { type: 'text', text },
      ...leftOutBlocks(result.leftOut, 'Nearest'),
      ...stale,
      { type: 'text', text: `${hubPointer(view.hub, 'can tell you what else is on offer')}.` },
      { type: 'context', text: `Answers come from the Maths Hubs ${year} projects catalogue.` },
      // When the question was simply not understood, offer the quickest way in.
      ...(result.reason.kind === 'no-match' && !nearest ? [phaseButtons([])] : []),
    ]
    return { text, blocks }
  }

  const ai = view.answeredBy.by === 'ai' ? view.answeredBy.explanations : undefined
  const projectOf = (match: Match) => {
    const why = ai?.[match.project.id]
    const about = why
      ? `_AI-written:_ ${userText(why)}`
      : `${gist(match.project.summary)}${match.reasons.length ? `\n_Why:_ ${match.reasons.join('; ')}.` : ''}`
    return projectBlock(match.project, catalogue, about)
  }
  const needs = !ai && result.needs && result.needs.length > 1 ? result.needs : undefined
  const intro = needs
    ? `You asked about ${needs.length} things. Here is what the ${year} catalogue has for each:`
    : result.basis === 'phase'
      ? `You only told me your phase, so here are all its projects in the ${year} catalogue. Tell me your role or what you want to work on for a shorter list.`
      : result.matches.length === 1
        ? `This project from the ${year} catalogue fits what you asked:`
        : `These ${result.matches.length} projects from the ${year} catalogue fit what you asked, best first:`
  const blocks: Block[] = [
    { type: 'header', text: 'Projects that could suit you' },
    { type: 'context', text: asked },
    { type: 'text', text: intro },
  ]
  if (needs) blocks.push(...needBlocks(needs, projectOf))
  else blocks.push(...result.matches.map(projectOf))
  blocks.push(...leftOutBlocks(result.leftOut))
  blocks.push(...stale)
  blocks.push({ type: 'context', text: `${source} ${hubPointer(view.hub, 'can tell you how to take part')}.` })
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

/** Several needs, grouped: each under the asker's own words, a project shown once. */
function needBlocks(needs: NeedAnswer[], projectOf: (match: Match) => Block): Block[] {
  const shown = new Set<string>()
  return needs.flatMap((need, i) => {
    const heading: Block = { type: 'text', text: `**${i + 1}. For “${userText(truncate(need.asked.replace(/\s+/g, ' ').trim(), 100))}”**` }
    if (need.matches.length === 0) return [heading, { type: 'text', text: `Nothing in the catalogue fits this: ${userText(need.unmet ?? 'no project matches it')}.` }]
    const fresh = need.matches.filter((m) => !shown.has(m.project.id))
    const again = need.matches.filter((m) => shown.has(m.project.id))
    for (const m of fresh) shown.add(m.project.id)
    return [
      heading,
      ...fresh.map(projectOf),
      ...(again.length ? [{ type: 'context' as const, text: `Also fits this: ${again.map((m) => m.project.title).join('; ')} (above).` }] : []),
    ]
  })
}

/**
 * Once the catalogue's school year is over, the answer says so: the projects may have changed,
 * and only the hub or the national site knows this year's.
 */
function staleness(catalogue: Catalogue, now: Date): Block[] {
  const start = schoolYearStart(catalogue.schoolYear)
  // A school year ends on 31 August (UK time).
  if (start === undefined || now.getTime() < Date.UTC(start + 1, 7, 31, 23)) return []
  return [
    {
      type: 'text',
      text: `Please note: the ${catalogue.schoolYear} school year has ended, and this is the newest catalogue I have, so projects may have changed since. Check this year’s offer with your Maths Hub or on the national Maths Hubs site: ${HUB_FINDER}.`,
    },
  ]
}

/** Who to contact: the asker's own hub when known, else the national finder. */
function hubPointer(hub: { name: string } | undefined, does: string): string {
  return hub
    ? `${userText(hub.name)}, your Maths Hub, ${does} (contact details at ${HUB_FINDER})`
    : `Your local Maths Hub ${does}: find it at ${HUB_FINDER}`
}

function provenance(answeredBy: AnsweredBy): string {
  if (answeredBy.by === 'ai')
    return 'Ranked and explained by an AI model, from catalogue entries only; the facts under each project are the catalogue’s own.'
  return `Matched to your words by rules${answeredBy.note ? ` (${answeredBy.note})` : ''}.`
}

function leftOutBlocks(leftOut: LeftOut[], label = 'Not suggested'): Block[] {
  if (leftOut.length === 0) return []
  return [{ type: 'context', text: `${label}: ${leftOut.map((l) => `${l.reason}.`).join(' ')}` }]
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
    case 'higher-education':
      return 'Maths Hubs projects are for schools and colleges, from the early years to post-16, so there is nothing for university or other higher education staff. If your university trains teachers, ask again as an initial teacher training provider.'
    case 'pupils':
      return 'Maths Hubs projects are professional development for teachers, not classes or events for pupils, so there is nothing students can join themselves; ask about what suits their teachers instead.'
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
    'higher-education': 'higher education staff',
    pupils: 'for pupils themselves',
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
