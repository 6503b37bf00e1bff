// What a handler can do in answer to the event it is handling. Each adapter builds one per
// event. Abilities a platform lacks are left out, and callers check before using them.
import type { Form } from './forms.js'
import type { Message } from './messages.js'

/** A file the bot made for one person (an export), and what to say beside it. */
export interface OutgoingFile {
  /** The file name people see, with its extension: `reflections-2026-12-03.csv`. */
  name: string
  mimeType: string
  content: Buffer
  /** A sentence shown with the file. */
  comment?: string
}

export interface Reply {
  /** How people address the bot here, for help texts: `/workgroups` on Slack, `workgroups` on Teams. */
  readonly commandPrefix: string
  /** Post in the conversation the event came from, for everyone there to see. */
  send(message: Message): Promise<void>
  /**
   * Show a message to the actor alone (Slack ephemeral). Absent where the platform cannot,
   * e.g. a Teams channel: use `answerPrivately`, which falls back to `send`.
   */
  sendPrivate?(message: Message): Promise<void>
  /** Replace the bot message whose button was clicked. */
  replaceOriginal?(message: Message): Promise<void>
  /** Remove the bot message whose button was clicked (e.g. a private answer once shared). */
  deleteOriginal?(): Promise<void>
  /** Replace the actor's home page with this (Slack App Home); absent where there is none. */
  publishHome?(message: Message): Promise<void>
  /**
   * Gives the actor a file in their 1:1 chat with the bot, wherever the event happened; never
   * in a channel, and nothing is posted where the event was (say so there if it helps, e.g.
   * with `answerPrivately`). Slack: the file is uploaded into the DM at once. Teams: a file
   * consent card goes to the 1:1 chat, and the file is saved to their OneDrive when they
   * accept it (within 30 minutes). Throws a BotError with a sentence for the user when the
   * person cannot be reached. Absent where the platform is not set up to send files.
   */
  sendFilePrivately?(file: OutgoingFile): Promise<void>
  /**
   * Open a form for the actor: a Slack modal, a Teams dialog. Where the event cannot open a
   * dialog itself (a command typed in Teams), the conversation gets one "Open the form" button;
   * the form and the answers are only ever in the dialog.
   */
  openForm?(form: Form): Promise<void>
  /**
   * True where forms can carry file fields (Slack modals). Elsewhere (Teams dialogs) people
   * send files to the bot in a direct message instead.
   */
  readonly formsTakeFiles?: boolean
  /**
   * True where an opened form is seen by the actor alone (Slack modals, Teams dialogs). Where
   * it is not, a form holding someone's own answers is sent to them privately instead.
   */
  readonly formsArePrivate?: boolean
}

/**
 * Whether an answer can go to the actor alone in a conversation others can read, so that
 * offering "share to channel" makes sense. In a 1:1 chat everything is private already.
 */
export function canShareFromPrivate(reply: Reply, place: { kind: string }): boolean {
  return reply.sendPrivate !== undefined && place.kind !== 'direct'
}

/** Answers the actor privately where the platform can, otherwise in the conversation. */
export async function answerPrivately(reply: Reply, message: Message): Promise<void> {
  await (reply.sendPrivate ? reply.sendPrivate(message) : reply.send(message))
}

/** A button's answer replaces the message it was clicked on, where the platform allows. */
export async function replaceOrAnswer(reply: Reply, message: Message): Promise<void> {
  await (reply.replaceOriginal ? reply.replaceOriginal(message) : answerPrivately(reply, message))
}
