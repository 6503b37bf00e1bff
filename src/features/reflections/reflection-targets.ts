// Which session `reflect` means: the latest that has started in the Work Group whose channel
// this is, or, in a direct message, in whichever of the person's Work Groups met most recently.
import type { Actor, Place } from '../../core/events.js'
import type { Db } from '../../db/database.js'
import { inScope, scopeOf } from '../../db/scope.js'
import { listStartedSessions, type Session } from '../../domain/sessions.js'
import { findWorkGroupByConversation } from '../../domain/work-groups.js'

export async function latestSessionToReflectOn(db: Db, actor: Actor, place: Place, now: Date): Promise<{ session: Session } | { refusal: string }> {
  const here = place.kind === 'direct' ? undefined : await findWorkGroupByConversation(db, actor, place.conversationId)
  const groups = here
    ? [here]
    : (
        await db
          .selectFrom('participants as p')
          .innerJoin('work_groups as w', 'w.id', 'p.work_group_id')
          .select('w.id')
          .where(inScope(actor, 'p'))
          .where('p.user_id', '=', actor.userId)
          .where('p.active', '=', true)
          .execute()
      ).map((r) => ({ ...scopeOf(actor), id: r.id }))
  if (groups.length === 0)
    return { refusal: place.kind === 'direct' ? 'You are not in a Work Group yet, so there is no session to reflect on.' : 'This channel is not a Work Group, so there is no session to reflect on here.' }
  const latest = (await Promise.all(groups.map((group) => listStartedSessions(db, group, now, 1)))).flat().sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0]
  return latest ? { session: latest } : { refusal: 'No session has happened yet, so there is nothing to reflect on. I’ll ask you after the first one.' }
}
