// GET /charts/<token>.png through the real HTTP server: a chart the bot signed comes back as a
// PNG that may be cached for good; an altered, unsigned or oversized address draws nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHART_PATH, createChartLinks, MAX_TOKEN_LENGTH } from '../../src/charts/chart-links.js'
import { chartImageRoute } from '../../src/charts/chart-route.js'
import { renderSessionChart } from '../../src/charts/session-chart.js'
import { silentLogger } from '../../src/core/logger.js'
import type { SessionChart } from '../../src/core/messages.js'
import { createHttpServer, type HttpServer } from '../../src/http/server.js'

const links = createChartLinks('a shared secret')
const chart: SessionChart = { title: 'Turnout and average rating by session', points: [{ label: '7 Oct', turnout: 0.75, rating: 4.5 }, { label: '4 Nov', turnout: 0.5 }] }
let server: HttpServer
let base: string

beforeAll(async () => {
  server = createHttpServer({ routes: [chartImageRoute({ links, log: silentLogger() })], log: silentLogger() })
  base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`
})
afterAll(async () => {
  await server?.close()
})

const pathOf = (url: string) => new URL(url).pathname

describe('chart addresses', () => {
  it('carry the chart, signed: another secret cannot read them, and the numbers survive', () => {
    const url = links.url('https://bot.example.org', chart)
    expect(url).toMatch(/^https:\/\/bot\.example\.org\/charts\/[\w-]+\.[\w-]+\.png$/)
    const token = pathOf(url).slice(CHART_PATH.length, -'.png'.length)
    expect(links.read(token)).toEqual(chart)
    expect(createChartLinks('another secret').read(token)).toBeUndefined()
  })

  it('stay well within Slack’s 3000 characters for the longest chart allowed', () => {
    const longest: SessionChart = { title: 'é'.repeat(500), points: Array.from({ length: 40 }, () => ({ label: '€'.repeat(40), turnout: 0.333333, rating: 4.44444 })) }
    const url = links.url('https://maths-hubs-bot.example-hub.org.uk', longest)
    expect(url.length).toBeLessThan(3000)
    expect(pathOf(url).length).toBeLessThan(MAX_TOKEN_LENGTH)
  })
})

describe('GET /charts/<token>.png', () => {
  it('draws a signed chart as a PNG, cacheable for good', async () => {
    const res = await fetch(`${base}${pathOf(links.url('https://bot.example.org', chart))}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.equals(Buffer.from(renderSessionChart(chart)))).toBe(true)
    // The second fetch is served from what was drawn.
    const again = await fetch(`${base}${pathOf(links.url('https://bot.example.org', chart))}`)
    expect(Buffer.from(await again.arrayBuffer()).equals(body)).toBe(true)
  })

  it('refuses an altered chart, an unsigned one, a bare token and rubbish with 404', async () => {
    const path = pathOf(links.url('https://bot.example.org', chart))
    const [payload, signature] = path.slice(CHART_PATH.length, -4).split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify(['Made up', [['x', 100, 50]]])).toString('base64url')
    for (const bad of [`${forged}.${signature}.png`, `${payload}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}.png`, `${payload}.png`, `${payload}.${signature}`, 'nothing.png', '..%2F..%2Fetc.png']) {
      const res = await fetch(`${base}${CHART_PATH}${bad}`)
      expect(res.status, bad).toBe(404)
      expect(res.headers.get('content-type')).toContain('text/plain')
      await res.arrayBuffer()
    }
  })

  it('refuses an oversized address unread', async () => {
    const res = await fetch(`${base}${CHART_PATH}${'a'.repeat(MAX_TOKEN_LENGTH + 1)}.x.png`)
    expect(res.status).toBe(414)
    await res.arrayBuffer()
  })

  it('reads a signed token as untrusted: more points than a chart may have are refused', () => {
    // What a leaked key could sign: the reader still holds it to the limits.
    const key = createChartLinks('a shared secret')
    const url = key.url('https://b.example', { title: 't', points: Array.from({ length: 30 }, (_, i) => ({ label: `${i}` })) })
    const token = pathOf(url).slice(CHART_PATH.length, -4)
    expect(key.read(token)?.points).toHaveLength(12)
  })
})
