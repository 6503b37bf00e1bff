// Slack on Bolt. Bolt's HTTPReceiver verifies every request's signature (v0 HMAC-SHA256,
// 5-minute window) on POST /slack/events, or Socket Mode carries the same payloads when an
// app-level token is set. Listeners only translate payloads and call the bot core.
import {
  App,
  type Authorize,
  type Installation,
  HTTPReceiver,
  type Receiver,
  SocketModeReceiver,
} from '@slack/bolt'
import type { SlackConfig } from '../../src/config.js'
import type { ChatAdapter } from '../../src/core/adapter.js'
import type { Bot } from '../../src/core/bot.js'
import type { Logger } from '../../src/core/logger.js'
import type { SecretScrubber } from '../../src/core/secret-scrubber.js'
import { textMessage } from '../../src/core/messages.js'
import { MAX_BODY_BYTES } from '../../src/http/request-body.js'
import { sendJson, type Route } from '../../src/http/server.js'
import { boltLogger } from './bolt-logger.js'
import { type ChartUrl, renderMessage, renderModal } from './render-block-kit.js'
import { createDeliveryClient, createMemberLister, createSlackDeliverer } from './slack-deliverer.js'
import { createSlackInstallations } from './slack-installations.js'
import { INSTALL_PATH, oauthReceiverOptions, REDIRECT_PATH } from './slack-oauth.js'
import { singleWorkspace, type SlackWorkspaces } from './slack-workspaces.js'
import { createSealer } from '../../src/security/sealed-secrets.js'
import type { Db } from '../../src/db/database.js'
import type { Actor, Place } from '../../src/core/events.js'
import type { Reply } from '../../src/core/reply.js'
import { createSlackFileReader } from './slack-files.js'
import { createPrivateFileSender, createUserNames } from './slack-private-files.js'
import {
  actionEvent,
  type BlockActionsPayload,
  commandEvent,
  formSubmitEvent,
  messageActionEvent,
  messageEvent,
  type MessageEventPayload,
  type MessageShortcutPayload,
  type SlashCommandPayload,
  type ViewSubmissionPayload,
} from './slack-events.js'
import { actionReply, commandReply, DEFAULT_ACK_BUDGET_MS, formReply, messageReply } from './slack-replies.js'

export const SLACK_EVENTS_PATH = '/slack/events'

export interface SlackAdapterOptions {
  config: SlackConfig
  bot: Bot
  log: Logger
  /** Where "Add to Slack" installations are kept; needed when config.oauth is set. */
  db?: Db
  /** Told each workspace's token as it is stored or read, so the logger scrubs it. */
  secrets?: Pick<SecretScrubber, 'add'>
  /** The bot's public address, for the OAuth redirect. */
  publicUrl?: string
  /** How long a slash command may take before it is acknowledged and answered later. */
  ackBudgetMs?: number
  /** Web API retries on network errors and 5xx; 429s are never retried blindly. */
  webApiRetries?: number
  /** Where charts' pictures are served (needs a public address); without it, charts are left out. */
  chartUrl?: ChartUrl
}

