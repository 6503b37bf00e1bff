// Turns what is due into outbox rows, once. Run every minute (and at start, to catch up after
// downtime): a (session, reminder) or a group's morning digest is planned in one transaction
// with a "planned once" key, so two instances, a crash or a re-run never plan it twice.
import { DateTime } from 'luxon'
import type { Platform } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { alreadyPlanned, planOnce } from '../../delivery/plan-once.js'
import { renderDigest, renderNewSession, renderReminder } from '../../domain/session-messages.js'
import { listRsvps, type Rsvp, type Session } from '../../domain/sessions.js'
import { type Hub, listHolidays, listParticipantsOf, type Participant, type WorkGroup } from '../../domain/work-groups.js'
import { fromRow, sessionsWithGroups, whatPeopleSaidTheydTry } from './session-rows.js'
import { DIGEST_TIME, deliveryTime, inHoliday, MAX_OFFSET_MINUTES, reminderDueAt } from '../../domain/reminder-times.js'

/**
 * Reminders are planned this far ahead of their time, so that at the minute they fall due
 * the outbox already holds them and delivery only has to send.
 */
export const PLAN_AHEAD_MS = 10 * 60_000
/** Sessions (or digests) planned per transaction. */
const PLAN_BATCH = 100

export interface PlanResult {
  reminders: number
  digests: number
  /** Reminders not sent because a later one for the same session was due too (after downtime). */
  superseded: number
}

