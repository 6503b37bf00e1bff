// Sends each session's Lead its register, once, shortly after the session ends: a direct
// message pre-filled from people's answers, planned once through the outbox like reminders and
// reflection prompts. It waits for the end of the hub's quiet hours, and is not sent for a
// cancelled session, a group with nobody in it, or a register the Lead already confirmed.
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { inScopes } from '../../db/scope.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { alreadyPlanned, planOnce } from '../../delivery/plan-once.js'
import { listCheckIns } from '../../domain/attendance.js'
import { nextAllowed } from '../../domain/reminder-times.js'
import { listRsvps, type Session, toSession } from '../../domain/sessions.js'
import { listParticipantsOf, selectWorkGroups, toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
import { registerPeople } from './register-marks.js'
import { renderRegister } from './render-register.js'

/** How long after a session ends its register goes: time for the last goodbyes. */
export const REGISTER_AFTER_MS = 10 * 60_000
/** After downtime longer than this (a long weekend included), a register is not sent late. */
const CATCH_UP_MS = 4 * 24 * 60 * 60_000
/** Sessions planned per transaction. */
const PLAN_BATCH = 100

type Due = { at: Date; group: WorkGroup; session: Session }

export async function planAttendanceRegisters(db: Db, now: Date, zone: string, log: Logger, onBatch: () => void = () => {}): Promise<{ registers: number }> {
  let registers = 0
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
    .innerJoin('hubs as h', 'h.id', 'w.hub_id')
    .selectAll('s')
    .select(['h.quiet_start', 'h.quiet_end', 'h.quiet_weekends'])
    .where('s.cancelled_at', 'is', null)
    .where('s.ends_at', '<=', new Date(now.getTime() - REGISTER_AFTER_MS))
    .where('s.ends_at', '>', new Date(now.getTime() - REGISTER_AFTER_MS - CATCH_UP_MS))
    .execute()
  if (rows.length === 0) return { registers }

  const groups = new Map(
    (await selectWorkGroups(db).where('w.id', 'in', [...new Set(rows.map((r) => r.work_group_id))]).execute()).map((g) => [g.id, toWorkGroup(g)]),
  )
  const due: Due[] = []
  for (const row of rows) {
    const group = groups.get(row.work_group_id)
    if (!group) continue
    const session = toSession(row)
    const at = nextAllowed(new Date(session.endsAt.getTime() + REGISTER_AFTER_MS), { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends }, zone)
    // Planned only when due, so that it shows the answers as they finally stood.
    if (at <= now && now.getTime() - at.getTime() < CATCH_UP_MS) due.push({ at, group, session })
  }

  const planKey = (d: Due) => `attendance-register:${d.session.id}`
  const done = await alreadyPlanned(db, due.map(planKey))
  const toPlan = due.filter((d) => !done.has(planKey(d)))
  for (let i = 0; i < toPlan.length; i += PLAN_BATCH) {
    const batch = toPlan.slice(i, i + PLAN_BATCH)
    const added = await planOnce(db, batch.map(planKey), now, async (trx, keys) => enqueue(trx, await registersFor(trx, batch.filter((d) => keys.has(planKey(d))), zone)))
    registers += added
    if (added > 0) {
      log.info({ sessions: batch.length, registers: added }, 'planned attendance registers')
      onBatch()
    }
  }
  return { registers }
}

/** One direct message to each session's Lead, unless the register is confirmed or empty. */
async function registersFor(db: Db, due: Due[], zone: string): Promise<OutboxItem[]> {
  if (due.length === 0) return []
  const groups = [...new Map(due.map((d) => [d.group.id, d.group])).values()]
  const sessions = due.map((d) => d.session)
  const [participants, rsvps, checkIns, confirmed] = await Promise.all([
    listParticipantsOf(db, groups),
    listRsvps(db, sessions),
    listCheckIns(db, sessions),
    db
      .selectFrom('attendance_registers')
      .select('session_id')
      .where(inScopes(sessions))
      .where('session_id', 'in', sessions.map((s) => s.id))
      .execute()
      .then((rows) => new Set(rows.map((r) => r.session_id))),
  ])
  return due.flatMap((d) => {
    if (confirmed.has(d.session.id)) return []
    const members = participants.get(d.group.id) ?? []
    const people = registerPeople(d.group, members, rsvps.get(d.session.id) ?? [], new Map(), checkIns.get(d.session.id))
    if (people.length === 0) return []
    const lead = members.find((p) => p.userId === d.group.leadUserId)
    return [
      {
        key: `attendance-register:${d.session.id}:${d.group.leadUserId}`,
        about: { kind: 'attendance-register' as const, workGroupId: d.group.id, sessionId: d.session.id },
        platform: d.group.platform,
        target: { workspaceId: d.group.workspaceId, kind: 'direct' as const, id: d.group.leadUserId, ...(lead?.address !== undefined ? { address: lead.address } : {}) },
        message: renderRegister(d.group, d.session, zone, { people, names: new Map() }),
        dueAt: d.at,
      },
    ]
  })
}
