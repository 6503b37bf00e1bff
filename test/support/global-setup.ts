// Runs once per test run: migrates a template database so each test file starts from a
// copy in about a second, instead of running initdb (PGlite) or every migration (server).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { openDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { TEMPLATE_DB_ENV, TEMPLATE_DUMP_ENV, serverUrlFor } from './test-database.js'

export default async function setup(): Promise<() => Promise<void>> {
  const serverUrl = process.env.DATABASE_URL
  if (serverUrl) {
    const name = `mhb_template_${process.pid}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${name}`)
    await admin.query(`create database ${name}`)
    const database = await openDatabase({ url: serverUrlFor(serverUrl, name), poolSize: 1 })
    await migrateToLatest(database.db)
    await database.close()
    process.env[TEMPLATE_DB_ENV] = name
    return async () => {
      await admin.query(`drop database if exists ${name}`)
      await admin.end()
    }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'mhb-template-'))
  const pglite = await PGlite.create()
  const database = await openDatabase({ pglite })
  await migrateToLatest(database.db)
  await database.close()
  const dump = await pglite.dumpDataDir('none')
  await pglite.close()
  const file = path.join(dir, 'template.tar')
  await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  process.env[TEMPLATE_DUMP_ENV] = file
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}