/** `onBatch` is called after each committed batch, so delivery can start before planning ends. */
export async function planDue(db: Db, now: Date, zone: string, log: Logger, onBatch: () => void = () => {}): Promise<PlanResult> {
  const result: PlanResult = { reminders: 0, digests: 0, superseded: 0 }
  const rows = await sessionsWithGroups(db)
    .where('s.cancelled_at', 'is', null)
    .where('s.starts_at', '>', now)
    .where('s.starts_at', '<=', new Date(now.getTime() + (MAX_OFFSET_MINUTES + 24 * 60) * 60_000))
    .orderBy('s.starts_at')
    .execute()
  if (rows.length === 0) return result

  const holidays = await listHolidays(db, rows.map((r) => ({ platform: r.platform as Platform, workspaceId: r.workspace_id, hubId: r.hub_id })))
  const today = DateTime.fromJSDate(now, { zone })
  const digestFrom = today.set({ hour: Number(DIGEST_TIME.slice(0, 2)), minute: Number(DIGEST_TIME.slice(3)), second: 0, millisecond: 0 })
  const todaysByGroup = new Map<string, { group: WorkGroup; sessions: Session[] }>()
  const wanted: { key: string; group: WorkGroup; quiet: Hub['quiet']; session: Session; reminder: { minutes: number; at: Date } | 'new-session'; older: number[]; covers?: string[]; coveredBy?: string }[] = []
  const horizon = new Date(now.getTime() + PLAN_AHEAD_MS)

  for (const row of rows) {
    const { group, session, quiet } = fromRow(row)
    // No reminders or digests in the hub's school holidays.
    if (inHoliday(session.startsAt, holidays.get(group.hubId) ?? [], zone)) continue

    if (DateTime.fromJSDate(session.startsAt, { zone }).hasSame(today, 'day') && today >= digestFrom) {
      const entry = todaysByGroup.get(group.id) ?? { group, sessions: [] }
      entry.sessions.push(session)
      todaysByGroup.set(group.id, entry)
    }

    const reminders = group.reminderOffsets
      .filter((minutes) => minutes > 0 && minutes <= MAX_OFFSET_MINUTES)
      .map((minutes) => ({ minutes, at: reminderDueAt(session.startsAt, minutes, zone) }))
      .sort((a, b) => b.at.getTime() - a.at.getTime())
    // Of the reminders already overdue (after downtime) only the latest is still useful…
    const [latest, ...older] = reminders.filter((r) => r.at <= now)
    // …unless even that one's time had passed when the Lead added the session: then it gets
    // one "new session" notice, never a late reminder. (A creation time after `now` is a
    // clock that cannot be trusted to tell; the reminder goes.)
    const createdAt = new Date(row.created_at)
    const addedLate = latest !== undefined && createdAt <= now && latest.at < createdAt
    if (latest && addedLate) {
      // The notice also stands for any reminder that would go with it or just after (one due
      // in quiet hours, held to their end with it): one message, not two at once.
      const noticeAt = deliveryTime(now, session.startsAt, quiet, zone)
      const covers = reminders
        .filter((r) => r.at > now && deliveryTime(r.at, session.startsAt, quiet, zone).getTime() <= noticeAt.getTime() + PLAN_AHEAD_MS)
        .map((r) => reminderPlanKey(session.id, r.minutes))
      const noticeKey = newSessionPlanKey(session.id)
      wanted.push({ key: noticeKey, group, quiet, session, reminder: 'new-session', older: [], covers })
      for (const soon of reminders.filter((r) => r.at > now && r.at <= horizon)) {
        const key = reminderPlanKey(session.id, soon.minutes)
        wanted.push({ key, group, quiet, session, reminder: soon, older: [], ...(covers.includes(key) ? { coveredBy: noticeKey } : {}) })
      }
      continue
    } else if (latest) wanted.push({ key: reminderPlanKey(session.id, latest.minutes), group, quiet, session, reminder: latest, older: older.map((o) => o.minutes) })
    // …and those coming up soon are planned now, to go at their time.
    for (const soon of reminders.filter((r) => r.at > now && r.at <= horizon))
      wanted.push({ key: reminderPlanKey(session.id, soon.minutes), group, quiet, session, reminder: soon, older: [] })
  }

  // Most ticks find everything already planned: check that in one query, not one transaction each.
  const done = await alreadyPlanned(db, wanted.map((w) => w.key))
  // A reminder the new-session notice stands for is skipped as that notice is planned.
  const toPlan = wanted.filter((w) => !done.has(w.key) && !(w.coveredBy && !done.has(w.coveredBy)))
  // Batches keep a busy minute (every group's reminder at once) to a few dozen transactions.
  for (let i = 0; i < toPlan.length; i += PLAN_BATCH) {
    const batch = toPlan.slice(i, i + PLAN_BATCH)
    const planned = await planOnce(db, batch.map((w) => w.key), now, async (trx, keys) => {
      const mine = batch.filter((w) => keys.has(w.key))
      const participants = await listParticipantsOf(trx, mine.map((w) => w.group))
      const answers = await listRsvps(trx, mine.map((w) => w.session))
      const tried = await whatPeopleSaidTheydTry(trx, mine.map((w) => w.session))
      const items = mine.flatMap((w) =>
        w.reminder === 'new-session'
          ? newSessionNoticesFor(w.group, w.session, participants.get(w.group.id) ?? [], answers.get(w.session.id) ?? [], deliveryTime(now, w.session.startsAt, w.quiet, zone), zone)
          : remindersFor(
              w.group,
              w.session,
              participants.get(w.group.id) ?? [],
              answers.get(w.session.id) ?? [],
              w.reminder.minutes,
              deliveryTime(w.reminder.at, w.session.startsAt, w.quiet, zone),
              zone,
              tried.get(w.session.id),
            ),
      )
      await skipReminders(trx, mine.flatMap((w) => w.covers ?? []), now)
      for (const w of mine) {
        // After downtime several reminders can be due at once: only the latest is useful.
        if (w.older.length) {
          result.superseded += w.older.length
          log.info({ session: w.session.id, skipped: w.older }, 'skipped reminders overtaken by a later one')
        }
      }
      return enqueue(trx, items)
    })
    result.reminders += planned
    if (planned > 0) onBatch()
  }

  const digestKeys = [...todaysByGroup.keys()].map((groupId) => `digest:${groupId}:${today.toISODate()}`)
  const digestsDone = await alreadyPlanned(db, digestKeys)
  const digests = [...todaysByGroup.values()].filter(({ group }) => !digestsDone.has(`digest:${group.id}:${today.toISODate()}`))
  for (let i = 0; i < digests.length; i += PLAN_BATCH) {
    const batch = digests.slice(i, i + PLAN_BATCH)
    result.digests += await planOnce(db, batch.map(({ group }) => `digest:${group.id}:${today.toISODate()}`), now, async (trx, keys) => {
      const mine = batch.filter(({ group }) => keys.has(`digest:${group.id}:${today.toISODate()}`))
      const rsvps = await listRsvps(trx, mine.flatMap(({ sessions: todays }) => todays))
      const items: OutboxItem[] = mine.map(({ group, sessions: todays }) => ({
        key: `digest:${group.id}:${today.toISODate()}`,
        about: { kind: 'digest', workGroupId: group.id },
        platform: group.platform,
        target: { workspaceId: group.workspaceId, kind: 'conversation', id: group.conversationId },
        message: renderDigest(group, todays, rsvps, zone),
        dueAt: now,
        notAfter: today.endOf('day').toJSDate(),
      }))
      return enqueue(trx, items)
    })
    onBatch()
  }
  return result
}

