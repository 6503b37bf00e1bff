// Opens the configured store for one process: the Postgres server when DATABASE_URL is set,
// otherwise the embedded database under DATA_DIR, locked so that only one process (the bot
// or a command-line tool) uses it at a time.
import type { PGlite } from '@electric-sql/pglite'
import { checkDatabaseUrl } from './check-database-url.js'
import { ensureDataDir } from './check-data-dir.js'
import { lockDataDir } from './data-dir-lock.js'
import { type OpenDatabase, openDatabase } from './database.js'
import type { Logger } from '../core/logger.js'

export interface StoreOptions {
  databaseUrl?: string
  dataDir: string
  /** Who holds the embedded database, for the message another process sees. */
  holder: string
  /** An already-open PGlite to use instead (tests load a migrated template). */
  pglite?: PGlite
  /** Where a Postgres server's connection trouble is reported. */
  log?: Logger
}

export async function openStore(options: StoreOptions): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    await checkDatabaseUrl(options.databaseUrl)
    return openDatabase({ url: options.databaseUrl }, options.log)
  }
  if (options.pglite) return openDatabase({ pglite: options.pglite })
  await ensureDataDir(options.dataDir)
  const lock = await lockDataDir(options.dataDir, options.holder)
  try {
    const database = await openDatabase({ dataDir: options.dataDir })
    return {
      ...database,
      close: async () => {
        await database.close()
        await lock.release()
      },
    }
  } catch (error) {
    await lock.release()
    throw error
  }
}
