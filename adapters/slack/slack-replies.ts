// The core's Reply, built per Slack interaction. Slash commands are answered inside the
// acknowledgement when the answer is ready in time (one round trip, no extra request);
// otherwise the command is acknowledged at the budget and the answer follows through
// response_url. Button clicks are acknowledged first and answered through response_url.
import type { AckFn, RespondArguments, RespondFn, webApi } from '@slack/bolt'
import type { Form } from '../../src/core/forms.js'
import type { Place } from '../../src/core/events.js'
import type { Reply } from '../../src/core/reply.js'
import type { Message } from '../../src/core/messages.js'
import { type ChartUrl, renderMessage, renderModal } from './render-block-kit.js'
import { encodeModalContext } from './slack-events.js'

/** Slack wants the acknowledgement within 3 s; this leaves room for the network. */
export const DEFAULT_ACK_BUDGET_MS = 2_000

interface Common {
  client: webApi.WebClient
  commandPrefix: string
  userId: string
  place: Place
  triggerId: string | undefined
  /** Where charts' pictures are served, when the bot has a public address. */
  chartUrl?: ChartUrl | undefined
}

function openModal(c: Common, form: Form): Promise<unknown> {
  if (!c.triggerId) throw new Error('A form can only be opened in answer to a click or command')
  const view = renderModal(form)
  view.private_metadata = encodeModalContext({ state: form.state ?? '', channel: c.place.conversationId, kind: c.place.kind })
  return c.client.views.open({ trigger_id: c.triggerId, view })
}

/** A slash command's reply, and `finish()` to acknowledge if the handler never answered. */
export function commandReply(
  c: Common & { ack: AckFn<string | RespondArguments>; respond: RespondFn; ackBudgetMs: number; onLateAck: (error: unknown) => void },
): { reply: Reply; finish(): Promise<void> } {
  let acked = false
  const ackOnce = async (body?: RespondArguments): Promise<boolean> => {
    if (acked) return false
    acked = true
    clearTimeout(timer)
    await c.ack(body)
    return true
  }
  const timer = setTimeout(() => ackOnce().catch(c.onLateAck), c.ackBudgetMs)
  const answer = async (message: Message, responseType: 'in_channel' | 'ephemeral') => {
    const body: RespondArguments = { response_type: responseType, ...renderMessage(message, c.chartUrl) }
    if (await ackOnce(body)) return
    await c.respond({ ...body, replace_original: false })
  }
  return {
    reply: {
      commandPrefix: c.commandPrefix,
      send: (m) => answer(m, 'in_channel'),
      sendPrivate: (m) => answer(m, 'ephemeral'),
      openForm: async (form) => {
        await openModal(c, form)
        await ackOnce()
      },
      formsTakeFiles: true,
      formsArePrivate: true,
    },
    finish: async () => {
      await ackOnce()
    },
  }
}

/** A button click's reply. The click is already acknowledged. */
export function actionReply(c: Common & { respond: RespondFn | undefined }): Reply {
  const { respond, client, place, userId } = c
  const thread = place.threadId ? { thread_ts: place.threadId } : {}
  if (respond) {
    return {
      commandPrefix: c.commandPrefix,
      send: async (m) => void (await respond({ response_type: 'in_channel', replace_original: false, ...renderMessage(m, c.chartUrl) })),
      sendPrivate: async (m) => void (await respond({ response_type: 'ephemeral', replace_original: false, ...renderMessage(m, c.chartUrl) })),
      replaceOriginal: async (m) => void (await respond({ replace_original: true, ...renderMessage(m, c.chartUrl) })),
      deleteOriginal: async () => void (await respond({ delete_original: true })),
      openForm: async (form) => void (await openModal(c, form)),
      formsTakeFiles: true,
      formsArePrivate: true,
    }
  }
  // Clicks inside modals and App Home carry no response_url: fall back to the Web API.
  return {
    commandPrefix: c.commandPrefix,
    send: async (m) => void (await client.chat.postMessage({ channel: place.conversationId || userId, ...thread, ...renderMessage(m, c.chartUrl) })),
    ...(place.conversationId
      ? { sendPrivate: async (m: Message) => void (await client.chat.postEphemeral({ channel: place.conversationId, user: userId, ...thread, ...renderMessage(m, c.chartUrl) })) }
      : {}),
    openForm: async (form) => void (await openModal(c, form)),
    formsTakeFiles: true,
    formsArePrivate: true,
  }
}

/**
 * A reply to a direct message or @mention, through the Web API. In a channel the answer goes
 * in the thread of the question, and a private answer is an ephemeral message there.
 */
export function messageReply(c: Common & { messageTs: string }): Reply {
  const { client, place, userId } = c
  const threadTs = place.threadId ?? (place.kind === 'direct' ? undefined : c.messageTs)
  const thread = threadTs ? { thread_ts: threadTs } : {}
  return {
    commandPrefix: c.commandPrefix,
    send: async (m) => void (await client.chat.postMessage({ channel: place.conversationId, ...thread, ...renderMessage(m, c.chartUrl) })),
    ...(place.kind === 'direct'
      ? {}
      : {
          sendPrivate: async (m: Message) =>
            void (await client.chat.postEphemeral({ channel: place.conversationId, user: userId, ...thread, ...renderMessage(m, c.chartUrl) })),
        }),
  }
}

/** After a modal is submitted, messages go to where it was opened, or to the user's DM. */
export function formReply(c: Common): Reply {
  const { client, place, userId } = c
  return {
    commandPrefix: c.commandPrefix,
    send: async (m) => void (await client.chat.postMessage({ channel: place.conversationId || userId, ...renderMessage(m, c.chartUrl) })),
    sendPrivate: async (m) =>
      void (await (place.kind === 'direct'
        ? client.chat.postMessage({ channel: userId, ...renderMessage(m, c.chartUrl) })
        : client.chat.postEphemeral({ channel: place.conversationId, user: userId, ...renderMessage(m, c.chartUrl) }))),
  }
}
