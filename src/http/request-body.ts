// Request bodies with a size limit. Platform payloads are small (a Bot Framework activity or
// a Slack interaction is a few KB), so anything near the limit is a mistake or an attack; the
// caller is told with 413, and the rest of its body is read and thrown away so the client
// sees the status instead of a reset connection.
import type { IncomingMessage, ServerResponse } from 'node:http'

/** The largest body any route accepts. */
export const MAX_BODY_BYTES = 1_000_000

/** Past this many bytes a client that ignores the 413 is cut off rather than drained. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES

export class BodyTooLargeError extends Error {
  readonly status = 413
  constructor() {
    super('request body too large')
    this.name = 'BodyTooLargeError'
  }
}

/** True when the request says up front that its body is over the limit. */
export function declaresOversizedBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): boolean {
  const length = Number(req.headers['content-length'])
  return Number.isFinite(length) && length > maxBytes
}

/** The whole body, or BodyTooLargeError once it passes `maxBytes` (the rest is drained). */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaresOversizedBody(req, maxBytes)) {
      drain(req)
      reject(new BodyTooLargeError())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        req.off('data', onData)
        chunks.length = 0
        drain(req, size)
        reject(new BodyTooLargeError())
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Answers 413 to a request whose body is over the limit, draining what it still sends. */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse): void {
  drain(req)
  sendTooLarge(res)
}

/** 413 with one neutral sentence; the connection closes once the client has sent its body. */
export function sendTooLarge(res: ServerResponse): void {
  const text = JSON.stringify({ error: 'payload_too_large', message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.` })
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), connection: 'close' })
  res.end(text)
}

function drain(req: IncomingMessage, alreadyRead = 0): void {
  let drained = alreadyRead
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained > MAX_DRAIN_BYTES) req.socket.destroy()
  })
  req.resume()
}
