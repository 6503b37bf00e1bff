// What operators and load balancers ask: /healthz (is the process alive and its database
// reachable), /readyz (should it get traffic: started, not stopping, database reachable), and
// / (what this server is).
import type { ChatAdapter } from '../core/adapter.js'
import { type Db, isDatabaseReachable } from '../db/database.js'
import { type Route, sendJson } from './server.js'

/** Set by the composition root: true once everything has started, false as soon as stopping begins. */
export interface Lifecycle {
  state: 'starting' | 'ready' | 'stopping'
}

/**
 * Load balancers give up on a probe after a second or two and count that as down anyway; a
 * database that hangs (a dead server whose connection is not yet reset, a full pool) must get
 * 503 in time, not a probe that hangs with it.
 */
export const PROBE_TIMEOUT_MS = 800

async function reachableInTime(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)
  })
  try {
    return await Promise.race([isDatabaseReachable(db), timedOut])
  } finally {
    clearTimeout(timer)
  }
}

export function healthRoute(db: Db, kind: string, adapters: ChatAdapter[]): Route {
  return {
    method: 'GET',
    path: '/healthz',
    handle: async (_req, res) => {
      const reachable = await reachableInTime(db)
      sendJson(res, reachable ? 200 : 503, {
        status: reachable ? 'ok' : 'unavailable',
        database: { kind, reachable },
        platforms: adapters.map((a) => a.platform),
      })
    },
  }
}

export function readinessRoute(db: Db, lifecycle: Lifecycle): Route {
  return {
    method: 'GET',
    path: '/readyz',
    handle: async (_req, res) => {
      if (lifecycle.state !== 'ready') return sendJson(res, 503, { status: lifecycle.state })
      const reachable = await reachableInTime(db)
      sendJson(res, reachable ? 200 : 503, { status: reachable ? 'ready' : 'database unavailable' })
    },
  }
}

export function rootRoute(): Route {
  return {
    method: 'GET',
    path: '/',
    handle: (_req, res) =>
      sendJson(res, 200, {
        name: 'Maths Hubs bot',
        endpoints: { slack: 'POST /slack/events', teams: 'POST /api/messages', health: 'GET /healthz', readiness: 'GET /readyz' },
      }),
  }
}
