// Answering a free-text question: the rules answer always; with a model configured, its
// ranking if it comes back within the time budget and proposes at least one real project;
// otherwise the rules answer, saying why. Every question is recorded with its answer.
import type { CommandHint } from '../../core/bot.js'
import type { Actor } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import type { Message } from '../../core/messages.js'
import type { Db } from '../../db/database.js'
import type { ProjectRanker } from './ai-ranker.js'
import { checkRanking } from './check-ranking.js'
import { answerQuestion, type Match, type MatchResult } from './match-projects.js'
import type { Catalogue } from '../../domain/projects.js'
import { recordQuestion } from './question-log.js'
import { type AnsweredBy, renderAnswer, withAnswerButtons } from './render-answer.js'

/**
 * How long the model may take. Slack's acknowledgement is sent at 2 s; an answer after that
 * goes through response_url, and this keeps the whole exchange well inside a few seconds.
 */
export const DEFAULT_AI_BUDGET_MS = 2_500

export interface QuestionAnswering {
  db: Db
  log: Logger
  ranker?: ProjectRanker
  aiBudgetMs?: number
}

export interface AnsweredQuestion {
  message: Message
  questionId: string
  answeredBy: AnsweredBy['by']
}

export async function answerFreeText(
  deps: QuestionAnswering,
  input: {
    text: string
    actor: Actor
    catalogue: Catalogue
    hint: CommandHint
    offerShare: boolean
    now: Date
    /** The asker's Maths Hub, when the workspace knows it. */
    hub?: { name: string }
  },
): Promise<AnsweredQuestion> {
  const { catalogue } = input
  const rules = answerQuestion(input.text, catalogue)
  const { result, answeredBy } = deps.ranker ? await withModel(deps, deps.ranker, input.text, catalogue, rules) : { result: rules, answeredBy: { by: 'rules' } as AnsweredBy }

  const message = renderAnswer({ result, catalogue, answeredBy, hint: input.hint, now: input.now, ...(input.hub ? { hub: input.hub } : {}) })
  const questionId = await recordQuestion(deps.db, {
    actor: input.actor,
    question: input.text,
    schoolYear: catalogue.schoolYear,
    outcome: result.kind === 'matches' ? 'answered' : 'nothing_fits',
    ...(result.kind === 'nothing' ? { reason: result.reason.kind } : {}),
    projectIds: result.kind === 'matches' ? result.matches.map((m) => m.project.id) : [],
    answeredBy: answeredBy.by,
    answer: message,
  })
  return { message: withAnswerButtons(message, questionId, input.offerShare), questionId, answeredBy: answeredBy.by }
}

async function withModel(
  deps: QuestionAnswering,
  ranker: ProjectRanker,
  question: string,
  catalogue: Catalogue,
  rules: MatchResult,
): Promise<{ result: MatchResult; answeredBy: AnsweredBy }> {
  // A question the rules know is out of scope (another subject, outside England…) stays so.
  if (rules.kind === 'nothing' && rules.reason.kind !== 'no-match') return { result: rules, answeredBy: { by: 'rules' } }

  const budget = deps.aiBudgetMs ?? DEFAULT_AI_BUDGET_MS
  const suggested = rules.kind === 'matches' ? rules.matches.map((m) => m.project.id) : []
  const started = performance.now()
  let reply: unknown
  try {
    reply = await ranker.rank({ question, catalogue, suggested }, AbortSignal.timeout(budget))
  } catch (error) {
    const slow = performance.now() - started >= budget - 5
    deps.log.warn({ err: error, code: slow ? 'ai_timeout' : 'ai_failed' }, 'the AI ranking failed; answering by rules')
    return { result: rules, answeredBy: { by: 'rules', note: slow ? 'the AI assistant took too long' : 'the AI assistant was unavailable' } }
  }
  const checked = checkRanking(reply, catalogue)
  if (!checked || checked.ids.length === 0) {
    deps.log.warn({ code: 'ai_invalid', dropped: checked?.dropped }, 'the AI proposed no valid project; answering by rules')
    return { result: rules, answeredBy: { by: 'rules', note: 'the AI assistant proposed nothing from the catalogue' } }
  }
  if (checked.dropped > 0) deps.log.warn({ code: 'ai_dropped', dropped: checked.dropped }, 'dropped projects the AI invented or misnamed')

  const rulesMatches = new Map(rules.kind === 'matches' ? rules.matches.map((m) => [m.project.id, m]) : [])
  const byId = new Map(catalogue.projects.map((p) => [p.id, p]))
  const matches: Match[] = checked.ids.map((id) => rulesMatches.get(id) ?? { project: byId.get(id)!, score: 0, reasons: [] })
  const leftOut = (rules.kind === 'matches' || rules.kind === 'nothing' ? rules.leftOut : []).filter((l) => !checked.ids.includes(l.project.id))
  return {
    result: { kind: 'matches', basis: 'question', matches, leftOut, question: rules.question },
    answeredBy: { by: 'ai', explanations: checked.explanations },
  }
}
