// What a hub administrator sees: `npm start` on a fresh machine, the start-up log, health,
// a clean stop, and the command-line tools refusing to share the embedded database.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockDataDir } from '../../src/db/data-dir-lock.js'
import { eventually } from '../support/http-double.js'
import { startTestBot } from '../support/test-bot.js'
import { Writable } from 'node:stream'
import { pino } from 'pino'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

describe('npm start on a fresh machine (embedded database, no credentials)', () => {
  let dataDir: string
  let child: ChildProcess
  let output = ''
  let port: number

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'mhb-start-'))
    port = 20000 + Math.floor(Math.random() * 20000)
    // Only the variables npm start needs: no Slack, Teams or database settings at all.
    child = spawn(process.execPath, [TSX, 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    await eventually(() => output.includes('Maths Hubs bot is running'), 60_000)
  }, 90_000)

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL')
    await rm(dataDir, { recursive: true, force: true })
  })

  it('logs how it runs, which platforms are live and how to connect Slack', () => {
    const messages = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).msg as string)
    expect(messages).toEqual(
      expect.arrayContaining([
        'Loaded the 2021/22 projects catalogue (27 projects).',
        `Maths Hubs bot is running on http://localhost:${port} (database: embedded, in ${dataDir}).`,
        expect.stringMatching(/^Teams: listening on POST \/api\/messages WITHOUT authentication/),
        expect.stringMatching(/^Slack: not connected\. To connect, create a Slack app from manifest\.json/),
        expect.stringMatching(/^Teams: to connect a real tenant, set MicrosoftAppId/),
        expect.stringMatching(/npm run playground/),
      ]),
    )
  })

  it('reports healthy, with the database reachable', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', database: { kind: 'embedded', reachable: true }, platforms: ['teams'] })
  })

  it('explains that Slack is not set up instead of a bare 404', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: 'x' })
    expect(res.status).toBe(503)
    expect(((await res.json()) as { message: string }).message).toContain('SLACK_SIGNING_SECRET')
  })

  it('keeps the catalogue import from opening the database the bot is using', async () => {
    const result = await promisify(execFile)(process.execPath, [TSX, 'scripts/import-catalogue.ts', 'catalogue/2021-22.csv'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    }).catch((error: { code: number; stderr: string }) => error)
    expect(result).toMatchObject({ code: 1 })
    expect((result as { stderr: string }).stderr).toContain(`The embedded database in ${dataDir} is in use by the bot (npm start)`)
  })

  it('stops cleanly on SIGTERM, releasing the database', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(output).toContain('Stopped cleanly.')
    const lock = await lockDataDir(dataDir, 'the test')
    await lock.release()
  })
})

describe('start-up without Slack configured, in process', () => {
  it('refuses nothing and serves health, with Slack marked as not connected', async () => {
    const lines: string[] = []
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk)).msg), done()) }))
    const bot = await startTestBot({ withoutSlack: true, log })
    try {
      const health = await fetch(`${bot.url}/healthz`)
      expect(await health.json()).toMatchObject({ status: 'ok', platforms: ['teams'] })
      expect(lines.some((l) => l.startsWith('Slack: not connected'))).toBe(true)
      const missing = await fetch(`${bot.url}/nowhere`)
      expect(missing.status).toBe(404)
      const ready = await fetch(`${bot.url}/readyz`)
      expect(ready.status).toBe(200)
      expect(await ready.json()).toEqual({ status: 'ready' })
    } finally {
      await bot.stop()
    }
  })
})

describe('the embedded database lock', () => {
  it('refuses a second holder while the first lives, and recovers a stale lock', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mhb-lock-'))
    const first = await lockDataDir(dir, 'the first')
    await expect(lockDataDir(dir, 'the second')).rejects.toThrow(/in use by the first/)
    await first.release()
    // A lock left by a process that died is taken over.
    const { writeFile } = await import('node:fs/promises')
    await writeFile(path.join(dir, 'bot.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, holder: 'a crashed bot' }))
    const second = await lockDataDir(dir, 'the second')
    await second.release()
    await rm(dir, { recursive: true, force: true })
  })
})
