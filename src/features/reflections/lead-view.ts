// A session's reflections as its Lead may see them: loaded, collated under the privacy rules
// (collate-reflections.ts), summarised by the model when there is one, and rendered. The CSV
// export is built from the same collation, so it never holds more than the view.
import { DateTime } from 'luxon'
import type { Message } from '../../core/messages.js'
import type { Db } from '../../db/database.js'
import { inScope } from '../../db/scope.js'
import { listRsvps, type Session } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import { type ReflectionSummariser, summariseWithin, summaryInputFor } from './ai-summary.js'
import { type CollatedReflections, collateReflections } from '../../domain/collate-reflections.js'
import { listSessionReflections } from '../../domain/reflections.js'
import { csvRowsFor, reflectionsCsv } from './reflections-csv.js'
import { renderCollated } from './render-collated.js'
import { sessionLabel } from './render-reflections.js'

export interface LeadViewDeps {
  db: Db
  zone: string
  now: Date
  summariser?: ReflectionSummariser
  summaryBudgetMs?: number
}

/** Everyone the group has had, by user id, with their names: the names an anonymised view must never contain. */
async function participantNames(db: Db, group: WorkGroup): Promise<{ names: Map<string, string>; active: string[] }> {
  const rows = await db.selectFrom('participants').select(['user_id', 'name', 'active']).where(inScope(group)).where('work_group_id', '=', group.id).execute()
  return {
    names: new Map(rows.flatMap((r) => (r.name ? [[r.user_id, r.name] as const] : []))),
    active: rows.filter((r) => r.active && r.user_id !== group.leadUserId).map((r) => r.user_id),
  }
}

export async function collateSession(db: Db, group: WorkGroup, session: Session): Promise<{ collated: CollatedReflections; names: Map<string, string> }> {
  const { names, active } = await participantNames(db, group)
  const apologies = new Set(((await listRsvps(db, [session])).get(session.id) ?? []).filter((r) => r.status === 'apologies').map((r) => r.userId))
  const reflections = await listSessionReflections(db, session)
  const expected = active.filter((id) => !apologies.has(id)).length
  return { collated: collateReflections({ reflections, names, expected }), names }
}

/** `canSendFiles`: whether the Lead's platform can send them the spreadsheet as a file. */
export async function buildLeadView(deps: LeadViewDeps, group: WorkGroup, session: Session, canSendFiles: boolean): Promise<Message> {
  const { collated, names } = await collateSession(deps.db, group, session)
  const summary = await summariseWithin(deps.summariser, summaryInputFor(collated, group.projectTitle), {
    forbiddenNames: [...names.values()],
    ...(deps.summaryBudgetMs !== undefined ? { budgetMs: deps.summaryBudgetMs } : {}),
  })
  return renderCollated({
    projectTitle: group.projectTitle,
    sessionLabel: sessionLabel(group, session, deps.zone),
    collated,
    summary,
    ...(collated.named.length + collated.anonymous.length > 0
      ? canSendFiles
        ? { exportSessionId: session.id }
        : { exportNote: 'I can’t send files from here, so there is no spreadsheet this time.' }
      : {}),
  })
}

/**
 * The view as a spreadsheet. Names the bot never stored (Slack channel members come as ids)
 * are asked of the platform, so the file names people as the view does.
 */
export async function sessionCsv(db: Db, group: WorkGroup, session: Session, zone: string, lookUpNames?: (userIds: string[]) => Promise<Map<string, string>>): Promise<string> {
  const { collated } = await collateSession(db, group, session)
  const unnamed = collated.named.filter((r) => !r.name).map((r) => r.userId)
  const found = unnamed.length && lookUpNames ? await lookUpNames(unnamed).catch(() => new Map<string, string>()) : new Map<string, string>()
  const named = { ...collated, named: collated.named.map((r) => (r.name ? r : { ...r, ...(found.get(r.userId) ? { name: found.get(r.userId)! } : {}) })) }
  return reflectionsCsv(csvRowsFor(named, DateTime.fromJSDate(session.startsAt, { zone }).toFormat('ccc d LLL yyyy HH:mm')))
}
