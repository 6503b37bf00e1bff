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
    expect(loadConfig({ HUB_ADMINS: ' U0123ABCD, 7faf80c7-5ca4-4b6e-b8a2-0e8d6bfa0b5d ,' }).hubAdmins).toEqual(['U0123ABCD', '7faf80c7-5ca4-4b6e-b8a2-0e8d6bfa0b5d'])
    expect(problemsOf({ HUB_ADMINS: 'U0123ABCD, Jane Smith' })).toEqual([
      'HUB_ADMINS must be user ids separated by commas (a Slack member id such as U0123ABCD, or a Teams user\'s object id), not "Jane Smith".',
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
    [{ MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'p' }, 'MicrosoftAppId'],
    [{ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }, 'MicrosoftAppPassword'],
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
