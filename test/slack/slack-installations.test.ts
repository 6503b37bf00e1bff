// The "Add to Slack" installation store against a real database: installations sealed at rest,
// read back for Bolt and for the bot's own sending, erased (and logged once) when a workspace
// revokes or uninstalls, untouched by a stale token's rejection, and sealed again on key rotation.
import { randomBytes } from 'node:crypto'
import type { Installation } from '@slack/bolt'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSlackInstallations } from '../../adapters/slack/slack-installations.js'
import { BotError } from '../../src/core/errors.js'
import { createSecretScrubber } from '../../src/core/secret-scrubber.js'
import type { Db } from '../../src/db/database.js'
import { createSealer, type Sealer } from '../../src/security/sealed-secrets.js'
import { capturingLogger, type LogLine } from '../support/log-capture.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

const WARN = 40
const ERROR = 50

const keyOld = randomBytes(32)
const keyNew = randomBytes(32)
const authFailure = new BotError('auth', 'token_revoked')

let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})
afterEach(() => {
  vi.restoreAllMocks()
})

function installationOf(teamId: string, token = `xoxb-${teamId.toLowerCase()}-${randomBytes(4).toString('hex')}`): Installation<'v2', false> {
  return {
    team: { id: teamId, name: `Hub ${teamId}` },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: `U0INSTALLER_${teamId}` },
    bot: { token, userId: `UBOT_${teamId}`, id: `B0BOT_${teamId}`, scopes: ['chat:write', 'commands'] },
    appId: 'A0MATHS',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  }
}

/** A fresh instance (its own 30-second cache), logging into `logs`. */
function storeWith(keys: Buffer[], logs = capturingLogger(), sealer: Sealer = createSealer(keys), db: Db = database.db) {
  return { installations: createSlackInstallations({ db, sealer, log: logs.log }), logs }
}

const rowOf = (teamId: string, db: Db = database.db) => db.selectFrom('slack_installations').selectAll().where('team_id', '=', teamId).executeTakeFirst()
const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false as const })
const levelled = (lines: LogLine[], level: number) => lines.filter((l) => l.level === level)

async function authErrorOf(promise: Promise<unknown>): Promise<BotError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(BotError)
  expect((error as BotError).code).toBe('auth')
  expect((error as BotError).alreadyLogged).toBe(true)
  return error as BotError
}

