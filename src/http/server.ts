// The one HTTP server: platform webhooks (mounted by the adapters) and the health endpoint.
// Transport only: it moves bytes to route handlers and never looks inside a payload.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../core/logger.js'
import { runInRequest } from '../core/request-scope.js'
import { declaresOversizedBody, refuseOversizedBody } from './request-body.js'

export interface Route {
  method: 'GET' | 'POST'
  /** The exact path, or with `underPath` a folder ending in "/" whose every path this route serves. */
  path: string
  underPath?: boolean
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>
}

export interface HttpServer {
  /** Starts listening; resolves with the port actually bound (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then closes. */
  close(graceMs?: number): Promise<void>
  readonly server: Server
}

export function createHttpServer(options: { routes: Route[]; log: Logger }): HttpServer {
  const { routes, log } = options
  let inFlight = 0
  let drained: (() => void) | undefined
  const server = createServer((req, res) => {
    const requestId = headerValue(req.headers['x-request-id']) ?? randomUUID()
    // Everything this request sets off, whoever logs it, is logged with its id (request-scope.ts).
    runInRequest(requestId, () => serve(req, res, requestId))
  })

  function serve(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    const started = performance.now()
    res.setHeader('x-request-id', requestId)
    inFlight += 1
    res.on('close', () => {
      inFlight -= 1
      // 'close' comes from the socket, outside the request's async context.
      runInRequest(requestId, () =>
        log.debug({ method: req.method, path: req.url, status: res.statusCode, ms: +(performance.now() - started).toFixed(2) }, 'request'),
      )
      if (inFlight === 0) drained?.()
    })

    const path = (req.url ?? '/').split('?')[0]
    const matching = routes.filter((r) => (r.underPath ? path?.startsWith(r.path) : r.path === path))
    const route = matching.find((r) => r.method === req.method)
    if (!route) {
      const status = matching.length > 0 ? 405 : 404
      sendJson(res, status, { error: status === 405 ? 'method_not_allowed' : 'not_found' })
      return
    }
    // One limit for every route, before any of them buffers a byte (routes reading chunked
    // bodies count for themselves: see request-body.ts).
    if (declaresOversizedBody(req)) {
      log.warn({ requestId, path, contentLength: req.headers['content-length'] }, 'refused an oversized request body')
      refuseOversizedBody(req, res)
      return
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error: unknown) => {
        log.error({ err: error, path }, 'route failed')
        if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', requestId })
        else res.end()
      })
  }
  // Slack and Teams keep connections alive; idle ones must not hold shutdown up.
  server.keepAliveTimeout = 5_000

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => {
          server.off('error', reject)
          resolve((server.address() as AddressInfo).port)
        })
      }),
    close: async (graceMs = 10_000) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve
          }),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ])
      }
      server.closeAllConnections()
      await closed
    },
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return v && /^[\w.-]{1,100}$/.test(v) ? v : undefined
}
