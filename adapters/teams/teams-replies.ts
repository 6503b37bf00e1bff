// The core's Reply within one Teams turn. Teams has no ephemeral messages, so a private
// answer is only possible in a 1:1 chat; in channels and group chats `sendPrivate` is absent
// and features answer in the conversation. A card click that arrives as an
// `adaptiveCard/action` invoke is answered in the invoke response, which replaces the card.
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder'
import type { Place } from '../../src/core/events.js'
import type { FormResult } from '../../src/core/forms.js'
import type { Message } from '../../src/core/messages.js'
import type { Reply } from '../../src/core/reply.js'
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, renderCard, renderFormCard } from './render-adaptive-card.js'

export const TEAMS_COMMAND_PREFIX = 'workgroups'

/** What an invoke turn answers with; filled in by the reply while the handler runs. */
export interface InvokeAnswer {
  card?: AdaptiveCard
}

export function turnReply(turn: TurnContext, place: Place, invoke: InvokeAnswer | undefined): Reply {
  const send = async (message: Message) => {
    await turn.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(renderCard(message))] })
  }
  const replyToId = turn.activity.replyToId
  const replaceOriginal = invoke
    ? async (message: Message) => {
        invoke.card = renderCard(message)
      }
    : replyToId
      ? async (message: Message) => {
          await turn.updateActivity({
            id: replyToId,
            type: ActivityTypes.Message,
            attachments: [CardFactory.adaptiveCard(renderCard(message))],
          })
        }
      : undefined
  return {
    commandPrefix: TEAMS_COMMAND_PREFIX,
    send,
    ...(place.kind === 'direct' ? { sendPrivate: send } : {}),
    ...(replaceOriginal ? { replaceOriginal } : {}),
    ...(replyToId ? { deleteOriginal: () => turn.deleteActivity(replyToId) } : {}),
    openForm: async (form) => {
      const formCard = renderFormCard(form)
      if (invoke) invoke.card = formCard
      else await turn.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(formCard)] })
    },
  }
}

/** The card that replaces a submitted form: a confirmation, the form with errors, or the next form. */
export function formResultCard(result: FormResult, submitted: Record<string, string>): AdaptiveCard {
  switch (result.kind) {
    case 'close': {
      const text = result.notice ?? 'Done, thank you.'
      return renderCard({ text, blocks: [{ type: 'text', text }] })
    }
    case 'errors':
      return renderFormCard(result.form, submitted, result.errors)
    case 'update':
      return renderFormCard(result.form)
  }
}

/**
 * The body of an `adaptiveCard/action` invoke response (Universal Actions): a card replaces
 * the one clicked; otherwise a short message acknowledges the click so Teams shows no error.
 */
export function invokeResponseBody(answer: InvokeAnswer): Record<string, unknown> {
  return answer.card
    ? { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: answer.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' }
}
