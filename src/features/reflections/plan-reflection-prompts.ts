// Asks participants to reflect: one direct message shortly after each session ends (the
// group's delay, 15 minutes by default) and at most one nudge a day later, each planned once
// through the outbox like reminders. Nobody is asked who sent apologies, asked to stop, or
// has already reflected.
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { enqueue, type OutboxItem } from '../../delivery/outbox.js'
import { alreadyPlanned, planOnce } from '../../delivery/plan-once.js'
import { nextAllowed } from '../../domain/reminder-times.js'
import { listRsvps, type Session, toSession } from '../../domain/sessions.js'
import { listParticipantsOf, selectWorkGroups, toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
import { listOptOuts, listReflectionsOn, optOutKey } from '../../domain/reflections.js'
import { reflectionsCloseAt } from '../../domain/reflection-window.js'
import { renderReflectionPrompt } from './render-reflections.js'

/** Prompts are planned this far ahead of their time, as reminders are. */
const PLAN_AHEAD_MS = 10 * 60_000
/** After downtime longer than this, a prompt or nudge is no longer worth sending. */
const CATCH_UP_MS = 24 * 60 * 60_000
const NUDGE_AFTER_MS = 24 * 60 * 60_000
/** Sessions planned per transaction. */
const PLAN_BATCH = 100

export interface PromptResult {
  prompts: number
  nudges: number
}

/** The outbox kinds of the prompt and its nudge, which reflecting or "stop asking me" drops. */
export const PROMPT_KINDS = ['reflection-prompt', 'reflection-nudge'] as const

type Due = { kind: 'prompt' | 'nudge'; at: Date; group: WorkGroup; session: Session; quiet: { start: string; end: string; weekends: boolean } }

export async function planReflectionPrompts(db: Db, now: Date, zone: string, log: Logger, onBatch: () => void = () => {}): Promise<PromptResult> {
  const result: PromptResult = { prompts: 0, nudges: 0 }
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
    .innerJoin('hubs as h', 'h.id', 'w.hub_id')
    .selectAll('s')
    .select(['h.quiet_start', 'h.quiet_end', 'h.quiet_weekends', 'w.reflection_delay_minutes'])
    .where('s.cancelled_at', 'is', null)
    .where('s.ends_at', '<=', new Date(now.getTime() + PLAN_AHEAD_MS))
    .where('s.ends_at', '>', new Date(now.getTime() - CATCH_UP_MS - NUDGE_AFTER_MS - 4 * 24 * 60 * 60_000))
    .execute()
  if (rows.length === 0) return result

  const groups = new Map(
    (await selectWorkGroups(db).where('w.id', 'in', [...new Set(rows.map((r) => r.work_group_id))]).execute()).map((g) => [g.id, toWorkGroup(g)]),
  )
  const due: Due[] = []
  for (const row of rows) {
    const group = groups.get(row.work_group_id)
    if (!group) continue
    const session = toSession(row)
    const quiet = { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends }
    const promptAt = new Date(session.endsAt.getTime() + row.reflection_delay_minutes * 60_000)
    if (promptAt.getTime() <= now.getTime() + PLAN_AHEAD_MS && now.getTime() - promptAt.getTime() < CATCH_UP_MS)
      due.push({ kind: 'prompt', at: promptAt, group, session, quiet })
    // The nudge is planned only when due, so that whoever reflected in the meantime is left out;
    // it waits for the end of quiet hours (evenings and weekends are not for nudges).
    const nudgeAt = nextAllowed(new Date(promptAt.getTime() + NUDGE_AFTER_MS), quiet, zone)
    if (nudgeAt <= now && now.getTime() - nudgeAt.getTime() < CATCH_UP_MS) due.push({ kind: 'nudge', at: nudgeAt, group, session, quiet })
  }

  const planKey = (d: Due) => `reflect-${d.kind}s:${d.session.id}`
  const done = await alreadyPlanned(db, due.map(planKey))
  const toPlan = due.filter((d) => !done.has(planKey(d)))
  // Batches, as for reminders: a busy evening (every group's session ending at once) is a few
  // dozen transactions, not one per session.
  for (let i = 0; i < toPlan.length; i += PLAN_BATCH) {
    const batch = toPlan.slice(i, i + PLAN_BATCH)
    const counts = { prompts: 0, nudges: 0 }
    await planOnce(db, batch.map(planKey), now, async (trx, keys) => {
      const mine = batch.filter((d) => keys.has(planKey(d)))
      const items = await promptsFor(trx, mine, now, zone)
      for (const item of items) counts[item.about.kind === 'reflection-nudge' ? 'nudges' : 'prompts'] += 1
      return enqueue(trx, items)
    })
    result.prompts += counts.prompts
    result.nudges += counts.nudges
    if (counts.prompts + counts.nudges > 0) {
      log.info({ sessions: batch.length, ...counts }, 'planned reflection prompts')
      onBatch()
    }
  }
  return result
}

/** The prompts (or nudges) for these sessions: participants, less apologies, opt-outs and those who reflected. */
async function promptsFor(db: Db, due: Due[], now: Date, zone: string): Promise<OutboxItem[]> {
  const groups = [...new Map(due.map((d) => [d.group.id, d.group])).values()]
  const sessions = due.map((d) => d.session)
  const [participants, rsvps, reflections, optedOut, closing] = await Promise.all([
    listParticipantsOf(db, groups),
    listRsvps(db, sessions),
    listReflectionsOn(db, sessions),
    listOptOuts(db, groups),
    reflectionsCloseAt(db, due.map((d) => d.session)),
  ])
  return due.flatMap((d) => {
    const closesAt = closing.get(d.session.id)!
    if (closesAt <= now) return []
    const apologies = new Set((rsvps.get(d.session.id) ?? []).filter((r) => r.status === 'apologies').map((r) => r.userId))
    const reflected = new Set((reflections.get(d.session.id) ?? []).map((r) => r.userId))
    const message = renderReflectionPrompt(d.group, d.session, zone, closesAt, d.kind === 'nudge')
    return (participants.get(d.group.id) ?? [])
      .filter((p) => p.userId !== d.group.leadUserId && !apologies.has(p.userId) && !reflected.has(p.userId) && !optedOut.has(optOutKey(d.group.id, p.userId)))
      .map((p) => ({
        key: `reflect:${d.session.id}:${p.userId}:${d.kind}`,
        about: { kind: d.kind === 'nudge' ? ('reflection-nudge' as const) : ('reflection-prompt' as const), workGroupId: d.group.id, sessionId: d.session.id },
        platform: d.group.platform,
        target: { workspaceId: d.group.workspaceId, kind: 'direct' as const, id: p.userId, ...(p.address !== undefined ? { address: p.address } : {}) },
        message,
        dueAt: d.at,
        notAfter: closesAt,
      }))
  })
}
