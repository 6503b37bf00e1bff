// Each sub-group's weekly digest: on Monday from 08:00 (local time), one message in each of its
// channels listing what was shared into it in the week before; nothing when nothing was. Planned
// once per sub-group and week through the outbox, like reminders.
import { DateTime } from 'luxon'
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { alreadyPlanned, planOnce } from '../../delivery/plan-once.js'
import { DIGEST_TIME } from '../../domain/reminder-times.js'
import { renderWeeklyDigest } from './render-resources.js'
import { listNewInSubgroup } from './resource-store.js'
import { listSubgroups, type Subgroup } from '../../domain/subgroups.js'
import type { Platform } from '../../core/events.js'

export async function planResourceDigests(db: Db, now: Date, zone: string, log: Logger, onPlanned: () => void = () => {}): Promise<number> {
  const local = DateTime.fromJSDate(now, { zone })
  const [hour, minute] = DIGEST_TIME.split(':').map(Number) as [number, number]
  const thisMonday = local.startOf('week').set({ hour, minute })
  // Only on Monday itself, from the digest time: after a longer outage the week's digest is skipped.
  if (local.weekday !== 1 || local < thisMonday) return 0
  const week = thisMonday.toISODate()!
  const since = thisMonday.minus({ weeks: 1 }).toJSDate()
  const until = thisMonday.toJSDate()

  const workspaces = await db.selectFrom('subgroups').select(['platform', 'workspace_id']).distinct().execute()
  const subgroups: Subgroup[] = []
  for (const w of workspaces) subgroups.push(...(await listSubgroups(db, w.platform as Platform, w.workspace_id)))
  const key = (s: Subgroup) => `resource-digest:${s.id}:${week}`
  const done = await alreadyPlanned(db, subgroups.map(key))
  let planned = 0
  for (const subgroup of subgroups.filter((s) => !done.has(key(s)) && s.channels.length > 0)) {
    planned += await planOnce(db, [key(subgroup)], now, async (trx) => {
      const fresh = await listNewInSubgroup(trx, subgroup, since, until)
      if (fresh.length === 0) return 0
      const message = renderWeeklyDigest(subgroup, fresh)
      const items: OutboxItem[] = subgroup.channels.map((channel) => ({
        key: `${key(subgroup)}:${channel}`,
        about: { kind: 'resource-digest' },
        platform: subgroup.platform,
        target: { workspaceId: subgroup.workspaceId, kind: 'conversation', id: channel },
        message,
        dueAt: now,
        notAfter: thisMonday.endOf('day').toJSDate(),
      }))
      return enqueue(trx, items)
    })
  }
  if (planned > 0) {
    log.info({ messages: planned, week }, 'planned weekly resource digests')
    onPlanned()
  }
  return planned
}
