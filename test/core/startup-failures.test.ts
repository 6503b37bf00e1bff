// A wrong setting stops the bot with one sentence naming it, and no stack trace: the real
// entry point is started with each bad setting, as an operator would start it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createSealer, parseKey } from '../../src/security/sealed-secrets.js'
import { eventually } from '../support/http-double.js'
import { type PostgresDouble, startPostgresDouble } from '../support/postgres-double.js'
import { OAUTH_ENV } from '../support/slack-install.js'
import { TEMPLATE_DUMP_ENV } from '../support/test-database.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')
// A stack frame, printed as is or escaped inside a JSON log line.
const STACK_FRAME = /(\n|\\n)\s+at /

interface Run {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function startBot(env: Record<string, string>, options: { uid?: number; gid?: number } = {}): Run {
  const child = spawn(process.execPath, [TSX, 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  // A process that could not be spawned at all emits 'error' and never 'exit'.
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('exit', (code) => resolve(code))
    child.once('error', reject)
  })
  return { child, output: () => output, exited }
}

/** Runs the bot to its exit; the messages it logged at the given pino level (60 fatal, 50 error). */
async function failedStart(env: Record<string, string>, options: { uid?: number; gid?: number } = {}) {
  const run = startBot(env, options)
  const code = await run.exited
  return { code, output: run.output(), fatal: messagesAt(run.output(), 60) }
}

function messagesAt(output: string, level: number): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((line) => line.level === level)
    .map((line) => line.msg)
}

const freePort = () => 20000 + Math.floor(Math.random() * 20000)

describe('a DATABASE_URL that does not work', () => {
  const doubles: PostgresDouble[] = []
  afterAll(async () => {
    for (const double of doubles) await double.close()
  })
  const double = async (behaviour: Parameters<typeof startPostgresDouble>[0]) => {
    const started = await startPostgresDouble(behaviour)
    doubles.push(started)
    return started
  }

  it.each([
    ['refuses connections', async () => 'postgres://bot:secret@127.0.0.1:1/bot', /^DATABASE_URL points at the Postgres server at 127\.0\.0\.1:1, which refused the connection: check that Postgres is running there/],
    ['names a host that does not exist', async () => 'postgres://bot:secret@no-such-host.invalid:5432/bot', /^DATABASE_URL names the host "no-such-host\.invalid", which cannot be found: check the host name in DATABASE_URL/],
    [
      'has the wrong password',
      async () => (await double({ refuse: { sqlstate: '28P01', message: 'password authentication failed for user "bot"' } })).url('bot'),
      /^DATABASE_URL was refused by the Postgres server at 127\.0\.0\.1:\d+: the user "bot" or its password is wrong/,
    ],
    [
      'names a database that does not exist',
      async () => (await double({ refuse: { sqlstate: '3D000', message: 'database "hub" does not exist' } })).url('bot', 'hub'),
      /^DATABASE_URL names the database "hub", which does not exist on the Postgres server at 127\.0\.0\.1:\d+: create it \(createdb hub\)/,
    ],
    [
      'points at a server that never answers',
      async () => (await double('silent')).url('bot', 'bot', '?connect_timeout=1'),
      /^DATABASE_URL points at the Postgres server at 127\.0\.0\.1:\d+, which did not answer within 1 seconds: check the host and port/,
    ],
  ])('stops in one sentence when it %s', async (_what, url, sentence) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mhb-fail-'))
    const { code, output, fatal } = await failedStart({ DATABASE_URL: await url(), PORT: String(freePort()), DATA_DIR: dataDir })
    await rm(dataDir, { recursive: true, force: true })
    expect(code).toBe(1)
    expect(fatal).toHaveLength(1)
    expect(fatal[0]).toMatch(sentence)
    // The password never reaches the log, and nothing else is said.
    expect(output).not.toContain('secret')
    expect(output).not.toMatch(STACK_FRAME)
    expect(output.trim().split('\n')).toHaveLength(1)
  })
})

describe('a DATA_DIR that cannot hold the database', () => {
  let base: string
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'mhb-datadir-'))
  })
  afterAll(async () => {
    await rm(base, { recursive: true, force: true })
  })

  it('is refused when it is a file', async () => {
    const file = path.join(base, 'data')
    await writeFile(file, 'not a folder')
    const { code, output, fatal } = await failedStart({ DATA_DIR: file, PORT: String(freePort()) })
    expect(code).toBe(1)
    expect(fatal).toEqual([`DATA_DIR is ${file}, which is a file (or inside one), not a folder: set DATA_DIR to a folder for the embedded database, or move that file away.`])
    expect(output).not.toMatch(STACK_FRAME)
  })

  it('is refused when it is inside a file', async () => {
    const file = path.join(base, 'plain-file')
    await writeFile(file, 'x')
    const { code, fatal } = await failedStart({ DATA_DIR: path.join(file, 'data'), PORT: String(freePort()) })
    expect(code).toBe(1)
    expect(fatal).toEqual([expect.stringMatching(/^DATA_DIR is .*plain-file\/data, which is a file \(or inside one\), not a folder/)])
  })

  // root may write anywhere: run the bot as an unprivileged user then (which must be able to run
  // this Node and read the project); otherwise take the write bit away.
  const asRoot = process.getuid?.() === 0
  const nobodyCanRunTheBot =
    !asRoot || spawnSync(process.execPath, ['-e', `require('node:fs').accessSync(${JSON.stringify(path.join(ROOT, 'src', 'main.ts'))})`], { uid: 65534, gid: 65534 }).status === 0

  it.skipIf(!nobodyCanRunTheBot)('is refused when this user cannot write it', async () => {
    const locked = path.join(base, 'locked')
    await mkdir(locked)
    if (asRoot) await chmod(base, 0o755)
    else await chmod(locked, 0o555)
    const { code, output, fatal } = await failedStart({ DATA_DIR: locked, PORT: String(freePort()) }, asRoot ? { uid: 65534, gid: 65534 } : {})
    expect(code).toBe(1)
    expect(fatal).toEqual([expect.stringMatching(new RegExp(`^DATA_DIR is ${locked}, which this user \\(.+\\) cannot write: give it write access`))])
    expect(output).not.toMatch(STACK_FRAME)
  })
})

