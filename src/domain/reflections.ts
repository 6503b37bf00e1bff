// Reflections after sessions: one per person per session (sending again edits it), and the
// people who asked not to be prompted for a group. Who may read what is decided by the
// callers (see collate-reflections.ts); this module only stores.
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import { inScope, inScopes, type Scope, scopeColumns } from '../db/scope.js'
import type { GroupRef } from './work-groups.js'

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
  /** Counts saves: a form names the version it edits, so a stale or repeated one changes nothing. */
  version: number
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
  version: number
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
    version: Number(row.version),
  }
}

/**
 * Saves a person's reflection on a session; a second one edits the first (its first
 * submission time is kept). `editing` is the version the form showed (0 for a new one): a
 * submission made from an older form, or sent twice, is refused ('stale') and changes nothing.
 */
export async function saveReflection(
  db: Db,
  key: Scope & { sessionId: string; workGroupId: string; userId: string },
  answers: ReflectionAnswers,
  now: Date,
  editing: number,
): Promise<{ created: boolean } | 'stale'> {
  const row = await db
    .insertInto('reflections')
    .values({
      ...scopeColumns(key),
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
        version: sql<number>`reflections.version + 1`,
      })).where('reflections.version', '=', editing),
    )
    // xmax is 0 only on a row this statement inserted: Postgres's way to tell insert from update.
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirst()
  // No row back: one exists at another version than the form showed. A new reflection (editing
  // 0) that meets an existing one is stale too: it was submitted again, or from a second form.
  if (!row || (row.inserted && editing !== 0)) return 'stale'
  return { created: row.inserted }
}

export async function findReflection(db: Db, scope: Scope, sessionId: string, userId: string): Promise<Reflection | undefined> {
  const row = await db.selectFrom('reflections').selectAll().where(inScope(scope)).where('session_id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst()
  return row ? toReflection(row) : undefined
}

/** Every reflection on one session, oldest first: for the Lead's view, filtered by the caller. */
export async function listSessionReflections(db: Db, session: Scope & { id: string }): Promise<Reflection[]> {
  const rows = await db.selectFrom('reflections').selectAll().where(inScope(session)).where('session_id', '=', session.id).orderBy('submitted_at').execute()
  return rows.map(toReflection)
}

/** Reflections on several sessions by user, for carrying "what I'll try" into the next reminders. */
export async function listReflectionsOn(db: Db, sessions: readonly (Scope & { id: string })[]): Promise<Map<string, Reflection[]>> {
  const bySession = new Map<string, Reflection[]>()
  if (sessions.length === 0) return bySession
  const rows = await db
    .selectFrom('reflections')
    .selectAll()
    .where(inScopes(sessions))
    .where('session_id', 'in', sessions.map((s) => s.id))
    .execute()
  for (const row of rows) bySession.set(row.session_id, [...(bySession.get(row.session_id) ?? []), toReflection(row)])
  return bySession
}

/** A person's own reflections in a workspace, newest first, with what they were about. */
export async function listOwnReflections(
  db: Db,
  person: Scope & { userId: string },
): Promise<(Reflection & { projectTitle: string; sessionStartsAt: Date; sessionTitle?: string })[]> {
  const rows = await db
    .selectFrom('reflections as r')
    .innerJoin('work_groups as w', 'w.id', 'r.work_group_id')
    .innerJoin('sessions as s', 's.id', 'r.session_id')
    .selectAll('r')
    .select(['w.project_title', 's.starts_at', 's.title'])
    .where(inScope(person, 'r'))
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
export async function optOut(db: Db, group: GroupRef, userId: string): Promise<void> {
  await db
    .insertInto('reflection_opt_outs')
    .values({ ...scopeColumns(group), work_group_id: group.id, user_id: userId })
    .onConflict((oc) => oc.columns(['work_group_id', 'user_id']).doNothing())
    .execute()
}

export async function listOptOuts(db: Db, groups: readonly GroupRef[]): Promise<Set<string>> {
  if (groups.length === 0) return new Set()
  const rows = await db
    .selectFrom('reflection_opt_outs')
    .select(['work_group_id', 'user_id'])
    .where(inScopes(groups))
    .where('work_group_id', 'in', groups.map((g) => g.id))
    .execute()
  return new Set(rows.map((r) => optOutKey(r.work_group_id, r.user_id)))
}

export const optOutKey = (workGroupId: string, userId: string) => `${workGroupId}:${userId}`

export async function setReflectionDelay(db: Db, group: GroupRef, minutes: number): Promise<void> {
  await db.updateTable('work_groups').set({ reflection_delay_minutes: minutes }).where(inScope(group)).where('id', '=', group.id).execute()
}

/** What figures across Work Groups need of a reflection: no times, and words only where its author shared them. */
export type ReflectionFigure = Pick<Reflection, 'userId' | 'rating' | 'visibility' | 'tryInClass' | 'noticed'>

/**
 * Reflections on several sessions for figures across Work Groups (the hub's evaluation), by
 * session id: only what figures need, and a 'me' reflection without its words, which never
 * leave the database for anyone but their author.
 */
export async function listReflectionFigures(db: Db, sessions: readonly (Scope & { id: string })[]): Promise<Map<string, ReflectionFigure[]>> {
  const bySession = new Map<string, ReflectionFigure[]>()
  if (sessions.length === 0) return bySession
  const rows = await db
    .selectFrom('reflections')
    .select(['session_id', 'user_id', 'rating', 'visibility'])
    .select((eb) => [
      eb.case().when('visibility', '=', 'me').then(sql<null>`null`).else(eb.ref('try_in_class')).end().as('try_in_class'),
      eb.case().when('visibility', '=', 'me').then(sql<null>`null`).else(eb.ref('noticed')).end().as('noticed'),
    ])
    .where(inScopes(sessions))
    .where('session_id', 'in', sessions.map((s) => s.id))
    .execute()
  for (const row of rows) {
    const list = bySession.get(row.session_id) ?? []
    list.push({
      userId: row.user_id,
      rating: row.rating,
      visibility: row.visibility,
      ...(row.try_in_class ? { tryInClass: row.try_in_class } : {}),
      ...(row.noticed ? { noticed: row.noticed } : {}),
    })
    bySession.set(row.session_id, list)
  }
  return bySession
}
