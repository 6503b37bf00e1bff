// Slack payloads → core events. Pure functions over the payload shapes Slack documents, so
// they can be checked against recorded payloads without a server.
import type { ActionEvent, CommandEvent, FormSubmitEvent, MessageActionEvent, MessageEvent, Place, SharedFile } from '../../src/core/events.js'
import { cleanUserText } from '../../src/core/clean-text.js'
import { coreActionId, readModalValues, type SlackFile, type SlackInputValue } from './render-block-kit.js'

/** Turns Slack file objects into files the core can read (see slack-files.ts). */
export type FileReader = (file: SlackFile) => SharedFile

/** The fields of a slash command payload we use (https://docs.slack.dev/interactivity/implementing-slash-commands). */
export interface SlashCommandPayload {
  command: string
  text?: string
  trigger_id: string
  team_id: string
  user_id: string
  user_name?: string
  channel_id: string
  channel_name?: string
}

export function commandEvent(p: SlashCommandPayload): CommandEvent {
  return {
    kind: 'command',
    id: p.trigger_id,
    // Slack never re-sends a command, but a captured request replays within the signature's
    // 5-minute window; its trigger id (one per invocation) makes the repeat harmless.
    redeliverable: true,
    actor: { platform: 'slack', workspaceId: p.team_id, userId: p.user_id, ...(p.user_name ? { name: cleanUserText(p.user_name) } : {}) },
    place: { conversationId: p.channel_id, kind: conversationKind(p.channel_id, p.channel_name) },
    text: cleanUserText(p.text ?? ''),
  }
}

/** block_actions payload fields we use (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload). */
export interface BlockActionsPayload {
  trigger_id: string
  user: { id: string; username?: string; name?: string; team_id?: string }
  team?: { id: string } | null
  channel?: { id: string; name?: string } | null
  container?: { message_ts?: string; thread_ts?: string; is_ephemeral?: boolean }
  message?: { ts?: string; thread_ts?: string }
  actions: { action_id: string; value?: string; action_ts?: string; url?: string }[]
}

export function actionEvent(p: BlockActionsPayload): ActionEvent | undefined {
  const action = Array.isArray(p.actions) ? p.actions[0] : undefined
  // Link buttons open a page; Slack still reports the click, but there is nothing to do.
  // A click nobody made (no user) is nothing to do either.
  if (!action || action.url !== undefined || typeof p.user?.id !== 'string') return undefined
  const channel = p.channel?.id ?? ''
  const threadId = p.container?.thread_ts ?? p.message?.thread_ts
  const name = p.user.name ?? p.user.username
  return {
    kind: 'action',
    id: p.trigger_id,
    redeliverable: false,
    actor: { platform: 'slack', workspaceId: p.team?.id ?? p.user.team_id ?? '', userId: p.user.id, ...(name ? { name } : {}) },
    place: { conversationId: channel, kind: conversationKind(channel, p.channel?.name), ...(threadId ? { threadId } : {}) },
    actionId: coreActionId(action.action_id),
    value: cleanUserText(action.value ?? ''),
  }
}

/** A message shortcut (https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload). */
export interface MessageShortcutPayload {
  type: 'message_action'
  callback_id: string
  trigger_id: string
  team?: { id: string }
  user: { id: string; name?: string; username?: string; team_id?: string }
  channel?: { id: string; name?: string }
  message_ts?: string
  message?: { text?: string; ts?: string; thread_ts?: string }
  response_url?: string
}

/** Slack's message markup → the core's: <url|label> links become [label](url), channels #name, entities decoded. */
export function slackTextToMarkdown(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>\s]+)\|([^>]*)>/gi, (_, url: string, label: string) => `[${label.replace(/[[\]]/g, '')}](${url})`)
    .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The core event for a message shortcut; its callback id is the core's action id. */
export function messageActionEvent(p: MessageShortcutPayload, link?: string): MessageActionEvent {
  const channel = p.channel?.id ?? ''
  const threadId = p.message?.thread_ts ?? p.message?.ts ?? p.message_ts
  const name = p.user.name ?? p.user.username
  return {
    kind: 'message-action',
    id: p.trigger_id,
    redeliverable: false,
    actor: { platform: 'slack', workspaceId: p.team?.id ?? p.user.team_id ?? '', userId: p.user.id, ...(name ? { name } : {}) },
    place: { conversationId: channel, kind: conversationKind(channel, p.channel?.name), ...(threadId ? { threadId } : {}) },
    actionId: p.callback_id,
    message: { text: cleanUserText(slackTextToMarkdown(p.message?.text ?? '')), ...(threadId ? { threadId } : {}), ...(link ? { link } : {}) },
  }
}

