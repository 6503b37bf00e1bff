// A Work Group's sessions as a picture: turnout as bars on the left axis (0–100%), the average
// rating as dots joined by a line on the right axis (0–5), drawn as SVG and rasterised to PNG
// (svg-to-png.ts). Sized for a phone: 800×400 with large type, dark text on white, and the
// Okabe–Ito blue and vermilion, which stay apart for every common colour-vision deficiency.
// The same chart always gives the same bytes, so a URL can be cached forever.
import type { SessionChart, SessionChartPoint } from '../core/messages.js'
import { svgToPng } from './svg-to-png.js'

export const CHART_SIZE = { width: 800, height: 400 } as const

/** More points than this do not fit a phone: the latest are kept. */
export const CHART_LIMITS = { points: 12, titleLength: 70, labelLength: 10 } as const

const INK = '#1a1a1a'
const MUTED = '#555555'
const GRID = '#d0d0d0'
const TURNOUT = '#0072b2'
const RATING = '#d55e00'
const FONT = 'Atkinson Hyperlegible'

/** The chart as it will be drawn: cut to the limits, values clamped to their ranges. */
export function fitChart(chart: SessionChart): SessionChart {
  const clamp = (v: number | undefined, lo: number, hi: number) => (v === undefined || !Number.isFinite(v) ? undefined : Math.min(hi, Math.max(lo, v)))
  return {
    title: cut(chart.title.trim(), CHART_LIMITS.titleLength),
    points: chart.points.slice(-CHART_LIMITS.points).map((p) => {
      const turnout = clamp(p.turnout, 0, 1)
      const rating = clamp(p.rating, 1, 5)
      return { label: cut(p.label.trim(), CHART_LIMITS.labelLength), ...(turnout !== undefined ? { turnout } : {}), ...(rating !== undefined ? { rating } : {}) }
    }),
  }
}

/** PNG bytes of the chart. */
export function renderSessionChart(chart: SessionChart): Uint8Array {
  return svgToPng(sessionChartSvg(chart))
}

// The plot area; the rest is title, legend, axis labels.
const PLOT = { left: 78, right: 722, top: 100, bottom: 318 } as const
const STEPS = 5

