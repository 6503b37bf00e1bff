// A TCP server that speaks just enough of the Postgres wire protocol to refuse a connection the
// way a real server does (an ErrorResponse with a SQLSTATE right after the startup message), or
// to accept and never answer. For start-up failures no local server can be made to produce.
import { createServer, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface PostgresDouble {
  url(user?: string, database?: string, query?: string): string
  close(): Promise<void>
}

export type PostgresBehaviour = { refuse: { sqlstate: string; message: string } } | 'silent'

export async function startPostgresDouble(behaviour: PostgresBehaviour): Promise<PostgresDouble> {
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    if (behaviour === 'silent') return
    // The first message is the startup packet (length-prefixed, no type byte); answer it.
    socket.once('data', () => socket.end(errorResponse(behaviour.refuse.sqlstate, behaviour.refuse.message)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (user = 'bot', database = 'bot', query = '') => `postgres://${user}:secret@127.0.0.1:${port}/${database}${query}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** https://www.postgresql.org/docs/current/protocol-message-formats.html (ErrorResponse). */
function errorResponse(sqlstate: string, message: string): Buffer {
  const fields = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlstate), field('M', message), Buffer.from([0])])
  const header = Buffer.alloc(5)
  header.write('E', 0)
  header.writeInt32BE(fields.length + 4, 1)
  return Buffer.concat([header, fields])
}

function field(type: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(type), Buffer.from(value, 'utf8'), Buffer.from([0])])
}