/** An Events API message or app_mention event (https://docs.slack.dev/reference/events/app_mention). */
export interface MessageEventPayload {
  type: string
  user?: string
  text?: string
  ts: string
  thread_ts?: string
  channel: string
  channel_type?: string
  bot_id?: string
  subtype?: string
  files?: SlackFile[]
}

export function messageEvent(
  eventId: string,
  teamId: string,
  e: MessageEventPayload,
  botUserId?: string,
  readFile?: FileReader,
): MessageEvent | undefined {
  // Our own posts, other bots, edits and joins are not questions for the bot; a file shared
  // with the bot is.
  if (!e.user || e.bot_id || (e.subtype && e.subtype !== 'file_share')) return undefined
  const files = readFile && e.files?.length ? e.files.map(readFile) : undefined
  const kind: Place['kind'] = e.channel_type === 'im' ? 'direct' : e.channel_type === 'mpim' ? 'group' : 'channel'
  return {
    kind: 'message',
    id: eventId,
    // The Events API re-sends when it gets no quick 200 (x-slack-retry-num).
    redeliverable: true,
    actor: { platform: 'slack', workspaceId: teamId, userId: e.user },
    place: { conversationId: e.channel, kind, ...(e.thread_ts ? { threadId: e.thread_ts } : {}) },
    text: stripBotMention(cleanUserText(e.text ?? ''), botUserId),
    ...(files ? { files } : {}),
  }
}

/** What the adapter keeps in a modal's private_metadata besides the feature's own state. */
export interface ModalContext {
  state: string
  channel: string
  kind: Place['kind']
}

export function encodeModalContext(context: ModalContext): string {
  return JSON.stringify({ s: context.state, c: context.channel, k: context.kind })
}

function decodeModalContext(raw: string): ModalContext {
  try {
    const parsed = JSON.parse(raw) as { s?: unknown; c?: unknown; k?: unknown }
    const kind = parsed.k === 'channel' || parsed.k === 'group' ? parsed.k : 'direct'
    return { state: typeof parsed.s === 'string' ? parsed.s : '', channel: typeof parsed.c === 'string' ? parsed.c : '', kind }
  } catch {
    return { state: '', channel: '', kind: 'direct' }
  }
}

/** view_submission payload fields we use (https://docs.slack.dev/reference/interaction-payloads/view-interactions-payload). */
export interface ViewSubmissionPayload {
  user: { id: string; name?: string; username?: string; team_id?: string }
  team?: { id: string } | null
  view: {
    id: string
    hash?: string
    callback_id: string
    private_metadata?: string
    state: { values: Record<string, Record<string, SlackInputValue>> }
  }
}

export function formSubmitEvent(p: ViewSubmissionPayload, readFile?: FileReader): FormSubmitEvent & { context: ModalContext } {
  const context = decodeModalContext(p.view.private_metadata ?? '')
  const name = p.user.name ?? p.user.username
  const files: Record<string, SharedFile[]> = {}
  for (const [blockId, inputs] of Object.entries(p.view.state.values)) {
    for (const input of Object.values(inputs)) if (readFile && input.files?.length) files[blockId] = input.files.map(readFile)
  }
  return {
    kind: 'form',
    id: `${p.view.id}:${p.view.hash ?? ''}`,
    redeliverable: false,
    actor: { platform: 'slack', workspaceId: p.team?.id ?? p.user.team_id ?? '', userId: p.user.id, ...(name ? { name } : {}) },
    place: { conversationId: context.channel || p.user.id, kind: context.channel ? context.kind : 'direct' },
    formId: p.view.callback_id,
    values: readModalValues(p.view.state.values),
    state: context.state,
    ...(Object.keys(files).length ? { files } : {}),
    context,
  }
}

/** D… ids and the "directmessage" name are 1:1 chats; mpdm-… names are group chats. */
export function conversationKind(channelId: string, channelName?: string): Place['kind'] {
  if (channelId.startsWith('D') || channelName === 'directmessage') return 'direct'
  if (channelName?.startsWith('mpdm-')) return 'group'
  return 'channel'
}

/**
 * "<@U0BOT> secondary" → "secondary". The bot's id comes with the event (`authorizations`);
 * without it, a leading mention is taken to be the bot.
 */
export function stripBotMention(text: string, botUserId?: string): string {
  const withoutBot = botUserId && /^[A-Z0-9]+$/i.test(botUserId) ? text.replaceAll(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>[:,]?`, 'g'), ' ') : text
  return withoutBot
    .replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s:,]*/i, '')
    .replace(/\s+/g, ' ')
    .trim()
}
