// The check-in post is decided when it is sent: the session may have been cancelled, lost its
// link or ended while the post waited (downtime, a busy channel). Quiet hours do not hold it:
// it is a channel post at the time the session starts.
import type { Db } from '../../db/database.js'
import type { Composer, Composition } from '../../delivery/composer.js'
import { toSession } from '../../domain/sessions.js'
import { selectWorkGroups, toWorkGroup } from '../../domain/work-groups.js'
import { renderCheckInPost } from './render-check-in.js'

/** `db` is the store that spans workspaces: delivery serves all of them at once. */
export function createCheckInComposer(options: { db: Db; zone: string }): Composer {
  const { db, zone } = options
  return async (items, now) => {
    const sessionIds = [...new Set(items.flatMap((i) => (i.about.sessionId ? [i.about.sessionId] : [])))]
    if (sessionIds.length === 0) return items.map(() => drop('it names no session'))
    const sessions = new Map((await db.selectFrom('sessions').selectAll().where('id', 'in', sessionIds).execute()).map((row) => [row.id, toSession(row)]))
    const groupIds = [...new Set([...sessions.values()].map((s) => s.workGroupId))]
    const groups = new Map(groupIds.length ? (await selectWorkGroups(db).where('w.id', 'in', groupIds).execute()).map((g) => [g.id, toWorkGroup(g)]) : [])

    return items.map((item): Composition => {
      const session = item.about.sessionId ? sessions.get(item.about.sessionId) : undefined
      const group = session && groups.get(session.workGroupId)
      // The row must be the session's own workspace's: a queued message never crosses one.
      if (!session || !group || session.platform !== item.platform || session.workspaceId !== item.target.workspaceId) return drop('its session is gone')
      if (session.cancelledAt) return drop('the session was cancelled')
      if (session.endsAt <= now) return drop('the session has ended')
      if (!session.onlineUrl) return drop('the session is no longer online')
      if (item.target.id !== group.conversationId) return drop('the group has moved to another channel')
      return { kind: 'send', message: renderCheckInPost(group, session, zone) }
    })
  }
}

const drop = (reason: string): Composition => ({ kind: 'drop', reason })