export function createSlackAdapter(options: SlackAdapterOptions): ChatAdapter {
  const { config, bot } = options
  const log = options.log.child({ platform: 'slack' })
  const boltLog = boltLogger(log)
  const ackBudgetMs = options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS
  const commandPrefix = '/workgroups'
  const { chartUrl } = options
  const fileReader = createSlackFileReader(config.apiUrl, log)
  // Deliveries, member lists and the like: one client, each call carrying its workspace's token.
  const deliveryClient = createDeliveryClient(config.apiUrl, boltLog)
  if (config.oauth && !options.db) throw new Error('"Add to Slack" needs the database for its installations')
  const installations =
    config.oauth && options.db ? createSlackInstallations({ db: options.db, sealer: createSealer(config.oauth.tokenKeys), log, ...(options.secrets ? { secrets: options.secrets } : {}) }) : undefined
  const workspaces: SlackWorkspaces = installations ?? singleWorkspace(config.botToken, deliveryClient, log)
  const canSend = Boolean(installations ?? config.botToken)
  const sendFile = createPrivateFileSender(deliveryClient, workspaces)
  /** Any reply can give the actor a file in their DM, when the bot has a token to do it with. */
  const withFiles = <R extends Reply>(reply: R, actor: Actor): R =>
    canSend ? { ...reply, sendFilePrivately: (file) => sendFile(actor.workspaceId, actor.userId, file) } : reply

  const httpReceiver = config.signingSecret
    ? new HTTPReceiver({
        signingSecret: config.signingSecret,
        endpoints: SLACK_EVENTS_PATH,
        logger: boltLog,
        // Bolt's default is 4 MB; Slack's payloads are a few KB (413 past this, from Bolt).
        bodyLimit: MAX_BODY_BYTES,
        processEventErrorHandler: async ({ error, response }) => {
          if (response.headersSent) return false
          // An installation that is missing or revoked: refused, as Bolt's default does.
          if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
            response.writeHead(401)
            response.end()
            return true
          }
          // A signed payload Bolt could not take apart (a block_actions without a user, say).
          // Bolt answers 500, which Slack shows as an error and retries; the same payload would
          // fail the same way, so it is acknowledged and dropped. Our listeners catch their own failures.
          log.warn({ err: error, code: (error as { code?: string }).code }, 'dropped a Slack payload that could not be processed')
          response.writeHead(200)
          response.end()
          return true
        },
        ...(config.oauth && installations
          ? oauthReceiverOptions({ oauth: config.oauth, installations, apiUrl: config.apiUrl, publicUrl: options.publicUrl, log, onInstalled: (i) => welcomeInstaller(i) })
          : {}),
      })
    : undefined
  const receiver: Receiver = config.appToken
    ? new SocketModeReceiver({
        appToken: config.appToken,
        logger: boltLog,
        // apps.connections.open goes to the same Web API base as everything else.
        ...(config.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } } : {}),
      })
    : (httpReceiver as HTTPReceiver)

  // One workspace: an authorize function (rather than a token) keeps Bolt from calling
  // auth.test at start-up, so the bot starts without reaching Slack. Many workspaces: Bolt's
  // installer looks the workspace up in the installation store and refuses it if absent.
  const authorize: Authorize<boolean> | undefined = installations
    ? undefined
    : async ({ teamId, enterpriseId }) => ({
        ...(config.botToken ? { botToken: config.botToken } : {}),
        ...(teamId ? { teamId } : {}),
        ...(enterpriseId ? { enterpriseId } : {}),
      })

  const app = new App({
    receiver,
    ...(authorize ? { authorize } : {}),
    logger: boltLog,
    // Our listeners filter bot messages themselves; ignoreSelf would need auth.test.
    ignoreSelf: false,
    // Bolt's in-memory conversation store is unused here and would grow with every channel.
    convoStore: false,
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      retryConfig: { retries: options.webApiRetries ?? 2, factor: 2, minTimeout: 250 },
      rejectRateLimitedCalls: true,
      logger: boltLog,
    },
  })

  app.command(/.*/, async ({ command, ack, respond, client }) => {
    const event = commandEvent(command as SlashCommandPayload)
    const { reply, finish } = commandReply({
      ack,
      respond,
      client,
      commandPrefix: command.command || commandPrefix,
      userId: event.actor.userId,
      place: event.place,
      triggerId: command.trigger_id,
      chartUrl,
      ackBudgetMs,
      onLateAck: (error) => log.error({ err: error }, 'could not acknowledge a slash command'),
    })
    try {
      await bot.handle(event, withFiles(reply, event.actor))
    } finally {
      await finish()
    }
  })

  /** The reply to a click or a shortcut: through its response_url, and forms through its trigger. */
  const interactionReply = (
    event: { actor: Actor; place: Place },
    payload: { trigger_id: string; response_url?: string },
    client: Parameters<typeof actionReply>[0]['client'],
    respond: Parameters<typeof actionReply>[0]['respond'],
  ) =>
    withFiles(
      actionReply({ client, commandPrefix, chartUrl, userId: event.actor.userId, place: event.place, triggerId: payload.trigger_id, respond: payload.response_url ? respond : undefined }),
      event.actor,
    )

  app.action(/.*/, async ({ body, ack, respond, client }) => {
    await ack()
    if (body.type !== 'block_actions') return
    const payload = body as unknown as BlockActionsPayload & { response_url?: string }
    const event = actionEvent(payload)
    if (!event) return
    await bot.handle(event, interactionReply(event, payload, client, respond))
  })

  app.shortcut({ type: 'message_action' }, async ({ body, ack, respond, client }) => {
    await ack()
    const payload = body as unknown as MessageShortcutPayload
    // A link back to the message, for provenance; the bot may not be able to see every channel.
    const link =
      payload.channel?.id && payload.message_ts
        ? await client.chat
            .getPermalink({ channel: payload.channel.id, message_ts: payload.message_ts })
            .then((r) => r.permalink)
            .catch((error: unknown) => {
              log.warn({ err: error }, 'could not get a link to the shared message')
              return undefined
            })
        : undefined
    const event = messageActionEvent(payload, link)
    await bot.handle(event, interactionReply(event, payload, client, respond))
  })

  app.view(/.*/, async ({ body, ack, client, context }) => {
    if (body.type !== 'view_submission') {
      await ack()
      return
    }
    const event = formSubmitEvent(body as unknown as ViewSubmissionPayload, fileReader(context.botToken))
    const reply = withFiles(formReply({ client, commandPrefix, chartUrl, userId: event.actor.userId, place: event.place, triggerId: undefined }), event.actor)
    const result = await bot.submitForm(event, reply)
    switch (result.kind) {
      case 'errors':
        await ack({ response_action: 'errors', errors: result.errors })
        return
      case 'update': {
        const view = renderModal(result.form)
        view.private_metadata = (body as unknown as ViewSubmissionPayload).view.private_metadata ?? ''
        await ack({ response_action: 'update', view })
        return
      }
      case 'close':
        await ack()
        if (result.notice) await reply.sendPrivate?.(textMessage(result.notice))
    }
  })

  const onMessage = async (envelope: EventEnvelope, payload: MessageEventPayload, client: ReplyClient, botToken: string | undefined) => {
    // The bot's own user id, so its mention can be removed wherever it is in the text.
    const botUserId = envelope.authorizations?.[0]?.user_id ?? envelope.authed_users?.[0]
    const event = messageEvent(envelope.event_id, envelope.team_id, payload, botUserId, fileReader(botToken))
    if (!event) return
    await bot.handle(
      event,
      withFiles(messageReply({ client, commandPrefix, chartUrl, userId: event.actor.userId, place: event.place, triggerId: undefined, messageTs: payload.ts }), event.actor),
    )
  }
  app.event('app_mention', async ({ body, event, client, context }) => {
    await onMessage(body as unknown as EventEnvelope, event as unknown as MessageEventPayload, client, context.botToken)
  })
  app.message(async ({ body, message, client, context }) => {
    const payload = message as unknown as MessageEventPayload
    // Channel messages reach the bot only as app_mention; plain messages matter only in DMs.
    if (payload.channel_type !== 'im') return
    await onMessage(body as unknown as EventEnvelope, payload, client, context.botToken)
  })

  // People joining or leaving a channel: Work Groups keep their participants in step.
  const onMembership = async (envelope: EventEnvelope, e: { user?: string; channel?: string; team?: string }, change: 'joined' | 'left') => {
    // The bot joining a channel is no participant joining; the envelope names the bot's user.
    const self = envelope.authorizations?.[0]?.user_id
    if (!e.user || !e.channel || e.user === self) return
    await bot.membership({
      kind: 'membership',
      id: envelope.event_id,
      redeliverable: true,
      change,
      members: [{ userId: e.user }],
      // event_time is when Slack saw the change (seconds), the same on every retry.
      ...(typeof envelope.event_time === 'number' ? { at: new Date(envelope.event_time * 1000) } : {}),
      actor: { platform: 'slack', workspaceId: e.team ?? envelope.team_id, userId: e.user },
      place: { conversationId: e.channel, kind: 'channel' },
    })
  }
  app.event('member_joined_channel', async ({ body, event }) => {
    await onMembership(body as unknown as EventEnvelope, event as { user?: string; channel?: string; team?: string }, 'joined')
  })
  app.event('member_left_channel', async ({ body, event }) => {
    await onMembership(body as unknown as EventEnvelope, event as { user?: string; channel?: string; team?: string }, 'left')
  })

  // The App Home tab: rebuilt each time it is opened, so it is never stale.
  app.event('app_home_opened', async ({ body, event, client }) => {
    const e = event as { user: string; tab?: string }
    if (e.tab && e.tab !== 'home') return
    const envelope = body as unknown as EventEnvelope
    await bot.handle(
      {
        kind: 'home',
        id: envelope.event_id,
        // Opening the tab again is a new view, not a re-delivery worth suppressing.
        redeliverable: false,
        actor: { platform: 'slack', workspaceId: envelope.team_id, userId: e.user },
        place: { conversationId: '', kind: 'direct' },
      },
      {
        commandPrefix,
        send: async () => undefined,
        publishHome: async (message) => {
          await client.views.publish({ user_id: e.user, view: { type: 'home', blocks: renderMessage(message, chartUrl).blocks } as never })
        },
      },
    )
  })

  // A workspace removing the app, or revoking its token: stop using the token at once. Bolt
  // runs these without authorizing them, since the token is already gone.
  app.event('app_uninstalled', async ({ body }) => {
    await workspaces.removed((body as unknown as EventEnvelope).team_id, 'uninstalled')
  })
  app.event('tokens_revoked', async ({ body, event }) => {
    // Only the bot's token matters; user tokens are never asked for.
    if (((event as { tokens?: { bot?: string[] } }).tokens?.bot ?? []).length === 0) return
    await workspaces.removed((body as unknown as EventEnvelope).team_id, 'revoked')
  })

  app.error(async (error) => {
    if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
      // A workspace without an installation: refused, no listener ran.
      log.warn({ reason: error.message }, 'refused a request from a Slack workspace that has not installed the app')
      return
    }
    log.error({ err: error, code: (error as { code?: string }).code }, 'slack listener failed')
  })

  /** Whoever installed the app gets the bot's hello in their direct messages, once. */
  async function welcomeInstaller(installation: Installation): Promise<void> {
    const teamId = installation.team?.id
    const userId = installation.user.id
    const token = installation.bot?.token
    if (!teamId || !token) return
    await bot.handle(
      {
        kind: 'installed',
        id: `installed|${teamId}|${userId}`,
        redeliverable: true,
        actor: { platform: 'slack', workspaceId: teamId, userId },
        place: { conversationId: userId, kind: 'direct' },
      },
      {
        commandPrefix,
        send: async (message) => {
          await deliveryClient.chat.postMessage({ token, channel: userId, ...renderMessage(message, chartUrl) })
        },
      },
    )
  }

  const listMembers = createMemberLister(deliveryClient, workspaces)

  const viaReceiver = (method: Route['method'], path: string): Route => ({ method, path, handle: (req, res) => (httpReceiver as HTTPReceiver).requestListener(req, res) })
  const routes: Route[] = httpReceiver
    ? [viaReceiver('POST', SLACK_EVENTS_PATH), ...(installations ? [viaReceiver('GET', INSTALL_PATH), viaReceiver('GET', REDIRECT_PATH)] : [])]
    : []

  return {
    platform: 'slack',
    routes,
    ...(canSend ? { deliverer: createSlackDeliverer(deliveryClient, workspaces, chartUrl), listMembers, userNames: createUserNames(deliveryClient, workspaces, log) } : {}),
    status: config.appToken
      ? 'Slack: connected through Socket Mode.'
      : installations
        ? `Slack: listening on POST ${SLACK_EVENTS_PATH}; workspaces install the app from ${options.publicUrl ?? '<this bot’s public address>'}${INSTALL_PATH}.`
        : `Slack: listening on POST ${SLACK_EVENTS_PATH}${config.botToken ? '' : ' (no SLACK_BOT_TOKEN: the bot can answer commands and buttons but not post on its own)'}.`,
    start: async () => {
      if (installations) {
        const installed = await installations.installedWorkspaces()
        const unopenable = await installations.unopenableWorkspaces()
        // Every stored installation sealed under another key: the key was replaced, not rotated.
        // The bot still starts, since installing again (under the new key) needs it running.
        if (unopenable.length > 0 && installed.length === 0)
          log.error(
            { code: 'auth', workspaces: unopenable },
            `TOKEN_ENCRYPTION_KEY opens none of the ${unopenable.length} Slack installation(s) stored in the database, so the bot cannot reach those workspaces: if the key was changed, put the new key first and the old one after it, separated by a comma, and restart; if the old key is lost, each workspace must install the app again.`,
          )
        else {
          const resealed = await installations.resealWithCurrentKey()
          if (resealed > 0) log.info(`Sealed ${resealed} Slack installation(s) again under the first TOKEN_ENCRYPTION_KEY.`)
        }
        log.info({ workspaces: installed }, `Slack: installed in ${installed.length} workspace(s)${installed.length ? `: ${installed.map((w) => w.name ?? w.teamId).join(', ')}` : ''}.`)
      }
      if (config.appToken) await app.start()
    },
    stop: async () => {
      if (config.appToken) await app.stop()
    },
  }
}

type ReplyClient = Parameters<typeof messageReply>[0]['client']

/** The Events API wrapper around an event (https://docs.slack.dev/apis/events-api). */
interface EventEnvelope {
  /** When Slack saw the event, in seconds; the same on every retry. */
  event_time?: number
  event_id: string
  team_id: string
  authorizations?: { user_id?: string }[]
  authed_users?: string[]
}

/** The route that tells an operator Slack is not set up, instead of a bare 404. */
export function slackNotConfiguredRoute(): Route {
  return {
    method: 'POST',
    path: SLACK_EVENTS_PATH,
    handle: (_req, res) =>
      sendJson(res, 503, {
        error: 'slack_not_configured',
        message: 'Slack is not set up on this bot: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (see README).',
      }),
  }
}
