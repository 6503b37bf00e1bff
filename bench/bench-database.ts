// The bench's database and its Work Groups: 20,000 participants in 1,500 groups. 15,000 people
// are in one group each; 500 (hub staff, Mastery Specialists) are in ten groups each, so the
// busiest person gets ten of anything that goes to every participant at once.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { Db } from '../src/db/database.js'
import { type OpenDatabase, openDatabase } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'

export const GROUPS = 1_500
export const SINGLE_GROUP_PEOPLE = 15_000
export const MANY_GROUP_PEOPLE = 500
export const GROUPS_EACH = 10

/** A throwaway database: on the server named by DATABASE_URL, or embedded in a temporary folder. */
export async function openBenchDatabase(): Promise<{ database: OpenDatabase; dispose: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    const name = `mhb_bench_${process.pid}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${name}`)
    await admin.query(`create database ${name}`)
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    const database = await openDatabase({ url: url.toString(), poolSize: 10 })
    return {
      database,
      dispose: async () => {
        await database.close()
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'mhb-bench-reminders-'))
  const database = await openDatabase({ dataDir: dir })
  return { database, dispose: async () => (await database.close(), await rm(dir, { recursive: true, force: true })) }
}

/** The one workspace the benchmarks' groups live in. */
export const BENCH_SCOPE = { platform: 'slack' as const, workspace_id: 'T1' }

/** Migrates, then adds the groups and their participants; returns the groups' ids and how many memberships. */
export async function seedWorkGroups(db: Db, reminderOffsets: number[]): Promise<{ groups: { id: string }[]; memberships: number }> {
  await migrateToLatest(db)
  const hub = await db.insertInto('hubs').values({ platform: 'slack', workspace_id: 'T1', name: 'Bench Hub', name_key: 'bench hub' }).returning('id').executeTakeFirstOrThrow()
  const groups = await db
    .insertInto('work_groups')
    .values(
      Array.from({ length: GROUPS }, (_, g) => ({
        platform: 'slack',
        workspace_id: 'T1',
        conversation_id: `C${g}`,
        hub_id: hub.id,
        project_id: 'mathematical-thinking-gcse',
        project_title: 'Mathematical Thinking for GCSE',
        school_year: '2026/27',
        lead_user_id: `ULEAD${g}`,
        reminder_offsets: reminderOffsets,
      })),
    )
    .returning('id')
    .execute()
  const memberships: { platform: 'slack'; workspace_id: string; work_group_id: string; user_id: string; source: 'channel' }[] = []
  for (let p = 0; p < SINGLE_GROUP_PEOPLE; p++) memberships.push({ ...BENCH_SCOPE, work_group_id: groups[p % GROUPS]!.id, user_id: `USINGLE${p}`, source: 'channel' })
  for (let p = 0; p < MANY_GROUP_PEOPLE; p++)
    for (let k = 0; k < GROUPS_EACH; k++) memberships.push({ ...BENCH_SCOPE, work_group_id: groups[(p * GROUPS_EACH + k) % GROUPS]!.id, user_id: `UMANY${p}`, source: 'channel' })
  for (let i = 0; i < memberships.length; i += 2_000) await db.insertInto('participants').values(memberships.slice(i, i + 2_000)).execute()
  return { groups, memberships: memberships.length }
}
