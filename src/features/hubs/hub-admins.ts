// Who is a hub administrator. For now the administrators are those named in configuration
// (HUB_ADMINS); roles granted in chat will extend this one check.
import type { Actor } from '../../core/events.js'
import { type Message, textMessage } from '../../core/messages.js'

export type AdminCheck = (actor: Actor) => boolean

export function adminCheck(adminIds: readonly string[]): AdminCheck {
  const ids = new Set(adminIds)
  return (actor) => ids.has(actor.userId)
}

/** The refusal for someone who is not an administrator; it says who can and how to become one. */
export function adminsOnly(what: string): Message {
  return textMessage(`Only a hub administrator can ${what}. Whoever runs the bot for your hub can make you one by adding your user id to HUB_ADMINS.`)
}
