// Catch-ups are worded when they are sent, not when they were planned: meanwhile the person may
// have left the group, the Lead may have corrected the register to say they came, the session
// may have been cancelled, more may have been shared and more reflections sent. So at sending
// this reads the session, the person's standing and the group's news again.
import type { Db } from '../../db/database.js'
import { inScopes } from '../../db/scope.js'
import type { Composer, Composition } from '../../delivery/composer.js'
import { isQuiet, nextAllowed, type QuietHours } from '../../domain/reminder-times.js'
import { absenceOf, listAbsences, missedIt } from '../../domain/session-absences.js'
import { type Session, toSession } from '../../domain/sessions.js'
import { toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
import { type CatchUpFacts, gatherCatchUp } from './catch-up-facts.js'
import { renderCatchUp } from './render-catch-up.js'

/** `db` is the store that spans workspaces: delivery serves all of them at once. */
export function createCatchUpComposer(options: { db: Db; zone: string }): Composer {
  const { db, zone } = options
  return async (items, now) => {
    const sessionIds = [...new Set(items.flatMap((i) => (i.about.sessionId ? [i.about.sessionId] : [])))]
    if (sessionIds.length === 0) return items.map(() => drop('it names no session'))
    const found = await sessionsWithGroups(db, sessionIds)
    const sessions = [...found.values()].map((f) => f.session)
    const recipients = [...new Set(items.map((i) => i.target.id))]
    const [absences, stillIn] = await Promise.all([listAbsences(db, sessions, recipients), activeParticipants(db, [...found.values()].map((f) => f.group), recipients)])
    // The group's news is the same for everyone who missed a session: read once per session.
    const facts = new Map<string, Promise<CatchUpFacts>>()

    return Promise.all(
      items.map(async (item): Promise<Composition> => {
        const entry = item.about.sessionId ? found.get(item.about.sessionId) : undefined
        // A queued message never crosses a workspace.
        if (!entry || entry.session.platform !== item.platform || entry.session.workspaceId !== item.target.workspaceId) return drop('its session is gone')
        const { group, session, quiet } = entry
        const userId = item.target.id
        if (session.cancelledAt) return drop('the session was cancelled')
        if (userId === group.leadUserId) return drop('the Lead ran the session')
        if (!stillIn.has(`${group.id}:${userId}`)) return drop('no longer a participant')
        const absence = absenceOf(absences.get(session.id), userId)
        if (!missedIt(absence)) return drop(absence === 'attended' ? 'the register says they attended' : 'no longer recorded as missing it')
        if (isQuiet(now, quiet, zone)) return { kind: 'hold', until: nextAllowed(now, quiet, zone), reason: 'quiet hours' }
        if (!facts.has(session.id)) facts.set(session.id, gatherCatchUp(db, group, session, now))
        return { kind: 'send', message: renderCatchUp(await facts.get(session.id)!, zone, absence) }
      }),
    )
  }
}

const drop = (reason: string): Composition => ({ kind: 'drop', reason })

async function sessionsWithGroups(db: Db, sessionIds: string[]): Promise<Map<string, { session: Session; group: WorkGroup; quiet: QuietHours }>> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
    .innerJoin('hubs as h', 'h.id', 'w.hub_id')
    .selectAll('s')
    .select([
      'w.conversation_id', 'w.hub_id', 'w.project_id', 'w.project_title', 'w.school_year', 'w.lead_user_id', 'w.reminder_offsets', 'w.calendar_token',
      'w.reflection_delay_minutes', 'w.version', 'h.name as hub_name', 'h.quiet_start', 'h.quiet_end', 'h.quiet_weekends',
    ])
    .where('s.id', 'in', sessionIds)
    .execute()
  return new Map(
    rows.map((row) => [
      row.id,
      {
        session: toSession(row),
        group: toWorkGroup({ ...row, id: row.work_group_id }),
        quiet: { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends },
      },
    ]),
  )
}

/** Which of these people are still active participants, as "group:user". */
async function activeParticipants(db: Db, groups: WorkGroup[], userIds: string[]): Promise<Set<string>> {
  if (groups.length === 0 || userIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('participants')
    .select(['work_group_id', 'user_id'])
    .where(inScopes(groups))
    .where('work_group_id', 'in', [...new Set(groups.map((g) => g.id))])
    .where('user_id', 'in', userIds)
    .where('active', '=', true)
    .execute()
  return new Set(rows.map((r) => `${r.work_group_id}:${r.user_id}`))
}
