// Teams on botbuilder's CloudAdapter at POST /api/messages. Every botbuilder type stays in
// this folder (botbuilder is archived; its successor is the Microsoft 365 Agents SDK), and
// the tests speak the Bot Framework protocol, so swapping the SDK touches only this folder.
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationParameters,
  type ConversationReference,
  type TeamsChannelAccount,
} from 'botbuilder'
import type { TeamsConfig } from '../../src/config.js'
import type { ChatAdapter, Deliverer } from '../../src/core/adapter.js'
import type { Bot } from '../../src/core/bot.js'
import type { ConversationReferenceRecord } from '../../src/core/conversation-references.js'
import type { Member } from '../../src/core/events.js'
import type { Logger } from '../../src/core/logger.js'
import type { OutgoingFile } from '../../src/core/reply.js'
import { BotError } from '../../src/core/errors.js'
import type { HeldFiles } from '../../src/core/held-files.js'
import { answerFileConsent, FILE_CONSENT_INVOKE, fileConsentActivity } from './teams-file-consent.js'
import { BodyTooLargeError, readBody, sendTooLarge } from '../../src/http/request-body.js'
import { sendJson } from '../../src/http/server.js'
import { activityShapeProblem } from './activity-shape.js'
import { createOriginSigner } from './origin-token.js'
import { type AdaptiveCard, renderCard } from './render-adaptive-card.js'
import { addressOf, type TeamsAddress } from './teams-address.js'
import { toBotError } from './teams-errors.js'
import { formResultDialog, reopenData } from './teams-dialogs.js'
import { actorOf, botWasRemoved, eventOf, tenantOf, membershipEventsOf, opensDialog, originTokenOf, placeOf, referenceRecord } from './teams-events.js'
import { createMentionNamer, type KnownNames } from './teams-names.js'
import { formResultCard, type InvokeAnswer, invokeResponseBody, namedFormResult, type TeamsDelivery, turnReply } from './teams-replies.js'

export const TEAMS_MESSAGES_PATH = '/api/messages'

/** The connector's default audience; botbuilder treats an empty string as a scope, so leave it unset. */
const AUDIENCE = undefined as unknown as string

const asCardActivity = (card: AdaptiveCard) => ({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] })

export interface TeamsAdapterOptions {
  config: TeamsConfig
  bot: Bot
  log: Logger
  /** Stores where the bot can speak later; called for every inbound activity. */
  saveReference: (record: ConversationReferenceRecord) => Promise<void>
  findReference: (workspaceId: string, conversationId: string) => Promise<ConversationReferenceRecord | undefined>
  /** The bot was removed from a conversation; true if there was a reference to forget. */
  forgetReference: (workspaceId: string, conversationId: string) => Promise<boolean>
  /** The user's 1:1 chat with the bot, if there is one. */
  findDirect: (workspaceId: string, userId: string) => Promise<ConversationReferenceRecord | undefined>
  /** Where files offered with a consent card wait for the person to accept; without it, no files are sent. */
  heldFiles?: HeldFiles
  /** Names the store knows, for people a message mentions by id alone. */
  knownNames?: KnownNames
}

