// The core's Reply within one Teams turn. Teams has no ephemeral messages: a private answer to
// a question asked in a channel goes to the asker's 1:1 chat with the bot, and its buttons
// carry the channel it belongs to, so "share to channel" posts there. A card click that arrives
// as an `adaptiveCard/action` invoke is answered in the invoke response, replacing the card.
// Forms open in dialogs (teams-dialogs.ts).
import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder'
import type { Place } from '../../src/core/events.js'
import type { FormResult } from '../../src/core/forms.js'
import type { Logger } from '../../src/core/logger.js'
import { toPlainText } from '../../src/core/inline-markdown.js'
import { type Message, textMessage } from '../../src/core/messages.js'
import type { OutgoingFile, Reply } from '../../src/core/reply.js'
import type { Origin, OriginSigner } from './origin-token.js'
import type { MentionNamer } from './teams-names.js'
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, renderCard, renderFormCard } from './render-adaptive-card.js'
import { type DialogAnswer, dialogResponseBody, dialogText, formDialog, launcherCard } from './teams-dialogs.js'
import { CARD_KEYS, tenantOf } from './teams-events.js'

export const TEAMS_COMMAND_PREFIX = 'workgroups'

/** What an invoke turn answers with; filled in by the reply while the handler runs. */
export interface InvokeAnswer {
  card?: AdaptiveCard
  /** Set for dialog invokes (a dialog button, a message action, their submissions), which answer with a task. */
  dialog?: DialogAnswer
}

/** Proactive sending, provided by the adapter. */
export interface TeamsDelivery {
  /** Sends a card to the turn's user in their 1:1 chat with the bot; false if that is not possible. */
  sendToUserPrivately(turn: TurnContext, card: AdaptiveCard): Promise<boolean>
  /** Posts a card into a conversation the bot knows (`;messageid=` for a thread). */
  postTo(workspaceId: string, conversationId: string, card: AdaptiveCard): Promise<void>
  /** Offers the turn's user a file in their 1:1 chat; absent when files cannot be held. */
  sendFilePrivately?(turn: TurnContext, file: OutgoingFile): Promise<void>
  signer: OriginSigner
  log: Logger
  /** Names the people a message mentions by id alone, before it is rendered. */
  names: MentionNamer
}

const asActivity = (card: AdaptiveCard) => ({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] })

/**
 * `origin` is set when the turn is a click on a private answer given on behalf of a channel;
 * `place` is then that channel, so features treat the click as belonging there. `reopen` is the
 * card data that repeats the turn's event from a dialog button (see teams-dialogs.ts); without
 * it, or a dialog to fill, no form can be opened.
 */
export function turnReply(turn: TurnContext, place: Place, invoke: InvokeAnswer | undefined, delivery: TeamsDelivery, origin?: Origin, reopen?: Record<string, string>): Reply {
  const tenant = tenantOf(turn.activity)
  const named = (message: Message) => delivery.names.message(tenant, message, turn)
  const reply = async (message: Message, data: Record<string, string> = {}) => {
    await turn.sendActivity(asActivity(renderCard(await named(message), data)))
  }
  const replyToId = turn.activity.replyToId
  const replaceWith = (card: AdaptiveCard) =>
    invoke && !invoke.dialog
      ? async () => {
          invoke.card = card
        }
      : replyToId
        ? async () => {
            await turn.updateActivity({ id: replyToId, ...asActivity(card) })
          }
        : undefined
  const originData: Record<string, string> = origin ? { [CARD_KEYS.origin]: delivery.signer.sign(origin) } : {}

  const sendFile = delivery.sendFilePrivately
  const common = {
    commandPrefix: TEAMS_COMMAND_PREFIX,
    ...(sendFile && { sendFilePrivately: (file: OutgoingFile) => sendFile(turn, file) }),
    // Every form is in a dialog, seen by the person alone, wherever they asked.
    formsArePrivate: true,
    ...((invoke?.dialog || reopen) && {
      openForm: async (unnamed: Parameters<NonNullable<Reply['openForm']>>[0]) => {
        const form = await delivery.names.form(tenant, unnamed, turn)
        if (invoke?.dialog) invoke.dialog.open = formDialog(form)
        // A click answered by the invoke still leaves its card in place: the button comes as a new message.
        else await turn.sendActivity(asActivity(launcherCard(form, reopen!)))
      },
    }),
    ...(((invoke && !invoke.dialog) || replyToId) && {
      replaceOriginal: async (message: Message) => replaceWith(renderCard(await named(message), originData))!(),
    }),
  }

  const dialog = invoke?.dialog
  if (dialog) {
    // A dialog: a private answer is what the dialog shows as it closes.
    return {
      ...common,
      // A dialog button whose click swaps its card instead of opening a form (a register that
      // changed since the card was sent): the card changes in the chat, and the dialog closes
      // saying so in the message's notification text, rather than with a bare "Done".
      ...(replyToId && {
        replaceOriginal: async (message: Message) => {
          const shown = await named(message)
          await turn.updateActivity({ id: replyToId, ...asActivity(renderCard(shown, originData)) })
          dialog.notice = [dialog.notice, toPlainText(shown.text)].filter(Boolean).join('\n\n')
        },
      }),
      send: (message) => (origin ? delivery.postTo(tenantOf(turn.activity), origin.conversationId, renderCard(message)) : reply(message)),
      sendPrivate: async (message) => {
        dialog.notice = [dialog.notice, dialogText(await named(message))].filter(Boolean).join('\n\n')
      },
    }
  }
  if (origin) {
    // A click in the 1:1 chat on an answer that belongs to a channel.
    return {
      ...common,
      send: async (message) => delivery.postTo(tenant, origin.conversationId, renderCard(await named(message))),
      sendPrivate: (message) => reply(message, originData),
    }
  }
  if (place.kind === 'direct') return { ...common, send: (m) => reply(m), sendPrivate: (m) => reply(m) }
  return {
    ...common,
    send: (m) => reply(m),
    sendPrivate: async (message) => {
      const from: Origin = { conversationId: turn.activity.conversation.id, kind: place.kind === 'group' ? 'group' : 'channel' }
      const card = renderCard(await named(message), { [CARD_KEYS.origin]: delivery.signer.sign(from) })
      if (await delivery.sendToUserPrivately(turn, card)) {
        await turn.sendActivity({ type: ActivityTypes.Message, text: 'I’ve sent you my answer in a private chat with me.' })
        return
      }
      // No 1:1 chat possible (the app is not installed for the user): answer here instead.
      delivery.log.warn('could not open a 1:1 chat; answering in the conversation')
      await reply(message)
    },
  }
}

/** A form's result with the people it mentions by id named, as Teams needs them. */
export async function namedFormResult(names: MentionNamer, turn: TurnContext, result: FormResult): Promise<FormResult> {
  const tenant = tenantOf(turn.activity)
  if (result.kind === 'close') return result.notice ? { ...result, notice: await names.text(tenant, result.notice, turn) } : result
  return { ...result, form: await names.form(tenant, result.form, turn) }
}

/** The card that replaces a submitted form card (posted before forms moved to dialogs): a confirmation, the form with errors, or the next form. */
export function formResultCard(result: FormResult, submitted: Record<string, string>): AdaptiveCard {
  switch (result.kind) {
    case 'close': {
      const text = result.notice ?? 'Done, thank you.'
      return renderCard(textMessage(text))
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
  if (answer.dialog) return dialogResponseBody(answer.dialog)
  return answer.card
    ? { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: answer.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' }
}
