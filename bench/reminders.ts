// Reminders at scale: 20,000 participants in 1,500 Work Groups, every session's reminder due
// at once, delivered through the outbox to a Slack Web API double (its own process) that
// allows one message a second per channel and answers 429 past it.
// Reported: time to drain against the floor those limits allow (target ratio ≤ 1.2), peak
// memory of the bot's process, 429s, and duplicates (must be zero).
//
// The mix: 15,000 people are in one group each; 500 (hub staff, Mastery Specialists) are in
// ten groups each. A person's reminders all go to their one DM channel, so the busiest channel
// takes 10 messages: at one a second the limits allow no less than 9 s. Each group's channel
// also gets its morning digest (the sessions are today).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { randomBytes } from 'node:crypto'
import { createDeliveryClient, createSlackDeliverer, slackDeliverer } from '../adapters/slack/slack-deliverer.js'
import { createSlackInstallations } from '../adapters/slack/slack-installations.js'
import type { Deliverer } from '../src/core/adapter.js'
import { createSealer } from '../src/security/sealed-secrets.js'
import { systemClock } from '../src/core/clock.js'
import { createLogger, silentLogger } from '../src/core/logger.js'
import type { OpenDatabase } from '../src/db/database.js'
import { createDeliveryWorker } from '../src/delivery/delivery-worker.js'
import { createReminderComposer } from '../src/features/reminders/compose-reminders.js'
import { planDue } from '../src/features/reminders/plan-reminders.js'
import { BENCH_SCOPE, GROUPS, GROUPS_EACH, MANY_GROUP_PEOPLE, openBenchDatabase, SINGLE_GROUP_PEOPLE, seedWorkGroups } from './bench-database.js'

const ZONE = 'Europe/London'

async function seed(database: OpenDatabase, now: Date, dueAt: Date): Promise<{ messages: number; floorSeconds: number }> {
  const { db } = database
  const { groups, memberships } = await seedWorkGroups(db, [60])
  // Sessions an hour and a little from now, so every reminder falls due at `dueAt` (and today,
  // so the channel digests are due too, after 08:00).
  const start = new Date(dueAt.getTime() + 60 * 60_000)
  await db
    .insertInto('sessions')
    .values(groups.map((g) => ({ ...BENCH_SCOPE, work_group_id: g.id, starts_at: start, ends_at: new Date(start.getTime() + 90 * 60_000), online_url: 'https://meet.example.org/x', created_by: 'bench' })))
    .execute()
  await sql`analyze`.execute(db)
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: 'numeric', hourCycle: 'h23' }).format(now)
  const digests = Number(local) >= 8 && start.toDateString() === now.toDateString() ? GROUPS : 0
  return { messages: memberships + digests, floorSeconds: GROUPS_EACH - 1 }
}

/** BENCH_SLACK_TOKENS=installed: each message's token comes from the sealed installation store. */
const INSTALLED = process.env.BENCH_SLACK_TOKENS === 'installed'

async function benchDeliverer(database: OpenDatabase, apiUrl: string): Promise<Deliverer> {
  if (!INSTALLED) return slackDeliverer('xoxb-bench', apiUrl)
  const installations = createSlackInstallations({ db: database.db, sealer: createSealer([randomBytes(32)]), log: silentLogger() })
  await installations.store.storeInstallation({
    team: { id: 'T1', name: 'Bench' },
    enterprise: undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token: 'xoxb-bench', userId: 'UBOT', id: 'BBOT', scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  })
  return createSlackDeliverer(createDeliveryClient(apiUrl), installations)
}

