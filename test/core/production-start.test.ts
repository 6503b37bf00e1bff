// The production start path: the bot compiled by `npm run build` runs under plain `node`
// (no tsx in between, so SIGTERM reaches the bot itself), finds its migrations and bundled
// catalogue beside the compiled code, and exits 0 after a clean stop.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../scripts/build.js'
import { eventuallyAsync } from '../support/http-double.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// Inside the project, so the compiled code resolves node_modules and "type": "module" as dist/ does.
const OUT_DIR = path.join(ROOT, '.tmp', `build-${process.pid}`)

describe('the built bot under plain node', () => {
  let dataDir: string
  let child: ChildProcess
  let output = ''
  let port: number
  let exited: Promise<number | null>

  beforeAll(async () => {
    // The type check is CI's own step; here only the emitted JavaScript matters.
    await build({ outDir: OUT_DIR, typeCheck: false })
    dataDir = await mkdtemp(path.join(tmpdir(), 'mhb-prod-'))
    port = 20000 + Math.floor(Math.random() * 20000)
    child = spawn(process.execPath, [path.join(OUT_DIR, 'src', 'main.js')], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
  }, 120_000)

  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL')
    await rm(OUT_DIR, { recursive: true, force: true })
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('emits compiled migrations beside the code, and the bundled catalogue', async () => {
    const sources = (await readdir(path.join(ROOT, 'migrations'))).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''))
    const built = (await readdir(path.join(OUT_DIR, 'migrations'))).filter((f) => f.endsWith('.js')).map((f) => f.replace(/\.js$/, ''))
    expect(built.sort()).toEqual(sources.sort())
    expect(await readdir(path.join(OUT_DIR, 'catalogue'))).toContain('2021-22.csv')
    expect(await readdir(OUT_DIR)).toContain('embedded-template.tar.gz')
  })

  it('becomes ready on a new DATA_DIR from the shipped embedded database, and loads the catalogue from the built tree', async () => {
    const ready = await eventuallyAsync(async () => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined)
      return res?.status === 200 ? res : undefined
    }, 60_000)
    expect(await ready.json()).toEqual({ status: 'ready' })
    const messages = output.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { msg: string }).msg)
    // The template holds every migration, so none is applied; kysely refuses to start if one it
    // recorded were missing, so this also proves the compiled migrations were found.
    expect(messages.filter((m) => m.startsWith('Applied '))).toEqual([])
    expect(messages).toContain('Loaded the 2021/22 projects catalogue (27 projects).')
    expect(await readdir(dataDir)).toContain('PG_VERSION')
  }, 70_000)

  it('exits with its own code 0 after "Stopped cleanly." on SIGTERM', async () => {
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(output).toContain('Received SIGTERM')
    expect(output.trim().split('\n').at(-1)).toContain('Stopped cleanly.')
  })
})
