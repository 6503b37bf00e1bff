// Bot Framework activities → core events. Works on the activity JSON as the Bot Framework
// protocol defines it, so it survives a move from botbuilder to the Microsoft 365 Agents SDK.
import type { Actor, FormSubmitEvent, InboundEvent, Member, MembershipEvent, MessageActionEvent, Place } from '../../src/core/events.js'
import type { ConversationReferenceRecord } from '../../src/core/conversation-references.js'
import { cleanUserText } from '../../src/core/clean-text.js'
import { addressOf } from './teams-address.js'
import { type TeamsAttachment, teamsFilesOf } from './teams-files.js'

/** The activity fields we read (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference). */
export interface ActivityLike {
  type?: string
  timestamp?: string | Date
  id?: string
  name?: string
  text?: string
  value?: unknown
  replyToId?: string
  serviceUrl?: string
  channelId?: string
  from?: { id?: string; name?: string; aadObjectId?: string }
  recipient?: { id?: string; name?: string }
  conversation?: { id?: string; conversationType?: string; tenantId?: string; isGroup?: boolean }
  channelData?: { tenant?: { id?: string }; team?: { id?: string }; channel?: { id?: string } }
  entities?: { type?: string; text?: string; mentioned?: { id?: string } }[]
  attachments?: TeamsAttachment[]
  membersAdded?: TeamsMember[]
  membersRemoved?: TeamsMember[]
}

interface TeamsMember {
  id?: string
  name?: string
  aadObjectId?: string
}

/**
 * Reserved keys in card data; field ids of forms must not use the `mhb_` prefix. `command` is
 * the text of a typed command, carried by the "Open the form" button that stands in for it.
 */
export const CARD_KEYS = { action: 'mhb_action', value: 'mhb_value', form: 'mhb_form', state: 'mhb_state', origin: 'mhb_origin', command: 'mhb_command' } as const

export function tenantOf(activity: ActivityLike): string {
  return activity.channelData?.tenant?.id ?? activity.conversation?.tenantId ?? ''
}

export function placeOf(activity: ActivityLike): Place {
  const type = activity.conversation?.conversationType
  const kind: Place['kind'] =
    type === 'channel' ? 'channel' : type === 'groupChat' || (type === undefined && activity.conversation?.isGroup) ? 'group' : 'direct'
  const [conversationId = '', threadPart] = (activity.conversation?.id ?? '').split(';messageid=')
  return { conversationId, kind, ...(threadPart ? { threadId: threadPart } : {}) }
}

export function actorOf(activity: ActivityLike): Actor {
  const name = typeof activity.from?.name === 'string' ? cleanUserText(activity.from.name) : undefined
  return {
    platform: 'teams',
    workspaceId: tenantOf(activity),
    // The Entra object id is stable across bots and chats; the 29:… id is per bot.
    userId: activity.from?.aadObjectId ?? activity.from?.id ?? '',
    ...(name ? { name } : {}),
  }
}

/** People added to or removed from the conversation (not the bot itself), from a conversationUpdate. */
export function membershipEventsOf(activity: ActivityLike): MembershipEvent[] {
  if (activity.type !== 'conversationUpdate') return []
  const botId = activity.recipient?.id
  const toMembers = (list: TeamsMember[] | undefined): Member[] =>
    (list ?? [])
      .filter((m) => m.id && m.id !== botId)
      .map((m) => ({ userId: m.aadObjectId ?? m.id!, ...(typeof m.name === 'string' && m.name ? { name: cleanUserText(m.name) } : {}), address: addressOf(activity, m) }))
  const timestamp = typeof activity.timestamp === 'string' || activity.timestamp instanceof Date ? new Date(activity.timestamp) : undefined
  const base = {
    id: `${activity.conversation?.id ?? ''}|${activity.id ?? ''}`,
    redeliverable: true,
    actor: actorOf(activity),
    place: placeOf(activity),
    ...(timestamp && !Number.isNaN(timestamp.getTime()) ? { at: timestamp } : {}),
  }
  const events: MembershipEvent[] = []
  const joined = toMembers(activity.membersAdded)
  const left = toMembers(activity.membersRemoved)
  if (joined.length) events.push({ ...base, id: `${base.id}|joined`, kind: 'membership', change: 'joined', members: joined })
  if (left.length) events.push({ ...base, id: `${base.id}|left`, kind: 'membership', change: 'left', members: left })
  return events
}