describe('Slack installations', () => {
  it('stores an installation, gives it back to Bolt, and gives its token and bot user to the bot', async () => {
    const { installations, logs } = storeWith([keyOld])
    const install = installationOf('T0STORE')
    await installations.store.storeInstallation(install)

    expect(await installations.store.fetchInstallation(query('T0STORE'))).toEqual(install)
    const bot = await installations.botIn('T0STORE')
    expect(bot.token).toBe(install.bot!.token)
    expect(await bot.userId()).toBe('UBOT_T0STORE')
    expect(logs.matching('Installed in the Slack workspace Hub T0STORE')).toHaveLength(1)

    // Another instance reads the same from the database.
    const other = storeWith([keyOld]).installations
    expect(await other.store.fetchInstallation(query('T0STORE'))).toEqual(install)
    expect((await other.botIn('T0STORE')).token).toBe(install.bot!.token)

    const row = await rowOf('T0STORE')
    expect(row).toMatchObject({ team_name: 'Hub T0STORE', app_id: 'A0MATHS', bot_user_id: 'UBOT_T0STORE', installed_by: 'U0INSTALLER_T0STORE', revoked_at: null, uninstalled_at: null })
    expect(await installations.installedWorkspaces()).toContainEqual({ teamId: 'T0STORE', name: 'Hub T0STORE' })
  })

  it('never keeps the token in the clear', async () => {
    const { installations } = storeWith([keyOld])
    const install = installationOf('T0SEALED')
    await installations.store.storeInstallation(install)
    const row = await rowOf('T0SEALED')
    expect(row?.sealed_installation).toMatch(/^v1\./)
    expect(row?.sealed_installation).not.toContain(install.bot!.token)
    expect(row?.sealed_installation).not.toContain('xoxb-')
    expect(JSON.stringify(row)).not.toContain(install.bot!.token)
  })

  it('tells the logger each token it stores or reads, so no log line shows one (even one without a Slack prefix)', async () => {
    const storing = createSecretScrubber()
    const token = `unprefixed-bot-token-${randomBytes(4).toString('hex')}`
    await createSlackInstallations({ db: database.db, sealer: createSealer([keyOld]), log: capturingLogger().log, secrets: storing }).store.storeInstallation(installationOf('T0SCRUB', token))
    expect(storing.scrub(`sent with ${token}`)).toBe('sent with [redacted]')
    // Another instance learns it when it reads the installation, for Bolt or for sending.
    const reading = createSecretScrubber()
    const other = createSlackInstallations({ db: database.db, sealer: createSealer([keyOld]), log: capturingLogger().log, secrets: reading })
    expect(reading.scrub(token)).toBe(token)
    expect((await other.botIn('T0SCRUB')).token).toBe(token)
    expect(reading.scrub(`sent with ${token}`)).toBe('sent with [redacted]')
  })

  it('refuses an org-wide (Enterprise Grid) installation and stores nothing', async () => {
    const { installations } = storeWith([keyOld])
    const orgWide = {
      team: undefined,
      enterprise: { id: 'E0ORG', name: 'Whole Org' },
      user: { token: undefined, scopes: undefined, id: 'U0ADMIN' },
      bot: { token: 'xoxb-org-wide', userId: 'UBOT_ORG', id: 'B0ORG', scopes: ['chat:write'] },
      isEnterpriseInstall: true,
      authVersion: 'v2',
    } satisfies Installation<'v2', true>
    const error = await installations.store.storeInstallation(orgWide).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(BotError)
    expect((error as BotError).code).toBe('bad_input')
    expect((error as BotError).userMessage).toMatch(/each workspace/)
    const rows = await database.db.selectFrom('slack_installations').select('team_id').where('enterprise_id', '=', 'E0ORG').execute()
    expect(rows).toEqual([])
  })

  it('tells Bolt a workspace that never installed is unknown', async () => {
    const { installations } = storeWith([keyOld])
    await expect(installations.store.fetchInstallation(query('T0NEVER'))).rejects.toThrow(/T0NEVER/)
    await authErrorOf(installations.botIn('T0NEVER'))
  })

  it('erases a revoked installation, logs it once, and refuses the workspace from then on', async () => {
    const { installations, logs } = storeWith([keyOld])
    await installations.store.storeInstallation(installationOf('T0REVOKE'))
    expect((await installations.botIn('T0REVOKE')).token).toMatch(/^xoxb-/)

    await installations.removed('T0REVOKE', 'revoked')
    await installations.removed('T0REVOKE', 'revoked')
    // A second instance learning the same news later says nothing more.
    const second = storeWith([keyOld])
    await second.installations.removed('T0REVOKE', 'revoked')
    expect(levelled(second.logs.lines, WARN)).toHaveLength(0)

    const warnings = levelled(logs.lines, WARN)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.msg).toMatch(/Hub T0REVOKE revoked/)
    expect(warnings[0]).toMatchObject({ teamId: 'T0REVOKE', why: 'revoked' })

    const row = await rowOf('T0REVOKE')
    expect(row?.sealed_installation).toBeNull()
    expect(row?.revoked_at).toBeInstanceOf(Date)
    expect(row?.uninstalled_at).toBeNull()

    await authErrorOf(installations.botIn('T0REVOKE'))
    await authErrorOf(storeWith([keyOld]).installations.botIn('T0REVOKE'))
    await expect(installations.store.fetchInstallation(query('T0REVOKE'))).rejects.toThrow()
    expect(await installations.installedWorkspaces()).not.toContainEqual(expect.objectContaining({ teamId: 'T0REVOKE' }))
  })

  it('marks an uninstall through Bolt’s deleteInstallation', async () => {
    const { installations, logs } = storeWith([keyOld])
    await installations.store.storeInstallation(installationOf('T0UNINST'))
    await installations.store.deleteInstallation!(query('T0UNINST'))
    const row = await rowOf('T0UNINST')
    expect(row?.sealed_installation).toBeNull()
    expect(row?.uninstalled_at).toBeInstanceOf(Date)
    expect(row?.revoked_at).toBeNull()
    expect(logs.matching('uninstalled the app')).toHaveLength(1)
  })

  it('erases the installation when Slack rejects its current token', async () => {
    const { installations, logs } = storeWith([keyOld])
    await installations.store.storeInstallation(installationOf('T0REJECT'))
    const { token } = await installations.botIn('T0REJECT')
    await installations.tokenRejected('T0REJECT', token, authFailure)
    expect((await rowOf('T0REJECT'))?.sealed_installation).toBeNull()
    expect(levelled(logs.lines, WARN)).toHaveLength(1)
    await authErrorOf(installations.botIn('T0REJECT'))
  })

  it('keeps a newer installation when Slack rejects a stale token', async () => {
    const first = storeWith([keyOld])
    await first.installations.store.storeInstallation(installationOf('T0STALE', 'xoxb-stale-old-token'))
    // This instance reads (and caches) the old token…
    expect((await first.installations.botIn('T0STALE')).token).toBe('xoxb-stale-old-token')
    // …then someone installs the app again, through another instance, with a new token.
    const second = storeWith([keyOld])
    await second.installations.store.storeInstallation(installationOf('T0STALE', 'xoxb-stale-new-token'))

    await first.installations.tokenRejected('T0STALE', 'xoxb-stale-old-token', authFailure)

    const row = await rowOf('T0STALE')
    expect(row?.sealed_installation).not.toBeNull()
    expect(row?.revoked_at).toBeNull()
    expect(levelled(first.logs.lines, WARN)).toHaveLength(0)
    expect((await first.installations.botIn('T0STALE')).token).toBe('xoxb-stale-new-token')
    expect((await storeWith([keyOld]).installations.botIn('T0STALE')).token).toBe('xoxb-stale-new-token')
  })

  it('serves a workspace again after it reinstalls', async () => {
    const { installations } = storeWith([keyOld])
    await installations.store.storeInstallation(installationOf('T0AGAIN', 'xoxb-again-first'))
    await installations.removed('T0AGAIN', 'uninstalled')
    await authErrorOf(installations.botIn('T0AGAIN'))
    await installations.store.storeInstallation(installationOf('T0AGAIN', 'xoxb-again-second'))
    expect((await installations.botIn('T0AGAIN')).token).toBe('xoxb-again-second')
    const row = await rowOf('T0AGAIN')
    expect(row?.uninstalled_at).toBeNull()
  })

  it('refuses, and says once what to do, when TOKEN_ENCRYPTION_KEY cannot open an installation', async () => {
    await storeWith([keyOld]).installations.store.storeInstallation(installationOf('T0WRONGKEY'))

    const base = createSealer([keyNew])
    const open = vi.fn((sealed: string) => base.open(sealed))
    const { installations, logs } = storeWith([keyNew], capturingLogger(), { ...base, open })

    await authErrorOf(installations.botIn('T0WRONGKEY'))
    await authErrorOf(installations.botIn('T0WRONGKEY'))
    await expect(installations.store.fetchInstallation(query('T0WRONGKEY'))).rejects.toThrow()
    // Past the 30-second cache the row is read (and fails to open) again: still one error.
    const now = Date.now()
    vi.spyOn(Date, 'now').mockReturnValue(now + 31_000)
    await authErrorOf(installations.botIn('T0WRONGKEY'))
    expect(open.mock.calls.length).toBeGreaterThanOrEqual(2)

    const errors = levelled(logs.lines, ERROR)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.msg).toContain('TOKEN_ENCRYPTION_KEY')
    expect(errors[0]!.msg).toContain('T0WRONGKEY')
    expect(errors[0]).toMatchObject({ teamId: 'T0WRONGKEY' })
    // Nothing was erased: the right key would still open it.
    expect((await rowOf('T0WRONGKEY'))?.sealed_installation).not.toBeNull()
    expect((await storeWith([keyNew, keyOld]).installations.botIn('T0WRONGKEY')).token).toMatch(/^xoxb-/)
  })
})

