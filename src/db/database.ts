// Opens the store: a Postgres server through `pg` when a URL is given, otherwise PGlite (real
// Postgres compiled to WASM, in-process) under a data directory, so a fresh clone runs with
// no server. Both go through kysely's PostgresDialect with a node-postgres pool, so queries
// and type parsing are the same on both.
import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { createPgConfig } from '@electric-sql/pglite/node-postgres'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Logger } from '../core/logger.js'
import { unpackEmbeddedTemplate } from './embedded-template.js'
import type { Database } from './schema.js'

export type Db = Kysely<Database>

// A SQL `date` is a calendar day, not an instant: pg would turn it into local midnight and shift
// it by a day in some time zones. Keep it as "YYYY-MM-DD" (PGlite goes through the same parsers).
const DATE_OID = 1082
pg.types.setTypeParser(DATE_OID, (value: string) => value)

export interface OpenDatabase {
  db: Db
  kind: 'postgres' | 'embedded'
  /** Closes the pool and, for PGlite, the engine; the process cannot exit until this runs. */
  close(): Promise<void>
}

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string }
  /** An already-open PGlite, e.g. one loaded from a migrated template in tests. */
  | { pglite: PGlite }

/**
 * Bounds on waiting for the server, so a hung database fails a request with the apology in
 * seconds instead of holding it (and its pool connection) forever. Slack wants an answer in
 * 3 s and Teams retries after about 15 s, so nothing a person waits for should take longer.
 */
const SERVER_TIMEOUTS = {
  // Opening a connection (or waiting for a free one in the pool): a server that is down or
  // unreachable is reported in 5 s rather than at the operating system's TCP timeout (minutes).
  connectionTimeoutMillis: 5_000,
  // The slowest legitimate statement (a catalogue import, a retention purge) takes well under a second.
  statement_timeout: 15_000,
  // Waiting on another transaction's row lock (two instances claiming the same delivery).
  lock_timeout: 5_000,
  // A transaction left open by a crashed handler would hold its locks and connection.
  idle_in_transaction_session_timeout: 30_000,
} as const

// PGlite has no equivalent: it runs queries synchronously in this process's WASM engine, so
// nothing can interrupt one, and with one connection there is no other session to wait on.

/** `log`: where a server's dropped connections are reported; without it they pass silently. */
/**
 * The embedded engine's settings. Postgres's default 128 MB of shared buffers is allocated in
 * PGlite's WASM memory at start and never given back; a hub's database is a few MB, so 32 MB
 * holds all of it while the process idles at about 210 MB instead of 320 MB (measured with
 * `BENCH_ONLY=startup npm run bench`). The rest are PGlite's own defaults.
 */
export const EMBEDDED_ENGINE: { startParams: string[] } = {
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
}

export async function openDatabase(options: DatabaseOptions, log?: Logger): Promise<OpenDatabase> {
  if ('url' in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, ...SERVER_TIMEOUTS })
    // An idle connection the server drops (a restart, a failover) must not crash the process:
    // the pool discards it and the next query opens a new one (or fails with a clear error).
    // Operators still need to see it happen; the code and message never hold the connection URL.
    pool.on('error', (error: Error & { code?: string }) => {
      log?.warn({ code: error.code, reason: error.message }, 'The database server closed an idle connection; the next query opens a new one.')
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  let pglite: PGlite
  let ownsEngine: boolean
  if ('pglite' in options) {
    pglite = options.pglite
    ownsEngine = false
  } else {
    await mkdir(options.dataDir, { recursive: true })
    await unpackEmbeddedTemplate(options.dataDir)
    pglite = await PGlite.create(options.dataDir, EMBEDDED_ENGINE)
    ownsEngine = true
  }
  // PGlite is a single connection: the pool has one client and concurrent queries queue.
  const pool = new pg.Pool(createPgConfig(pglite))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'embedded',
    close: async () => {
      await db.destroy()
      if (ownsEngine) await pglite.close()
    },
  }
}

/** True when the database answers a trivial query; used by the health endpoint. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}