export function createTeamsAdapter(options: TeamsAdapterOptions): ChatAdapter {
  const { config, bot, heldFiles } = options
  const log = options.log.child({ platform: 'teams' })
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    // Local mode has no identity at all; botbuilder's SingleTenant and MSI factories insist on one.
    MicrosoftAppType: config.appId ? config.appType : 'MultiTenant',
    MicrosoftAppTenantId: config.tenantId,
  })
  const adapter = new TeamsCloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: config.appId,
        MicrosoftAppTenantId: config.tenantId,
        ...(config.openIdMetadataUrl ? publicCloudWithKeysAt(config.openIdMetadataUrl) : {}),
      },
      credentials,
    ),
  )
  adapter.onTurnError = async (_turn, error) => {
    log.error({ err: error }, 'teams turn failed')
  }

  /** Sends a message to a user's 1:1 chat with the bot, opening it if there is none yet. */
  async function sendDirect(tenantId: string, userId: string, address: TeamsAddress | undefined, message: Partial<Activity>): Promise<void> {
    const existing = await options.findDirect(tenantId, userId)
    if (existing) {
      await adapter.continueConversationAsync(config.appId, existing.reference as ConversationReference, async (ctx) => {
        await ctx.sendActivity(message)
      })
      return
    }
    if (!address?.id || !address.serviceUrl || !address.botId)
      throw new BotError('not_found', `No way to reach Teams user ${userId}: they have never talked to the bot and no roster entry is known`)
    // The first private message opens the 1:1 chat: Teams needs the tenant, the bot and the 29: id.
    const parameters = {
      isGroup: false,
      bot: { id: address.botId },
      members: [{ id: address.id }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters
    await adapter.createConversationAsync(config.appId, 'msteams', address.serviceUrl, AUDIENCE, parameters, async (ctx) => {
      const reference = {
        channelId: 'msteams',
        serviceUrl: address.serviceUrl,
        bot: { id: address.botId },
        user: { id: address.id },
        conversation: { id: ctx.activity.conversation.id, conversationType: 'personal', tenantId, isGroup: false },
      }
      await options.saveReference({ platform: 'teams', conversationId: reference.conversation.id, workspaceId: tenantId, kind: 'direct', userId, reference })
      await ctx.sendActivity(message)
    })
  }

  async function postTo(workspaceId: string, conversationId: string, card: AdaptiveCard): Promise<void> {
    const stored = await options.findReference(workspaceId, conversationId.split(';messageid=')[0]!)
    if (!stored) throw new BotError('not_found', `No conversation reference for ${conversationId}`, { userMessage: 'I can’t post in that conversation any more. Ask me there again.' })
    const reference = stored.reference as ConversationReference
    await adapter.continueConversationAsync(config.appId, { ...reference, conversation: { ...reference.conversation, id: conversationId } }, async (ctx) => {
      await ctx.sendActivity(asCardActivity(card))
    })
  }

  const names = createMentionNamer(options.knownNames, log)
  const delivery: TeamsDelivery = {
    signer: createOriginSigner(config.appPassword),
    log,
    names,
    sendToUserPrivately: async (turn, card) => {
      const activity = turn.activity
      const actor = actorOf(activity)
      try {
        await sendDirect(actor.workspaceId, actor.userId, addressOf(activity, activity.from), asCardActivity(card))
        return true
      } catch (error) {
        log.warn({ err: error }, 'could not reach the user in a 1:1 chat')
        return false
      }
    },
    postTo,
    ...(heldFiles && { sendFilePrivately: (turn: TurnContext, file: OutgoingFile) => offerFile(heldFiles, turn, file) }),
  }

  /**
   * Holds the file and sends its consent card to the actor's 1:1 chat (the turn's own chat when
   * it is one): Teams lets a bot hand over files only there.
   */
  async function offerFile(held: HeldFiles, turn: TurnContext, file: OutgoingFile): Promise<void> {
    const activity = turn.activity
    const actor = actorOf(activity)
    const owner = { platform: 'teams' as const, workspaceId: actor.workspaceId, userId: actor.userId }
    const id = await held.hold(owner, { name: file.name, mimeType: file.mimeType, content: file.content })
    const consent = fileConsentActivity(id, file)
    try {
      if (placeOf(activity).kind === 'direct') await turn.sendActivity(consent)
      else await sendDirect(actor.workspaceId, actor.userId, addressOf(activity, activity.from), consent)
    } catch (error) {
      await held.take(id, owner).catch(() => undefined)
      const cause = toBotError(error)
      throw new BotError(cause.code, `could not offer ${file.name} in a 1:1 chat: ${cause.message}`, {
        cause: error,
        userMessage: 'I couldn’t send you the file in a private chat with me. Open a chat with me (search for the app in Teams) and ask again.',
      })
    }
  }

  const deliverer: Deliverer = {
    async deliver(target, message) {
      const card = renderCard(await names.message(target.workspaceId, message))
      try {
        if (target.kind === 'conversation') await postTo(target.workspaceId, target.threadId ? `${target.id};messageid=${target.threadId}` : target.id, card)
        else await sendDirect(target.workspaceId, target.id, target.address as TeamsAddress | undefined, asCardActivity(card))
      } catch (error) {
        throw toBotError(error)
      }
    },
    // Teams has no history the bot can read, so an interrupted send cannot be checked.
  }

  /** Runs `work` in a conversation the bot knows, with its stored reference. */
  async function inConversation(workspaceId: string, conversationId: string, work: (ctx: TurnContext, reference: ConversationReference) => Promise<void>): Promise<void> {
    const stored = await options.findReference(workspaceId, conversationId)
    if (!stored) throw new BotError('not_found', `No conversation reference for ${conversationId}`)
    const reference = stored.reference as ConversationReference
    await adapter.continueConversationAsync(config.appId, reference, (ctx) => work(ctx, reference))
  }

  const toMember = (m: TeamsChannelAccount, reference: ConversationReference): Member => ({
    userId: m.aadObjectId ?? m.id,
    ...(m.name ? { name: m.name } : {}),
    address: { id: m.id, serviceUrl: reference.serviceUrl, botId: reference.bot?.id } satisfies TeamsAddress,
  })

  async function listMembers(workspaceId: string, conversationId: string): Promise<Member[]> {
    const members: Member[] = []
    await inConversation(workspaceId, conversationId, async (ctx, reference) => {
      let continuationToken: string | undefined
      do {
        const page = await TeamsInfo.getPagedMembers(ctx, 500, continuationToken)
        for (const m of page.members) members.push(toMember(m, reference))
        continuationToken = page.continuationToken || undefined
      } while (continuationToken)
    })
    return members
  }

  /** Teams looks a member up by 29: id or Entra object id; 404 means not in this team or chat. */
  async function findMember(workspaceId: string, conversationId: string, userId: string): Promise<Member | undefined> {
    let found: Member | undefined
    await inConversation(workspaceId, conversationId, async (ctx, reference) => {
      try {
        found = toMember(await TeamsInfo.getMember(ctx, userId), reference)
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) throw toBotError(error)
      }
    })
    return found
  }


  const refusedTenants = new Set<string>()
  /** Activities from an organisation the hub has not allowed are answered with one sentence and dropped. */
  async function refuseOtherTenants(turn: TurnContext): Promise<boolean> {
    const tenant = tenantOf(turn.activity)
    if (config.allowedTenants.length === 0 || config.allowedTenants.includes(tenant)) return false
    if (!refusedTenants.has(tenant)) {
      refusedTenants.add(tenant)
      log.warn({ tenant }, 'refused activities from a Microsoft 365 organisation that is not in TEAMS_ALLOWED_TENANTS')
    }
    if (turn.activity.type === ActivityTypes.Invoke)
      await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403, body: { error: 'tenant_not_allowed' } } })
    else if (turn.activity.type === ActivityTypes.Message)
      await turn.sendActivity('This bot is not set up for your organisation. Ask your Maths Hub how to join its Work Groups.')
    return true
  }

  async function onTurn(turn: TurnContext): Promise<void> {
    const activity = turn.activity
    if (await refuseOtherTenants(turn)) return
    if (botWasRemoved(activity)) {
      // Nothing can be sent there any more; keeping the address would only make sends fail.
      const conversationId = placeOf(activity).conversationId
      if (await options.forgetReference(tenantOf(activity), conversationId))
        log.info({ conversationId, tenant: tenantOf(activity) }, 'The app was removed from a Teams conversation: nothing more is sent there.')
      return
    }
    await rememberConversation(activity)
    if (activity.type === ActivityTypes.Invoke && activity.name === FILE_CONSENT_INVOKE) {
      const status = heldFiles
        ? await answerFileConsent(activity, { heldFiles, say: (reply) => turn.sendActivity(reply), allowHttp: !config.appId, log }).catch((error: unknown) => {
            log.error({ err: error }, 'could not answer a file consent card')
            return 500
          })
        : 501
      await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status } })
      return
    }
    for (const change of membershipEventsOf(activity)) await bot.membership(change)
    // Without authentication (local use) the test doubles serve files over plain http.
    const event = eventOf(activity, !config.appId)
    const invoke: InvokeAnswer | undefined = activity.type === ActivityTypes.Invoke ? (opensDialog(activity) ? { dialog: {} } : {}) : undefined
    if (!event) return // Unknown invokes get botbuilder's 501 Not Implemented.

    // A click on a private answer that belongs to a channel is treated as happening there.
    const origin = delivery.signer.verify(originTokenOf(activity))
    if (origin && event.kind === 'action') event.place = { conversationId: origin.conversationId.split(';messageid=')[0]!, kind: origin.kind }
    const reply = turnReply(turn, event.place, invoke, delivery, origin && event.kind === 'action' ? origin : undefined, reopenData(event, origin ? originTokenOf(activity) : undefined))
    if (event.kind === 'form' && invoke?.dialog) {
      const result = await namedFormResult(names, turn, await bot.submitForm(event, reply))
      invoke.dialog = formResultDialog(result, event.values, invoke.dialog.notice)
    } else if (event.kind === 'form') {
      // A form card posted in a chat before forms moved to dialogs.
      const card = formResultCard(await namedFormResult(names, turn, await bot.submitForm(event, reply)), event.values)
      if (invoke) invoke.card = card
      else if (activity.replyToId)
        await turn.updateActivity({ id: activity.replyToId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] })
      else await turn.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] })
    } else {
      await bot.handle(event, reply)
    }
    // Teams shows an error and retries a card action that gets no invoke response.
    if (invoke) await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: invokeResponseBody(invoke) } })
  }

  async function rememberConversation(activity: Activity): Promise<void> {
    if (!activity.conversation?.id || !activity.serviceUrl) return
    const reference = TurnContext.getConversationReference(activity)
    // Proactive messages go to the channel or chat itself, not to one message's thread.
    const stored = {
      ...reference,
      activityId: undefined,
      conversation: { ...reference.conversation, id: placeOf(activity).conversationId },
    }
    try {
      await options.saveReference(referenceRecord(activity, stored))
    } catch (error) {
      log.error({ err: error }, 'could not store the conversation reference')
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // botbuilder would refuse it too, but print a stack trace for every stray request.
    if (config.appId && !req.headers.authorization) {
      log.warn({ ip: req.socket.remoteAddress }, 'refused an activity without a Bot Framework token')
      sendJson(res, 401, { error: 'unauthorized', message: 'Activities must carry a Bot Framework token.' })
      return
    }
    let body: unknown
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'))
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendTooLarge(res)
      return sendJson(res, 400, { error: 'bad_request', message: 'Expected a Bot Framework activity as JSON.' })
    }
    const problem = activityShapeProblem(body)
    if (problem) {
      log.warn({ problem, ip: req.socket.remoteAddress }, 'refused a malformed activity')
      return sendJson(res, 400, { error: 'bad_request', message: 'Expected a Bot Framework activity.' })
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : ''
    let answer: { status: number; body?: unknown } | undefined
    try {
      answer = await adapter.run(authHeader, withDates(body as Record<string, unknown>), onTurn)
    } catch (error) {
      const status = refusalStatus(error)
      if (status === 401) {
        log.warn({ reason: (error as Error).message, ip: req.socket.remoteAddress }, 'refused an activity whose Bot Framework token did not verify')
        return sendJson(res, 401, { error: 'unauthorized', message: 'The Bot Framework token was not accepted.' })
      }
      log.error({ err: error }, 'could not process a Teams activity')
      return sendJson(res, status, { error: status === 503 ? 'unavailable' : 'internal_error' })
    }
    if (answer?.body === undefined) {
      res.writeHead(answer?.status ?? 200)
      res.end()
    } else sendJson(res, answer.status, answer.body)
  }

  return {
    platform: 'teams',
    routes: [{ method: 'POST', path: TEAMS_MESSAGES_PATH, handle }],
    deliverer,
    listMembers,
    findMember,
    status: config.appId
      ? `Teams: listening on POST ${TEAMS_MESSAGES_PATH} as ${describeIdentity(config)}.`
      : `Teams: listening on POST ${TEAMS_MESSAGES_PATH} WITHOUT authentication (MicrosoftAppId is empty): fine for the Agents Playground, never for a real tenant.`,
    start: async () => {},
    stop: async () => {},
  }
}

