// Applies the migrations in /migrations. Kysely holds a Postgres advisory lock while it
// migrates, so two instances starting at once apply each migration exactly once.
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type Migration, type MigrationProvider, Migrator } from 'kysely'
import { BotError } from '../core/errors.js'
import type { Db } from './database.js'

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url))

/**
 * Loads every migration file by name. Kysely's FileMigrationProvider imports from inside
 * node_modules, where TypeScript files cannot be loaded under vitest; importing from here can.
 */
const migrationFiles: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {}
    // .ts from the source tree (tsx, vitest), .js from the built one (npm run build).
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{14}_[\w-]+\.(ts|js)$/.test(f)).sort()
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration
    }
    return migrations
  },
}

/** Migrates to the latest version and returns the names applied; throws on failure. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationFiles })
  // migrateToLatest reports failure in its result instead of throwing.
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new BotError('storage', `Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
