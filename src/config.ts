// The bot's configuration, read once from the environment by the composition root and
// checked at start, so that a mistake is reported in one sentence naming the variable
// instead of surfacing later as a failed request.
import type { ConfiguredAdmin } from './domain/hub-admins.js'
import type { LogLevel } from './core/logger.js'
import { parseKey } from './security/sealed-secrets.js'

export interface SlackConfig {
  /** Bot token (xoxb-…); without it the bot can answer commands and buttons but not post on its own. */
  botToken?: string
  signingSecret?: string
  /** App-level token (xapp-…): Socket Mode instead of the public HTTP endpoint. */
  appToken?: string
  /** Web API base URL; only changed to reach a local double. */
  apiUrl?: string
  /**
   * "Add to Slack" for many workspaces (OAuth v2): installations and their bot tokens are kept
   * in the database, sealed with TOKEN_ENCRYPTION_KEY. Absent: the one workspace of botToken.
   */
  oauth?: SlackOAuthConfig
}

export interface SlackOAuthConfig {
  clientId: string
  clientSecret: string
  stateSecret: string
  /** Sealing keys for tokens at rest: the first seals, all open (for rotation). */
  tokenKeys: Buffer[]
}

export interface TeamsConfig {
  /** Empty = local mode: no authentication, for the Agents Playground and tests only. */
  appId: string
  appPassword: string
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI'
  tenantId: string
  /**
   * The Microsoft 365 organisations (tenant ids) the bot serves; activities from any other are
   * refused. Empty: every tenant where the app is installed.
   */
  allowedTenants: string[]
  /**
   * Where the Bot Framework's token signing keys are published (botbuilder's `BotOpenIdMetadata`);
   * unset means the public cloud's. Set for a sovereign cloud, or a test's local key server.
   */
  openIdMetadataUrl?: string
}

/** An OpenAI-compatible endpoint that may rank and explain catalogue answers. */
export interface OpenAiConfig {
  apiKey?: string
  baseURL?: string
  model: string
}

export interface Config {
  port: number
  /**
   * Where people can reach this bot from the internet (https://bot.example.org), for links the
   * bot hands out (calendar feeds). Absent: no such links are offered.
   */
  publicUrl?: string
  databaseUrl?: string
  dataDir: string
  slack?: SlackConfig
  teams: TeamsConfig
  /** Absent: free-text questions are answered by rules alone. */
  openai?: OpenAiConfig
  timeZone: string
  logLevel: LogLevel
  /**
   * The hub administrators' user ids (Slack member ids, Teams Entra object ids): who may define
   * sub-groups and share into any of them. The first administrators come from configuration.
   */
  /**
   * The first hub administrators. An entry may name its workspace (`T0123ABCD/U0456EFGH`, or a
   * Teams tenant id / user object id); one without counts in every workspace the bot serves.
   */
  hubAdmins: ConfiguredAdmin[]
  /** Personal data older than this many school years is erased; absent, nothing is. */
  retentionSchoolYears?: number
}

/** Raised when the environment is wrong; each problem is one sentence naming its variable. */
export class ConfigError extends Error {
  readonly problems: string[]
  constructor(problems: string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
    this.problems = problems
  }
}

