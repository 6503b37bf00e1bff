// Slack's side of the wire: signed requests into the bot, and a Web API / response_url double
// that records what the bot sends and can answer 429 like Slack does.
import { createHmac } from 'node:crypto'
import { type HttpDouble, json, startHttpDouble } from './http-double.js'

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5'

/** Slack's v0 signature (https://docs.slack.dev/authentication/verifying-requests-from-slack). */
export function signatureHeaders(body: string, secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature }
}

export interface SlackPost {
  body: string
  contentType: string
  extraHeaders?: Record<string, string>
  secret?: string
  timestamp?: number
}

export async function postToSlackEndpoint(botUrl: string, post: SlackPost): Promise<{ status: number; body: string; json?: any }> {
  const response = await fetch(`${botUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': post.contentType,
      ...signatureHeaders(post.body, post.secret, post.timestamp),
      ...post.extraHeaders,
    },
    body: post.body,
  })
  const body = await response.text()
  let parsed: unknown
  try {
    parsed = body ? JSON.parse(body) : undefined
  } catch {
    parsed = undefined
  }
  return { status: response.status, body, json: parsed }
}

/** A slash command as Slack posts it: form-encoded fields. */
export function slashCommand(fields: Record<string, string>): SlackPost {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' }
}

/** An interaction (block_actions, view_submission): one form field `payload` holding JSON. */
export function interaction(payload: unknown): SlackPost {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' }
}

/** An Events API callback: JSON. */
export function eventCallback(envelope: unknown, retryNum?: number): SlackPost {
  return {
    body: JSON.stringify(envelope),
    contentType: 'application/json',
    ...(retryNum ? { extraHeaders: { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } } : {}),
  }
}

export interface SlackApiDouble extends HttpDouble {
  /** Web API calls by method name, e.g. calls('chat.postMessage'). */
  calls(method: string): any[]
  /** Bodies posted to response_url paths. */
  responses(): any[]
  responseUrl(id?: string): string
  apiUrl: string
  /** Answer the next `count` Web API calls with 429 and this Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds: number): void
  /** The WebSocket URL apps.connections.open hands out (Socket Mode). */
  setSocketUrl(url: string): void
}

export async function startSlackApiDouble(): Promise<SlackApiDouble> {
  let limited = 0
  let retryAfter = 1
  let socketUrl: string | undefined
  let ts = 1_700_000_000
  const double = await startHttpDouble((request, res) => {
    if (request.path.startsWith('/response/')) return json(res, 200, { ok: true })
    if (limited > 0) {
      limited -= 1
      return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) })
    }
    const method = request.path.replace(/^\/api\//, '')
    if (method === 'auth.test') return json(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001' })
    if (method === 'apps.connections.open')
      return socketUrl ? json(res, 200, { ok: true, url: socketUrl }) : json(res, 200, { ok: false, error: 'not_allowed_token_type' })
    if (method === 'views.open') return json(res, 200, { ok: true, view: { id: 'V0001' } })
    ts += 1
    return json(res, 200, { ok: true, channel: request.body?.channel, ts: `${ts}.000100`, message_ts: `${ts}.000100` })
  })
  return {
    ...double,
    apiUrl: `${double.url}/api/`,
    calls: (method) => double.requests.filter((r) => r.path === `/api/${method}`).map((r) => r.body),
    responses: () => double.requests.filter((r) => r.path.startsWith('/response/')).map((r) => r.body),
    responseUrl: (id = 'T0001/1234/abcd') => `${double.url}/response/${id}`,
    rateLimitNext: (count, seconds) => {
      limited = count
      retryAfter = seconds
    },
    setSocketUrl: (url) => {
      socketUrl = url
    },
  }
}
