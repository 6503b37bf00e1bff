// A tiny recording HTTP server for the platform doubles below.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  /** Parsed JSON or form fields (JSON-looking form fields parsed too). */
  body: any
  /** The bytes as sent, for uploads (multipart, binary). */
  raw: Buffer
  /** The status the double answered with, once it has. */
  status?: number
}

export type Responder = (request: RecordedRequest, res: ServerResponse) => void

export interface HttpDouble {
  url: string
  requests: RecordedRequest[]
  close(): Promise<void>
}

export async function startHttpDouble(respond: Responder): Promise<HttpDouble> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        headers: req.headers,
        body: parseBody(raw.toString('utf8'), req.headers['content-type'] ?? ''),
        raw,
      }
      requests.push(recorded)
      res.on('finish', () => {
        recorded.status = res.statusCode
      })
      respond(recorded, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

function parseBody(raw: string, contentType: string): any {
  if (raw === '') return undefined
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const fields: Record<string, unknown> = {}
    for (const [key, value] of new URLSearchParams(raw)) {
      fields[key] = /^[[{]/.test(value) ? safeJson(value) : value
    }
    return fields
  }
  return safeJson(raw)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Waits until `check` passes, for effects that happen after an HTTP response (ack first). */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    // A promise is always "there": the check would pass at once, before the effect it waits for.
    if (value instanceof Promise) throw new Error('eventually() was given an asynchronous check; use eventuallyAsync()')
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('Timed out waiting for an expected effect')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** `eventually` for checks that query something asynchronously (the database). */
export async function eventuallyAsync<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error('Timed out waiting for an expected effect')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
