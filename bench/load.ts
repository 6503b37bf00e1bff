// A closed-loop load generator: `concurrency` clients, each sending its next request as soon as
// the last one is answered, over keep-alive connections. Every latency is kept, so percentiles
// are exact (autocannon's histogram rounds to whole milliseconds, too coarse here).
import http from 'node:http'

export interface LoadRequest {
  path: string
  headers: Record<string, string>
  body: string
}

export interface LoadResult {
  requests: number
  failures: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  max: number
}

export async function runLoad(options: {
  port: number
  concurrency: number
  seconds: number
  makeRequest: (sequence: number) => LoadRequest
  /** Checks each answer; false counts as a failure. */
  accept: (status: number, body: string) => boolean
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency })
  const latencies: number[] = []
  let failures = 0
  let sequence = 0
  const started = performance.now()
  const deadline = started + options.seconds * 1000

  const send = (request: LoadRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { port: options.port, host: '127.0.0.1', method: 'POST', path: request.path, headers: request.headers, agent },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
        },
      )
      req.on('error', reject)
      req.end(request.body)
    })

  const client = async () => {
    while (performance.now() < deadline) {
      const request = options.makeRequest(sequence++)
      const t0 = performance.now()
      try {
        const { status, body } = await send(request)
        latencies.push(performance.now() - t0)
        if (!options.accept(status, body)) failures += 1
      } catch {
        failures += 1
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, client))
  agent.destroy()
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN
  return {
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? Number.NaN,
  }
}
