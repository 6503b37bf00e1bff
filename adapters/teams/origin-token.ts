// Where a private answer came from. A question asked in a channel is answered in the asker's
// 1:1 chat; its buttons carry the channel (and thread) it belongs to, signed so that a crafted
// click cannot point the bot at another conversation.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export interface Origin {
  /** The channel or group chat, with `;messageid=` when the question was in a thread. */
  conversationId: string
  kind: 'channel' | 'group'
}

export interface OriginSigner {
  sign(origin: Origin): string
  /** The origin, or undefined if the token was not made by this bot. */
  verify(token: unknown): Origin | undefined
}

/** With no secret (local mode) a random one is used: old buttons stop working after a restart. */
export function createOriginSigner(secret: string | undefined): OriginSigner {
  const key = secret && secret.length > 0 ? secret : randomBytes(32).toString('hex')
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url')
  return {
    sign: (origin) => {
      const payload = Buffer.from(JSON.stringify([origin.conversationId, origin.kind])).toString('base64url')
      return `${payload}.${mac(payload)}`
    },
    verify: (token) => {
      if (typeof token !== 'string') return undefined
      const [payload, signature] = token.split('.')
      if (!payload || !signature) return undefined
      const expected = Buffer.from(mac(payload))
      const given = Buffer.from(signature)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined
      try {
        const [conversationId, kind] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [unknown, unknown]
        if (typeof conversationId !== 'string' || (kind !== 'channel' && kind !== 'group')) return undefined
        return { conversationId, kind }
      } catch {
        return undefined
      }
    },
  }
}
