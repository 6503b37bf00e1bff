// Chart pictures at a signed, stateless address: `${PUBLIC_URL}/charts/<token>.png`, where the
// token is the chart itself (compactly, as base64url) and an HMAC of it. Any instance can
// draw it from the address alone, and nobody can make the bot draw a chart it did not send.
// The link does not expire: the picture shows only what the message it sits in already says,
// and Slack may fetch it again whenever someone scrolls back to an old message.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SessionChart, SessionChartPoint } from '../core/messages.js'
import { CHART_LIMITS, fitChart } from './session-chart.js'

export const CHART_PATH = '/charts/'

/** Longer than any token of a chart within the limits; anything longer is refused unread. */
export const MAX_TOKEN_LENGTH = 2400

export interface ChartLinks {
  /** The picture's address under `publicUrl` (no trailing slash). */
  url(publicUrl: string, chart: SessionChart): string
  /** The chart a token names, or undefined when it was not signed here or was altered. */
  read(token: string): SessionChart | undefined
}

// [title, [label, turnout as a whole percentage or null, rating in tenths or null], …]
type Packed = [string, [string, number | null, number | null][]]

/** `secret` should be the one every instance shares; without one, links die with the process. */
export function createChartLinks(secret: string | undefined): ChartLinks {
  const key = createHmac('sha256', secret && secret.length > 0 ? secret : randomBytes(32)).update('chart-image').digest()
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest()
  return {
    url: (publicUrl, chart) => {
      const payload = Buffer.from(JSON.stringify(pack(chart)), 'utf8').toString('base64url')
      return `${publicUrl}${CHART_PATH}${payload}.${mac(payload).toString('base64url')}.png`
    },
    read: (token) => {
      if (token.length > MAX_TOKEN_LENGTH) return undefined
      const [payload, signature, ...rest] = token.split('.')
      if (!payload || !signature || rest.length) return undefined
      const given = Buffer.from(signature, 'base64url')
      const expected = mac(payload)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
      try {
        return unpack(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
      } catch {
        return undefined
      }
    },
  }
}

function pack(chart: SessionChart): Packed {
  const fitted = fitChart(chart)
  return [fitted.title, fitted.points.map((p) => [p.label, p.turnout === undefined ? null : Math.round(p.turnout * 100), p.rating === undefined ? null : Math.round(p.rating * 10)])]
}

/** Signed by us, but still read as untrusted: a key could leak, or a format change. */
function unpack(value: unknown): SessionChart | undefined {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || !Array.isArray(value[1])) return undefined
  if (value[1].length > CHART_LIMITS.points) return undefined
  const points: SessionChartPoint[] = []
  for (const p of value[1] as unknown[]) {
    if (!Array.isArray(p) || typeof p[0] !== 'string') return undefined
    const [label, turnout, rating] = p as [string, unknown, unknown]
    points.push({ label, ...(typeof turnout === 'number' ? { turnout: turnout / 100 } : {}), ...(typeof rating === 'number' ? { rating: rating / 10 } : {}) })
  }
  return fitChart({ title: value[0], points })
}