describe('Slack installations: key rotation', () => {
  // A database of its own, so that only the installations written here are counted.
  let own: TestDatabase
  beforeAll(async () => {
    own = await createTestDatabase()
  })
  afterAll(async () => {
    await own?.close()
  })

  it('seals again under the new key on rotation, so the old key can then be dropped', async () => {
    const install = installationOf('T0ROTATE')
    await storeWith([keyOld], undefined, undefined, own.db).installations.store.storeInstallation(install)
    const sealedBefore = (await rowOf('T0ROTATE', own.db))?.sealed_installation
    const before = storeWith([keyNew], undefined, undefined, own.db)
    await authErrorOf(before.installations.botIn('T0ROTATE'))

    const rotating = storeWith([keyNew, keyOld], undefined, undefined, own.db)
    // Both keys listed: the old installation still opens before anything is sealed again.
    expect((await rotating.installations.botIn('T0ROTATE')).token).toBe(install.bot!.token)
    expect(await rotating.installations.resealWithCurrentKey()).toBe(1)
    expect(await storeWith([keyNew, keyOld], undefined, undefined, own.db).installations.resealWithCurrentKey()).toBe(0)

    const sealedAfter = (await rowOf('T0ROTATE', own.db))?.sealed_installation
    expect(sealedAfter).not.toBe(sealedBefore)
    expect(createSealer([keyNew]).isCurrent(sealedAfter!)).toBe(true)

    const newOnly = storeWith([keyNew], undefined, undefined, own.db)
    expect((await newOnly.installations.botIn('T0ROTATE')).token).toBe(install.bot!.token)
    expect(await newOnly.installations.store.fetchInstallation(query('T0ROTATE'))).toEqual(install)
    expect(levelled(newOnly.logs.lines, ERROR)).toHaveLength(0)
  })

  // A row no configured key opens (an old key dropped too early) must not stop the others.
  it('reseals the rest when one installation cannot be opened with any configured key', async () => {
    const lost = randomBytes(32)
    await storeWith([lost], undefined, undefined, own.db).installations.store.storeInstallation(installationOf('T0LOSTKEY'))
    await storeWith([keyOld], undefined, undefined, own.db).installations.store.storeInstallation(installationOf('T0ZZOLD'))
    const rotating = storeWith([keyNew, keyOld], undefined, undefined, own.db)
    await expect(rotating.installations.resealWithCurrentKey()).resolves.toBeGreaterThanOrEqual(1)
    expect(createSealer([keyNew]).isCurrent((await rowOf('T0ZZOLD', own.db))!.sealed_installation!)).toBe(true)
  })
})