/**
 * The event an activity carries, or undefined for activities with nothing to handle.
 * `allowHttpFiles` is for local use only (see teams-files.ts).
 */
export function eventOf(activity: ActivityLike, allowHttpFiles = false): Exclude<InboundEvent, MembershipEvent> | undefined {
  const base = {
    id: `${activity.conversation?.id ?? ''}|${activity.id ?? ''}`,
    // Teams retries a turn that takes longer than about 15 s, with the same activity id.
    redeliverable: true,
    actor: actorOf(activity),
    place: placeOf(activity),
  }
  // Teams announces one installation in a team twice (installationUpdate and the bot's
  // conversationUpdate): keyed by conversation, the re-delivery ledger lets one through.
  if (botWasAdded(activity)) return { ...base, id: `installed|${base.place.conversationId}`, kind: 'installed' }
  const action = messageActionOf(activity)
  if (action) return { ...base, ...action }
  const data = cardData(activity)
  if (data) return fromCardData(base, data)
  if (activity.type !== 'message') return undefined
  const files = teamsFilesOf(activity.attachments, allowHttpFiles)
  if (typeof activity.text === 'string' || files.length) {
    return { ...base, kind: 'message', text: messageText(activity), ...(files.length ? { files } : {}) }
  }
  return undefined
}

/** The app uninstalled from a chat or team, or the bot removed from a team or group chat. */
export function botWasRemoved(activity: ActivityLike & { action?: string }): boolean {
  if (activity.type === 'installationUpdate') return activity.action === 'remove'
  if (activity.type === 'conversationUpdate') return (activity.membersRemoved ?? []).some((m) => m.id !== undefined && m.id === activity.recipient?.id)
  return false
}

/** The app installed in a chat, or the bot added to a team or group chat. */
function botWasAdded(activity: ActivityLike & { action?: string }): boolean {
  if (activity.type === 'installationUpdate') return activity.action === 'add'
  if (activity.type === 'conversationUpdate') return (activity.membersAdded ?? []).some((m) => m.id !== undefined && m.id === activity.recipient?.id)
  return false
}

/** A Teams message's HTML → the core's Markdown: anchors become [label](url), blocks new lines, other tags go. */
export function teamsHtmlToMarkdown(html: string): string {
  return decodeEntities(
    html
      .replace(/<a\s[^>]*href="([^"]+)"[^>]*>(.*?)<\/a>/gi, (_, url: string, label: string) => `[${label.replace(/<[^>]+>/g, '').replace(/[[\]]/g, '')}](${url.replace(/&amp;/g, '&')})`)
      .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, '\n')
      .replace(/<[^>]+>/g, ''),
  )
}

/** The few HTML entities Teams puts in message text, with &amp; last so nothing is decoded twice. */
function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** Message extension invokes: a message action opening its dialog, and the dialog's submission. */
export const MESSAGE_ACTION_INVOKES = { fetch: 'composeExtension/fetchTask', submit: 'composeExtension/submitAction' } as const

/**
 * A card button made to open a dialog (`msteams: { type: 'task/fetch' }`), and that dialog's
 * Action.Submit; both carry the button's or the form's data in `value.data`
 * (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/task-modules/task-modules-bots).
 */
export const TASK_INVOKES = { fetch: 'task/fetch', submit: 'task/submit' } as const

const DIALOG_INVOKES = new Set<string>([MESSAGE_ACTION_INVOKES.fetch, MESSAGE_ACTION_INVOKES.submit, TASK_INVOKES.fetch, TASK_INVOKES.submit])

/** Invokes answered with a dialog (a task) rather than a card. */
export function opensDialog(activity: ActivityLike): boolean {
  return activity.type === 'invoke' && DIALOG_INVOKES.has(activity.name ?? '')
}

interface MessageActionValue {
  commandId?: string
  commandContext?: string
  messagePayload?: { id?: string; replyToId?: string; linkToMessage?: string; body?: { content?: string } }
  data?: unknown
}

/**
 * A message action opening (https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/action-commands/create-task-module):
 * its command id is the core's action id; the message arrives as HTML with a link to it.
 */
