// The composition root: the one place that reads the environment and wires configuration,
// the database, the bot core, the platform adapters and the HTTP server together. It is also
// the only file in src/ allowed to import an adapter.
import { pathToFileURL } from 'node:url'
import type { PGlite } from '@electric-sql/pglite'
import { createSlackAdapter, slackNotConfiguredRoute } from '../adapters/slack/slack-adapter.js'
import { createTeamsAdapter } from '../adapters/teams/teams-adapter.js'
import { type Config, ConfigError, configuredSecrets, loadConfig } from './config.js'
import type { ChatAdapter, Deliverer } from './core/adapter.js'
import { type Clock, systemClock } from './core/clock.js'
import type { Platform } from './core/events.js'
import type { SessionChart } from './core/messages.js'
import { createDeliveryWorker, type PassStats } from './delivery/delivery-worker.js'
import { createScheduler, type TickResult } from './scheduling/minute-tick.js'
import { aboutPageRoutes } from './http/about-pages.js'
import { createChartLinks } from './charts/chart-links.js'
import { chartImageRoute } from './charts/chart-route.js'
import { healthRoute, type Lifecycle, readinessRoute, rootRoute } from './http/health-routes.js'
import { purgePersonalData } from './retention/purge-personal-data.js'
import { createReminderSettingsFeature } from './features/reminders/reminder-settings-feature.js'
import { createReminderComposer } from './features/reminders/compose-reminders.js'
import { createOpenAiSummariser, summariseWithin } from './features/reflections/ai-summary.js'
import { createReflectionsFeature } from './features/reflections/reflections-feature.js'
import { createAdminsFeature } from './features/hubs/admins-feature.js'
import { createHubUpkeepFeature } from './features/hubs/hub-upkeep-feature.js'
import { createAttendanceFeature } from './features/attendance/attendance-feature.js'
import { createCatchUpFeature } from './features/catch-up/catch-up-feature.js'
import { createCatchUpComposer } from './features/catch-up/compose-catch-ups.js'
import { createCheckInComposer } from './features/attendance/compose-check-ins.js'
import { createSchoolsImportFeature } from './features/attendance/schools-import-feature.js'
import { createEvaluationFeature, type EvaluationSummaryInput } from './features/evaluation/evaluation-feature.js'
import { createHomeFeature } from './features/home/home-feature.js'
import { adminCheck, configuredAdminCheck } from './domain/hub-admins.js'
import { knownNames } from './domain/known-names.js'
import { createResourcesFeature } from './features/resources/resources-feature.js'
import { calendarFeedRoute } from './features/sessions/calendar-feed.js'
import { createSessionImportFeature } from './features/sessions/session-import-feature.js'
import { createLeadHandoverFeature } from './features/work-groups/lead-handover-feature.js'
import { createParticipantsFeature } from './features/work-groups/participants-feature.js'
import { createWorkGroupsFeature } from './features/work-groups/work-groups-feature.js'
import { createBot, type Feature } from './core/bot.js'
import { findConversationReference, findDirectConversation, forgetConversationReference, saveConversationReference } from './core/conversation-references.js'
import { heldFilesIn, purgeExpiredHeldFiles } from './core/held-files.js'
import { createLogger, type DestinationStream, type Logger } from './core/logger.js'
import { createSecretScrubber, type SecretScrubber } from './core/secret-scrubber.js'
import { createEventLedger, purgeProcessedEvents } from './core/processed-events.js'
import type { Db } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'
import { openStore } from './db/open-store.js'
import { workspaceGuard } from './db/workspace-guard.js'
import type { Scope } from './db/scope.js'
import { createOpenAiRanker } from './features/catalogue/ai-ranker.js'
import { createCatalogueFeature } from './features/catalogue/catalogue-feature.js'
import { createCatalogueUpkeepFeature } from './features/catalogue/catalogue-upkeep-feature.js'
import { createCurrentCatalogue } from './domain/current-catalogue.js'
import { describeProblems } from './features/catalogue/parse-catalogue-file.js'
import { importBundledCataloguesIfEmpty } from './features/catalogue/import-catalogue.js'
import { createHelpFeature } from './features/help/help-feature.js'
import { createHttpServer, type Route } from './http/server.js'
import { describeStartupFailure } from './describe-startup-failure.js'

