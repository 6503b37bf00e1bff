// Which sub-groups someone belongs to: those with a channel they are a member of, read live from
// the platform (membership changes there, not here). Administrators belong to all of them.
import type { Actor, Member, Platform } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import type { Db } from '../db/database.js'
import type { AdminCheck } from './hub-admins.js'
import { listSubgroups, type Subgroup } from './subgroups.js'

export type ListMembers = (platform: Platform, workspaceId: string, conversationId: string) => Promise<Member[] | undefined>

export async function subgroupsOf(deps: { db: Db; isAdmin: AdminCheck; listMembers: ListMembers; log: Logger }, actor: Actor): Promise<Subgroup[]> {
  const all = await listSubgroups(deps.db, actor.platform, actor.workspaceId)
  if (await deps.isAdmin(actor)) return all
  // One member list per channel, even when several sub-groups share it.
  const membersOf = new Map<string, Promise<Set<string>>>()
  const members = (channel: string) => {
    if (!membersOf.has(channel))
      membersOf.set(
        channel,
        deps
          .listMembers(actor.platform, actor.workspaceId, channel)
          .then((list) => new Set((list ?? []).map((m) => m.userId)))
          .catch((error) => {
            deps.log.warn({ err: error, channel }, 'could not list a sub-group channel’s members')
            return new Set<string>()
          }),
      )
    return membersOf.get(channel)!
  }
  const mine: Subgroup[] = []
  for (const subgroup of all) {
    for (const channel of subgroup.channels) {
      if ((await members(channel)).has(actor.userId)) {
        mine.push(subgroup)
        break
      }
    }
  }
  return mine
}
