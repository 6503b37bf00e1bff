// The README's backup and restore steps, done as an operator would: for the embedded database,
// stop the bot, copy DATA_DIR, and later put the copy back; for a server, pg_dump and
// pg_restore. What was there at the backup is there again after the restore.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import type { Db } from '../../src/db/database.js'
import { ensureHub } from '../../src/domain/work-groups.js'
import { startBot } from '../../src/main.js'
import { silentLogger } from '../../src/core/logger.js'
import { createTestDatabase, usingServer } from '../support/test-database.js'

const hubs = async (db: Db) => (await db.selectFrom('hubs').select('name').orderBy('name').execute()).map((h) => h.name)
const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('the embedded database', () => {
  it('a copy of DATA_DIR taken while the bot is stopped brings everything back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mhb-backup-'))
    dirs.push(root)
    const dataDir = join(root, 'data')
    const backup = join(root, 'backup')
    // Only the embedded database is under test here, even when the suite runs on a server.
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir })
    const start = () => startBot(config, { log: silentLogger(), host: '127.0.0.1', manualJobs: true })

    let bot = await start()
    await ensureHub(bot.db, { platform: 'slack', workspaceId: 'T0001' }, 'North Maths Hub')
    await bot.stop()
    cpSync(dataDir, backup, { recursive: true })

    // Something goes wrong after the backup: the hub is lost and another appears.
    bot = await start()
    await bot.db.deleteFrom('hubs').execute()
    await ensureHub(bot.db, { platform: 'slack', workspaceId: 'T0001' }, 'After the backup')
    await bot.stop()

    rmSync(dataDir, { recursive: true })
    cpSync(backup, dataDir, { recursive: true })
    bot = await start()
    try {
      expect(await hubs(bot.db)).toEqual(['North Maths Hub'])
    } finally {
      await bot.stop()
    }
  }, 60_000)
})

describe.runIf(usingServer())('a Postgres server', () => {
  it('pg_dump, then pg_restore --clean into the same database, brings everything back', async () => {
    const database = await createTestDatabase()
    const root = mkdtempSync(join(tmpdir(), 'mhb-dump-'))
    dirs.push(root)
    const file = join(root, 'bot.dump')
    const url = database.url as string
    try {
      await ensureHub(database.db, { platform: 'slack', workspaceId: 'T0001' }, 'North Maths Hub')
      execFileSync('pg_dump', ['--format=custom', `--file=${file}`, url])
      await database.db.deleteFrom('hubs').execute()
      await ensureHub(database.db, { platform: 'slack', workspaceId: 'T0001' }, 'After the backup')
      execFileSync('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${url}`, file])
      expect(await hubs(database.db)).toEqual(['North Maths Hub'])
    } finally {
      await database.close()
    }
  }, 60_000)
})
