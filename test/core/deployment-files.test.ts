// The deployment files (Dockerfile, compose.yaml, the systemd unit, the proxy examples and
// .env.example) cannot be run here (no Docker daemon, no systemd as PID 1): check what can be
// checked offline, so that they stay in step with the code they start.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEnv, promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> }
/** What `npm run start:prod` runs, without "node": the one way production starts the bot. */
const PROD_ARGS = packageJson.scripts['start:prod']!.replace(/^node /, '')

const has = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile')
  const instructions = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => /^[A-Z]+ /.test(line))

  it('copies only paths that exist, and .dockerignore keeps none of them out', () => {
    const ignored = read('.dockerignore').split('\n').filter(Boolean)
    const sources = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .flatMap((line) => line.split(/\s+/).slice(1, -1))
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'src', 'migrations', 'catalogue']))
    for (const source of sources) {
      expect(existsSync(path.join(ROOT, source)), source).toBe(true)
      expect(ignored, source).not.toContain(source)
    }
  })

  it('builds on node:22-slim and runs the built entry point as a user other than root', () => {
    expect(instructions.filter((line) => line.startsWith('FROM '))).toEqual(['FROM node:22-slim AS build', 'FROM node:22-slim'])
    expect(instructions).toContain('RUN npm run build && npm prune --omit=dev --no-audit --no-fund')
    const lastStage = instructions.slice(instructions.lastIndexOf('FROM node:22-slim'))
    expect(lastStage).toContain('USER node')
    const cmd = JSON.parse(lastStage.find((line) => line.startsWith('CMD '))!.slice(4)) as string[]
    expect(cmd.join(' ')).toBe(`node ${PROD_ARGS}`)
  })

  it('checks health on /healthz', () => {
    expect(instructions.find((line) => line.startsWith('HEALTHCHECK '))).toMatch(/\/healthz/)
  })
})

describe('compose.yaml', () => {
  // A real YAML parser, from the system Python (Debian's python3-yaml).
  const yamlAvailable = has('python3', ['-c', 'import yaml'])
  const compose = () =>
    JSON.parse(
      execFileSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', path.join(ROOT, 'compose.yaml')], { encoding: 'utf8' }),
    ) as {
      services: Record<string, { image?: string; build?: string; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string>; volumes?: string[]; env_file?: string }>
      volumes: Record<string, unknown>
    }

  it.skipIf(!yamlAvailable)('runs the bot after a healthy Postgres 15, both with health checks, the data on a named volume', () => {
    const { services, volumes } = compose()
    expect(Object.keys(services).sort()).toEqual(['bot', 'db'])
    expect(services.db!.image).toBe('postgres:15')
    expect(services.db!.volumes).toEqual(['db-data:/var/lib/postgresql/data'])
    expect(Object.keys(volumes)).toEqual(['db-data'])
    expect(services.bot!.build).toBe('.')
    expect(services.bot!.depends_on).toEqual({ db: { condition: 'service_healthy' } })
    expect(services.db!.healthcheck!.test.join(' ')).toContain('pg_isready')
    expect(services.bot!.healthcheck!.test.join(' ')).toContain('/healthz')
    expect(services.bot!.env_file).toBe('.env')
    expect(services.bot!.environment!.DATABASE_URL).toBe('postgres://bot:${POSTGRES_PASSWORD}@db:5432/bot')
  })
})

describe('the systemd unit', () => {
  const unit = read('deploy/maths-hubs-bot.service')
  const setting = (name: string) => unit.split('\n').find((line) => line.startsWith(`${name}=`))?.slice(name.length + 1)

  it('reads its settings from an EnvironmentFile and starts the built entry point with node itself', () => {
    expect(setting('EnvironmentFile')).toBe('/etc/maths-hubs-bot.env')
    expect(setting('ExecStart')).toBe(`/usr/bin/node ${PROD_ARGS}`)
    expect(setting('KillSignal')).toBe('SIGTERM')
    expect(setting('StateDirectory')).toBe('maths-hubs-bot')
    expect(unit).toContain('Environment=DATA_DIR=/var/lib/maths-hubs-bot')
  })

  it.skipIf(!has('systemd-analyze', ['--version']))('passes systemd-analyze verify', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mhb-unit-'))
    const file = path.join(dir, 'maths-hubs-bot.service')
    await copyFile(path.join(ROOT, 'deploy/maths-hubs-bot.service'), file)
    const result = await promisify(execFile)('systemd-analyze', ['verify', file]).catch((error: { stderr: string; code: number }) => error)
    await rm(dir, { recursive: true, force: true })
    // Only a missing /usr/bin/node (a machine with Node elsewhere) is allowed to be reported.
    const complaints = result.stderr.split('\n').filter((line) => line.trim() !== '' && !line.includes('/usr/bin/node'))
    expect(complaints).toEqual([])
  })
})

describe('.env.example', () => {
  const example = read('.env.example')
  const named = [...example.matchAll(/^#? ?([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!)
  // SLACK_API_URL and BotOpenIdMetadata only point the bot at local doubles in tests.
  const readByConfig = [...read('src/config.ts').matchAll(/get\('([A-Za-z_]+)'\)/g)].map((m) => m[1]!).filter((name) => name !== 'SLACK_API_URL' && name !== 'BotOpenIdMetadata')

  it('names every setting the bot reads, and nothing it does not (besides the compose Postgres password; not the test-only SLACK_API_URL and BotOpenIdMetadata)', () => {
    expect([...new Set(named)].sort()).toEqual([...new Set([...readByConfig, 'POSTGRES_PASSWORD'])].sort())
  })

  it('is accepted as it stands by the configuration check', () => {
    expect(() => loadConfig(parseEnv(example))).not.toThrow()
  })
})

describe('the HTTPS reverse-proxy examples', () => {
  it.each(['deploy/Caddyfile', 'deploy/nginx.conf'])('%s forwards to the bot on its default port', (file) => {
    const port = loadConfig({}).port
    expect(read(file)).toMatch(new RegExp(`(reverse_proxy |proxy_pass http://)127\\.0\\.0\\.1:${port}\\b`))
  })
})