/** The direct reminders for one session and offset: everyone not sending apologies. */
export function remindersFor(
  group: WorkGroup,
  session: Session,
  participants: Participant[],
  answers: Rsvp[],
  minutesBefore: number,
  sendAt: Date,
  zone: string,
  tried: Map<string, string> = new Map(),
): OutboxItem[] {
  const apologies = new Set(answers.filter((a) => a.status === 'apologies').map((a) => a.userId))
  const byUser = new Map(answers.map((a) => [a.userId, a]))
  // Everyone gets the same reminder, except that those who said they're going are told so and
  // those who said what they'd try are reminded of it (only they see their own words). These are
  // the words as planned; the composer writes them again when each one is sent.
  const unanswered = renderReminder(group, session, sendAt, zone)
  const going = renderReminder(group, session, sendAt, zone, { userId: '', status: 'going', late: false })
  const messageFor = (userId: string) => {
    const status = byUser.get(userId)?.status === 'going' ? { userId: '', status: 'going' as const, late: false } : undefined
    const lastTry = tried.get(userId)
    if (lastTry) return renderReminder(group, session, sendAt, zone, status, lastTry)
    return status ? going : unanswered
  }
  return participants
    .filter((p) => !apologies.has(p.userId))
    .map((p) => ({
      key: reminderKey(session.id, p.userId, minutesBefore),
      about: { kind: 'reminder' as const, workGroupId: group.id, sessionId: session.id },
      platform: group.platform,
      target: { workspaceId: group.workspaceId, kind: 'direct' as const, id: p.userId, ...(p.address !== undefined ? { address: p.address } : {}) },
      message: messageFor(p.userId),
      dueAt: sendAt,
      // An hour-before reminder after the session has started is no use to anyone.
      notAfter: session.startsAt,
    }))
}

/** The one notice for a session added too late for its reminders: everyone not sending apologies. */
export function newSessionNoticesFor(group: WorkGroup, session: Session, participants: Participant[], answers: Rsvp[], sendAt: Date, zone: string): OutboxItem[] {
  const apologies = new Set(answers.filter((a) => a.status === 'apologies').map((a) => a.userId))
  const message = renderNewSession(group, session, sendAt, zone)
  return participants
    .filter((p) => !apologies.has(p.userId))
    .map((p) => ({
      key: newSessionKey(session.id, p.userId),
      about: { kind: 'new-session' as const, workGroupId: group.id, sessionId: session.id },
      platform: group.platform,
      target: { workspaceId: group.workspaceId, kind: 'direct' as const, id: p.userId, ...(p.address !== undefined ? { address: p.address } : {}) },
      message,
      dueAt: sendAt,
      notAfter: session.startsAt,
    }))
}

export function newSessionPlanKey(sessionId: string): string {
  return `new-session:${sessionId}`
}

export function newSessionKey(sessionId: string, userId: string): string {
  return `new-session:${sessionId}:${userId}`
}

/** What `planned_once` records for one session's reminder at one offset, for everyone. */
export function reminderPlanKey(sessionId: string, minutesBefore: number): string {
  return `reminder:${sessionId}:${minutesBefore}`
}

/**
 * Marks reminders as planned without sending them: used when a Lead adds an offset whose time
 * has already passed for a session, so the change does not send a late reminder now.
 */
export async function skipReminders(db: Db, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return
  await db
    .insertInto('planned_once')
    .values(keys.map((plan_key) => ({ plan_key, planned_at: now })))
    .onConflict((oc) => oc.column('plan_key').doNothing())
    .execute()
}

/** One person's reminder for one session and offset, unique forever. */
export function reminderKey(sessionId: string, userId: string, minutesBefore: number): string {
  return `reminder:${sessionId}:${userId}:${minutesBefore}`
}

/** The offset a reminder key names (its last part: user ids may hold colons). */
export function offsetOfReminderKey(key: string): number | undefined {
  const minutes = Number(key.slice(key.lastIndexOf(':') + 1))
  return Number.isInteger(minutes) && minutes > 0 ? minutes : undefined
}
