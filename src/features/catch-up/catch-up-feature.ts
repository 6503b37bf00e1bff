// `catch up`: the catch-up for a session, asked for at any time and answered privately. In a
// Work Group's channel, the latest session of that group the person missed since they were last
// there; in a direct chat, the same across all their groups. With a date ("catch up 7 Dec"),
// that day's session. Someone who missed nothing gets the latest session's catch-up, with a
// line saying they were there; a Lead gets what participants who missed it get.
import { DateTime } from 'luxon'
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { CommandEvent, MessageEvent } from '../../core/events.js'
import type { Message } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { inScope } from '../../db/scope.js'
import { readTypedDate } from '../../files/typed-dates.js'
import { absenceOf, listAbsences, missedIt } from '../../domain/session-absences.js'
import { listStartedSessions, type Session } from '../../domain/sessions.js'
import { findWorkGroupByConversation, isParticipant, selectWorkGroups, toWorkGroup, type WorkGroup } from '../../domain/work-groups.js'
import { gatherCatchUp } from './catch-up-facts.js'
import { type Reader, renderCatchUp, renderNoSessionOn, renderNothingToCatchUp } from './render-catch-up.js'

export interface CatchUpDeps {
  db: Db
  clock: Clock
  zone: string
}

/** How far back the command looks for a session to catch up on. */
const SESSIONS_LOOKED_AT = 30

interface Candidate {
  group: WorkGroup
  session: Session
  reader: Reader
}

export function createCatchUpFeature(deps: CatchUpDeps): Feature {
  const { db, clock, zone } = deps

  /** The groups the person may catch up on here: this channel's, or all of theirs in a direct chat. */
  async function groupsFor(event: CommandEvent | MessageEvent): Promise<WorkGroup[] | Message> {
    const { actor, place } = event
    if (place.kind !== 'direct') {
      const here = await findWorkGroupByConversation(db, actor, place.conversationId)
      if (!here) return renderNothingToCatchUp('no group here')
      if (here.leadUserId !== actor.userId && !(await isParticipant(db, here, actor.userId))) return renderNothingToCatchUp('not a participant', here.projectTitle)
      return [here]
    }
    const joined = await db
      .selectFrom('participants')
      .select('work_group_id')
      .where(inScope(actor))
      .where('user_id', '=', actor.userId)
      .where('active', '=', true)
      .execute()
    const ids = joined.map((r) => r.work_group_id)
    const rows = await selectWorkGroups(db)
      .where(inScope(actor, 'w'))
      .where((eb) => eb.or([eb('w.lead_user_id', '=', actor.userId), ...(ids.length ? [eb('w.id', 'in', ids)] : [])]))
      .execute()
    return rows.length ? rows.map(toWorkGroup) : renderNothingToCatchUp('not in a group')
  }

  /** Each group's finished sessions, latest first, with how the person stood for each. */
  async function candidates(groups: WorkGroup[], userId: string, now: Date): Promise<Candidate[]> {
    const started = await Promise.all(groups.map(async (group) => (await listStartedSessions(db, group, now, SESSIONS_LOOKED_AT)).map((session) => ({ group, session }))))
    const ended = started.flat().filter((c) => c.session.endsAt <= now)
    const absences = await listAbsences(db, ended.map((c) => c.session), [userId])
    return ended
      .map((c) => ({ ...c, reader: c.group.leadUserId === userId ? ('lead' as const) : absenceOf(absences.get(c.session.id), userId) }))
      .sort((a, b) => b.session.startsAt.getTime() - a.session.startsAt.getTime())
  }

  /**
   * The latest session missed, in any of the groups, since the person was last at one of that
   * group's (older absences have been overtaken by sessions they came to); if none, the latest
   * session. `all` is latest first.
   */
  function latestMissed(all: [Candidate, ...Candidate[]]): Candidate {
    const settled = new Set<string>()
    for (const candidate of all) {
      if (settled.has(candidate.group.id)) continue
      if (missedIt(candidate.reader)) return candidate
      if (candidate.reader === 'attended' || candidate.reader === 'lead') settled.add(candidate.group.id)
    }
    return all[0]
  }

  async function catchUp(event: CommandEvent | MessageEvent, args: string, ctx: HandlerContext): Promise<void> {
    const groups = await groupsFor(event)
    if (!Array.isArray(groups)) return answerPrivately(ctx.reply, groups)
    const now = clock.now()
    const all = await candidates(groups, event.actor.userId, now)
    const only = groups.length === 1 ? groups[0]!.projectTitle : undefined
    if (!isNonEmpty(all)) return answerPrivately(ctx.reply, renderNothingToCatchUp('no sessions yet', only))

    let chosen: Candidate
    if (args === '' || /^(latest|last)$/i.test(args)) chosen = latestMissed(all)
    else {
      const date = readTypedDate(args, DateTime.fromJSDate(now, { zone }).toISODate()!, 'past')
      const onDay = date.ok ? all.filter((c) => DateTime.fromJSDate(c.session.startsAt, { zone }).toISODate() === date.date) : []
      // Two groups meeting the same day: the one they missed first.
      const picked = onDay.find((c) => missedIt(c.reader)) ?? onDay[0]
      if (!picked)
        return answerPrivately(
          ctx.reply,
          renderNoSessionOn(groups.map((g) => g.projectTitle), date, `Say ${ctx.hint('catch up')} for the latest session you missed, or add the day it met: ${ctx.hint('catch up 7 Dec')}.`),
        )
      chosen = picked
    }
    const facts = await gatherCatchUp(db, chosen.group, chosen.session, now)
    await answerPrivately(ctx.reply, renderCatchUp(facts, zone, chosen.reader))
  }

  return {
    name: 'catch-up',
    commands: { 'catch up': catchUp },
    help: [{ usage: 'catch up', description: 'what a session you missed covered, its gap task, what was shared since and what’s next; or name the day: “catch up 7 Dec”' }],
  }
}

const isNonEmpty = <T>(list: T[]): list is [T, ...T[]] => list.length > 0