function messageActionOf(activity: ActivityLike): Pick<MessageActionEvent, 'kind' | 'actionId' | 'message'> | undefined {
  if (activity.type !== 'invoke' || activity.name !== MESSAGE_ACTION_INVOKES.fetch) return undefined
  const value = (activity.value ?? {}) as MessageActionValue
  if (value.commandContext !== 'message' || typeof value.commandId !== 'string') return undefined
  const payload = value.messagePayload ?? {}
  const threadId = payload.replyToId ?? payload.id
  return {
    kind: 'message-action',
    actionId: value.commandId,
    message: { text: cleanUserText(teamsHtmlToMarkdown(payload.body?.content ?? '')), ...(threadId ? { threadId } : {}), ...(payload.linkToMessage ? { link: payload.linkToMessage } : {}) },
  }
}

/** The signed origin a private answer's button carries, if any (see origin-token.ts). */
export function originTokenOf(activity: ActivityLike): unknown {
  return cardData(activity)?.[CARD_KEYS.origin]
}

/** The data of a card button: Action.Execute arrives as an invoke, Action.Submit as a message. */
function cardData(activity: ActivityLike): Record<string, unknown> | undefined {
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = (activity.value as { action?: { verb?: string; data?: unknown } } | undefined)?.action
    const data = isRecord(action?.data) ? action.data : {}
    return action?.verb && !(CARD_KEYS.action in data) && !(CARD_KEYS.form in data) ? { ...data, [CARD_KEYS.action]: action.verb } : data
  }
  // A dialog button's data, or a dialog's Action.Submit: the inputs and the button's data, merged.
  if (activity.type === 'invoke' && (activity.name === MESSAGE_ACTION_INVOKES.submit || activity.name === TASK_INVOKES.fetch || activity.name === TASK_INVOKES.submit)) {
    const data = (activity.value as MessageActionValue | undefined)?.data
    return isRecord(data) ? data : undefined
  }
  if (activity.type === 'message' && isRecord(activity.value)) return activity.value
  return undefined
}

function fromCardData(
  base: { id: string; redeliverable: boolean; actor: Actor; place: Place },
  data: Record<string, unknown>,
): Exclude<InboundEvent, MembershipEvent> | undefined {
  const formId = data[CARD_KEYS.form]
  if (typeof formId === 'string') {
    const values: FormSubmitEvent['values'] = {}
    for (const [key, value] of Object.entries(data)) {
      if (key.startsWith('mhb_') || key === 'msteams' || value === undefined || value === null) continue
      values[key] = cleanUserText(typeof value === 'string' ? value : String(value))
    }
    const state = data[CARD_KEYS.state]
    return { ...base, kind: 'form', formId, values, state: typeof state === 'string' ? state : '' }
  }
  // The "Open the form" button for a typed command: the command again, now able to open a dialog.
  const command = data[CARD_KEYS.command]
  if (typeof command === 'string') return { ...base, kind: 'message', text: cleanUserText(command) }
  const actionId = data[CARD_KEYS.action]
  if (typeof actionId !== 'string') return undefined
  const value = data[CARD_KEYS.value]
  return { ...base, kind: 'action', actionId, value: typeof value === 'string' ? cleanUserText(value) : '' }
}

/**
 * The text addressed to the bot: mentions of the bot removed (Teams puts `<at>Bot</at>` in
 * channel messages), other markup dropped, entities decoded.
 */
export function messageText(activity: ActivityLike): string {
  let text = cleanUserText(typeof activity.text === 'string' ? activity.text : '')
  for (const entity of activity.entities ?? []) {
    if (entity.type === 'mention' && entity.mentioned?.id === activity.recipient?.id && entity.text) {
      text = text.split(entity.text).join(' ')
    }
  }
  return decodeEntities(text.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

/** What to store so the bot can message this conversation later without being asked. */
export function referenceRecord(activity: ActivityLike, reference: unknown): ConversationReferenceRecord {
  const place = placeOf(activity)
  const actor = actorOf(activity)
  return {
    platform: 'teams',
    conversationId: place.conversationId,
    workspaceId: actor.workspaceId,
    kind: place.kind,
    ...(place.kind === 'direct' && actor.userId ? { userId: actor.userId } : {}),
    reference,
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
