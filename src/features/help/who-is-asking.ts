// What the store knows about the person asking for help, here: whether this channel is a Work
// Group, whether they lead it (or, outside a group's channel, lead any group), and whether they
// are a hub administrator. Read within their own workspace, as every feature reads.
import type { Actor, Place } from '../../core/events.js'
import type { Db } from '../../db/database.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { findWorkGroupByConversation, listWorkGroupsLedBy, type WorkGroup } from '../../domain/work-groups.js'

export interface Asker {
  /** The Work Group whose channel this is; absent in a direct chat or any other channel. */
  groupHere?: WorkGroup
  /** Leads the group here; outside a Work Group's channel, leads at least one group. */
  isLead: boolean
  isAdmin: boolean
}

export async function whoIsAsking(db: Db, isAdmin: AdminCheck, actor: Actor, place: Place): Promise<Asker> {
  const groupHere = place.kind === 'direct' ? undefined : await findWorkGroupByConversation(db, actor, place.conversationId)
  const [admin, isLead] = await Promise.all([
    isAdmin(actor),
    groupHere ? groupHere.leadUserId === actor.userId : listWorkGroupsLedBy(db, actor, actor.userId).then((groups) => groups.length > 0),
  ])
  return { ...(groupHere ? { groupHere } : {}), isLead, isAdmin: admin }
}
