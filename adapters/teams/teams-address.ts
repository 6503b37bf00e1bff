// How the bot reaches a Teams user it has not talked to 1:1 yet: Teams opens a 1:1 chat from
// the user's 29: id, the bot's id and the service URL of the tenant's region.
import type { ActivityLike } from './teams-events.js'

export interface TeamsAddress {
  /** The user's Teams id (29:…), not their Entra object id. */
  id: string
  serviceUrl?: string
  botId?: string
}

export function addressOf(activity: ActivityLike, member: { id?: string } | undefined): TeamsAddress | undefined {
  if (!member?.id) return undefined
  return { id: member.id, ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}), ...(activity.recipient?.id ? { botId: activity.recipient.id } : {}) }
}
