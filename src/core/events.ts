// Platform-neutral inbound events. Adapters translate Slack and Teams payloads into these;
// features never see a platform payload.
import type { FormValues } from './forms.js'

export type Platform = 'slack' | 'teams'

/** Who did something, by their stable ids on their platform. */
export interface Actor {
  platform: Platform
  /** Slack team (workspace) id, or Teams tenant id. */
  workspaceId: string
  userId: string
  name?: string
}

/** Where it happened. */
export interface Place {
  conversationId: string
  /** direct = a 1:1 chat with the bot; group = a group chat; channel = a channel or team. */
  kind: 'direct' | 'group' | 'channel'
  threadId?: string
}

interface EventBase {
  /** Unique per event on its platform; a re-delivery carries the same id. */
  id: string
  /**
   * True when the platform may deliver this event again (Slack's Events API retries, Teams
   * retries slow turns), or someone may replay a captured request (a slash command, within
   * its signature's 5 minutes); the core then records it so that a repeat has no effect.
   * Slack never re-sends slash commands, button clicks or form submissions itself.
   */
  redeliverable: boolean
  actor: Actor
  place: Place
}

/** `/workgroups <text>` on Slack. */
export interface CommandEvent extends EventBase {
  kind: 'command'
  text: string
}

/**
 * A file someone gave the bot. Only the adapter knows how to fetch it (tokens, pre-signed
 * links), so the event carries a reader rather than the bytes: nothing is downloaded until a
 * feature wants it.
 */
export interface SharedFile {
  name: string
  /** In bytes, when the platform says. */
  size?: number
  /** The file's bytes. Throws a BotError with a sentence for the user when it is over `maxBytes` or cannot be fetched. */
  read(maxBytes: number): Promise<Buffer>
}

/** Text addressed to the bot: a direct message, or a message that mentions it (mention removed). */
export interface MessageEvent extends EventBase {
  kind: 'message'
  text: string
  /** Files attached to the message (a Slack DM, a Teams 1:1 chat). */
  files?: SharedFile[]
}

/** A button click on one of the bot's messages. */
export interface ActionEvent extends EventBase {
  kind: 'action'
  actionId: string
  value: string
}

/**
 * One of the bot's actions run on a message (a Slack message shortcut, a Teams message
 * action): `place` is the message's conversation.
 */
export interface MessageActionEvent extends EventBase {
  kind: 'message-action'
  actionId: string
  message: {
    /** In the core's Markdown subset: links as [label](url), no platform markup. */
    text: string
    /** The thread the message is in, or starts. */
    threadId?: string
    /** A link that opens the message, when the platform gives one. */
    link?: string
  }
}

/** The bot was added to a team, chat or channel (a Teams installation): time to say hello. */
export interface InstalledEvent extends EventBase {
  kind: 'installed'
}

/** Someone opened the bot's home page (Slack's App Home tab): it shows what matters to them now. */
export interface HomeOpenedEvent extends EventBase {
  kind: 'home'
}

/** A form submission; `values` are keyed by field id, already flattened to strings. */
export interface FormSubmitEvent extends EventBase {
  kind: 'form'
  formId: string
  values: FormValues
  state: string
  /** Files uploaded through the form's file fields, by field id; `values` holds their names. */
  files?: Record<string, SharedFile[]>
}

/** Someone the bot can reach directly, as a platform lists them. */
export interface Member {
  userId: string
  name?: string
  /** What the platform needs to open a 1:1 chat with them (Teams: the 29: id); opaque to features. */
  address?: unknown
}

/** People joined or left a conversation the bot is in. */
export interface MembershipEvent extends EventBase {
  kind: 'membership'
  change: 'joined' | 'left'
  members: Member[]
  /**
   * When it happened, as the platform says: a join re-sent after a later leave (Slack retries,
   * out-of-order deliveries) is older than the leave and changes nothing.
   */
  at?: Date
}

export type InboundEvent = CommandEvent | MessageEvent | ActionEvent | MessageActionEvent | InstalledEvent | HomeOpenedEvent | FormSubmitEvent | MembershipEvent
