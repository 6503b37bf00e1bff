// The Postgres server dropping an idle pooled connection (a restart, a failover, an
// administrator) is logged as a warning with the server's code, never with the connection URL,
// and the next query simply opens a new connection. Only a real server has such connections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openDatabase, type OpenDatabase } from '../../src/db/database.js'
import { eventually } from '../support/http-double.js'
import { capturingLogger } from '../support/log-capture.js'
import { usingServer } from '../support/test-database.js'

describe.skipIf(!usingServer())('pool errors on the Postgres server', () => {
  const logs = capturingLogger()
  let database: OpenDatabase
  let observer: OpenDatabase

  beforeAll(async () => {
    database = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 1 }, logs.log)
    observer = await openDatabase({ url: process.env.DATABASE_URL!, poolSize: 1 })
  })
  afterAll(async () => {
    await database?.close()
    await observer?.close()
  })

  it('logs a dropped idle connection as a warning with its code, and carries on', async () => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)
    await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(observer.db)

    const line = await eventually(() => logs.matching('closed an idle connection')[0])
    expect(line).toMatchObject({ level: 40, code: '57P01' })
    expect(String(line.reason)).toMatch(/terminat/i)
    expect(JSON.stringify(logs.lines)).not.toContain(process.env.DATABASE_URL!)
    const again = await sql<{ one: number }>`select 1 as one`.execute(database.db)
    expect(again.rows[0]?.one).toBe(1)
  })
})
