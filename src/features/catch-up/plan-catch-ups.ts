// Plans a catch-up for each person who missed a session: once the Lead confirms the register,
// for those it marks apologised or absent; if no register is confirmed within two days of the
// session ending, for those who sent apologies. Run from the minute tick. Each register version
// (a correction counts) and each session's fallback is planned once; each person gets one
// catch-up per session whichever way it was planned (the outbox key). Never the Lead, nobody
// who has left the group, nothing for a cancelled session; quiet hours are waited out. The words
// are written again at sending (compose-catch-ups.ts), from what is true then.
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { alreadyPlanned, planOnce } from '../../delivery/plan-once.js'
import { nextAllowed, type QuietHours } from '../../domain/reminder-times.js'
import { absenceOf, listAbsences, missedIt } from '../../domain/session-absences.js'
import { type Session, toSession } from '../../domain/sessions.js'
import { listParticipantsOf, selectWorkGroups, toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
import { gatherCatchUp } from './catch-up-facts.js'
import { renderCatchUp } from './render-catch-up.js'

/** Without a confirmed register by then, those who sent apologies get theirs anyway. */
export const APOLOGIES_AFTER_MS = 2 * 24 * 60 * 60_000
/**
 * How recent a register's confirmation (or correction) must be to be planned from, and how long
 * after the fallback was due it may still go: after longer downtime (or when this first runs)
 * old sessions' catch-ups would arrive as news that is not news.
 */
const RECENT_MS = 3 * 24 * 60 * 60_000
/** A catch-up waiting longer than this after its session is dropped: there is newer news. */
export const CATCH_UP_USEFUL_MS = 28 * 24 * 60 * 60_000
/** Sessions planned per transaction. */
const PLAN_BATCH = 50

export const CATCH_UP_KIND = 'catch-up' as const

interface Due {
  planKey: string
  group: WorkGroup
  session: Session
  quiet: QuietHours
  /** From the register, or from apologies alone. */
  from: 'register' | 'apologies'
}

/** The outbox key: one catch-up per person and session, however it came to be planned. */
export const catchUpKey = (sessionId: string, userId: string) => `catch-up:${sessionId}:${userId}`

export async function planCatchUps(db: Db, now: Date, zone: string, log: Logger, onBatch: () => void = () => {}): Promise<{ catchUps: number }> {
  let catchUps = 0
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
    .innerJoin('hubs as h', 'h.id', 'w.hub_id')
    .leftJoin('attendance_registers as r', 'r.session_id', 's.id')
    .selectAll('s')
    .select(['h.quiet_start', 'h.quiet_end', 'h.quiet_weekends', 'r.version as register_version', 'r.updated_at as register_updated_at'])
    .where('s.cancelled_at', 'is', null)
    .where('s.ends_at', '<=', now)
    .where('s.ends_at', '>', new Date(now.getTime() - CATCH_UP_USEFUL_MS))
    .where((eb) =>
      eb.or([
        eb('r.updated_at', '>', new Date(now.getTime() - RECENT_MS)),
        eb.and([
          eb('r.session_id', 'is', null),
          eb('s.ends_at', '<=', new Date(now.getTime() - APOLOGIES_AFTER_MS)),
          eb('s.ends_at', '>', new Date(now.getTime() - APOLOGIES_AFTER_MS - RECENT_MS)),
        ]),
      ]),
    )
    .execute()
  if (rows.length === 0) return { catchUps }

  const groups = new Map(
    (await selectWorkGroups(db).where('w.id', 'in', [...new Set(rows.map((r) => r.work_group_id))]).execute()).map((g) => [g.id, toWorkGroup(g)]),
  )
  const due: Due[] = rows.flatMap((row) => {
    const group = groups.get(row.work_group_id)
    if (!group) return []
    const registered = row.register_version !== null && row.register_version !== undefined
    return [
      {
        planKey: registered ? `catch-up:${row.id}:register:${row.register_version}` : `catch-up:${row.id}:apologies`,
        group,
        session: toSession(row),
        quiet: { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends },
        from: registered ? 'register' : 'apologies',
      },
    ]
  })

  const done = await alreadyPlanned(db, due.map((d) => d.planKey))
  const toPlan = due.filter((d) => !done.has(d.planKey))
  for (let i = 0; i < toPlan.length; i += PLAN_BATCH) {
    const batch = toPlan.slice(i, i + PLAN_BATCH)
    const added = await planOnce(db, batch.map((d) => d.planKey), now, async (trx, keys) =>
      enqueue(trx, await catchUpsFor(trx, batch.filter((d) => keys.has(d.planKey)), now, zone)),
    )
    catchUps += added
    if (added > 0) {
      log.info({ sessions: batch.length, catchUps: added }, 'planned catch-ups')
      onBatch()
    }
  }
  return { catchUps }
}

/** One direct message to each active participant (not the Lead) who missed each session. */
async function catchUpsFor(db: Db, due: Due[], now: Date, zone: string): Promise<OutboxItem[]> {
  if (due.length === 0) return []
  const [participants, absences] = await Promise.all([
    listParticipantsOf(db, [...new Map(due.map((d) => [d.group.id, d.group])).values()]),
    listAbsences(db, due.map((d) => d.session)),
  ])
  const items: OutboxItem[] = []
  for (const d of due) {
    const said = absences.get(d.session.id)
    // A register confirmed since this was found decides instead: its own plan key comes next tick.
    if (d.from === 'apologies' && said?.registerVersion !== undefined) continue
    const missing = (participants.get(d.group.id) ?? []).filter((p) => p.userId !== d.group.leadUserId && missedIt(absenceOf(said, p.userId)))
    if (missing.length === 0) continue
    // Worded now as a fallback; the composer writes it again when it goes. The row keeps no
    // themes: words drawn from people's reflections stay out of the store, so erasing a
    // reflection leaves no trace of it in other people's messages.
    const facts = await gatherCatchUp(db, d.group, d.session, now, { themes: false })
    const dueAt = nextAllowed(now, d.quiet, zone)
    for (const person of missing) {
      items.push({
        key: catchUpKey(d.session.id, person.userId),
        about: { kind: CATCH_UP_KIND, workGroupId: d.group.id, sessionId: d.session.id },
        platform: d.group.platform,
        target: { workspaceId: d.group.workspaceId, kind: 'direct', id: person.userId, ...(person.address !== undefined ? { address: person.address } : {}) },
        message: renderCatchUp(facts, zone, absenceOf(said, person.userId)),
        dueAt,
        notAfter: new Date(d.session.endsAt.getTime() + CATCH_UP_USEFUL_MS),
      })
    }
  }
  return items
}
