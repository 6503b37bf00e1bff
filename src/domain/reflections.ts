// Reflections after sessions: one per person per session (sending again edits it), and the
// people who asked not to be prompted for a group. Who may read what is decided by the
// callers (see collate-reflections.ts); this module only stores.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'

/** The Reflect button: home shows it, the reflections feature opens the form. */
export const ACTION_REFLECT = 'reflection.open'

/** me: only its author; lead: the Lead, named; anonymised: the Lead, unnamed, in aggregates of five or more. */
export type Visibility = 'me' | 'lead' | 'anonymised'

export const VISIBILITIES: readonly Visibility[] = ['me', 'lead', 'anonymised']

export interface Reflection {
  sessionId: string
  workGroupId: string
  userId: string
  /** 1 to 5. */
  rating: number
  tryInClass?: string
  noticed?: string
  visibility: Visibility
  submittedAt: Date
  updatedAt: Date
}

export type ReflectionAnswers = Pick<Reflection, 'rating' | 'tryInClass' | 'noticed' | 'visibility'>

type Row = {
  session_id: string
  work_group_id: string
  user_id: string
  rating: number
  try_in_class: string | null
  noticed: string | null
  visibility: Visibility
  submitted_at: Date
  updated_at: Date
}

function toReflection(row: Row): Reflection {
  return {
    sessionId: row.session_id,
    workGroupId: row.work_group_id,
    userId: row.user_id,
    rating: row.rating,
    ...(row.try_in_class ? { tryInClass: row.try_in_class } : {}),
    ...(row.noticed ? { noticed: row.noticed } : {}),
    visibility: row.visibility,
    submittedAt: new Date(row.submitted_at),
    updatedAt: new Date(row.updated_at),
  }
}

/**
 * Saves a person's reflection on a session; a second one edits the first (its first
 * submission time is kept). Returns whether it was new.
 */
export async function saveReflection(
  db: Db,
  key: { sessionId: string; workGroupId: string; userId: string },
  answers: ReflectionAnswers,
  now: Date,
): Promise<{ created: boolean }> {
  const row = await db
    .insertInto('reflections')
    .values({
      session_id: key.sessionId,
      work_group_id: key.workGroupId,
      user_id: key.userId,
      rating: answers.rating,
      try_in_class: answers.tryInClass ?? null,
      noticed: answers.noticed ?? null,
      visibility: answers.visibility,
      submitted_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['session_id', 'user_id']).doUpdateSet((eb) => ({
        rating: eb.ref('excluded.rating'),
        try_in_class: eb.ref('excluded.try_in_class'),
        noticed: eb.ref('excluded.noticed'),
        visibility: eb.ref('excluded.visibility'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    // xmax is 0 only on a row this statement inserted: Postgres's way to tell insert from update.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirstOrThrow()
  return { created: row.inserted }
}

export async function findReflection(db: Db, sessionId: string, userId: string): Promise<Reflection | undefined> {
  const row = await db.selectFrom('reflections').selectAll().where('session_id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst()
  return row ? toReflection(row) : undefined
}

/** Every reflection on one session, oldest first: for the Lead's view, filtered by the caller. */
export async function listSessionReflections(db: Db, sessionId: string): Promise<Reflection[]> {
  const rows = await db.selectFrom('reflections').selectAll().where('session_id', '=', sessionId).orderBy('submitted_at').execute()
  return rows.map(toReflection)
}

/** Reflections on several sessions by user, for carrying "what I'll try" into the next reminders. */
export async function listReflectionsOn(db: Db, sessionIds: string[]): Promise<Map<string, Reflection[]>> {
  const bySession = new Map<string, Reflection[]>()
  if (sessionIds.length === 0) return bySession
  const rows = await db.selectFrom('reflections').selectAll().where('session_id', 'in', sessionIds).execute()
  for (const row of rows) bySession.set(row.session_id, [...(bySession.get(row.session_id) ?? []), toReflection(row)])
  return bySession
}

/** A person's own reflections in a workspace, newest first, with what they were about. */
export async function listOwnReflections(
  db: Db,
  person: { platform: string; workspaceId: string; userId: string },
): Promise<(Reflection & { projectTitle: string; sessionStartsAt: Date; sessionTitle?: string })[]> {
  const rows = await db
    .selectFrom('reflections as r')
    .innerJoin('work_groups as w', 'w.id', 'r.work_group_id')
    .innerJoin('sessions as s', 's.id', 'r.session_id')
    .selectAll('r')
    .select(['w.project_title', 's.starts_at', 's.title'])
    .where('w.platform', '=', person.platform)
    .where('w.workspace_id', '=', person.workspaceId)
    .where('r.user_id', '=', person.userId)
    .orderBy('s.starts_at', 'desc')
    .execute()
  return rows.map((row) => ({
    ...toReflection(row),
    projectTitle: row.project_title,
    sessionStartsAt: new Date(row.starts_at),
    ...(row.title ? { sessionTitle: row.title } : {}),
  }))
}

/** Erases a person's reflections (and prompt opt-outs) in a workspace. Returns how many reflections went. */
export async function forgetReflections(db: Db, person: { platform: string; workspaceId: string; userId: string }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const groups = trx.selectFrom('work_groups').select('id').where('platform', '=', person.platform).where('workspace_id', '=', person.workspaceId)
    const deleted = await trx.deleteFrom('reflections').where('user_id', '=', person.userId).where('work_group_id', 'in', groups).executeTakeFirst()
    await trx.deleteFrom('reflection_opt_outs').where('user_id', '=', person.userId).where('work_group_id', 'in', groups).execute()
    return Number(deleted.numDeletedRows)
  })
}

export async function optOut(db: Db, workGroupId: string, userId: string): Promise<void> {
  await db
    .insertInto('reflection_opt_outs')
    .values({ work_group_id: workGroupId, user_id: userId })
    .onConflict((oc) => oc.columns(['work_group_id', 'user_id']).doNothing())
    .execute()
}

export async function listOptOuts(db: Db, workGroupIds: string[]): Promise<Set<string>> {
  if (workGroupIds.length === 0) return new Set()
  const rows = await db.selectFrom('reflection_opt_outs').select(['work_group_id', 'user_id']).where('work_group_id', 'in', workGroupIds).execute()
  return new Set(rows.map((r) => optOutKey(r.work_group_id, r.user_id)))
}

export const optOutKey = (workGroupId: string, userId: string) => `${workGroupId}:${userId}`

export async function setReflectionDelay(db: Db, workGroupId: string, minutes: number): Promise<void> {
  await db.updateTable('work_groups').set({ reflection_delay_minutes: minutes }).where('id', '=', workGroupId).execute()
}
