// Reminders and new-session notices are decided when they are sent, not when they were
// planned: a reminder may have waited through quiet hours or downtime, the person may have
// answered since, a later reminder may have fallen due, the session may have been cancelled.
// So at sending this reads the session, the person's RSVP and the hub's quiet hours again,
// and writes the words about when from the moment of sending.
import type { Db } from '../../db/database.js'
import { inScopes } from '../../db/scope.js'
import type { Composer, Composition } from '../../delivery/composer.js'
import type { ClaimedItem } from '../../delivery/outbox.js'
import { isQuiet, nextAllowed, reminderDueAt } from '../../domain/reminder-times.js'
import { renderNewSession, renderReminder } from '../../domain/session-messages.js'
import { listRsvps, type Rsvp } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import { offsetOfReminderKey } from './plan-reminders.js'
import { fromRow, sessionsWithGroups, whatPeopleSaidTheydTry } from './session-rows.js'

/** `db` is the store that spans workspaces: delivery serves all of them at once. */
export function createReminderComposer(options: { db: Db; zone: string }): Composer {
  const { db, zone } = options
  return async (items, now) => {
    const sessionIds = [...new Set(items.flatMap((i) => (i.about.sessionId ? [i.about.sessionId] : [])))]
    if (sessionIds.length === 0) return items.map(() => drop('it names no session'))
    const rows = await sessionsWithGroups(db).where('s.id', 'in', sessionIds).execute()
    const found = new Map(rows.map((row) => [row.id, fromRow(row)]))
    const sessions = [...found.values()].map((f) => f.session)
    const rsvps = await listRsvps(db, sessions)
    const tried = await whatPeopleSaidTheydTry(db, sessions)
    const stillIn = await activeParticipants(db, [...found.values()].map((f) => f.group), items)

    return items.map((item): Composition => {
      const entry = item.about.sessionId ? found.get(item.about.sessionId) : undefined
      // The row must be the session's own workspace's: a queued message never crosses one.
      if (!entry || entry.session.platform !== item.platform || entry.session.workspaceId !== item.target.workspaceId) return drop('its session is gone')
      const { group, session, quiet } = entry
      const userId = item.target.id
      if (session.cancelledAt) return drop('the session was cancelled')
      if (session.startsAt <= now) return drop('the session has started')
      if (!stillIn.has(`${group.id}:${userId}`)) return drop('no longer a participant')
      const answer = (rsvps.get(session.id) ?? []).find((r) => r.userId === userId)
      if (answer?.status === 'apologies') return drop('apologies sent')

      if (item.about.kind === 'reminder') {
        const minutes = offsetOfReminderKey(item.key)
        // After downtime a later reminder (an hour before) may be due too: it is the useful one.
        const overtaken = minutes !== undefined && group.reminderOffsets.some((m) => m > 0 && m < minutes && reminderDueAt(session.startsAt, m, zone) <= now)
        if (overtaken) return drop('overtaken by a later reminder')
      }
      // Quiet hours are for the moment of sending; a message that waited into them waits on,
      // unless holding it would take it past the session's start.
      if (isQuiet(now, quiet, zone)) {
        const allowed = nextAllowed(now, quiet, zone)
        if (allowed < session.startsAt) return { kind: 'hold', until: allowed, reason: 'quiet hours' }
      }
      const status: Rsvp | undefined = answer?.status === 'going' ? answer : undefined
      const message =
        item.about.kind === 'new-session'
          ? renderNewSession(group, session, now, zone, status)
          : renderReminder(group, session, now, zone, status, tried.get(session.id)?.get(userId))
      return { kind: 'send', message }
    })
  }
}

const drop = (reason: string): Composition => ({ kind: 'drop', reason })

/** Which of the items' recipients are still active participants, as "group:user". */
async function activeParticipants(db: Db, groups: WorkGroup[], items: readonly ClaimedItem[]): Promise<Set<string>> {
  if (groups.length === 0) return new Set()
  const rows = await db
    .selectFrom('participants')
    .select(['work_group_id', 'user_id'])
    .where(inScopes(groups))
    .where('work_group_id', 'in', [...new Set(groups.map((g) => g.id))])
    .where('user_id', 'in', [...new Set(items.map((i) => i.target.id))])
    .where('active', '=', true)
    .execute()
  return new Set(rows.map((r) => `${r.work_group_id}:${r.user_id}`))
}
