// What the composition root needs from a platform adapter. Everything a feature can do on a
// platform goes through the per-event Reply (see reply.ts); abilities a platform lacks are
// left out there, not faked.
import type { Route } from '../http/server.js'
import type { Member, Platform } from './events.js'
import type { Message } from './messages.js'

/** Where an unprompted message goes: a person directly, or a conversation (and thread). */
export interface DeliveryTarget {
  workspaceId: string
  kind: 'direct' | 'conversation'
  /** The user id (direct) or conversation id. */
  id: string
  threadId?: string
  /** For direct messages on platforms that need it (Teams), the member's address. */
  address?: unknown
}

/**
 * Sends messages nobody asked for just now (reminders, notices). Errors are BotErrors:
 * `rate_limited` (with retryAfterSeconds) and `platform` are worth retrying; `not_found`,
 * `permission` and `auth` are not.
 */
export interface Deliverer {
  deliver(target: DeliveryTarget, message: Message, key: string): Promise<void>
  /**
   * Whether a message with this key already reached the target since `since`; undefined when
   * the platform cannot tell. Used after a crash left a send unconfirmed.
   */
  wasDelivered?(target: DeliveryTarget, key: string, since: Date): Promise<boolean | undefined>
}

export interface ChatAdapter {
  readonly platform: Platform
  /** Webhook routes this adapter serves on the bot's HTTP server. */
  readonly routes: Route[]
  /** One sentence for the start-up log: how this platform is connected. */
  readonly status: string
  /** Unprompted messages; absent when the platform is not set up to send them. */
  readonly deliverer?: Deliverer
  /** The people in a conversation, to keep a Work Group's participants in step. */
  listMembers?(workspaceId: string, conversationId: string): Promise<Member[]>
  /**
   * One person, by user id, as seen from a conversation the bot is in: how to reach them, or
   * undefined if the bot cannot. Absent where a user id is all it takes (Slack).
   */
  findMember?(workspaceId: string, conversationId: string, userId: string): Promise<Member | undefined>
  /**
   * Display names for user ids, for lists a person reads (an export, a roster). Ids the
   * platform cannot name (or that fail) are left out; absent where the platform cannot say.
   */
  userNames?(workspaceId: string, userIds: string[]): Promise<Map<string, string>>
  /** Opens outbound connections (Socket Mode); HTTP-only adapters have nothing to do. */
  start(): Promise<void>
  stop(): Promise<void>
}
