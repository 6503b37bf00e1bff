// Turns what is due into outbox rows, once. Run every minute (and at start, to catch up after
// downtime): a (session, reminder) or a group's morning digest is planned in one transaction
// with a "planned once" key, so two instances, a crash or a re-run never plan it twice.
import { DateTime } from 'luxon'
import type { Platform } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { alreadyPlanned, planOnce } from '../../delivery/plan-once.js'
import { renderDigest, renderReminder } from '../../domain/session-messages.js'
import { listReflectionsOn } from '../../domain/reflections.js'
import { listRsvps, previousSessions, type Rsvp, type Session, toSession } from '../../domain/sessions.js'
import { type Hub, listHolidays, listParticipantsOf, type Participant, toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
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
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
    .innerJoin('hubs as h', 'h.id', 'w.hub_id')
    .select([
      's.id', 's.platform', 's.workspace_id', 's.work_group_id', 's.starts_at', 's.ends_at', 's.title', 's.online_url', 's.place', 's.prepare', 's.gap_task', 's.cancelled_at',
      'w.platform', 'w.workspace_id', 'w.conversation_id', 'w.hub_id', 'w.project_id', 'w.project_title', 'w.school_year',
      'w.lead_user_id', 'w.reminder_offsets', 'w.calendar_token', 'w.reflection_delay_minutes', 'w.version', 'h.name as hub_name', 'h.quiet_start', 'h.quiet_end', 'h.quiet_weekends', 'h.notice_hours',
    ])
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
  const wanted: { key: string; group: WorkGroup; quiet: Hub['quiet']; session: Session; reminder: { minutes: number; at: Date }; older: number[] }[] = []
  const horizon = new Date(now.getTime() + PLAN_AHEAD_MS)

  for (const row of rows) {
    const group = toWorkGroup({ ...row, id: row.work_group_id })
    const session = toSession(row)
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
    const quiet = { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends }
    // Of the reminders already overdue (after downtime) only the latest is still useful…
    const [latest, ...older] = reminders.filter((r) => r.at <= now)
    if (latest) wanted.push({ key: reminderPlanKey(session.id, latest.minutes), group, quiet, session, reminder: latest, older: older.map((o) => o.minutes) })
    // …and those coming up soon are planned now, to go at their time.
    for (const soon of reminders.filter((r) => r.at > now && r.at <= horizon))
      wanted.push({ key: reminderPlanKey(session.id, soon.minutes), group, quiet, session, reminder: soon, older: [] })
  }

  // Most ticks find everything already planned: check that in one query, not one transaction each.
  const done = await alreadyPlanned(db, wanted.map((w) => w.key))
  const toPlan = wanted.filter((w) => !done.has(w.key))
  // Batches keep a busy minute (every group's reminder at once) to a few dozen transactions.
  for (let i = 0; i < toPlan.length; i += PLAN_BATCH) {
    const batch = toPlan.slice(i, i + PLAN_BATCH)
    const planned = await planOnce(db, batch.map((w) => w.key), now, async (trx, keys) => {
      const mine = batch.filter((w) => keys.has(w.key))
      const participants = await listParticipantsOf(trx, mine.map((w) => w.group))
      const answers = await listRsvps(trx, mine.map((w) => w.session))
      const tried = await whatPeopleSaidTheydTry(trx, mine.map((w) => w.session))
      const items = mine.flatMap((w) =>
        remindersFor(
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

/**
 * For each session, what each person said last session they would try in class, by user id:
 * their reminders carry it back as the thing to report on.
 */
async function whatPeopleSaidTheydTry(db: Db, sessions: Session[]): Promise<Map<string, Map<string, string>>> {
  const previous = await previousSessions(db, sessions)
  const reflections = await listReflectionsOn(db, [...new Map([...previous.values()].map((p) => [p.id, p])).values()])
  const bySession = new Map<string, Map<string, string>>()
  for (const session of sessions) {
    const before = previous.get(session.id)
    const said = (before && reflections.get(before.id)) ?? []
    bySession.set(session.id, new Map(said.flatMap((r) => (r.tryInClass ? [[r.userId, r.tryInClass] as const] : []))))
  }
  return bySession
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
  // those who said what they'd try are reminded of it (only they see their own words).
  const unanswered = renderReminder(group, session, minutesBefore, zone)
  const going = renderReminder(group, session, minutesBefore, zone, { userId: '', status: 'going', late: false })
  const messageFor = (userId: string) => {
    const status = byUser.get(userId)?.status === 'going' ? { userId: '', status: 'going' as const, late: false } : undefined
    const lastTry = tried.get(userId)
    if (lastTry) return renderReminder(group, session, minutesBefore, zone, status, lastTry)
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
