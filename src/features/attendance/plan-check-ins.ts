// Posts "I'm here" in an online session's channel as it starts, once, planned through the
// outbox like the registers. It goes at the start whatever the hub's quiet hours (a channel
// post at a time the Lead chose, as the morning digest is), is worded again when it is sent
// (compose-check-ins.ts), and is useless once the session has ended. Face-to-face sessions get
// none: the Lead sees who is in the room.
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { alreadyPlanned, planOnce } from '../../delivery/plan-once.js'
import { type Session, toSession } from '../../domain/sessions.js'
import { selectWorkGroups, toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
import { renderCheckInPost } from './render-check-in.js'

/** Planned this far ahead, so the post goes on the minute the session starts. */
const PLAN_AHEAD_MS = 2 * 60_000
/** Sessions planned per transaction. */
const PLAN_BATCH = 100

type Due = { group: WorkGroup; session: Session }

export const checkInPlanKey = (sessionId: string) => `check-in:${sessionId}`

export async function planCheckIns(db: Db, now: Date, zone: string, log: Logger, onBatch: () => void = () => {}): Promise<{ checkIns: number }> {
  let checkIns = 0
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('cancelled_at', 'is', null)
    .where('online_url', 'is not', null)
    .where('starts_at', '<=', new Date(now.getTime() + PLAN_AHEAD_MS))
    .where('ends_at', '>', now)
    .execute()
  if (rows.length === 0) return { checkIns }
  const done = await alreadyPlanned(db, rows.map((r) => checkInPlanKey(r.id)))
  const waiting = rows.filter((r) => !done.has(checkInPlanKey(r.id)))
  if (waiting.length === 0) return { checkIns }

  const groups = new Map(
    (await selectWorkGroups(db).where('w.id', 'in', [...new Set(waiting.map((r) => r.work_group_id))]).execute()).map((g) => [g.id, toWorkGroup(g)]),
  )
  const due: Due[] = waiting.flatMap((row) => {
    const group = groups.get(row.work_group_id)
    return group ? [{ group, session: toSession(row) }] : []
  })
  for (let i = 0; i < due.length; i += PLAN_BATCH) {
    const batch = due.slice(i, i + PLAN_BATCH)
    const keys = batch.map((d) => checkInPlanKey(d.session.id))
    const added = await planOnce(db, keys, now, async (trx, mine) => enqueue(trx, batch.filter((d) => mine.has(checkInPlanKey(d.session.id))).map((d) => checkInPost(d, zone))))
    checkIns += added
    if (added > 0) {
      log.info({ sessions: batch.length, checkIns: added }, 'planned check-in posts')
      onBatch()
    }
  }
  return { checkIns }
}

function checkInPost({ group, session }: Due, zone: string): OutboxItem {
  return {
    key: `check-in:${session.id}:${group.conversationId}`,
    about: { kind: 'check-in', workGroupId: group.id, sessionId: session.id },
    platform: group.platform,
    target: { workspaceId: group.workspaceId, kind: 'conversation', id: group.conversationId },
    message: renderCheckInPost(group, session, zone),
    dueAt: session.startsAt,
    notAfter: session.endsAt,
  }
}
