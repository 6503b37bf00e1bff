// The Bot Framework connector's side of the wire (what serviceUrl points at): records what the
// bot sends, as Teams' connector service would receive it.
import { type HttpDouble, json, startHttpDouble } from './http-double.js'

export interface ConnectorCall {
  method: string
  /** The status the connector answered with. */
  status?: number
  conversationId: string
  activityId?: string
  body: any
}

export interface ConnectorDouble extends HttpDouble {
  calls(): ConnectorCall[]
  /** Activities the bot sent (replies and new messages), in order. */
  sent(): any[]
  /** Conversations the bot asked to create (1:1 chats), in order. */
  created(): any[]
  /** Make creating conversations fail, as when the app is not installed for the user. */
  refuseNewConversations(refuse: boolean): void
  /** The members GET …/pagedmembers returns for a conversation (Teams roster). */
  setMembers(conversationId: string, members: { id: string; name: string; aadObjectId: string }[]): void
  /** Answer the next `count` activity POSTs with this HTTP status (e.g. 502, 429). */
  failNextSends(count: number, status: number): void
}

export async function startConnectorDouble(): Promise<ConnectorDouble> {
  let next = 0
  let refuse = false
  let failing = { count: 0, status: 502 }
  const members = new Map<string, unknown[]>()
  const double = await startHttpDouble((request, res) => {
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(request.path)
    if (request.method === 'GET' && paged) {
      return json(res, 200, { members: members.get(decodeURIComponent(paged[1]!).split(';')[0]!) ?? [], continuationToken: null })
    }
    // One member, by 29: id or Entra object id (TeamsInfo.getMember).
    const single = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(request.path)
    if (request.method === 'GET' && single) {
      const wanted = decodeURIComponent(single[2]!)
      const member = (members.get(decodeURIComponent(single[1]!).split(';')[0]!) ?? []).find((m: any) => m.id === wanted || m.aadObjectId === wanted)
      return member ? json(res, 200, member) : json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation.' } })
    }
    if (request.method === 'POST' && /\/activities(\/[^/]+)?$/.test(request.path) && failing.count > 0) {
      failing.count -= 1
      return json(res, failing.status, { error: { code: 'ServiceError', message: 'The connector is having a bad day' } }, failing.status === 429 ? { 'retry-after': '2' } : {})
    }
    if (request.method === 'POST' && request.path === '/v3/conversations') {
      if (refuse) return json(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } })
      return json(res, 200, { id: `a:created-${++next}`, activityId: `created-${next}` })
    }
    return json(res, 200, { id: `sent-${++next}` })
  })
  const calls = (): ConnectorCall[] =>
    double.requests
      .filter((r) => r.path.startsWith('/v3/conversations/'))
      .map((r) => {
        const [, , , conversationId = '', , activityId] = r.path.split('/')
        return {
          method: r.method,
          ...(r.status !== undefined ? { status: r.status } : {}),
          conversationId: decodeURIComponent(conversationId),
          ...(activityId ? { activityId: decodeURIComponent(activityId) } : {}),
          body: r.body,
        }
      })
  return {
    ...double,
    calls,
    sent: () => calls().filter((c) => c.method === 'POST').map((c) => c.body),
    created: () => double.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations').map((r) => r.body),
    refuseNewConversations: (value) => {
      refuse = value
    },
    setMembers: (conversationId, list) => {
      members.set(conversationId, list)
    },
    failNextSends: (count, status) => {
      failing = { count, status }
    },
  }
}

export async function postActivity(botUrl: string, activity: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  })
  const text = await response.text()
  let body: any
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = text
  }
  return { status: response.status, body }
}