describe('an embedded database with Slack installations in it', () => {
  const KEY = 'q0bNVrlXbk5C9Gzmt1m2bIgOAr1fZ0m7kTn2kz3v7Hk='
  const OTHER_KEY = Buffer.alloc(32, 7).toString('base64')
  let dataDir: string
  let busy: Server
  let busyPort: number

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mhb-installed-'))
    // An embedded database as a bot leaves it: migrated, with two workspaces installed under KEY.
    // The suite's migrated template when it has one (not in the run against a server).
    const dump = process.env[TEMPLATE_DUMP_ENV]
    const pglite = await PGlite.create(dataDir, dump ? { loadDataDir: new Blob([await readFile(dump)]) } : {})
    const { db, close } = await openDatabase({ pglite })
    if (!dump) await migrateToLatest(db)
    const sealer = createSealer([parseKey(KEY)!])
    for (const teamId of ['T0NORTH', 'T0SOUTH'])
      await db
        .insertInto('slack_installations')
        .values({ team_id: teamId, team_name: `Hub ${teamId}`, installed_by: 'U0ADMIN', sealed_installation: sealer.seal(JSON.stringify({ team: { id: teamId }, bot: { token: `xoxb-${teamId}` } })), installed_at: new Date(), updated_at: new Date() })
        .execute()
    await close()
    await pglite.close()
    busy = createServer()
    busyPort = freePort()
    await new Promise<void>((resolve) => busy.listen(busyPort, resolve))
  }, 60_000)

  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve))
    await rm(dataDir, { recursive: true, force: true })
  })

  it('stops in one sentence naming PORT when the port is taken', async () => {
    const { code, output, fatal } = await failedStart({ DATA_DIR: dataDir, PORT: String(busyPort) })
    expect(code).toBe(1)
    expect(fatal).toEqual([`PORT ${busyPort} is already in use by another program (perhaps another copy of the bot): stop that program, or set PORT to a free port.`])
    expect(output).not.toMatch(STACK_FRAME)
  }, 60_000)

  it('says at start that TOKEN_ENCRYPTION_KEY opens none of them, instead of counting them as installed', async () => {
    const run = startBot({ ...OAUTH_ENV, SLACK_SIGNING_SECRET: 'signing-secret', TOKEN_ENCRYPTION_KEY: OTHER_KEY, DATA_DIR: dataDir, PORT: String(freePort()) })
    try {
      await eventually(() => run.output().includes('Maths Hubs bot is running') || run.child.exitCode !== null || undefined, 60_000)
      expect(messagesAt(run.output(), 50)).toEqual([
        'TOKEN_ENCRYPTION_KEY opens none of the 2 Slack installation(s) stored in the database, so the bot cannot reach those workspaces: if the key was changed, put the new key first and the old one after it, separated by a comma, and restart; if the old key is lost, each workspace must install the app again.',
      ])
      expect(messagesAt(run.output(), 30)).toContain('Slack: installed in 0 workspace(s).')
      expect(run.output()).not.toMatch(STACK_FRAME)
    } finally {
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
    }
  }, 60_000)

  it('counts them as installed with the key that sealed them', async () => {
    const run = startBot({ ...OAUTH_ENV, SLACK_SIGNING_SECRET: 'signing-secret', TOKEN_ENCRYPTION_KEY: `${OTHER_KEY},${KEY}`, DATA_DIR: dataDir, PORT: String(freePort()) })
    try {
      await eventually(() => run.output().includes('Maths Hubs bot is running') || run.child.exitCode !== null || undefined, 60_000)
      expect(messagesAt(run.output(), 50)).toEqual([])
      expect(messagesAt(run.output(), 30)).toEqual(
        expect.arrayContaining(['Sealed 2 Slack installation(s) again under the first TOKEN_ENCRYPTION_KEY.', 'Slack: installed in 2 workspace(s): Hub T0NORTH, Hub T0SOUTH.']),
      )
    } finally {
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
    }
  }, 60_000)
})
