// Turns what is due into outbox rows, once. Run every minute (and at start, to catch up after
// downtime): a (session, reminder) or a group's morning digest is planned in one transaction
// with a "planned once" key, so two instances, a crash or a re-run never plan it twice.
import { DateTime } from 'luxon'
import type { Platform } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { renderDigest, renderReminder } from '../work-groups/render-sessions.js'
import { listRsvps, type Rsvp, type Session } from '../work-groups/session-store.js'
import { type Hub, listHolidays, listParticipants, type Participant, type WorkGroup } from '../work-groups/work-group-store.js'
import { deliveryTime, inHoliday, reminderDueAt } from './reminder-times.js'

/** Reminders are at most this far ahead of a session (offsets are capped to it). */
export const MAX_OFFSET_MINUTES = 28 * 24 * 60
/** When the channel digest goes out on a day with a session, local time. */
export const DIGEST_TIME = '08:00'

export interface PlanResult {
  reminders: number
  digests: number
  /** Reminders not sent because a later one for the same session was due too (after downtime). */
  superseded: number
}

export async function planDue(db: Db, now: Date, zone: string, log: Logger): Promise<PlanResult> {
  const result: PlanResult = { reminders: 0, digests: 0, superseded: 0 }
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
    .innerJoin('hubs as h', 'h.id', 'w.hub_id')
    .select([
      's.id', 's.work_group_id', 's.starts_at', 's.ends_at', 's.title', 's.online_url', 's.place', 's.prepare', 's.gap_task',
      'w.platform', 'w.workspace_id', 'w.conversation_id', 'w.hub_id', 'w.project_id', 'w.project_title', 'w.school_year',
      'w.lead_user_id', 'w.reminder_offsets', 'h.name as hub_name', 'h.quiet_start', 'h.quiet_end', 'h.quiet_weekends', 'h.notice_hours',
    ])
    .where('s.cancelled_at', 'is', null)
    .where('s.starts_at', '>', now)
    .where('s.starts_at', '<=', new Date(now.getTime() + (MAX_OFFSET_MINUTES + 24 * 60) * 60_000))
    .orderBy('s.starts_at')
    .execute()
  if (rows.length === 0) return result

  const holidays = await listHolidays(db, [...new Set(rows.map((r) => r.hub_id))])
  const today = DateTime.fromJSDate(now, { zone })
  const digestFrom = today.set({ hour: Number(DIGEST_TIME.slice(0, 2)), minute: Number(DIGEST_TIME.slice(3)), second: 0, millisecond: 0 })
  const todaysByGroup = new Map<string, { group: WorkGroup; sessions: Session[] }>()
  const wanted: { key: string; group: WorkGroup; quiet: Hub['quiet']; session: Session; latest: { minutes: number; at: Date }; older: number[] }[] = []

  for (const row of rows) {
    const group: WorkGroup = {
      id: row.work_group_id,
      platform: row.platform as Platform,
      workspaceId: row.workspace_id,
      conversationId: row.conversation_id,
      hubId: row.hub_id,
      hubName: row.hub_name,
      projectId: row.project_id,
      projectTitle: row.project_title,
      schoolYear: row.school_year,
      leadUserId: row.lead_user_id,
      reminderOffsets: row.reminder_offsets.map(Number),
    }
    const session: Session = {
      id: row.id,
      workGroupId: row.work_group_id,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      ...(row.title ? { title: row.title } : {}),
      ...(row.online_url ? { onlineUrl: row.online_url } : {}),
      ...(row.place ? { place: row.place } : {}),
      ...(row.prepare ? { prepare: row.prepare } : {}),
      ...(row.gap_task ? { gapTask: row.gap_task } : {}),
    }
    // No reminders or digests in the hub's school holidays.
    if (inHoliday(session.startsAt, holidays.get(group.hubId) ?? [], zone)) continue

    if (DateTime.fromJSDate(session.startsAt, { zone }).hasSame(today, 'day') && today >= digestFrom) {
      const entry = todaysByGroup.get(group.id) ?? { group, sessions: [] }
      entry.sessions.push(session)
      todaysByGroup.set(group.id, entry)
    }

    const due = group.reminderOffsets
      .filter((minutes) => minutes > 0 && minutes <= MAX_OFFSET_MINUTES)
      .map((minutes) => ({ minutes, at: reminderDueAt(session.startsAt, minutes, zone) }))
      .filter((r) => r.at <= now)
      .sort((a, b) => b.at.getTime() - a.at.getTime())
    const [latest, ...older] = due
    if (!latest) continue
    const quiet = { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends }
    wanted.push({ key: `reminder:${session.id}:${latest.minutes}`, group, quiet, session, latest, older: older.map((o) => o.minutes) })
  }

  // Most ticks find everything already planned: check that in one query, not one transaction each.
  const done = await alreadyPlanned(db, wanted.map((w) => w.key))
  for (const w of wanted) {
    if (done.has(w.key)) continue
    const planned = await planOnce(db, w.key, now, async (trx) => {
      const participants = await listParticipants(trx, w.group.id)
      const answers = (await listRsvps(trx, [w.session.id])).get(w.session.id) ?? []
      const sendAt = deliveryTime(w.latest.at, w.session.startsAt, w.quiet, zone)
      return enqueue(trx, remindersFor(w.group, w.session, participants, answers, w.latest.minutes, sendAt, zone))
    })
    if (planned === undefined) continue
    result.reminders += planned
    // After downtime several reminders can be due at once: only the latest is useful.
    if (w.older.length) {
      result.superseded += w.older.length
      log.info({ session: w.session.id, skipped: w.older }, 'skipped reminders overtaken by a later one')
    }
  }

  const digestKeys = [...todaysByGroup.keys()].map((groupId) => `digest:${groupId}:${today.toISODate()}`)
  const digestsDone = await alreadyPlanned(db, digestKeys)
  for (const [groupId, { group, sessions: todays }] of todaysByGroup) {
    if (digestsDone.has(`digest:${groupId}:${today.toISODate()}`)) continue
    const planned = await planOnce(db, `digest:${groupId}:${today.toISODate()}`, now, async (trx) => {
      const rsvps = await listRsvps(trx, todays.map((s) => s.id))
      const item: OutboxItem = {
        key: `digest:${groupId}:${today.toISODate()}`,
        platform: group.platform,
        target: { workspaceId: group.workspaceId, kind: 'conversation', id: group.conversationId },
        message: renderDigest(group, todays, rsvps, zone),
        dueAt: now,
        notAfter: today.endOf('day').toJSDate(),
      }
      return enqueue(trx, [item])
    })
    if (planned !== undefined) result.digests += planned
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
): OutboxItem[] {
  const apologies = new Set(answers.filter((a) => a.status === 'apologies').map((a) => a.userId))
  const byUser = new Map(answers.map((a) => [a.userId, a]))
  return participants
    .filter((p) => !apologies.has(p.userId))
    .map((p) => ({
      key: reminderKey(session.id, p.userId, minutesBefore),
      platform: group.platform as Platform,
      target: { workspaceId: group.workspaceId, kind: 'direct' as const, id: p.userId, ...(p.address !== undefined ? { address: p.address } : {}) },
      message: renderReminder(group, session, minutesBefore, zone, byUser.get(p.userId)),
      dueAt: sendAt,
      // An hour-before reminder after the session has started is no use to anyone.
      notAfter: session.startsAt,
    }))
}

/** Reminder keys start with the session and the person, so one person's can be dropped together. */
export function reminderKey(sessionId: string, userId: string, minutesBefore: number): string {
  return `reminder:${sessionId}:${userId}:${minutesBefore}`
}

async function alreadyPlanned(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db.selectFrom('planned_once').select('plan_key').where('plan_key', 'in', keys.slice(i, i + 1000)).execute()
    for (const r of rows) found.add(r.plan_key)
  }
  return found
}

/** Runs `plan` in a transaction with the key recorded; undefined if the key was planned before. */
async function planOnce(db: Db, key: string, now: Date, plan: (trx: Db) => Promise<number>): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('planned_once')
      .values({ plan_key: key, planned_at: now })
      .onConflict((oc) => oc.column('plan_key').doNothing())
      .returning('plan_key')
      .executeTakeFirst()
    if (!claimed) return undefined
    return plan(trx)
  })
}
