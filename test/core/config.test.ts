import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('configuration', () => {
  it('needs nothing to run locally', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3978, dataDir: './data', timeZone: 'Europe/London', teams: { appId: '' } })
    expect(config.slack).toBeUndefined()
    expect(config.databaseUrl).toBeUndefined()
  })

  it('takes the public address for links, without a trailing slash, and refuses anything else', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://bot.example.org/' }).publicUrl).toBe('https://bot.example.org')
    expect(problemsOf({ PUBLIC_URL: 'bot.example.org' })).toEqual([
      'PUBLIC_URL must be the bot\'s public web address, such as https://bot.example.org, not "bot.example.org".',
    ])
  })

  it('takes the hub administrators as user ids separated by commas', () => {
    expect(loadConfig({}).hubAdmins).toEqual([])
    expect(loadConfig({ HUB_ADMINS: ' U0123ABCD, 7faf80c7-5ca4-4b6e-b8a2-0e8d6bfa0b5d ,' }).hubAdmins).toEqual([{ userId: 'U0123ABCD' }, { userId: '7faf80c7-5ca4-4b6e-b8a2-0e8d6bfa0b5d' }])
    // An id can say which workspace (or tenant) it belongs to.
    expect(loadConfig({ HUB_ADMINS: 'T0NORTH/U0123ABCD' }).hubAdmins).toEqual([{ workspaceId: 'T0NORTH', userId: 'U0123ABCD' }])
    expect(() => loadConfig({ HUB_ADMINS: 'T0NORTH/U0123ABCD/extra' })).toThrow(/HUB_ADMINS/)
    expect(problemsOf({ HUB_ADMINS: 'U0123ABCD, Jane Smith' })).toEqual([
      'HUB_ADMINS must be user ids separated by commas (a Slack member id such as U0123ABCD, or a Teams user\'s object id), each optionally after its workspace and a slash (T0123ABCD/U0456EFGH), not "Jane Smith".',
    ])
  })

  it('reads a full production set', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://bot:secret@db:5432/bot',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: 'abc123',
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002',
    })
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://bot:secret@db:5432/bot',
      slack: { botToken: 'xoxb-1-2-3', signingSecret: 'abc123' },
      teams: { appType: 'SingleTenant' },
    })
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_APP_TOKEN: 'xoxb-wrong', SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_APP_TOKEN'],
    [{ SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'not a url' }, 'SLACK_API_URL'],
    // A single-tenant bot (the default) also needs its tenant; given here so one problem remains.
    [{ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'p' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: 'contoso.onmicrosoft.com' }, 'MicrosoftAppTenantId'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppType: 'UserAssignedMSI' }, 'MicrosoftAppTenantId'],
    [
      { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002', MicrosoftAppPassword: 'p' },
      'MicrosoftAppPassword',
    ],
    [{ MicrosoftAppId: 'my-bot', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' }, 'MicrosoftAppId'],
    [{ MicrosoftAppType: 'Personal' }, 'MicrosoftAppType'],
    [
      { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' },
      'MicrosoftAppTenantId',
    ],
    [{ TZ_DEFAULT: 'Mars/Olympus' }, 'TZ_DEFAULT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('%o is refused in one sentence naming %s', (env, variable) => {
    const problems = problemsOf(env)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(new RegExp(`^${variable}\\b`))
    expect(problems[0]!.trim().endsWith('.')).toBe(true)
  })

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: '-1', LOG_LEVEL: 'x' })).toHaveLength(2)
  })

  it('allows a signing secret without a bot token (commands answered, nothing posted proactively)', () => {
    expect(loadConfig({ SLACK_SIGNING_SECRET: 's' }).slack).toEqual({ signingSecret: 's' })
  })
})

