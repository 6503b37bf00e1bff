// GET /charts/<token>.png: draws the chart a signed token carries (chart-links.ts). The
// picture is fixed by its address, so browsers and Slack may keep it for good; the last few
// drawn are kept here too, since Slack and a channel's readers fetch the same one at once.
import type { Logger } from '../core/logger.js'
import type { Route } from '../http/server.js'
import { CHART_PATH, type ChartLinks, MAX_TOKEN_LENGTH } from './chart-links.js'
import { renderSessionChart } from './session-chart.js'

const KEPT = 32

export function chartImageRoute(deps: { links: ChartLinks; log: Logger }): Route {
  const recent = new Map<string, Uint8Array>()
  return {
    method: 'GET',
    path: CHART_PATH,
    underPath: true,
    handle: (req, res) => {
      const path = (req.url ?? '').split('?')[0] ?? ''
      const token = path.endsWith('.png') ? path.slice(CHART_PATH.length, -'.png'.length) : ''
      if (token.length > MAX_TOKEN_LENGTH) {
        res.writeHead(414, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('This chart address is too long.\n')
        return
      }
      let png = recent.get(token)
      if (!png) {
        const chart = token ? deps.links.read(token) : undefined
        if (!chart) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
          res.end('There is no chart at this address.\n')
          return
        }
        png = renderSessionChart(chart)
        recent.set(token, png)
        if (recent.size > KEPT) recent.delete(recent.keys().next().value!)
        deps.log.debug({ points: chart.points.length, bytes: png.length }, 'chart drawn')
      }
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'public, max-age=31536000, immutable' })
      res.end(png)
    },
  }
}
