// `/workgroups secondary` through the bot's Slack endpoint at a fixed concurrency, beside a bare
// Bolt app with the same receiver that only acknowledges, in the same run.
// Targets (issue 2): p50 within 1.5× of bare Bolt; p99 under 50 ms.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHmac, randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { type LoadRequest, type LoadResult, runLoad } from './load.js'

const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,10').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const WARMUP_SECONDS = 2
const SECRET = randomBytes(16).toString('hex')

function slashCommand(sequence: number): LoadRequest {
  const body = new URLSearchParams({
    token: 'bench',
    team_id: 'T0001',
    channel_id: 'C0001',
    channel_name: 'maths-hub',
    // Many teachers, as in a real hub: one person sending hundreds a second is refused by the rate limit.
    user_id: `U${String(sequence % 20_000).padStart(6, '0')}`,
    user_name: 'teacher',
    command: '/workgroups',
    text: 'secondary',
    response_url: 'http://127.0.0.1:9/response',
    // Every command is a new one: the bot records each trigger id once.
    trigger_id: `${process.pid}.${sequence}.${randomBytes(4).toString('hex')}`,
  }).toString()
  const timestamp = Math.floor(Date.now() / 1000)
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`
  return {
    path: '/slack/events',
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
    },
  }
}

async function startServer(file: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))
  const child = spawn(process.execPath, [tsx, fileURLToPath(new URL(file, import.meta.url))], {
    env: { ...process.env, BENCH_SIGNING_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk) => {
      out += chunk
      const match = /\{"port":(\d+)\}/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.on('exit', (code) => reject(new Error(`${file} exited with ${code}`)))
  })
  return { child, port }
}

interface Subject {
  name: string
  file: string
  env: Record<string, string>
  accept: (status: number, body: string) => boolean
}

const answered = (status: number, body: string) => status === 200 && body.includes('Secondary projects')
const SUBJECTS: Subject[] = [
  { name: 'bare Bolt, empty ack', file: './servers/bare-bolt-server.ts', env: {}, accept: (status) => status === 200 },
  { name: 'bare Bolt, same answer', file: './servers/bare-bolt-server.ts', env: { BENCH_ACK_ANSWER: '1' }, accept: answered },
  { name: 'the bot', file: './servers/bot-server.ts', env: {}, accept: answered },
]

function line(name: string, r: LoadResult): string {
  return `  ${name.padEnd(24)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   failures ${r.failures}`
}

export async function benchSlackCommand(): Promise<boolean> {
  console.log(`/workgroups secondary over signed HTTP to /slack/events; ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up`)
  console.log(`bot database: ${process.env.DATABASE_URL ? 'Postgres server' : 'embedded (PGlite)'}; node ${process.version}; load generator in a separate process`)
  let failed = false
  const summary: string[] = []
  for (const concurrency of CONCURRENCIES) {
    console.log(`concurrency ${concurrency}:`)
    const results = new Map<string, LoadResult>()
    for (const subject of SUBJECTS) {
      const { child, port } = await startServer(subject.file, subject.env)
      try {
        await runLoad({ port, concurrency, seconds: WARMUP_SECONDS, makeRequest: slashCommand, accept: subject.accept })
        const result = await runLoad({ port, concurrency, seconds: SECONDS, makeRequest: slashCommand, accept: subject.accept })
        results.set(subject.name, result)
        console.log(line(subject.name, result))
        if (result.failures > 0) failed = true
      } finally {
        child.kill('SIGTERM')
      }
    }
    const bot = results.get('the bot')!
    const bare = results.get('bare Bolt, empty ack')!
    const same = results.get('bare Bolt, same answer')!
    summary.push(
      `concurrency ${concurrency}: p50 bot / bare Bolt ${(bot.p50 / bare.p50).toFixed(2)} (target ≤ 1.5); bot / bare Bolt sending the same answer ${(bot.p50 / same.p50).toFixed(2)}; bot p99 ${bot.p99.toFixed(2)} ms (target < 50 ms)`,
    )
  }
  console.log(summary.join('\n'))
  if (failed) console.log('Some requests failed: the figures above are not valid.')
  return !failed
}