describe('“Add to Slack” configuration', () => {
  const KEY = Buffer.alloc(32, 7)
  const OTHER_KEY = Buffer.alloc(32, 9)
  const OAUTH = {
    SLACK_SIGNING_SECRET: 'signing-secret',
    SLACK_CLIENT_ID: '1111111111.2222222222',
    SLACK_CLIENT_SECRET: 'client-secret',
    SLACK_STATE_SECRET: 'a-state-secret-of-32-characters!',
    TOKEN_ENCRYPTION_KEY: KEY.toString('base64'),
  }
  const without = (name: keyof typeof OAUTH): Record<string, string> => {
    const env: Record<string, string> = { ...OAUTH }
    delete env[name]
    return env
  }

  it('loads a complete set, with its key', () => {
    const config = loadConfig(OAUTH)
    expect(config.slack?.oauth).toMatchObject({ clientId: '1111111111.2222222222', clientSecret: 'client-secret', stateSecret: 'a-state-secret-of-32-characters!' })
    expect(config.slack?.oauth?.tokenKeys).toHaveLength(1)
    expect(config.slack?.oauth?.tokenKeys[0]).toEqual(KEY)
    expect(config.slack?.botToken).toBeUndefined()
  })

  it('takes several keys separated by commas, the first one first', () => {
    const oauth = loadConfig({ ...OAUTH, TOKEN_ENCRYPTION_KEY: `${KEY.toString('base64')}, ${OTHER_KEY.toString('hex')}` }).slack?.oauth
    expect(oauth?.tokenKeys).toHaveLength(2)
    expect(oauth?.tokenKeys[0]).toEqual(KEY)
    expect(oauth?.tokenKeys[1]).toEqual(OTHER_KEY)
  })

  it.each([
    [without('SLACK_CLIENT_ID'), 'SLACK_CLIENT_ID is missing'],
    [{ ...OAUTH, SLACK_CLIENT_ID: 'my-app' }, 'SLACK_CLIENT_ID must be the Client ID'],
    [without('SLACK_CLIENT_SECRET'), 'SLACK_CLIENT_SECRET is missing'],
    [without('SLACK_STATE_SECRET'), 'SLACK_STATE_SECRET is missing'],
    [{ ...OAUTH, SLACK_STATE_SECRET: 'too-short' }, 'SLACK_STATE_SECRET must be at least 16 characters'],
    [without('TOKEN_ENCRYPTION_KEY'), 'TOKEN_ENCRYPTION_KEY is missing'],
    [{ ...OAUTH, TOKEN_ENCRYPTION_KEY: 'my secret passphrase' }, 'TOKEN_ENCRYPTION_KEY must be 32 random bytes'],
    [{ ...OAUTH, TOKEN_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') }, 'TOKEN_ENCRYPTION_KEY must be 32 random bytes'],
    [{ ...OAUTH, TOKEN_ENCRYPTION_KEY: `${KEY.toString('base64')},not-a-key` }, 'TOKEN_ENCRYPTION_KEY must be 32 random bytes'],
  ])('%o is refused in one sentence: “%s…”', (env, sentence) => {
    const problems = problemsOf(env)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(sentence)
    expect(problems[0]!.trim().endsWith('.')).toBe(true)
  })

  it('does not print the secret it refuses', () => {
    const problems = problemsOf({ ...OAUTH, TOKEN_ENCRYPTION_KEY: 'my secret passphrase' })
    expect(problems.join(' ')).not.toContain('my secret passphrase')
  })

  it('refuses SLACK_BOT_TOKEN together with SLACK_CLIENT_ID', () => {
    const problems = problemsOf({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1-2-3' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set')
  })

  it('refuses Socket Mode (SLACK_APP_TOKEN) with “Add to Slack”', () => {
    const problems = problemsOf({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1-2-3' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^SLACK_APP_TOKEN \(Socket Mode\) cannot be used with "Add to Slack"/)
  })
})

describe('the Azure Bot identity', () => {
  const APP = '00000000-0000-0000-0000-000000000001'
  const TENANT = '00000000-0000-0000-0000-000000000002'

  it('is single tenant unless told otherwise, since Azure creates no new multi-tenant bots', () => {
    expect(loadConfig({}).teams.appType).toBe('SingleTenant')
    expect(loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: TENANT }).teams).toEqual({
      appId: APP,
      appPassword: 'pw',
      appType: 'SingleTenant',
      tenantId: TENANT,
      allowedTenants: [TENANT],
    })
  })

  it('takes a user-assigned managed identity with no password', () => {
    expect(loadConfig({ MicrosoftAppId: APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT }).teams).toEqual({
      appId: APP,
      appPassword: '',
      appType: 'UserAssignedMSI',
      tenantId: TENANT,
      allowedTenants: [],
    })
  })

  it('still takes an existing multi-tenant bot, without a tenant', () => {
    expect(loadConfig({ MicrosoftAppId: APP, MicrosoftAppPassword: 'pw', MicrosoftAppType: 'MultiTenant' }).teams).toMatchObject({ appType: 'MultiTenant', tenantId: '' })
  })

  it('says which setting is missing for a single-tenant bot in words that name it first', () => {
    expect(problemsOf({ MicrosoftAppId: APP, MicrosoftAppPassword: 'pw' })).toEqual([
      'MicrosoftAppTenantId is missing: a SingleTenant bot (the default MicrosoftAppType) needs the directory (tenant) ID of its app registration (Azure Bot → Configuration, or Entra ID → Overview).',
    ])
  })
})

describe('Teams tenants', () => {
  const TENANT_A = '3f2b1c4d-0000-4a5b-9c8d-111111111111'
  const TENANT_B = 'A1B2C3D4-E5F6-4789-ABCD-222222222222'
  const SINGLE = {
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppPassword: 'pw',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT_A,
  }

  it('serves every tenant unless told otherwise', () => {
    expect(loadConfig({}).teams.allowedTenants).toEqual([])
  })

  it('takes tenant ids (GUIDs) separated by commas', () => {
    expect(loadConfig({ TEAMS_ALLOWED_TENANTS: ` ${TENANT_A} ,${TENANT_B},` }).teams.allowedTenants).toEqual([TENANT_A, TENANT_B])
  })

  it('refuses a tenant that is not a GUID, in one sentence naming the variable', () => {
    const problems = problemsOf({ TEAMS_ALLOWED_TENANTS: `${TENANT_A},contoso.onmicrosoft.com` })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^TEAMS_ALLOWED_TENANTS\b/)
    expect(problems[0]).toContain('"contoso.onmicrosoft.com"')
  })

  it('lets a single-tenant bot serve its own tenant by default, or the tenants listed', () => {
    expect(loadConfig(SINGLE).teams.allowedTenants).toEqual([TENANT_A])
    expect(loadConfig({ ...SINGLE, TEAMS_ALLOWED_TENANTS: TENANT_B }).teams.allowedTenants).toEqual([TENANT_B])
    expect(loadConfig({ ...SINGLE, MicrosoftAppType: 'MultiTenant' }).teams.allowedTenants).toEqual([])
  })
})
