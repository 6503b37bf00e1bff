// The Bot Framework connector's side of the wire (what serviceUrl points at): records what the
// bot sends, as Teams' connector service would receive it.
import { type HttpDouble, json, startHttpDouble } from './http-double.js'

export interface ConnectorCall {
  method: string
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
}

export async function startConnectorDouble(): Promise<ConnectorDouble> {
  let next = 0
  let refuse = false
  const double = await startHttpDouble((request, res) => {
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
