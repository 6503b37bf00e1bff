// The chart picture itself: a real PNG of the promised size, the same bytes for the same
// chart, small and quick enough to serve and to ride inside a Teams card, and drawn for any
// number of sessions, with values missing.
import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CHART_LIMITS, CHART_SIZE, fitChart, renderSessionChart, sessionChartSvg } from '../../src/charts/session-chart.js'
import type { SessionChart } from '../../src/core/messages.js'

const term: SessionChart = {
  title: 'Turnout and average rating by session',
  points: [
    { label: '7 Oct', turnout: 0.75, rating: 4.5 },
    { label: '4 Nov', turnout: 0.5 },
    { label: '2 Dec', turnout: 1, rating: 3.8 },
  ],
}
const many = (n: number): SessionChart => ({ title: 'A long year', points: Array.from({ length: n }, (_, i) => ({ label: `Session ${i + 1}`, turnout: (i % 5) / 4, ...(i % 3 ? { rating: 1 + (i % 5) } : {}) })) })

/** Width, height and the decoded pixel rows of a PNG, checking its structure on the way. */
function readPng(png: Uint8Array): { width: number; height: number; colourType: number; rows: Buffer } {
  const bytes = Buffer.from(png)
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  let offset = 8
  const chunks: { type: string; data: Buffer }[] = []
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset)
    chunks.push({ type: bytes.toString('ascii', offset + 4, offset + 8), data: bytes.subarray(offset + 8, offset + 8 + length) })
    offset += 12 + length
  }
  expect(chunks[0]!.type).toBe('IHDR')
  expect(chunks.at(-1)!.type).toBe('IEND')
  const header = chunks[0]!.data
  const rows = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)))
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4), colourType: header[9]!, rows }
}

describe('the session chart', () => {
  it('is a PNG of 800×400 whose every row decodes', () => {
    const png = readPng(renderSessionChart(term))
    expect(png).toMatchObject({ width: CHART_SIZE.width, height: CHART_SIZE.height, colourType: 3 })
    expect(png.rows.length).toBe((CHART_SIZE.width + 1) * CHART_SIZE.height)
  })

  it('gives the same bytes for the same chart, and different ones for a different chart', () => {
    const once = Buffer.from(renderSessionChart(term))
    expect(Buffer.from(renderSessionChart(structuredClone(term))).equals(once)).toBe(true)
    const changed = { ...term, points: [...term.points.slice(0, 2), { label: '2 Dec', turnout: 0.9, rating: 3.8 }] }
    expect(Buffer.from(renderSessionChart(changed)).equals(once)).toBe(false)
  })

  it('is small enough for a Teams card and quick enough to serve', () => {
    renderSessionChart(many(12))
    const started = performance.now()
    const runs = 5
    let biggest = 0
    for (let i = 0; i < runs; i += 1) biggest = Math.max(biggest, renderSessionChart(many(12 - i)).length)
    const ms = (performance.now() - started) / runs
    expect(biggest).toBeLessThan(30_000)
    // About 40 ms on an idle machine; the bound catches a pathological change, not a busy CI.
    expect(ms).toBeLessThan(1500)
  })

  it('draws no sessions, one session, and only the latest twelve of more', () => {
    for (const chart of [{ title: 'Nothing yet', points: [] }, many(1), many(20)]) expect(readPng(renderSessionChart(chart)).width).toBe(800)
    expect(sessionChartSvg({ title: 'Nothing yet', points: [] })).toContain('No sessions to show yet')
    const fitted = fitChart(many(20))
    expect(fitted.points).toHaveLength(CHART_LIMITS.points)
    expect(fitted.points[0]!.label).toBe('Session 9')
    expect(fitted.points.at(-1)!.label).toBe('Session 20')
  })

  it('leaves a gap where a value is missing, and keeps values within their axes', () => {
    const svg = sessionChartSvg({ title: 'Gaps', points: [{ label: 'A', rating: 4 }, { label: 'B' }, { label: 'C', turnout: 0.5, rating: 2 }] })
    // No bar for A or B, no line across B: only dots.
    expect(svg.match(/<rect [^>]*fill="#0072b2"/g)).toHaveLength(2) // the legend's swatch and C's bar
    expect(svg).not.toContain('<path')
    expect(svg.match(/<circle /g)).toHaveLength(3) // the legend's and A's and C's
    expect(svg).toContain('>–<')
    expect(fitChart({ title: 't', points: [{ label: 'x', turnout: 7, rating: 9 }, { label: 'y', turnout: -1, rating: Number.NaN }] }).points).toEqual([
      { label: 'x', turnout: 1, rating: 5 },
      { label: 'y', turnout: 0 },
    ])
  })

  it('writes names as text, never as markup', () => {
    const svg = sessionChartSvg({ title: '<script>&"', points: [{ label: '</text>', turnout: 1 }] })
    expect(svg).toContain('&lt;script&gt;&amp;&quot;')
    expect(svg).toContain('&lt;/text&gt;')
    expect(svg).not.toContain('<script>')
  })
})
