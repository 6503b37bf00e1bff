// CSV exports by download link: a Lead's export of a session's reflections, and a person's
// export of their own. Links are signed, name the person who asked, and last 15 minutes; on
// download the bot checks again that this person may see the data now (a Lead who has handed
// the group over gets nothing).
import { DateTime } from 'luxon'
import type { Clock } from '../../core/clock.js'
import type { Actor, Platform } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import type { Route } from '../../http/server.js'
import { createLinkSigner } from '../../http/signed-links.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { findSession, type Session } from '../../domain/sessions.js'
import { findWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
import { sessionCsv } from './lead-view.js'
import { VISIBILITY_LABELS } from './reflection-form.js'
import { listOwnReflections } from '../../domain/reflections.js'
import { reflectionsCsv } from './reflections-csv.js'

export const EXPORT_PATH = '/exports/'
const LINK_MINUTES = 15

type Subject = { kind: 'session'; sessionId: string; platform: Platform; workspaceId: string; userId: string } | { kind: 'mine'; platform: Platform; workspaceId: string; userId: string }

export interface ExportLinks {
  sessionUrl(group: WorkGroup, session: Session, actor: Actor, now: Date): string
  ownUrl(actor: Actor, now: Date): string
  route: Route
}

export function createExportLinks(deps: { publicUrl: string; secret: string | undefined; db: Db; clock: Clock; zone: string; log: Logger; isAdmin: AdminCheck }): ExportLinks {
  const signer = createLinkSigner(deps.secret, 'reflections-export')
  const url = (subject: Subject, now: Date) => `${deps.publicUrl}${EXPORT_PATH}${signer.sign(subject, new Date(now.getTime() + LINK_MINUTES * 60_000))}.csv`
  const who = (actor: Actor) => ({ platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId })

  async function csvFor(subject: Subject): Promise<{ name: string; body: string } | undefined> {
    if (subject.kind === 'mine') {
      const own = await listOwnReflections(deps.db, subject)
      const rows = own.map((r) => ({
        session: `${r.projectTitle}${r.sessionTitle ? `: ${r.sessionTitle}` : ''}, ${DateTime.fromJSDate(r.sessionStartsAt, { zone: deps.zone }).toFormat('ccc d LLL yyyy HH:mm')}`,
        name: 'Me',
        rating: r.rating,
        tryInClass: r.tryInClass ?? '',
        noticed: r.noticed ?? '',
        visibility: VISIBILITY_LABELS[r.visibility],
      }))
      return { name: 'my-reflections.csv', body: reflectionsCsv(rows) }
    }
    const session = await findSession(deps.db, subject, subject.sessionId)
    const group = session && (await findWorkGroup(deps.db, subject, session.workGroupId))
    if (!session || !group) return undefined
    const asker = { platform: group.platform, workspaceId: group.workspaceId, userId: subject.userId }
    if (group.leadUserId !== subject.userId && !(await deps.isAdmin(asker))) return undefined
    const day = DateTime.fromJSDate(session.startsAt, { zone: deps.zone }).toISODate()
    return { name: `reflections-${day}.csv`, body: await sessionCsv(deps.db, group, session, deps.zone) }
  }

  return {
    sessionUrl: (group, session, actor, now) => url({ kind: 'session', sessionId: session.id, ...who(actor) }, now),
    ownUrl: (actor, now) => url({ kind: 'mine', ...who(actor) }, now),
    route: {
      method: 'GET',
      path: EXPORT_PATH,
      underPath: true,
      handle: async (req, res) => {
        const token = /^\/exports\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.csv$/.exec((req.url ?? '').split('?')[0] ?? '')?.[1]
        const subject = token ? (signer.verify(token, deps.clock.now()) as Subject | undefined) : undefined
        const file = subject ? await csvFor(subject) : undefined
        if (!file) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
          res.end('This download link has expired or is not yours to use. Ask the bot again for a fresh link; links last 15 minutes.\n')
          return
        }
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${file.name}"`,
          // Personal data: never kept by a browser or proxy cache.
          'cache-control': 'no-store',
          'content-length': Buffer.byteLength(file.body),
        })
        res.end(file.body)
        deps.log.info({ kind: subject!.kind }, 'reflections exported')
      },
    },
  }
}
