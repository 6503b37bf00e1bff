// A fresh, migrated database for one test file: a PGlite copy of the template by default, or
// a database of its own on the Postgres server when DATABASE_URL is set (CI runs both).
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { type Db, EMBEDDED_ENGINE, openDatabase } from '../../src/db/database.js'

export const TEMPLATE_DUMP_ENV = 'MHB_TEST_TEMPLATE_DUMP'
export const TEMPLATE_DB_ENV = 'MHB_TEST_TEMPLATE_DB'

export interface TestDatabase {
  db: Db
  kind: 'embedded' | 'postgres'
  /** What to hand to startBot: an open PGlite, or a server URL. */
  pglite?: PGlite
  url?: string
  close(): Promise<void>
}

export const usingServer = (): boolean => Boolean(process.env.DATABASE_URL)

export function serverUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/**
 * A migrated database to hand to startBot: an open PGlite or a server URL, without a kysely
 * instance of its own (two pools on one PGlite could interleave their transactions).
 */
export interface TestStore {
  pglite?: PGlite
  url?: string
  close(): Promise<void>
}

/** A database migrated from the template, for startBot. */
export function createTestStore(): Promise<TestStore> {
  return createStore('migrated')
}

/** A migrated database with a kysely instance, for tests that query directly. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return withKysely(await createStore('migrated'))
}

/** An empty database with no migrations, for testing migrations themselves. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  return withKysely(await createStore('empty'))
}

/** A PGlite holding a copy of the migrated template. */
export async function loadTemplatePglite(): Promise<PGlite> {
  const file = process.env[TEMPLATE_DUMP_ENV]
  if (!file) throw new Error('The test template is missing: run the tests through vitest (global setup).')
  return PGlite.create({ loadDataDir: new Blob([await readFile(file)]), ...EMBEDDED_ENGINE })
}

async function createStore(contents: 'migrated' | 'empty'): Promise<TestStore> {
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    const name = `mhb_${contents}_${randomBytes(6).toString('hex')}`
    await withAdmin(serverUrl, async (admin) => {
      if (contents === 'migrated') await createFromTemplate(admin, name)
      else await admin.query(`create database ${name}`)
    })
    return {
      url: serverUrlFor(serverUrl, name),
      close: () => withAdmin(serverUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(() => {}),
    }
  }
  const pglite = contents === 'migrated' ? await loadTemplatePglite() : await PGlite.create({ ...EMBEDDED_ENGINE })
  return { pglite, close: () => pglite.close() }
}

async function withKysely(store: TestStore): Promise<TestDatabase> {
  const database = await openDatabase(store.url ? { url: store.url } : { pglite: store.pglite! })
  return {
    db: database.db,
    kind: database.kind,
    ...store,
    close: async () => {
      await database.close()
      await store.close()
    },
  }
}

async function createFromTemplate(admin: pg.Client, name: string): Promise<void> {
  const template = process.env[TEMPLATE_DB_ENV]
  if (!template) throw new Error('The test template database is missing: run the tests through vitest (global setup).')
  // Two files copying the template at the same moment can collide; a retry settles it.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${template}`)
      return
    } catch (error) {
      if (attempt >= 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt))
    }
  }
}

async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    return await fn(admin)
  } finally {
    await admin.end()
  }
}
