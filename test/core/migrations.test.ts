// Migrations from an empty database, on PGlite by default and on the real server in CI.
import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { createEmptyDatabase, type TestDatabase, usingServer } from '../support/test-database.js'

let database: TestDatabase | undefined
afterEach(async () => {
  await database?.close()
  database = undefined
})

describe('migrations', () => {
  it('create every table from empty, and a second run does nothing', async () => {
    database = await createEmptyDatabase()
    const applied = await migrateToLatest(database.db)
    expect(applied).toContain('20261123100000_foundation')
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(database.db)
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(['catalogue_projects', 'catalogue_years', 'conversation_references', 'processed_events']),
    )
    expect(await migrateToLatest(database.db)).toEqual([])
  })

  it.runIf(usingServer())('two instances migrating at once apply each migration exactly once', async () => {
    database = await createEmptyDatabase()
    const second = await openDatabase({ url: database.url! })
    try {
      const [a, b] = await Promise.all([migrateToLatest(database.db), migrateToLatest(second.db)])
      const files = (await readdir(fileURLToPath(new URL('../../migrations', import.meta.url)))).filter((f) => f.endsWith('.ts'))
      // Between them every migration ran once: one instance did the work, the other found it done.
      expect([...a, ...b].sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort())
      const rows = await sql<{ n: string }>`select count(*) as n from kysely_migration`.execute(database.db)
      expect(Number(rows.rows[0]!.n)).toBe(files.length)
    } finally {
      await second.close()
    }
  })
})
