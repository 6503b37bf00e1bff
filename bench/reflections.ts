// Reflections at scale. (1) Every one of 1,500 Work Groups' sessions ends at once, so 20,000
// participants are due a prompt in the same minute: the time to plan them all into the outbox
// must stay well inside the minute tick (target ≤ 10 s). (2) A Lead's collated view of a
// session with 200 reflections (and the CSV export), timed over many runs with no model: this
// is what the Lead waits for after typing the command (target p99 ≤ 200 ms).
import { sql } from 'kysely'
import { silentLogger } from '../src/core/logger.js'
import { sessionCsv, buildLeadView } from '../src/features/reflections/lead-view.js'
import { planReflectionPrompts } from '../src/features/reflections/plan-reflection-prompts.js'
import { findSession } from '../src/domain/sessions.js'
import { findWorkGroup } from '../src/domain/work-groups.js'
import { BENCH_SCOPE, GROUPS, openBenchDatabase, seedWorkGroups } from './bench-database.js'

const BENCH_WORKSPACE = { platform: BENCH_SCOPE.platform, workspaceId: BENCH_SCOPE.workspace_id }

const ZONE = 'Europe/London'
const VIEW_RUNS = 100
const BIG_SESSION = 200
const WORDS = ['bar models', 'number talks', 'stem sentences', 'reasoning', 'fractions', 'place value', 'concrete resources', 'questioning', 'misconceptions', 'fluency']

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

export async function benchReflections(): Promise<boolean> {
  const { database, dispose } = await openBenchDatabase()
  try {
    const { db } = database
    const { groups, memberships } = await seedWorkGroups(db, [60])
    const now = new Date()
    // Every session ended 15 minutes ago: the prompts are due this minute.
    const endedAt = new Date(now.getTime() - 15 * 60_000)
    const sessions = await db
      .insertInto('sessions')
      .values(groups.map((g) => ({ ...BENCH_SCOPE, work_group_id: g.id, starts_at: new Date(endedAt.getTime() - 90 * 60_000), ends_at: endedAt, place: 'Room 1', created_by: 'bench' })))
      .returning(['id', 'work_group_id'])
      .execute()

    // One big session: 200 participants in the first group, each with a reflection.
    const big = sessions[0]!
    await db
      .insertInto('participants')
      .values(Array.from({ length: BIG_SESSION }, (_, i) => ({ ...BENCH_SCOPE, work_group_id: big.work_group_id, user_id: `UBIG${i}`, name: `Teacher ${i}`, source: 'channel' as const })))
      .execute()
    await db
      .insertInto('reflections')
      .values(
        Array.from({ length: BIG_SESSION }, (_, i) => ({
          ...BENCH_SCOPE,
          session_id: big.id,
          work_group_id: big.work_group_id,
          user_id: `UBIG${i}`,
          rating: 1 + (i % 5),
          try_in_class: `I will try ${WORDS[i % WORDS.length]} with my Year ${3 + (i % 4)} class, and ${WORDS[(i * 7) % WORDS.length]} next week.`,
          noticed: `Pupils were more confident with ${WORDS[(i * 3) % WORDS.length]}.`,
          visibility: (['lead', 'anonymised', 'me'] as const)[i % 3]!,
          submitted_at: now,
          updated_at: now,
        })),
      )
      .execute()
    await sql`analyze`.execute(db)

    const planStart = performance.now()
    const planned = await planReflectionPrompts(db, now, ZONE, silentLogger())
    const planSeconds = (performance.now() - planStart) / 1000

    const session = (await findSession(db, BENCH_WORKSPACE, big.id))!
    const group = (await findWorkGroup(db, BENCH_WORKSPACE, big.work_group_id))!
    const times: number[] = []
    let csvBytes = 0
    for (let i = 0; i < VIEW_RUNS; i++) {
      const t = performance.now()
      await buildLeadView({ db, zone: ZONE, now }, group, session, true)
      csvBytes = (await sessionCsv(db, group, session, ZONE)).length
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const p99 = percentile(times, 0.99)

    console.log(`reflections at scale: ${GROUPS} sessions ending at once, ${memberships + BIG_SESSION} participants; database: ${process.env.DATABASE_URL ? 'Postgres server' : 'embedded (PGlite)'}`)
    console.log(`  planned ${planned.prompts} prompts in ${planSeconds.toFixed(1)} s (target ≤ 10 s, inside the minute tick)`)
    console.log(
      `  Lead's view + CSV export of a ${BIG_SESSION}-reflection session (${csvBytes} characters of CSV), ${VIEW_RUNS} runs: p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (target ≤ 200 ms)`,
    )
    // Every participant is prompted, except the big session's 200, who have reflected already.
    return planned.prompts === memberships
  } finally {
    await dispose()
  }
}