export async function benchReminders(): Promise<boolean> {
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url))
  const child = spawn(process.execPath, [tsx, fileURLToPath(new URL('./servers/slack-api-server.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] })
  const { port, statsPort } = await new Promise<{ port: number; statsPort: number }>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c) => {
      out += c
      const m = /\{"port":(\d+),"statsPort":(\d+)\}/.exec(out)
      if (m) resolve({ port: Number(m[1]), statsPort: Number(m[2]) })
    })
    child.on('exit', (code) => reject(new Error(`the Slack double exited with ${code}`)))
  })
  const stats = async () =>
    (await (await fetch(`http://127.0.0.1:${statsPort}/`)).json()) as { posted: number; unique: number; duplicates: number; rateLimited: number; first: number; last: number }

  const { database, dispose } = await openBenchDatabase()
  try {
    const now = new Date()
    // Everything falls due at one instant, a little ahead, as the minute tick plans it.
    const dueAt = new Date(now.getTime() + 30_000)
    const { messages, floorSeconds } = await seed(database, now, dueAt)
    const composer = createReminderComposer({ db: database.db, zone: ZONE })
    const worker = createDeliveryWorker({
      db: database.db,
      clock: systemClock,
      log: process.env.BENCH_DEBUG ? createLogger({ level: 'debug', pretty: false }) : silentLogger(),
      deliverers: { slack: await benchDeliverer(database, `http://127.0.0.1:${port}/api/`) },
      // As in production: each reminder is worded (and checked) at sending.
      composers: { reminder: composer, 'new-session': composer },
    })
    let peakRss = 0
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss)
    }, 25)
    const planStart = Date.now()
    const planned = await planDue(database.db, new Date(), ZONE, silentLogger())
    const planSeconds = (Date.now() - planStart) / 1000
    if (Date.now() >= dueAt.getTime()) throw new Error('Planning took longer than the lead time: raise it')
    worker.start()
    const t0 = dueAt.getTime()
    for (;;) {
      const s = await stats()
      if (s.posted >= messages || Date.now() - t0 > 180_000) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await worker.stop()
    clearInterval(sampler)
    const s = await stats()
    if (process.env.BENCH_DEBUG) {
      const busy = (await (await fetch(`http://127.0.0.1:${statsPort}/detail`)).json()) as { channel: string; times: number[] }[]
      const firsts = busy.map((b) => (b.times[0]! - t0) / 1000).sort((a, b) => a - b)
      const spans = busy.map((b) => (b.times.at(-1)! - b.times[0]!) / 1000).sort((a, b) => a - b)
      console.log(`  busy channels ${busy.length}: first message at p50 ${firsts[firsts.length >> 1]?.toFixed(2)} s, max ${firsts.at(-1)?.toFixed(2)} s; chain span p50 ${spans[spans.length >> 1]?.toFixed(2)} s, max ${spans.at(-1)?.toFixed(2)} s`)
    }
    const drain = (s.last - t0) / 1000
    console.log(`reminders at scale: ${GROUPS} Work Groups, ${SINGLE_GROUP_PEOPLE + MANY_GROUP_PEOPLE * GROUPS_EACH} participants (${SINGLE_GROUP_PEOPLE + MANY_GROUP_PEOPLE} people), all due at once`)
    console.log(`  database: ${process.env.DATABASE_URL ? 'Postgres server' : 'embedded (PGlite)'}; Slack double: one message a second per channel, 429 past it; token: ${INSTALLED ? 'from the installation store ("Add to Slack")' : 'one SLACK_BOT_TOKEN'}`)
    console.log(`  planned ${planned.reminders} reminders and ${planned.digests} digests in ${planSeconds.toFixed(1)} s, before they fell due`)
    console.log(`  delivered ${s.posted} of ${messages} messages; last one ${drain.toFixed(1)} s after they fell due; floor ${floorSeconds} s`)
    console.log(`  ratio to floor ${(drain / floorSeconds).toFixed(2)} (target ≤ 1.2); 429s ${s.rateLimited}; duplicates ${s.duplicates}; peak RSS ${(peakRss / 1e6).toFixed(0)} MB`)
    return s.posted === messages && s.duplicates === 0
  } finally {
    child.kill('SIGTERM')
    await dispose()
  }
}
