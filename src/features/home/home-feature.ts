// Someone's home page in the bot (Slack's App Home tab): their next sessions, the sessions still
// waiting for their reflection (with a Reflect button), and the newest resources for their
// sub-groups. Rebuilt each time it is opened.
import { DateTime } from 'luxon'
import type { Feature } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { Actor } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import type { Action, Block, Message } from '../../core/messages.js'
import { linkTarget, truncate, userText } from '../../core/messages.js'
import type { Db } from '../../db/database.js'
import { inScope } from '../../db/scope.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { reflectionsCloseAt } from '../../domain/reflection-window.js'
import { ACTION_REFLECT } from '../../domain/reflections.js'
import { type ListMembers, subgroupsOf } from '../../domain/subgroup-membership.js'
import { sessionShortLabel, sessionWhen } from '../../domain/session-messages.js'
import { type Session, toSession } from '../../domain/sessions.js'

const SESSIONS_SHOWN = 5
const RESOURCES_SHOWN = 5
/** How far back a session can still be waiting for a reflection on the home page. */
const REFLECTION_LOOKBACK_DAYS = 28

export interface HomeDeps {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  isAdmin: AdminCheck
  listMembers: ListMembers
}

type GroupSession = Session & { projectTitle: string }

/** What someone's home page shows: their sessions, those waiting for a reflection, new resources. */
export interface HomeView {
  upcoming: GroupSession[]
  waiting: GroupSession[]
  library: { subgroups: number; resources: { title: string; url: string; host: string; sharedAt: Date; subgroup: string }[] }
}

/** The home page. Titles, places, hosts and sub-group names are people's words: quoted as typed. */
export function renderHome(view: HomeView, zone: string): Message {
  const { upcoming, waiting, library } = view
  const name = (s: GroupSession) => userText(truncate(s.title ? `${s.projectTitle}: ${s.title}` : s.projectTitle, 200))
  const blocks: Block[] = [{ type: 'header', text: 'Maths Hubs' }, { type: 'text', text: '**Your next sessions**' }]
  if (upcoming.length === 0) blocks.push({ type: 'context', text: 'None planned in your Work Groups.' })
  for (const s of upcoming.slice(0, SESSIONS_SHOWN)) {
    const where = s.onlineUrl ? `[join online](${linkTarget(s.onlineUrl)})` : s.place ? userText(truncate(s.place, 200)) : ''
    blocks.push({ type: 'text', text: [`**${name(s)}**`, sessionWhen(s, zone), where].filter(Boolean).join('\n') })
  }
  blocks.push({ type: 'divider' }, { type: 'text', text: '**Waiting for your reflection**' })
  if (waiting.length === 0) blocks.push({ type: 'context', text: 'Nothing: you are up to date.' })
  for (const s of waiting.slice(0, SESSIONS_SHOWN)) {
    blocks.push({ type: 'text', text: `${name(s)}, ${sessionShortLabel(s, zone)}` })
    const reflect: Action = { type: 'button', id: ACTION_REFLECT, label: 'Reflect', value: s.id, style: 'primary', opensForm: true }
    blocks.push({ type: 'actions', actions: [reflect] })
  }
  blocks.push({ type: 'divider' }, { type: 'text', text: '**New for your sub-groups**' })
  if (library.subgroups === 0) blocks.push({ type: 'context', text: 'You are not in a sub-group yet.' })
  else if (library.resources.length === 0) blocks.push({ type: 'context', text: 'Nothing shared yet.' })
  for (const r of library.resources) {
    const when = DateTime.fromJSDate(r.sharedAt, { zone }).toFormat('d LLL')
    const link = `[${userText(truncate(r.title, 200))}](${linkTarget(r.url)})`
    blocks.push({ type: 'text', text: `**${link}** · ${userText(r.host)}\n${userText(truncate(r.subgroup, 100))}, ${when}` })
  }
  blocks.push({ type: 'context', text: 'Type /workgroups help to see everything the bot does.' })
  return { text: 'Your Maths Hubs home', blocks }
}

export function createHomeFeature(deps: HomeDeps): Feature {
  const { db, clock, zone } = deps

  /** Sessions of the person's Work Groups (as an active participant) from `since`, soonest first. */
  async function sessionsOf(actor: Actor, since: Date, until: Date): Promise<GroupSession[]> {
    const rows = await db
      .selectFrom('participants as p')
      .innerJoin('work_groups as w', 'w.id', 'p.work_group_id')
      .innerJoin('sessions as s', 's.work_group_id', 'w.id')
      .selectAll('s')
      .select('w.project_title')
      .where('w.platform', '=', actor.platform)
      .where('w.workspace_id', '=', actor.workspaceId)
      .where('p.user_id', '=', actor.userId)
      .where('p.active', '=', true)
      .where('s.cancelled_at', 'is', null)
      .where('s.starts_at', '>=', since)
      .where('s.starts_at', '<', until)
      .orderBy('s.starts_at')
      .limit(50)
      .execute()
    return rows.map((row) => ({ ...toSession(row), projectTitle: row.project_title }))
  }

  async function waitingForReflection(actor: Actor, now: Date): Promise<GroupSession[]> {
    const recent = await sessionsOf(actor, new Date(now.getTime() - REFLECTION_LOOKBACK_DAYS * 24 * 60 * 60_000), now)
    if (recent.length === 0) return []
    const done = new Set(
      (
        await db
          .selectFrom('reflections')
          .select('session_id')
          .where(inScope(actor))
          .where('user_id', '=', actor.userId)
          .where('session_id', 'in', recent.map((s) => s.id))
          .execute()
      ).map((r) => r.session_id),
    )
    const closing = await reflectionsCloseAt(db, recent)
    return recent.filter((s) => !done.has(s.id) && closing.get(s.id)! > now).reverse()
  }

  async function newestResources(actor: Actor) {
    const subgroups = await subgroupsOf(deps, actor)
    if (subgroups.length === 0) return { subgroups: 0, resources: [] as { title: string; url: string; host: string; sharedAt: Date; subgroup: string }[] }
    const rows = await db
      .selectFrom('resource_shares as sh')
      .innerJoin('resources as r', 'r.id', 'sh.resource_id')
      .innerJoin('subgroups as g', 'g.id', 'sh.subgroup_id')
      .select(['r.id', 'r.title', 'r.url', 'r.host', 'sh.shared_at', 'g.name'])
      .where(inScope(actor, 'sh'))
      .where('sh.subgroup_id', 'in', subgroups.map((s) => s.id))
      .orderBy('sh.shared_at', 'desc')
      .limit(RESOURCES_SHOWN * 4)
      .execute()
    const seen = new Set<string>()
    const resources = rows
      .filter((r) => !seen.has(r.id) && seen.add(r.id))
      .slice(0, RESOURCES_SHOWN)
      .map((r) => ({ title: r.title, url: r.url, host: r.host, sharedAt: new Date(r.shared_at), subgroup: r.name }))
    return { subgroups: subgroups.length, resources }
  }

  return {
    name: 'home',
    home: async (event): Promise<Message> => {
      const now = clock.now()
      const [upcoming, waiting, library] = await Promise.all([
        sessionsOf(event.actor, now, new Date(now.getTime() + 366 * 24 * 60 * 60_000)),
        waitingForReflection(event.actor, now),
        newestResources(event.actor),
      ])
      return renderHome({ upcoming, waiting, library }, zone)
    },
  }
}
