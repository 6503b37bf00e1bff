// The bot core: routes neutral events to the features that handle them, makes re-deliveries
// harmless, and turns any failure into a friendly sentence for the user and a coded log line
// for the operator. It knows nothing of Slack or Teams.
import type { ActionEvent, CommandEvent, FormSubmitEvent, HomeOpenedEvent, InboundEvent, InstalledEvent, MembershipEvent, MessageActionEvent, MessageEvent, SharedFile } from './events.js'
import { errorCode, userFacingMessage } from './errors.js'
import type { FormResult } from './forms.js'
import type { Logger } from './logger.js'
import { type ButtonAction, type Message, textMessage } from './messages.js'
import type { EventLedger } from './processed-events.js'
import { createRateLimiter, RATE_LIMITED_SENTENCE, type RateLimiter } from './rate-limit.js'
import { answerPrivately, type Reply } from './reply.js'

/** The action of a button that runs a command, as if the person had typed it. */
export const ACTION_RUN_COMMAND = 'command'

/**
 * A button that does exactly what typing `command` does (`sessions`, `add session`): one tap
 * on a phone instead of typing, and no second way for a feature to answer.
 */
export function commandButton(label: string, command: string, style?: ButtonAction['style']): ButtonAction {
  // Written as typed in a chat ("workgroups sessions"), so that the bare command is not an empty value.
  return { type: 'button', id: ACTION_RUN_COMMAND, label, value: `workgroups ${command}`.trim(), ...(style ? { style } : {}) }
}

/** How the user types a command on their platform, e.g. hint('secondary') → "`/workgroups secondary`". */
export type CommandHint = (args: string) => string

export interface HandlerContext {
  reply: Reply
  log: Logger
  hint: CommandHint
}

/**
 * Handles text addressed to the bot. A command may return 'pass' when the text only starts
 * with its word ("help with transition…" is a question, not a request for help); the text
 * then goes to the handler for free text.
 */
export type TextHandler = (event: CommandEvent | MessageEvent, args: string, ctx: HandlerContext) => Promise<void | 'pass'>
export type ActionHandler = (event: ActionEvent, ctx: HandlerContext) => Promise<void>
export type MessageActionHandler = (event: MessageActionEvent, ctx: HandlerContext) => Promise<void>
export type FormHandler = (event: FormSubmitEvent, ctx: HandlerContext) => Promise<FormResult>
export type MembershipHandler = (event: MembershipEvent, log: Logger) => Promise<void>
/**
 * Handles a message that carries files; its text, if any, is not routed as well. Returns
 * 'pass' when the files are not for this feature (a catalogue in an administrator's direct
 * chat is not a Work Group's sessions): the next feature's handler is asked. Each file's bytes
 * are downloaded once however many handlers read them.
 */
export type FileHandler = (event: MessageEvent & { files: SharedFile[] }, ctx: HandlerContext) => Promise<void | 'pass'>

export interface HelpEntry {
  /** What follows the command prefix, e.g. `secondary`; empty for the bare command. */
  usage: string
  description: string
  /**
   * Who uses it: Work Group Leads (`help all` lists it under them), or hub administrators
   * only (hidden from everyone else). Unset: everyone.
   */
  audience?: 'lead' | 'admin'
}

/** A feature plugs in by naming the commands, buttons and forms it handles. */
export interface Feature {
  name: string
  /**
   * Keyed by the command's leading words (`help`, `my data`); the key '' takes any text that
   * no other command claims. One feature may register ''.
   */
  commands?: Record<string, TextHandler>
  actions?: Record<string, ActionHandler>
  /** Actions people run on a message (Slack message shortcuts, Teams message actions), by id. */
  messageActions?: Record<string, MessageActionHandler>
  forms?: Record<string, FormHandler>
  /**
   * Files sent to the bot in a message. Several features may register one: they are asked in
   * the order the features are listed, and the first that does not pass takes the files, so a
   * feature that claims files narrowly (by place, person or content) is listed before one
   * that takes whatever is left.
   */
  files?: FileHandler
  /** The bot added somewhere (says hello there). One feature may register it. */
  installed?: (event: InstalledEvent, ctx: HandlerContext) => Promise<void>
  /** What someone's home page shows. One feature may register it. */
  home?: (event: HomeOpenedEvent) => Promise<Message>
  /** People joining or leaving conversations the bot is in. */
  membership?: MembershipHandler
  help?: HelpEntry[]
}

export interface BotOptions {
  features: Feature[]
  /** Records events the platform may re-deliver (or someone may replay), so a repeat has no effect. */
  events: EventLedger
  log: Logger
  /** Commands and messages per person; 20 a minute unless given. */
  rateLimiter?: RateLimiter
}

