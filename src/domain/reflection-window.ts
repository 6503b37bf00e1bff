// When a session can be reflected on: from its start (people fill it in as it ends) until the
// group's next session starts, when what they said becomes the thing to report back on. With
// no next session planned, it stays open a few weeks.
import type { Db } from '../db/database.js'
import { scopeOf } from '../db/scope.js'
import { nextSessionAfter, nextSessions, type Session } from './sessions.js'

export const OPEN_WITHOUT_NEXT_DAYS = 28

export type ReflectionWindow = { open: true; closesAt: Date } | { open: false; why: 'not started' | 'cancelled' | 'closed'; closedAt?: Date }

export async function reflectionWindow(db: Db, session: Session, now: Date): Promise<ReflectionWindow> {
  if (session.cancelledAt) return { open: false, why: 'cancelled' }
  if (session.startsAt > now) return { open: false, why: 'not started' }
  const closesAt = await reflectionClosesAt(db, session)
  return now < closesAt ? { open: true, closesAt } : { open: false, why: 'closed', closedAt: closesAt }
}

export async function reflectionClosesAt(db: Db, session: Session): Promise<Date> {
  return closesAt(session, await nextSessionAfter(db, { ...scopeOf(session), id: session.workGroupId }, session.startsAt))
}

/** reflectionClosesAt for many sessions in one query, by session id. */
export async function reflectionsCloseAt(db: Db, sessions: Session[]): Promise<Map<string, Date>> {
  const next = await nextSessions(db, sessions)
  return new Map(sessions.map((s) => [s.id, closesAt(s, next.get(s.id))]))
}

function closesAt(session: Session, next: Session | undefined): Date {
  return next?.startsAt ?? new Date(session.endsAt.getTime() + OPEN_WITHOUT_NEXT_DAYS * 24 * 60 * 60_000)
}
