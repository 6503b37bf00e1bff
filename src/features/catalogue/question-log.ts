// Questions asked about the catalogue, what they were answered, and the asker's feedback:
// hub staff see what the catalogue could not answer, and which answers did not help.
import type { Db } from '../../db/database.js'
import type { Actor } from '../../core/events.js'
import type { Message } from '../../core/messages.js'

export interface AskedQuestion {
  actor: Actor
  question: string
  schoolYear: string
  outcome: 'answered' | 'nothing_fits'
  reason?: string
  projectIds: string[]
  answeredBy: 'rules' | 'ai'
  answer: Message
}

/** Stores a question with its answer and returns its id (the answer's buttons carry it). */
export async function recordQuestion(db: Db, asked: AskedQuestion): Promise<string> {
  const row = await db
    .insertInto('catalogue_questions')
    .values({
      platform: asked.actor.platform,
      workspace_id: asked.actor.workspaceId,
      user_id: asked.actor.userId,
      question: asked.question.slice(0, 2000),
      school_year: asked.schoolYear,
      outcome: asked.outcome,
      reason: asked.reason ?? null,
      project_ids: asked.projectIds,
      answered_by: asked.answeredBy,
      answer: JSON.stringify(asked.answer),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The stored answer, if `actor` is the person who asked: nobody else may share or rate it. */
export async function findOwnAnswer(db: Db, questionId: string, actor: Actor): Promise<Message | undefined> {
  if (!isUuid(questionId)) return undefined
  const row = await db
    .selectFrom('catalogue_questions')
    .select('answer')
    .where('id', '=', questionId)
    .where('platform', '=', actor.platform)
    .where('workspace_id', '=', actor.workspaceId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst()
  return row ? (row.answer as Message) : undefined
}

/** Records (or changes) the asker's verdict on an answer and returns the answer; undefined if it is not theirs. */
export async function recordFeedback(db: Db, questionId: string, actor: Actor, helpful: boolean): Promise<Message | undefined> {
  const answer = await findOwnAnswer(db, questionId, actor)
  if (!answer) return undefined
  await db
    .insertInto('catalogue_answer_feedback')
    .values({ platform: actor.platform, workspace_id: actor.workspaceId, question_id: questionId, user_id: actor.userId, helpful })
    .onConflict((oc) => oc.columns(['question_id', 'user_id']).doUpdateSet({ helpful, given_at: new Date() }))
    .execute()
  return answer
}

export interface QuestionSummary {
  question: string
  askedAt: Date
  reason: string | null
}

/** The newest questions nothing in the catalogue answered, without who asked them. */
export async function listUnanswered(db: Db, place: { platform: string; workspaceId: string }, limit = 20): Promise<QuestionSummary[]> {
  const rows = await db
    .selectFrom('catalogue_questions')
    .select(['question', 'asked_at', 'reason'])
    .where('platform', '=', place.platform)
    .where('workspace_id', '=', place.workspaceId)
    .where('outcome', '=', 'nothing_fits')
    .orderBy('asked_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ question: r.question, askedAt: new Date(r.asked_at), reason: r.reason }))
}

/** The newest answers their askers marked "not helpful", without who asked them. */
export async function listUnhelpful(db: Db, place: { platform: string; workspaceId: string }, limit = 10): Promise<QuestionSummary[]> {
  const rows = await db
    .selectFrom('catalogue_answer_feedback as f')
    .innerJoin('catalogue_questions as q', 'q.id', 'f.question_id')
    .select(['q.question', 'f.given_at', 'q.reason'])
    .where('q.platform', '=', place.platform)
    .where('q.workspace_id', '=', place.workspaceId)
    .where('f.helpful', '=', false)
    .orderBy('f.given_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ question: r.question, askedAt: new Date(r.given_at), reason: r.reason }))
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
}