/**
 * The public cloud's settings with the signing keys fetched from elsewhere (a test's key
 * server). botbuilder takes any one custom setting to mean all are custom and leaves the rest
 * empty, so the others are spelled out: botframework-connector's AuthenticationConstants.
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string) {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
    ValidateAuthority: true,
  }
}

/** What CloudAdapter.process does before a turn (its validateAndFixActivity): times as Dates, the raw text kept. */
function withDates(body: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = { ...body }
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    if (typeof body[field] === 'string') {
      activity[raw] = body[field]
      activity[field] = new Date(body[field])
    }
  }
  return activity as unknown as Activity
}

/**
 * CloudAdapter.process answers by itself, putting the raw error text in the body (and on the
 * console); this runs the same authentication and turn and leaves the answer to us.
 */
class TeamsCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (turn: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, activity, logic)
  }
}

/**
 * The status for a failure before the turn ran. botbuilder's own checks throw errors with a
 * statusCode (401 for a bad issuer, audience or unknown key; 500 when the signing keys could
 * not be fetched); jsonwebtoken's (a forged signature, alg none, an HMAC token) have only a
 * name, and were answered 500.
 */
function refusalStatus(error: unknown): 401 | 500 | 503 {
  const e = error as { name?: unknown; statusCode?: unknown }
  if (e?.name === 'JsonWebTokenError' || e?.name === 'TokenExpiredError' || e?.name === 'NotBeforeError') return 401
  if (e?.statusCode === 401 || e?.statusCode === 403) return 401
  if (typeof e?.statusCode === 'number' && e.statusCode >= 500) return 503
  return 500
}

/** Who the bot signs in as, for the start-up log. */
function describeIdentity(config: TeamsConfig): string {
  const tenants = config.allowedTenants.length === 0 ? 'every tenant that installs it' : `tenant(s) ${config.allowedTenants.join(', ')}`
  if (config.appType === 'UserAssignedMSI') return `the managed identity ${config.appId} (tenant ${config.tenantId}), serving ${tenants}`
  if (config.appType === 'SingleTenant') return `the single-tenant app ${config.appId} (tenant ${config.tenantId}), serving ${tenants}`
  return `the multi-tenant app ${config.appId}, serving ${tenants}`
}
