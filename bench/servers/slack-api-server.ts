// Slack's Web API for the reminders benchmark, in a process of its own: it enforces one
// message a second per channel and answers 429 (with Retry-After) past it. GET /stats on the
// stats port reports what it accepted. Prints {"port": n, "statsPort": m} when ready.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startSlackApiDouble } from '../../test/support/slack-double.js'

const slack = await startSlackApiDouble()
slack.limitPerChannel(1000)
const stats = createServer((req, res) => {
  const posted = slack.posted()
  if (req.url?.includes('detail')) {
    // Arrival times per channel that took more than one message: where the floor comes from.
    const byChannel = new Map<string, number[]>()
    for (const m of posted) byChannel.set(m.channel, [...(byChannel.get(m.channel) ?? []), Number(m.ts) * 1000])
    const busy = [...byChannel].filter(([, times]) => times.length > 1).map(([channel, times]) => ({ channel, times }))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(busy))
    return
  }
  const keys = new Map<string, number>()
  let first = Number.POSITIVE_INFINITY
  let last = 0
  for (const m of posted) {
    const key = String(m.metadata?.event_payload.key)
    keys.set(key, (keys.get(key) ?? 0) + 1)
    const at = Number(m.ts) * 1000
    first = Math.min(first, at)
    last = Math.max(last, at)
  }
  const rateLimited = slack.requests.filter((r) => r.status === 429).length
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ posted: posted.length, unique: keys.size, duplicates: posted.length - keys.size, rateLimited, first, last }))
})
stats.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: Number(new URL(slack.url).port), statsPort: (stats.address() as AddressInfo).port }))
})
process.on('SIGTERM', () => process.exit(0))