export function sessionChartSvg(input: SessionChart): string {
  const chart = fitChart(input)
  const { width, height } = CHART_SIZE
  const plotHeight = PLOT.bottom - PLOT.top
  const yOf = (share: number) => PLOT.bottom - share * plotHeight
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    text(24, 40, chart.title, { size: 26, weight: 'bold' }),
    ...legend(),
  ]
  // Gridlines shared by both axes: 0, 20 … 100% on the left is 0, 1 … 5 on the right.
  for (let i = 0; i <= STEPS; i += 1) {
    const y = yOf(i / STEPS)
    parts.push(`<line x1="${PLOT.left}" y1="${y}" x2="${PLOT.right}" y2="${y}" stroke="${i === 0 ? INK : GRID}" stroke-width="${i === 0 ? 2 : 1}"/>`)
    parts.push(text(PLOT.left - 10, y + 6, `${i * 20}%`, { size: 17, anchor: 'end', fill: TURNOUT }))
    parts.push(text(PLOT.right + 10, y + 6, String(i), { size: 17, fill: RATING }))
  }
  // Under each session's name, its turnout in figures: the row is named on the left.
  const FIGURES_Y = PLOT.bottom + 50
  parts.push(text(PLOT.left - 10, FIGURES_Y, 'Turnout', { size: 15, fill: TURNOUT, weight: 'bold', anchor: 'end' }))

  const points = chart.points
  if (points.length === 0) {
    parts.push(text((PLOT.left + PLOT.right) / 2, (PLOT.top + PLOT.bottom) / 2, 'No sessions to show yet', { size: 22, anchor: 'middle', fill: MUTED }))
    return `${parts.join('')}</svg>`
  }

  const slot = (PLOT.right - PLOT.left) / points.length
  const centre = (i: number) => PLOT.left + slot * (i + 0.5)
  const barWidth = Math.min(64, slot * 0.62)
  const labelSize = points.length <= 8 ? 18 : 15
  points.forEach((p, i) => {
    const x = centre(i)
    if (p.turnout !== undefined) {
      const top = yOf(p.turnout)
      parts.push(`<rect x="${round(x - barWidth / 2)}" y="${round(top)}" width="${round(barWidth)}" height="${round(PLOT.bottom - top)}" fill="${TURNOUT}"/>`)
    }
    parts.push(text(x, PLOT.bottom + 26, p.label, { size: labelSize, anchor: 'middle' }))
    const figure = p.turnout === undefined ? '–' : `${Math.round(p.turnout * 100)}%`
    parts.push(text(x, FIGURES_Y, figure, { size: labelSize, anchor: 'middle', weight: 'bold', fill: TURNOUT }))
  })

  // The rating line joins neighbouring sessions that both have a rating; a gap stays a gap.
  const ratingY = (r: number) => yOf(r / STEPS)
  const segments: string[] = []
  points.forEach((p, i) => {
    const next = points[i + 1]
    if (p.rating !== undefined && next?.rating !== undefined)
      segments.push(`M${round(centre(i))} ${round(ratingY(p.rating))}L${round(centre(i + 1))} ${round(ratingY(next.rating))}`)
  })
  if (segments.length) parts.push(`<path d="${segments.join('')}" fill="none" stroke="${RATING}" stroke-width="4" stroke-linejoin="round"/>`)
  points.forEach((p, i) => {
    if (p.rating === undefined) return
    const x = centre(i)
    const y = ratingY(p.rating)
    parts.push(`<circle cx="${round(x)}" cy="${round(y)}" r="8" fill="${RATING}" stroke="#ffffff" stroke-width="2.5"/>`)
    // Above the dot, with a white halo so it reads over a bar or a gridline.
    parts.push(text(x, y - 14, p.rating.toFixed(1), { size: points.length <= 8 ? 17 : 14, anchor: 'middle', weight: 'bold', fill: RATING, halo: true }))
  })
  return `${parts.join('')}</svg>`
}

function legend(): string[] {
  const y = 74
  return [
    `<rect x="24" y="${y - 15}" width="18" height="18" fill="${TURNOUT}"/>`,
    text(50, y, 'Turnout (% of those on the register)', { size: 18 }),
    `<line x1="470" y1="${y - 6}" x2="506" y2="${y - 6}" stroke="${RATING}" stroke-width="4"/>`,
    `<circle cx="488" cy="${y - 6}" r="7" fill="${RATING}" stroke="#ffffff" stroke-width="2"/>`,
    text(516, y, 'Average rating (1 to 5)', { size: 18 }),
  ]
}

interface TextStyle {
  size: number
  anchor?: 'start' | 'middle' | 'end'
  weight?: 'bold'
  fill?: string
  halo?: boolean
}

function text(x: number, y: number, content: string, style: TextStyle): string {
  const attrs = [
    `x="${round(x)}"`,
    `y="${round(y)}"`,
    `font-size="${style.size}"`,
    `fill="${style.fill ?? INK}"`,
    ...(style.anchor && style.anchor !== 'start' ? [`text-anchor="${style.anchor}"`] : []),
    ...(style.weight ? [`font-weight="${style.weight}"`] : []),
    ...(style.halo ? ['stroke="#ffffff"', 'stroke-width="4"', 'paint-order="stroke"', 'stroke-linejoin="round"'] : []),
  ]
  return `<text ${attrs.join(' ')}>${escapeXml(content)}</text>`
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const round = (n: number) => Math.round(n * 10) / 10

function cut(s: string, max: number): string {
  const chars = [...s]
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`
}

export type { SessionChart, SessionChartPoint }