export interface Bot {
  /** Commands, messages and button clicks. */
  handle(event: Exclude<InboundEvent, FormSubmitEvent | MembershipEvent>, reply: Reply): Promise<void>
  /** Membership changes: every feature that cares is told; failures are logged, not shown. */
  membership(event: MembershipEvent): Promise<void>
  /** Form submissions: the result tells the adapter to close the form, show errors, or update it. */
  submitForm(event: FormSubmitEvent, reply: Reply): Promise<FormResult>
  readonly features: readonly Feature[]
}

export function createBot(options: BotOptions): Bot {
  const { features, log, events } = options
  const rateLimiter = options.rateLimiter ?? createRateLimiter()
  const commands = collect(features, 'commands')
  const actions = collect(features, 'actions')
  const forms = collect(features, 'forms')
  const messageActions = collect(features, 'messageActions')
  if (actions.has(ACTION_RUN_COMMAND)) throw new Error(`The action "${ACTION_RUN_COMMAND}" is the router's own: it runs commands`)
  // Longest first, so "my data" wins over "my".
  const commandWords = [...commands.keys()].filter((k) => k !== '').sort((a, b) => b.length - a.length)
  const fileHandlers = features.flatMap((f) => (f.files ? [f.files] : []))
  const installedHandlers = features.flatMap((f) => (f.installed ? [f.installed] : []))
  if (installedHandlers.length > 1) throw new Error('Two features register an installation handler')
  const [installedHandler] = installedHandlers
  const homeHandlers = features.flatMap((f) => (f.home ? [f.home] : []))
  if (homeHandlers.length > 1) throw new Error('Two features register a home page')
  const [homeHandler] = homeHandlers

  const context = (event: InboundEvent, reply: Reply): HandlerContext => ({
    reply,
    log: log.child({ event: event.id, kind: event.kind, platform: event.actor.platform }),
    hint: (args) => `\`${`${reply.commandPrefix} ${args}`.trim()}\``,
  })

  async function membership(event: MembershipEvent): Promise<void> {
    const eventLog = log.child({ event: event.id, kind: event.kind, platform: event.actor.platform })
    for (const feature of features) {
      if (!feature.membership) continue
      await feature.membership(event, eventLog).catch((error) => eventLog.error({ err: error, code: errorCode(error) }, 'membership handler failed'))
    }
  }

  async function handle(event: Exclude<InboundEvent, FormSubmitEvent | MembershipEvent>, reply: Reply): Promise<void> {
    const ctx = context(event, reply)
    // The workspace is part of the key: ids (a slash command's trigger id) are unique only within one.
    const key = event.redeliverable ? `${event.actor.platform}:${event.kind}:${event.actor.workspaceId}:${event.id}` : undefined
    // Claimed inside the error handling: a store that is down gets the apology, not silence.
    let claimed = false
    // Slack never re-sends a slash command: a repeat is a replay, refused in one write.
    const replayOnly = event.kind === 'command'
    try {
      if (key && replayOnly) {
        if (!(await events.once(key))) {
          ctx.log.info('replayed command ignored')
          return
        }
      } else if (key) {
        if (!(await events.claim(key))) {
          ctx.log.info('duplicate delivery ignored')
          return
        }
        claimed = true
      }
      await route(event, reply, ctx)
      if (key && claimed) await events.finish(key).catch((error) => ctx.log.warn({ err: error }, 'could not record an event as handled'))
    } catch (error) {
      ctx.log.error({ err: error, code: errorCode(error) }, 'handler failed')
      // Released, so the platform's retry (or the person trying again) is answered, not dropped as a duplicate.
      if (key && claimed) await events.release(key).catch((releaseError) => ctx.log.warn({ err: releaseError }, 'could not release a failed event'))
      await answerPrivately(reply, textMessage(userFacingMessage(error, event.id.slice(-12)))).catch((sendError) =>
        ctx.log.error({ err: sendError }, 'could not tell the user about the failure'),
      )
    }
  }

  async function route(event: Exclude<InboundEvent, FormSubmitEvent | MembershipEvent>, reply: Reply, ctx: HandlerContext): Promise<void> {
    if (event.kind === 'action' && event.actionId === ACTION_RUN_COMMAND) {
      // The value is only text the person could have typed themselves, so it gets no more trust than that.
      const { actionId: _, value, ...rest } = event
      return routeCommand({ ...rest, kind: 'command', text: stripCommandWord(value), redeliverable: false }, reply, ctx)
    }
    if (event.kind === 'action') {
      const handler = actions.get(event.actionId)
      if (!handler) {
        ctx.log.warn({ actionId: event.actionId }, 'no handler for action')
        await answerPrivately(reply, textMessage('That button no longer does anything. Please ask again.'))
        return
      }
      await handler(event, ctx)
      return
    }
    if (event.kind === 'home') {
      if (homeHandler && reply.publishHome) await reply.publishHome(await homeHandler(event))
      return
    }
    if (event.kind === 'installed') {
      await installedHandler?.(event, ctx)
      return
    }
    if (event.kind === 'message-action') {
      const handler = messageActions.get(event.actionId)
      if (!handler) {
        ctx.log.warn({ actionId: event.actionId }, 'no handler for message action')
        await answerPrivately(reply, textMessage('That action no longer does anything here.'))
        return
      }
      await handler(event, ctx)
      return
    }
    if (event.kind === 'message' && event.files?.length && fileHandlers.length > 0) {
      const withFiles = { ...event, files: event.files.map(readOnce) }
      for (const handler of fileHandlers) if ((await handler(withFiles, ctx)) !== 'pass') return
      ctx.log.info('no feature took the files sent')
      await answerPrivately(reply, textMessage('I don’t know what to do with that file here. Type “help” to see what I can do.'))
      return
    }
    await routeCommand(event, reply, ctx)
  }

  async function routeCommand(event: CommandEvent | MessageEvent, reply: Reply, ctx: HandlerContext): Promise<void> {
    if (!rateLimiter.allow(`${event.actor.platform}:${event.actor.workspaceId}:${event.actor.userId}`)) {
      ctx.log.warn('command refused: over the per-person rate limit')
      await answerPrivately(reply, textMessage(RATE_LIMITED_SENTENCE))
      return
    }
    const text = event.kind === 'message' ? stripCommandWord(event.text) : event.text
    const { handler, args } = routeText(text)
    const freeText = commands.get('')
    if (!handler) throw new Error('No feature handles free text')
    if ((await handler(event, args, ctx)) === 'pass' && freeText && handler !== freeText) await freeText(event, text.trim(), ctx)
  }

  function routeText(text: string): { handler: TextHandler | undefined; args: string } {
    const normalised = text.trim()
    const lower = normalised.toLowerCase()
    for (const word of commandWords) {
      // "help!", "thanks." and "hi, there" are the word too; "helpful" is not.
      if (lower === word || (lower.startsWith(word) && /^[\s!.,?:;]/.test(lower.slice(word.length)))) {
        return { handler: commands.get(word), args: normalised.slice(word.length).replace(/^[!.,?:;]+/, '').trim() }
      }
    }
    return { handler: commands.get(''), args: normalised }
  }

  async function submitForm(event: FormSubmitEvent, reply: Reply): Promise<FormResult> {
    const ctx = context(event, reply)
    const handler = forms.get(event.formId)
    if (!handler) {
      ctx.log.warn({ formId: event.formId }, 'no handler for form')
      return { kind: 'close', notice: 'That form has expired. Please start again.' }
    }
    try {
      return await handler(event, ctx)
    } catch (error) {
      ctx.log.error({ err: error, code: errorCode(error) }, 'form handler failed')
      return { kind: 'close', notice: userFacingMessage(error, event.id.slice(-12)) }
    }
  }

  return { handle, submitForm, membership, features }
}

/**
 * A file whose bytes are fetched from the platform once, for every handler that reads them.
 * A failed read is not kept: the next handler may try again, and gets the same sentence.
 */
function readOnce(file: SharedFile): SharedFile {
  const reads = new Map<number, Promise<Buffer>>()
  return {
    ...file,
    read: (maxBytes) => {
      let read = reads.get(maxBytes)
      if (!read) {
        read = file.read(maxBytes)
        reads.set(maxBytes, read)
        read.catch(() => reads.delete(maxBytes))
      }
      return read
    },
  }
}

/** People type "workgroups secondary" (or "/workgroups …") in chats; the word adds nothing. */
function stripCommandWord(text: string): string {
  return text.trim().replace(/^\/?workgroups?\b[:,]?\s*/i, '')
}


function collect<K extends 'commands' | 'actions' | 'forms' | 'messageActions'>(
  features: Feature[],
  key: K,
): Map<string, NonNullable<Feature[K]>[string]> {
  const map = new Map<string, NonNullable<Feature[K]>[string]>()
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature[key] ?? {})) {
      if (map.has(name)) throw new Error(`Two features register the ${key.slice(0, -1)} "${name}"`)
      map.set(name, handler as NonNullable<Feature[K]>[string])
    }
  }
  return map
}
