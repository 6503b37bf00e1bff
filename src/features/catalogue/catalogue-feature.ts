// "Which projects suit my school?": `/workgroups secondary` lists a phase's projects, and any
// other text is answered from the catalogue alone (see answer-question.ts). Answers go to the
// asker privately first, with buttons to share them and to say whether they helped.
import { type AdminCheck, adminsOnly } from '../../domain/hub-admins.js'
import type { Feature, HandlerContext } from '../../core/bot.js'
import { type Clock, systemClock } from '../../core/clock.js'
import type { ActionEvent } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import { type Message, textMessage } from '../../core/messages.js'
import { answerPrivately, canShareFromPrivate, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import type { ProjectRanker } from './ai-ranker.js'
import { answerFreeText } from './answer-question.js'
import type { CurrentCatalogue } from '../../domain/current-catalogue.js'
import { findAskersHub } from '../../domain/work-groups.js'
import { scopeOf } from '../../db/scope.js'
import { readPhases } from './phase-words.js'
import type { Catalogue, Phase } from '../../domain/projects.js'
import { findOwnAnswer, listUnanswered, listUnhelpful, recordFeedback } from './question-log.js'
import {
  ACTION_HELPFUL,
  ACTION_NOT_HELPFUL,
  ACTION_SHARE_ANSWER,
  asShared,
  renderUnanswered,
  withAnswerButtons,
} from './render-answer.js'
import {
  ACTION_PHASE_DETAILS,
  ACTION_PICK_PHASE,
  ACTION_SHARE,
  phasesFromValue,
  renderNoCatalogue,
  renderPhaseAnswer,
  renderPhaseDetails,
  renderPhasePicker,
} from './render-catalogue.js'
import { isListGroup } from './phase-list.js'

export interface CatalogueFeatureDeps {
  catalogue: CurrentCatalogue
  db: Db
  log: Logger
  /** An AI model to rank and explain answers; without one, rules alone answer. */
  ranker?: ProjectRanker
  aiBudgetMs?: number
  /** Who may see the unanswered questions. */
  isAdmin: AdminCheck
  /** To say when the catalogue's school year has ended. */
  clock?: Clock
}

export function createCatalogueFeature(deps: CatalogueFeatureDeps): Feature {
  // A phase's answer only changes with the catalogue: build it once per catalogue loaded.
  const answers = new WeakMap<Catalogue, Map<string, Message>>()
  const phaseAnswer = (catalogue: Catalogue, phases: Phase[], offerShare: boolean, ctx: HandlerContext): Message => {
    let byKey = answers.get(catalogue)
    if (!byKey) answers.set(catalogue, (byKey = new Map()))
    const key = `${phases.join(',')}|${offerShare}|${ctx.hint('')}`
    let message = byKey.get(key)
    if (!message) byKey.set(key, (message = renderPhaseAnswer(catalogue, phases, { offerShare, hint: ctx.hint })))
    return message
  }
  const questions = { db: deps.db, log: deps.log, ...(deps.ranker ? { ranker: deps.ranker } : {}), ...(deps.aiBudgetMs ? { aiBudgetMs: deps.aiBudgetMs } : {}) }

  const feedback = (helpful: boolean) => async (event: ActionEvent, ctx: HandlerContext) => {
    const answer = await recordFeedback(deps.db, event.value, event.actor, helpful)
    if (!answer) return answerPrivately(ctx.reply, textMessage('Only the person who asked can rate this answer.'))
    const thanks = helpful ? 'Thanks: noted as helpful.' : 'Thanks: noted as not helpful. Hub staff review these to improve the answers.'
    const updated = withAnswerButtons(answer, event.value, canShareFromPrivate(ctx.reply, event.place))
    await replaceOrAnswer(ctx.reply, { text: updated.text, blocks: [...updated.blocks.slice(0, -1), { type: 'context', text: thanks }, updated.blocks.at(-1)!] })
  }

  return {
    name: 'catalogue',
    commands: {
      '': async (event, text, ctx) => {
        const catalogue = await deps.catalogue.get()
        if (!catalogue) return answerPrivately(ctx.reply, renderNoCatalogue())
        if (text === '') return answerPrivately(ctx.reply, renderPhasePicker(catalogue, ctx.hint))
        const offerShare = canShareFromPrivate(ctx.reply, event.place)
        // A bare phase ("secondary", "KS3") gets the phase's list; anything else is a question.
        const reading = readPhases(text)
        if (reading.phases.length > 0 && reading.unknownWords.length === 0)
          return answerPrivately(ctx.reply, phaseAnswer(catalogue, reading.phases, offerShare, ctx))
        // The answer names the asker's own hub when the workspace knows it.
        const hub = await findAskersHub(deps.db, scopeOf(event.actor), { userId: event.actor.userId, conversationId: event.place.conversationId })
        const now = (deps.clock ?? systemClock).now()
        const { message } = await answerFreeText(questions, { text, actor: event.actor, catalogue, hint: ctx.hint, offerShare, now, ...(hub ? { hub } : {}) })
        await answerPrivately(ctx.reply, message)
      },
      unanswered: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        if (!(await deps.isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly('see the unanswered questions'))
        const [unanswered, unhelpful] = await Promise.all([listUnanswered(deps.db, event.actor), listUnhelpful(deps.db, event.actor)])
        await answerPrivately(ctx.reply, renderUnanswered(unanswered, unhelpful))
      },
    },
    actions: {
      [ACTION_PICK_PHASE]: async (event, ctx) => {
        const catalogue = await deps.catalogue.get()
        if (!catalogue) return replaceOrAnswer(ctx.reply, renderNoCatalogue())
        const phases = phasesFromValue(event.value)
        await replaceOrAnswer(
          ctx.reply,
          phases.length === 0
            ? renderPhasePicker(catalogue, ctx.hint)
            : phaseAnswer(catalogue, phases, canShareFromPrivate(ctx.reply, event.place), ctx),
        )
      },
      [ACTION_PHASE_DETAILS]: async (event, ctx) => {
        const catalogue = await deps.catalogue.get()
        if (!catalogue) return replaceOrAnswer(ctx.reply, renderNoCatalogue())
        const [phaseValue = '', group = ''] = event.value.split('|')
        const phases = phasesFromValue(phaseValue)
        if (phases.length === 0 || !isListGroup(group)) return replaceOrAnswer(ctx.reply, renderPhasePicker(catalogue, ctx.hint))
        await replaceOrAnswer(ctx.reply, renderPhaseDetails(catalogue, phases, group, { hint: ctx.hint }))
      },
      [ACTION_SHARE]: async (event, ctx) => {
        const catalogue = await deps.catalogue.get()
        const phases = phasesFromValue(event.value)
        if (!catalogue || phases.length === 0) return answerPrivately(ctx.reply, renderNoCatalogue())
        await ctx.reply.send(renderPhaseAnswer(catalogue, phases, { sharedBy: event.actor, hint: ctx.hint }))
        await ctx.reply.deleteOriginal?.()
      },
      [ACTION_SHARE_ANSWER]: async (event, ctx) => {
        const answer = await findOwnAnswer(deps.db, event.value, event.actor)
        if (!answer) return answerPrivately(ctx.reply, textMessage('Only the person who asked can share this answer.'))
        await ctx.reply.send(asShared(answer, event.actor))
        await ctx.reply.deleteOriginal?.()
      },
      [ACTION_HELPFUL]: feedback(true),
      [ACTION_NOT_HELPFUL]: feedback(false),
    },
    help: [
      {
        usage: 'secondary',
        description:
          'the projects for a phase: early years, primary, secondary or post-16 (KS3, sixth form, reception and typos work too)',
      },
      { usage: 'we’re a primary new to mastery, where do we start?', description: 'ask in your own words which projects suit you or your school' },
      { usage: '', description: 'choose a phase with buttons' },
      { usage: 'unanswered', description: 'questions the catalogue could not answer, and answers people found unhelpful', audience: 'admin' },
    ],
  }
}
