// A Work Group's sessions as a calendar feed: GET /calendar/<token>.ics. Opening the link adds
// the sessions to a calendar; subscribing to it keeps them up to date, cancellations included.
// The token is random and unguessable (see the migration), so the link is the only key: it
// shows session times, places and links, never who is coming.
import type { Clock } from '../../core/clock.js'
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import type { Route } from '../../http/server.js'
import { listSessionsSince } from '../../domain/sessions.js'
import { findWorkGroupByCalendarToken } from '../../domain/work-groups.js'
import { CALENDAR_PATH } from '../../domain/calendar-links.js'
import { renderSessionCalendar } from './session-calendar.js'

/** How far back the feed goes: the school year so far, roughly. */
const HISTORY_DAYS = 366

export function calendarFeedRoute(deps: { db: Db; clock: Clock; log: Logger }): Route {
  return {
    method: 'GET',
    path: CALENDAR_PATH,
    underPath: true,
    handle: async (req, res) => {
      const token = /^\/calendar\/([0-9a-f]{32})\.ics$/.exec((req.url ?? '').split('?')[0] ?? '')?.[1]
      const group = token ? await findWorkGroupByCalendarToken(deps.db, token) : undefined
      if (!group) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('This calendar link is not valid any more. Ask the bot for the sessions list again to get a new one.\n')
        return
      }
      const now = deps.clock.now()
      const sessions = await listSessionsSince(deps.db, group, new Date(now.getTime() - HISTORY_DAYS * 24 * 60 * 60_000))
      const body = renderSessionCalendar(
        sessions.map((s) => ({
          id: s.id,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          title: s.title ? `${group.projectTitle}: ${s.title}` : `${group.projectTitle} Work Group session`,
          ...(s.onlineUrl ? { onlineUrl: s.onlineUrl } : {}),
          ...(s.place ? { place: s.place } : {}),
          ...(s.prepare ? { prepare: s.prepare } : {}),
          ...(s.gapTask ? { gapTask: s.gapTask } : {}),
          ...(s.cancelledAt ? { cancelled: true } : {}),
        })),
        { calendarName: `${group.projectTitle} Work Group`, now },
      )
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="work-group-sessions.ics"',
        // Calendar apps poll subscribed feeds; a few minutes' caching is plenty.
        'cache-control': 'private, max-age=300',
        'content-length': Buffer.byteLength(body),
      })
      res.end(body)
      deps.log.debug({ workGroup: group.id, sessions: sessions.length }, 'calendar feed served')
    },
  }
}
