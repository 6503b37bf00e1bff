// Shared start for the command-line tools: configuration from the environment, the store
// opened (and locked, if embedded), and plain sentences (no stack traces) when something is wrong.
import { type Config, ConfigError, loadConfig } from '../src/config.js'
import { BotError } from '../src/core/errors.js'
import type { OpenDatabase } from '../src/db/database.js'
import { openStore } from '../src/db/open-store.js'

export async function runCli(holder: string, work: (database: OpenDatabase, config: Config) => Promise<number>): Promise<void> {
  let exitCode = 1
  try {
    const config = loadConfig(process.env)
    const database = await openStore({
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      dataDir: config.dataDir,
      holder,
    })
    try {
      exitCode = await work(database, config)
    } finally {
      await database.close()
    }
  } catch (error) {
    if (error instanceof ConfigError) console.error(`Configuration problem:\n- ${error.problems.join('\n- ')}`)
    else if (error instanceof BotError) console.error(error.message)
    else console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  process.exitCode = exitCode
}
