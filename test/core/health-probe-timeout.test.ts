// A database that hangs (accepts connections, never answers) makes the health and readiness
// probes answer 503 within a second, instead of hanging with it.
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { silentLogger } from '../../src/core/logger.js'
import { openDatabase, type OpenDatabase } from '../../src/db/database.js'
import { healthRoute, readinessRoute } from '../../src/http/health-routes.js'
import { createHttpServer, type HttpServer } from '../../src/http/server.js'

let silentPostgres: Server
const sockets: Socket[] = []
let database: OpenDatabase
let http: HttpServer
let url: string
beforeAll(async () => {
  // Speaks no protocol at all: a Postgres that froze after accepting the connection.
  silentPostgres = createServer((socket) => void sockets.push(socket))
  await new Promise<void>((resolve) => silentPostgres.listen(0, '127.0.0.1', resolve))
  const { port } = silentPostgres.address() as AddressInfo
  database = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/test` })
  http = createHttpServer({ routes: [healthRoute(database.db, database.kind, []), readinessRoute(database.db, { state: 'ready' })], log: silentLogger() })
  url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`
})
afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await http?.close(0)
  await database?.close().catch(() => {})
  silentPostgres?.close()
})

it.each(['/healthz', '/readyz'])('answers %s 503 within a second when the database hangs', async (path) => {
  const started = performance.now()
  const res = await fetch(`${url}${path}`)
  const elapsed = performance.now() - started
  expect(res.status).toBe(503)
  expect(elapsed).toBeLessThan(1_000)
})
