// Teams shows a mention with the name the bot writes, so people mentioned by id alone are named
// before a message is rendered: from the names the store knows, then (in a turn) by asking
// Teams for the member of the conversation. Anyone still unnamed is "someone", not a wrong name.
import { TeamsInfo, type TurnContext } from 'botbuilder'
import type { Form } from '../../src/core/forms.js'
import type { Logger } from '../../src/core/logger.js'
import { mapFormTexts, mapMessageTexts, messageTexts, unnamedMentionIds, withMentionNames } from '../../src/core/mention-names.js'
import type { Message } from '../../src/core/messages.js'

/** Names the store holds for a tenant's people (participants), by user id. */
export type KnownNames = (workspaceId: string, userIds: string[]) => Promise<Map<string, string>>

export interface MentionNamer {
  message(workspaceId: string, message: Message, turn?: TurnContext): Promise<Message>
  form(workspaceId: string, form: Form, turn?: TurnContext): Promise<Form>
  text(workspaceId: string, text: string, turn?: TurnContext): Promise<string>
}

export function createMentionNamer(known: KnownNames | undefined, log: Logger): MentionNamer {
  async function namesFor(workspaceId: string, texts: string[], turn: TurnContext | undefined): Promise<Map<string, string> | undefined> {
    const ids = unnamedMentionIds(texts)
    if (ids.length === 0) return undefined
    const names = new Map<string, string>()
    // Whoever is acting names themselves (the core knows people by Entra object id).
    const from = turn?.activity.from
    const actorId = from?.aadObjectId ?? from?.id
    if (from?.name && actorId && ids.includes(actorId)) names.set(actorId, from.name)
    try {
      for (const [id, name] of (await known?.(workspaceId, ids.filter((id) => !names.has(id)))) ?? []) names.set(id, name)
    } catch (error) {
      log.warn({ err: error }, 'could not read the names of mentioned people')
    }
    // Teams looks a member up by Entra object id or 29: id, within the turn's team or chat.
    if (turn)
      for (const id of ids.filter((id) => !names.has(id))) {
        try {
          const member = await TeamsInfo.getMember(turn, id)
          if (member.name) names.set(id, member.name)
        } catch {
          // Not a member of this conversation: they stay unnamed.
        }
      }
    return names
  }
  return {
    async message(workspaceId, message, turn) {
      const names = await namesFor(workspaceId, messageTexts(message), turn)
      return names ? mapMessageTexts(message, (t) => withMentionNames(t, names)) : message
    },
    async form(workspaceId, form, turn) {
      const names = await namesFor(workspaceId, [form.title, form.intro ?? ''], turn)
      return names ? mapFormTexts(form, (t) => withMentionNames(t, names)) : form
    },
    async text(workspaceId, text, turn) {
      const names = await namesFor(workspaceId, [text], turn)
      return names ? withMentionNames(text, names) : text
    },
  }
}
