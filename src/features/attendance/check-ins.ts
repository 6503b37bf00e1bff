// Who may check in to a session, and when: an active participant of its group (the Lead keeps
// the register instead), from 15 minutes before it starts until its register goes to the Lead
// (10 minutes after it ends, so the register holds every check-in), for a session that was not
// cancelled. Checked at every tap and every `here`, since a button's
// value comes back from the client and can be forged or replayed.
import type { Actor } from '../../core/events.js'
import type { Db } from '../../db/database.js'
import { inScope, scopeOf } from '../../db/scope.js'
import { findRegister, recordCheckIn } from '../../domain/attendance.js'
import { type Session, toSession } from '../../domain/sessions.js'
import { findWorkGroup, isParticipant, type WorkGroup } from '../../domain/work-groups.js'
import { REGISTER_AFTER_MS } from './plan-attendance-registers.js'
import type { CheckInOutcome } from './render-check-in.js'

/** Check-in opens this long before a session starts. */
export const CHECK_IN_MARGIN_MS = 15 * 60_000

export const checkInOpens = (session: Session) => new Date(session.startsAt.getTime() - CHECK_IN_MARGIN_MS)
/** When the register is sent: a check-in after it would be missing from what the Lead first sees. */
export const checkInCloses = (session: Session) => new Date(session.endsAt.getTime() + REGISTER_AFTER_MS)

/** Checks the actor in to the session if they may, now; otherwise says why not. */
export async function checkIn(db: Db, group: WorkGroup, session: Session, actor: Actor, now: Date): Promise<CheckInOutcome> {
  if (session.cancelledAt) return { kind: 'cancelled' }
  if (actor.userId === group.leadUserId) return { kind: 'lead' }
  if (!(await isParticipant(db, group, actor.userId))) return { kind: 'not-participant' }
  if (now < checkInOpens(session)) return { kind: 'too-early', opensAt: checkInOpens(session) }
  if (now > checkInCloses(session)) return { kind: 'too-late' }
  const ref = { ...scopeOf(group), id: session.id, workGroupId: group.id }
  const [recorded, register] = await Promise.all([recordCheckIn(db, ref, actor.userId, now), findRegister(db, ref)])
  return { kind: 'checked-in', ...recorded, registerSaved: register !== undefined }
}

/**
 * The session `here` in a group's channel is about: the one open for check-in (the latest to
 * start, if two overlap), else whichever is nearer now, the next to come (too early) or the
 * last to end (too late).
 */
export async function sessionForHere(db: Db, group: WorkGroup, now: Date): Promise<Session | undefined> {
  const base = () => db.selectFrom('sessions').selectAll().where(inScope(group)).where('work_group_id', '=', group.id).where('cancelled_at', 'is', null)
  const open = await base()
    .where('starts_at', '<=', new Date(now.getTime() + CHECK_IN_MARGIN_MS))
    .where('ends_at', '>=', new Date(now.getTime() - CHECK_IN_MARGIN_MS))
    .orderBy('starts_at', 'desc')
    .executeTakeFirst()
  if (open) return toSession(open)
  const [next, last] = await Promise.all([
    base().where('starts_at', '>', now).orderBy('starts_at').executeTakeFirst(),
    base().where('ends_at', '<', now).orderBy('ends_at', 'desc').executeTakeFirst(),
  ])
  if (!next || !last) return next ? toSession(next) : last ? toSession(last) : undefined
  const untilNext = new Date(next.starts_at).getTime() - now.getTime()
  const sinceLast = now.getTime() - new Date(last.ends_at).getTime()
  return toSession(untilNext < sinceLast ? next : last)
}

/** From a direct chat: the sessions open for check-in now in the groups the actor takes part in. */
export async function openSessionsOf(db: Db, actor: Actor, now: Date): Promise<{ group: WorkGroup; session: Session }[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('participants as p', (join) => join.onRef('p.work_group_id', '=', 's.work_group_id').on(inScope(actor, 'p')))
    .selectAll('s')
    .where(inScope(actor, 's'))
    .where('p.user_id', '=', actor.userId)
    .where('p.active', '=', true)
    .where('s.cancelled_at', 'is', null)
    .where('s.starts_at', '<=', new Date(now.getTime() + CHECK_IN_MARGIN_MS))
    .where('s.ends_at', '>=', new Date(now.getTime() - CHECK_IN_MARGIN_MS))
    .orderBy('s.starts_at', 'desc')
    .limit(10)
    .execute()
  const found: { group: WorkGroup; session: Session }[] = []
  for (const row of rows) {
    const group = await findWorkGroup(db, actor, row.work_group_id)
    // The Lead of a group is a participant of its channel too, but keeps the register instead.
    if (group && group.leadUserId !== actor.userId) found.push({ group, session: toSession(row) })
  }
  return found
}