export interface StartOptions {
  log?: Logger
  /** Without `log`: where the bot's own logger (at the configured level) writes; tests keep the lines. */
  logTo?: DestinationStream
  /** The secrets `log` scrubs, so that tokens learnt at run time are scrubbed too. */
  secrets?: SecretScrubber
  /** Interface to listen on; all interfaces by default. */
  host?: string
  /** An already-open embedded database (tests load a migrated template instead of initdb). */
  pglite?: PGlite
  /** The clock scheduling runs on; tests pass a fake one. */
  clock?: Clock
  /** Leave the minute tick and the delivery loop stopped; tests run them by hand. */
  manualJobs?: boolean
  slackAckBudgetMs?: number
  slackWebApiRetries?: number
  /** How long an AI ranking may take before the rules answer goes out instead. */
  aiBudgetMs?: number
}

export interface RunningBot {
  port: number
  db: Db
  /** The scheduled work, for tests that drive a fake clock: plan what is due, deliver what is ready. */
  jobs: { tick(): Promise<TickResult>; deliver(): Promise<PassStats> }
  stop(): Promise<void>
}

const HOUR = 60 * 60 * 1000

export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const secrets = options.secrets ?? createSecretScrubber(configuredSecrets(config))
  const log = options.log ?? createLogger({ level: config.logLevel, pretty: false, secrets, ...(options.logTo ? { destination: options.logTo } : {}) })
  const cleanup: (() => Promise<void>)[] = []
  const lifecycle: Lifecycle = { state: 'starting' }
  const stopAll = async () => {
    // Load balancers see "not ready" first, while in-flight work finishes.
    lifecycle.state = 'stopping'
    for (const step of cleanup.reverse()) await step().catch((error) => log.error({ err: error }, 'shutdown step failed'))
    cleanup.length = 0
  }

  try {
    const database = await openStore({
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      dataDir: config.dataDir,
      holder: 'the bot (npm start)',
      log,
      ...(options.pglite ? { pglite: options.pglite } : {}),
    })
    cleanup.push(database.close)
    // Two views of one store: `everyWorkspace` for the work that spans workspaces by design
    // (migrations, planning, delivery, retention, health, the calendar route, Slack's
    // installation store), and `db`, which refuses any query on workspace data that does not
    // name its workspace, for everything that answers a person.
    const everyWorkspace = database.db
    const db = everyWorkspace.withPlugin(workspaceGuard())
    const applied = await migrateToLatest(everyWorkspace)
    if (applied.length > 0) log.info({ migrations: applied }, `Applied ${applied.length} database migration(s).`)
    await loadBundledCatalogues(everyWorkspace, log)

    const features: Feature[] = []
    const clock = options.clock ?? systemClock
    const catalogue = createCurrentCatalogue(db)
    const adapters: ChatAdapter[] = []
    const deliverers: Partial<Record<Platform, Deliverer>> = {}
    // Reminders, new-session notices and catch-ups are worded at sending, from what is true then.
    const reminderComposer = createReminderComposer({ db: everyWorkspace, zone: config.timeZone })
    const catchUpComposer = createCatchUpComposer({ db: everyWorkspace, zone: config.timeZone })
    // The check-in post as an online session starts: dropped if it was cancelled or has ended.
    const checkInComposer = createCheckInComposer({ db: everyWorkspace, zone: config.timeZone })
    const worker = createDeliveryWorker({
      db: everyWorkspace,
      clock,
      log,
      deliverers,
      composers: { reminder: reminderComposer, 'new-session': reminderComposer, 'catch-up': catchUpComposer, 'check-in': checkInComposer },
    })
    const isAdmin = adminCheck(db, config.hubAdmins)
    // Features ask the platform a conversation is on for its members; adapters are added below.
    const listMembers = async (platform: Platform, workspaceId: string, conversationId: string) =>
      adapters.find((a) => a.platform === platform)?.listMembers?.(workspaceId, conversationId)
    // One person as seen from a conversation; platforms where an id is enough say so by omission.
    const findMember = async (platform: Platform, workspaceId: string, conversationId: string, userId: string) => {
      const adapter = adapters.find((a) => a.platform === platform)
      return adapter?.findMember ? adapter.findMember(workspaceId, conversationId, userId) : { userId }
    }
    // Signed links and form state: a secret every instance shares, so any of them can check one.
    const sharedSecret = config.slack?.signingSecret ?? config.teams?.appPassword
    const ranker = config.openai ? createOpenAiRanker({ ...config.openai, timeoutMs: 10_000 }) : undefined
    const summariser = config.openai ? createOpenAiSummariser({ ...config.openai, timeoutMs: 10_000 }) : undefined
    // Display names the platform knows (Slack's users.info), where the store has only ids.
    const userNames = async (scope: Scope, userIds: string[]) =>
      (await adapters.find((a) => a.platform === scope.platform)?.userNames?.(scope.workspaceId, userIds)) ?? new Map<string, string>()
    // What most features need: the store, the time, the hub's zone, the log and who administers.
    const shared = { db, clock, zone: config.timeZone, log, isAdmin }
    features.push(
      createWorkGroupsFeature({
        db,
        clock,
        zone: config.timeZone,
        log,
        catalogue,
        listMembers,
        wakeDelivery: () => worker.wake(),
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      }),
      createParticipantsFeature({ db, findMember }),
      createLeadHandoverFeature({ db, isAdmin, findMember, clock, wakeDelivery: () => worker.wake() }),
      // Files sent to the bot are offered to each feature in this order: schools import takes
      // only a CSV with name and school columns, hub upkeep only term dates in a direct chat,
      // catalogue upkeep only a catalogue in a direct chat, and session import takes what is left.
      createSchoolsImportFeature({ db, clock, log, isAdmin, userNames }),
      createHubUpkeepFeature(shared),
      createCatalogueUpkeepFeature({ ...shared, catalogue, mayReplaceCatalogue: configuredAdminCheck(config.hubAdmins) }),
      createSessionImportFeature({ db, clock, zone: config.timeZone, log }),
      createReminderSettingsFeature({ db, clock, zone: config.timeZone }),
      createResourcesFeature({
        ...shared,
        listMembers,
        wakeDelivery: () => worker.wake(),
        secret: sharedSecret,
      }),
      createReflectionsFeature({
        ...shared,
        ...(summariser ? { summariser } : {}),
        userNames,
        ...(options.aiBudgetMs !== undefined ? { summaryBudgetMs: options.aiBudgetMs } : {}),
      }),
      createAttendanceFeature({ ...shared, userNames, wakeDelivery: () => worker.wake() }),
      createCatchUpFeature({ db, clock, zone: config.timeZone }),
      createEvaluationFeature({
        ...shared,
        // The reflections' summariser, given only the answers an administrator may read, with
        // every participant's name forbidden in what it writes.
        ...(summariser
          ? {
              summarise: async (input: EvaluationSummaryInput) => {
                const answers = input.texts.map((noticed) => ({ noticed }))
                const result = await summariseWithin(summariser, { projectTitle: input.projectTitle, answers }, { forbiddenNames: input.forbiddenNames })
                return result.kind === 'ai' ? result.text : undefined
              },
            }
          : {}),
      }),
      createAdminsFeature({ db, isAdmin, configured: config.hubAdmins }),
      createHomeFeature({ ...shared, listMembers }),
      createCatalogueFeature({
        catalogue,
        db,
        log,
        isAdmin,
        clock,
        ...(ranker ? { ranker } : {}),
        ...(options.aiBudgetMs !== undefined ? { aiBudgetMs: options.aiBudgetMs } : {}),
      }),
      createHelpFeature({ db, features: () => features, isAdmin }),
    )
    const bot = createBot({ features, events: createEventLedger(db), log })
    // Charts' pictures at signed addresses any instance can draw (Slack fetches them itself).
    const chartLinks = createChartLinks(sharedSecret)
    const publicUrl = config.publicUrl

    if (config.slack) {
      adapters.push(
        createSlackAdapter({
          config: config.slack,
          bot,
          log,
          db: everyWorkspace,
          secrets,
          ...(publicUrl ? { publicUrl, chartUrl: (chart: SessionChart) => chartLinks.url(publicUrl, chart) } : {}),
          ...(options.slackAckBudgetMs !== undefined ? { ackBudgetMs: options.slackAckBudgetMs } : {}),
          ...(options.slackWebApiRetries !== undefined ? { webApiRetries: options.slackWebApiRetries } : {}),
        }),
      )
    }
    adapters.push(
      createTeamsAdapter({
        config: config.teams,
        bot,
        log,
        saveReference: (record) => saveConversationReference(db, record),
        findReference: (workspaceId, conversationId) => findConversationReference(db, { platform: 'teams', workspaceId }, conversationId),
        forgetReference: (workspaceId, conversationId) => forgetConversationReference(db, { platform: 'teams', workspaceId }, conversationId),
        findDirect: (workspaceId, userId) => findDirectConversation(db, 'teams', workspaceId, userId),
        heldFiles: heldFilesIn(db, clock),
        knownNames: (workspaceId, userIds) => knownNames(db, { platform: 'teams', workspaceId }, userIds),
      }),
    )

    const routes: Route[] = [
      ...adapters.flatMap((a) => a.routes),
      ...(config.slack ? [] : [slackNotConfiguredRoute()]),
      healthRoute(everyWorkspace, database.kind, adapters),
      readinessRoute(everyWorkspace, lifecycle),
      calendarFeedRoute({ db: everyWorkspace, clock, log }),
      chartImageRoute({ links: chartLinks, log }),
      ...aboutPageRoutes(),
      rootRoute(),
    ]
    const server = createHttpServer({ routes, log })
    const port = await server.listen(config.port, options.host)
    cleanup.push(() => server.close())
    for (const adapter of adapters) {
      await adapter.start()
      cleanup.push(() => adapter.stop())
    }

    for (const adapter of adapters) if (adapter.deliverer) deliverers[adapter.platform] = adapter.deliverer
    const scheduler = createScheduler({ db: everyWorkspace, clock, zone: config.timeZone, log, onPlanned: () => worker.wake() })
    if (!options.manualJobs) {
      worker.start()
      cleanup.push(() => worker.stop())
      await scheduler.start()
      cleanup.push(() => scheduler.stop())
    }

    const housekeep = async () => {
      await purgeProcessedEvents(everyWorkspace, clock.now()).catch((error) => log.warn({ err: error }, 'could not purge processed events'))
      await purgeExpiredHeldFiles(everyWorkspace, clock.now()).catch((error) => log.warn({ err: error }, 'could not erase files nobody accepted'))
      if (config.retentionSchoolYears === undefined) return
      const purged = await purgePersonalData(everyWorkspace, clock.now(), config.retentionSchoolYears, config.timeZone).catch((error) => {
        log.error({ err: error }, 'could not erase personal data past the retention period')
        return undefined
      })
      if (purged && purged.sessions + purged.questions + purged.messages + purged.participants + purged.sharesAnonymised > 0)
        log.info(purged, 'erased personal data past the retention period')
    }
    if (!options.manualJobs) void housekeep()
    const housekeeping = setInterval(() => void housekeep(), HOUR)
    housekeeping.unref()
    cleanup.push(async () => clearInterval(housekeeping))

    logStartup(log, config, port, database.kind, adapters)
    lifecycle.state = 'ready'
    return { port, db: everyWorkspace, jobs: { tick: () => scheduler.tick(), deliver: () => worker.runPass() }, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}

async function loadBundledCatalogues(db: Db, log: Logger): Promise<void> {
  for (const result of await importBundledCataloguesIfEmpty(db)) {
    if (result.ok) log.info(`Loaded the ${result.schoolYear} projects catalogue (${result.projects} projects).`)
    else log.error({ problems: describeProblems(result.problems) }, 'A bundled catalogue file has problems and was not loaded.')
  }
}

function logStartup(log: Logger, config: Config, port: number, kind: string, adapters: ChatAdapter[]): void {
  log.info(`Maths Hubs bot is running on http://localhost:${port} (database: ${kind === 'embedded' ? `embedded, in ${config.dataDir}` : 'Postgres server'}).`)
  for (const adapter of adapters) log.info(adapter.status)
  log.info(
    config.openai
      ? `Free-text questions: ranked by the model ${config.openai.model} at ${config.openai.baseURL ?? 'api.openai.com'}, checked against the catalogue, with the rules answer as fallback.`
      : 'Free-text questions: answered by rules from the catalogue (set OPENAI_API_KEY or OPENAI_BASE_URL to let a model rank and explain).',
  )
  if (!config.slack)
    log.info(
      'Slack: not connected. To connect, create a Slack app from manifest.json at https://api.slack.com/apps, then set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (README: "Connect Slack").',
    )
  if (!config.teams.appId) {
    log.info(
      'Teams: to connect a real tenant, set MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId from your Azure Bot (README: "Connect a Microsoft Teams tenant").',
    )
    log.info('Try it with no accounts: run "npm run playground" in another terminal for a local Teams-like chat.')
  }
}

/** `npm start`: configuration from the environment, logs for a person or a log collector. */
async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`The bot cannot start because of its configuration:\n- ${error.problems.join('\n- ')}`)
      process.exit(1)
    }
    throw error
  }
  const secrets = createSecretScrubber(configuredSecrets(config))
  const log = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY === true, secrets })
  let running: RunningBot
  try {
    running = await startBot(config, { log, secrets })
  } catch (error) {
    // One sentence naming the setting; the details (with the stack) only when asked for.
    const failure = describeStartupFailure(error, { port: config.port })
    log.debug({ err: error }, 'start-up failure in detail')
    log.fatal({ code: failure.code }, failure.message)
    // Let the pretty-printer flush before exiting.
    setTimeout(() => process.exit(1), 100)
    return
  }
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info(`Received ${signal}: finishing in-flight requests and shutting down.`)
    running
      .stop()
      .then(() => {
        log.info('Stopped cleanly.')
        setTimeout(() => process.exit(0), 100)
      })
      .catch((error) => {
        log.error({ err: error }, 'Shutdown failed.')
        process.exit(1)
      })
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main()
}
