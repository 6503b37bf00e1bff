// Searching the resource library: 20,000 resources in one workspace, with titles and tags like
// teachers', searched by words, by tags, and by both, as `/workgroups resources …` does. The
// search is what a teacher waits for after typing the command (target p99 ≤ 100 ms). A hub's
// library is hundreds of entries; at 20,000, far past any, the search (ranked in code, see
// resource-search.ts) shows where reading the whole library stops being enough.
import { sql } from 'kysely'
import { searchLibrary } from '../src/features/resources/resource-search.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { openBenchDatabase } from './bench-database.js'

const RESOURCES = 20_000
const RUNS = 200
const TOPICS = ['fractions', 'place-value', 'ratio', 'algebra', 'reasoning', 'bar-models', 'times-tables', 'geometry', 'statistics', 'probability', 'decimals', 'angles']
const WORDS = ['lesson', 'sequence', 'starter', 'task', 'video', 'article', 'worksheet', 'assessment', 'questions', 'slides', 'research', 'guide']
const STAGES = ['ks1', 'ks2', 'ks3', 'ks4', 'ks5']
const QUERIES = ['fractions ks3', 'bar models sequence', 'KS 2', 'reasoning video key stage 4', 'nothing like this', 'fractons']

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

export async function benchResources(): Promise<boolean> {
  const { database, dispose } = await openBenchDatabase()
  try {
    const { db } = database
    await migrateToLatest(db)
    const rows = Array.from({ length: RESOURCES }, (_, i) => {
      const topic = TOPICS[i % TOPICS.length]!
      const title = `${topic.replace(/-/g, ' ')} ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i}`
      const tags = [topic, STAGES[i % STAGES.length]!]
      return {
        platform: 'slack',
        workspace_id: 'T1',
        canonical_url: `https://example.org/resources/${i}`,
        url: `https://example.org/resources/${i}`,
        host: 'example.org',
        title,
        tags,
        shared_by: `U${i % 300}`,
      }
    })
    for (let i = 0; i < rows.length; i += 1_000) await db.insertInto('resources').values(rows.slice(i, i + 1_000)).execute()
    await sql`analyze`.execute(db)
    const times: number[] = []
    let found = 0
    for (let run = 0; run < RUNS; run++) {
      const query = QUERIES[run % QUERIES.length]!
      const t = performance.now()
      const result = await searchLibrary(db, { platform: 'slack', workspaceId: 'T1' }, query)
      times.push(performance.now() - t)
      found += result.total
    }
    times.sort((a, b) => a - b)
    console.log(`resource search: ${RESOURCES} resources, ${RUNS} searches by words, tags and both; database: ${process.env.DATABASE_URL ? 'Postgres server' : 'embedded (PGlite)'}`)
    console.log(`  p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (target p99 ≤ 100 ms)`)
    return found > 0
  } finally {
    await dispose()
  }
}
