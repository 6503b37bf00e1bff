// What planning and sending a reminder both read: sessions with their Work Group and hub's
// quiet hours, and what each person said last time they would try in class.
import type { Db } from '../../db/database.js'
import type { QuietHours } from '../../domain/reminder-times.js'
import { listReflectionsOn } from '../../domain/reflections.js'
import { previousSessions, type Session, toSession } from '../../domain/sessions.js'
import { toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'

/** Sessions joined to their group and hub; callers add which sessions. */
export function sessionsWithGroups(db: Db) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
    .innerJoin('hubs as h', 'h.id', 'w.hub_id')
    .select([
      's.id', 's.platform', 's.workspace_id', 's.work_group_id', 's.starts_at', 's.ends_at', 's.title', 's.online_url', 's.place', 's.prepare', 's.gap_task', 's.cancelled_at', 's.created_at',
      'w.conversation_id', 'w.hub_id', 'w.project_id', 'w.project_title', 'w.school_year',
      'w.lead_user_id', 'w.reminder_offsets', 'w.calendar_token', 'w.reflection_delay_minutes', 'w.version', 'h.name as hub_name', 'h.quiet_start', 'h.quiet_end', 'h.quiet_weekends', 'h.notice_hours',
    ])
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionsWithGroups>['execute']>>[number]

export function fromRow(row: SessionRow): { group: WorkGroup; session: Session; quiet: QuietHours } {
  return {
    group: toWorkGroup({ ...row, id: row.work_group_id }),
    session: toSession(row),
    quiet: { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends },
  }
}

/**
 * For each session, what each person said last session they would try in class, by user id:
 * their reminders carry it back as the thing to report on.
 */
export async function whatPeopleSaidTheydTry(db: Db, sessions: Session[]): Promise<Map<string, Map<string, string>>> {
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