type Env = Record<string, string | undefined>

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function loadConfig(env: Env): Config {
  const problems: string[] = []
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value === undefined || value === '' ? undefined : value
  }

  const port = readPort(get('PORT'), problems)

  const publicUrl = get('PUBLIC_URL')?.replace(/\/+$/, '')
  if (publicUrl !== undefined && !isWebOrigin(publicUrl))
    problems.push(`PUBLIC_URL must be the bot's public web address, such as https://bot.example.org, not "${publicUrl}".`)

  const databaseUrl = get('DATABASE_URL')
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push(
      'DATABASE_URL must be a Postgres connection URL such as postgres://user:password@host:5432/dbname (or leave it unset to use the embedded database).',
    )

  const timeZone = get('TZ_DEFAULT') ?? 'Europe/London'
  if (!isTimeZone(timeZone))
    problems.push(`TZ_DEFAULT "${timeZone}" is not a time zone name; use one like Europe/London.`)

  const logLevel = (get('LOG_LEVEL') ?? 'info') as LogLevel
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`)

  const hubAdmins: ConfiguredAdmin[] = []
  for (const entry of (get('HUB_ADMINS') ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '')) {
    const [first, second, ...rest] = entry.split('/')
    const ID = /^[A-Za-z0-9:_-]{3,100}$/
    if (rest.length > 0 || !ID.test(first!) || (second !== undefined && !ID.test(second)))
      problems.push(
        `HUB_ADMINS must be user ids separated by commas (a Slack member id such as U0123ABCD, or a Teams user's object id), each optionally after its workspace and a slash (T0123ABCD/U0456EFGH), not "${entry}".`,
      )
    else hubAdmins.push(second === undefined ? { userId: first! } : { workspaceId: first!, userId: second })
  }

  const retention = get('RETENTION_SCHOOL_YEARS')
  const retentionSchoolYears = retention === undefined ? undefined : Number(retention)
  if (retentionSchoolYears !== undefined && (!Number.isInteger(retentionSchoolYears) || retentionSchoolYears < 1 || retentionSchoolYears > 20))
    problems.push(`RETENTION_SCHOOL_YEARS must be a whole number of school years from 1 to 20 (or unset to keep everything), not "${retention}".`)

  const slack = readSlack(get, problems)
  const teams = readTeams(get, problems)
  const openai = readOpenAi(get, problems)

  if (problems.length > 0) throw new ConfigError(problems)
  return {
    port,
    ...(publicUrl ? { publicUrl } : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    dataDir: get('DATA_DIR') ?? './data',
    ...(slack ? { slack } : {}),
    teams,
    ...(openai ? { openai } : {}),
    timeZone,
    logLevel,
    hubAdmins,
    ...(retentionSchoolYears !== undefined ? { retentionSchoolYears } : {}),
  }
}

/**
 * Every secret value in the configuration, for the logger to scrub from its lines: the
 * platforms' credentials, the sealing keys as they may be written, and the database password.
 */
export function configuredSecrets(config: Config): string[] {
  const keys = config.slack?.oauth?.tokenKeys ?? []
  return [
    config.slack?.signingSecret,
    config.slack?.botToken,
    config.slack?.appToken,
    config.slack?.oauth?.clientSecret,
    config.slack?.oauth?.stateSecret,
    ...keys.flatMap((key) => [key.toString('base64'), key.toString('base64url'), key.toString('hex')]),
    config.teams.appPassword,
    config.openai?.apiKey,
    databasePassword(config.databaseUrl),
  ].filter((secret): secret is string => typeof secret === 'string' && secret !== '')
}

function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return decodeURIComponent(new URL(url).password) || undefined
  } catch {
    return undefined
  }
}

function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === ''
  } catch {
    return false
  }
}

