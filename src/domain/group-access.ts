// Who may do what to a Work Group, checked the same way by every command: the channel must be
// a Work Group, and privileged actions are the Lead's. A refusal always says who can do it.
import type { HandlerContext } from '../core/bot.js'
import type { Actor, Place } from '../core/events.js'
import { type Message, mention, textMessage } from '../core/messages.js'
import { answerPrivately } from '../core/reply.js'
import type { Db } from '../db/database.js'
import { findWorkGroupByConversation, type WorkGroup } from './work-groups.js'

export function leadOnly(group: WorkGroup, what: string): Message {
  return textMessage(`Only the Work Group Lead, ${mention({ userId: group.leadUserId })}, can ${what}.`)
}

/** The Work Group whose channel this is; otherwise tells the actor how to set one up. */
export async function groupHere(db: Db, event: { actor: Actor; place: Place }, ctx: HandlerContext): Promise<WorkGroup | undefined> {
  const group = await findWorkGroupByConversation(db, event.actor, event.place.conversationId)
  if (group) return group
  const where =
    event.place.kind === 'direct'
      ? 'Work Groups live in channels: run this in your Work Group’s channel.'
      : `This channel is not a Work Group yet. The Work Group Lead can set it up with ${ctx.hint('setup')}.`
  await answerPrivately(ctx.reply, textMessage(where))
  return undefined
}

/** The Work Group here, if the actor is its Lead; otherwise says why not (`what` they wanted to do). */
export async function groupLedHere(db: Db, event: { actor: Actor; place: Place }, ctx: HandlerContext, what: string): Promise<WorkGroup | undefined> {
  const group = await groupHere(db, event, ctx)
  if (!group) return undefined
  if (group.leadUserId === event.actor.userId) return group
  await answerPrivately(ctx.reply, leadOnly(group, what))
  return undefined
}