function readPort(raw: string | undefined, problems: string[]): number {
  if (raw === undefined) return 3978
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a whole number between 1 and 65535, not "${raw}".`)
    return 3978
  }
  return port
}

function readSlack(get: (name: string) => string | undefined, problems: string[]): SlackConfig | undefined {
  const botToken = get('SLACK_BOT_TOKEN')
  const signingSecret = get('SLACK_SIGNING_SECRET')
  const appToken = get('SLACK_APP_TOKEN')
  const apiUrl = get('SLACK_API_URL')
  const oauth = readSlackOAuth(get, problems)
  if (!botToken && !signingSecret && !appToken && !oauth) return undefined

  if (oauth && botToken)
    problems.push(
      'SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: choose one. Leave SLACK_BOT_TOKEN unset to install into many workspaces with "Add to Slack", or unset SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for one workspace.',
    )
  if (oauth && appToken)
    problems.push('SLACK_APP_TOKEN (Socket Mode) cannot be used with "Add to Slack" (SLACK_CLIENT_ID): installing needs the public web address. Unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET.')

  if (botToken && !botToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN must be the bot token that starts with xoxb- (Slack app → OAuth & Permissions).')
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN must be an app-level token that starts with xapp- (Slack app → Basic Information → App-Level Tokens).')
  if (appToken && !botToken && !oauth)
    problems.push('SLACK_BOT_TOKEN is missing: Socket Mode (SLACK_APP_TOKEN) also needs the bot token from OAuth & Permissions.')
  if (!appToken && !signingSecret)
    problems.push(
      'SLACK_SIGNING_SECRET is missing: the bot needs it to check that requests really come from Slack (Slack app → Basic Information → App Credentials), or set SLACK_APP_TOKEN to use Socket Mode.',
    )
  if (apiUrl !== undefined && !isHttpUrl(apiUrl))
    problems.push(`SLACK_API_URL must be an http(s) URL ending in /api/, not "${apiUrl}".`)

  return {
    ...(botToken ? { botToken } : {}),
    ...(signingSecret ? { signingSecret } : {}),
    ...(appToken ? { appToken } : {}),
    ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    ...(oauth ? { oauth } : {}),
  }
}

/** The "Add to Slack" settings: all three from the Slack app's pages, plus a key for tokens. */
function readSlackOAuth(get: (name: string) => string | undefined, problems: string[]): SlackOAuthConfig | undefined {
  const clientId = get('SLACK_CLIENT_ID')
  const clientSecret = get('SLACK_CLIENT_SECRET')
  const stateSecret = get('SLACK_STATE_SECRET')
  if (!clientId && !clientSecret && !stateSecret) return undefined
  if (!clientId) problems.push('SLACK_CLIENT_ID is missing: "Add to Slack" needs the Client ID (Slack app → Basic Information → App Credentials).')
  else if (!/^\d+\.\d+$/.test(clientId)) problems.push(`SLACK_CLIENT_ID must be the Client ID, two numbers joined by a dot (like 1234567890.1234567890), not "${clientId}".`)
  if (!clientSecret) problems.push('SLACK_CLIENT_SECRET is missing: "Add to Slack" needs the Client Secret (Slack app → Basic Information → App Credentials).')
  if (!stateSecret) problems.push('SLACK_STATE_SECRET is missing: set it to a random string of at least 16 characters (for example from `openssl rand -base64 24`); it protects the install link from forgery.')
  else if (stateSecret.length < 16) problems.push('SLACK_STATE_SECRET must be at least 16 characters long (for example from `openssl rand -base64 24`).')
  const keyText = get('TOKEN_ENCRYPTION_KEY')
  const tokenKeys: Buffer[] = []
  if (!keyText)
    problems.push('TOKEN_ENCRYPTION_KEY is missing: "Add to Slack" keeps each workspace\u2019s bot token in the database, sealed with this key. Make one with `openssl rand -base64 32` and keep a copy with your backups.')
  else {
    const parts = keyText.split(',').map((part) => part.trim()).filter((part) => part !== '')
    for (const part of parts) {
      const key = parseKey(part)
      if (key) tokenKeys.push(key)
    }
    if (tokenKeys.length !== parts.length)
      problems.push('TOKEN_ENCRYPTION_KEY must be 32 random bytes written in base64 (make one with `openssl rand -base64 32`); to rotate keys, put the new key first and the old ones after it, separated by commas.')
  }
  if (!clientId || !clientSecret || !stateSecret || tokenKeys.length === 0) return undefined
  return { clientId, clientSecret, stateSecret, tokenKeys }
}

function readTeams(get: (name: string) => string | undefined, problems: string[]): TeamsConfig {
  const appId = get('MicrosoftAppId') ?? ''
  const appPassword = get('MicrosoftAppPassword') ?? ''
  // Azure stopped creating multi-tenant bots after 31 July 2025: single tenant is what a new
  // Azure Bot is (https://learn.microsoft.com/azure/bot-service/abs-quickstart).
  const appType = get('MicrosoftAppType') ?? 'SingleTenant'
  const tenantId = get('MicrosoftAppTenantId') ?? ''

  if (!(APP_TYPES as readonly string[]).includes(appType))
    problems.push(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')} (SingleTenant for a bot created in Azure since August 2025), not "${appType}".`)
  if (appId !== '') {
    if (!GUID.test(appId))
      problems.push(
        appType === 'UserAssignedMSI'
          ? 'MicrosoftAppId must be the client ID of the bot\u2019s user-assigned managed identity, a GUID like 00000000-0000-0000-0000-000000000000 (Azure Bot → Configuration).'
          : 'MicrosoftAppId must be the bot\u2019s Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000 (Azure Bot → Configuration).',
      )
    if (appPassword === '' && appType !== 'UserAssignedMSI')
      problems.push('MicrosoftAppPassword is missing: Teams needs the client secret of the app registration named by MicrosoftAppId (Azure Bot → Configuration → Manage Password).')
    if (appPassword !== '' && appType === 'UserAssignedMSI')
      problems.push('MicrosoftAppPassword must be left unset for a UserAssignedMSI bot: a managed identity has no secret (Azure gives the bot its tokens).')
    if (appType !== 'MultiTenant' && tenantId === '')
      problems.push(
        appType === 'UserAssignedMSI'
          ? 'MicrosoftAppTenantId is missing: a UserAssignedMSI bot needs the directory (tenant) ID of its managed identity (Azure Bot → Configuration).'
          : 'MicrosoftAppTenantId is missing: a SingleTenant bot (the default MicrosoftAppType) needs the directory (tenant) ID of its app registration (Azure Bot → Configuration, or Entra ID → Overview).',
      )
    else if (tenantId !== '' && !GUID.test(tenantId))
      problems.push(`MicrosoftAppTenantId must be the directory (tenant) ID, a GUID like 00000000-0000-0000-0000-000000000000 (Entra ID → Overview), not "${tenantId}".`)
  }
  const listed = (get('TEAMS_ALLOWED_TENANTS') ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '')
  for (const tenant of listed)
    if (!GUID.test(tenant))
      problems.push(`TEAMS_ALLOWED_TENANTS must be tenant ids (GUIDs like 00000000-0000-0000-0000-000000000000, from Entra ID → Overview) separated by commas, not "${tenant}".`)
  // A single-tenant bot serves its own organisation unless told otherwise.
  const allowedTenants = listed.length > 0 ? listed : appType === 'SingleTenant' && tenantId ? [tenantId] : []
  const openIdMetadataUrl = get('BotOpenIdMetadata')
  return { appId, appPassword, appType: appType as TeamsConfig['appType'], tenantId, allowedTenants, ...(openIdMetadataUrl ? { openIdMetadataUrl } : {}) }
}

function readOpenAi(get: (name: string) => string | undefined, problems: string[]): OpenAiConfig | undefined {
  const apiKey = get('OPENAI_API_KEY')
  const baseURL = get('OPENAI_BASE_URL')
  if (!apiKey && !baseURL) return undefined
  if (baseURL !== undefined && !isHttpUrl(baseURL))
    problems.push(`OPENAI_BASE_URL must be the http(s) URL of an OpenAI-compatible API, such as https://api.openai.com/v1, not "${baseURL}".`)
  return { ...(apiKey ? { apiKey } : {}), ...(baseURL ? { baseURL } : {}), model: get('OPENAI_MODEL') ?? 'gpt-4o-mini' }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name })
    return true
  } catch {
    return false
  }
}
