// Short-lived download links (a CSV export) that carry who asked and what for, signed so that
// nobody can make one up or change what it points at. The link itself is the key, so it
// expires within minutes; the handler still re-checks that the person may see the data now.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export interface LinkSigner {
  /** A token for `subject` (any JSON) that stops working at `expiresAt`. */
  sign(subject: unknown, expiresAt: Date): string
  /** The subject, or undefined when the token was not made here, was altered, or has expired. */
  verify(token: string, now: Date): unknown
}

/**
 * `secret` should be stable across restarts and shared by all instances (the platform signing
 * secret is); without one a random key is used, and links die with the process.
 */
export function createLinkSigner(secret: string | undefined, purpose: string): LinkSigner {
  // A key per purpose, so a token made for one kind of link is never valid for another.
  const key = createHmac('sha256', secret && secret.length > 0 ? secret : randomBytes(32)).update(purpose).digest()
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest()
  return {
    sign: (subject, expiresAt) => {
      const payload = Buffer.from(JSON.stringify([expiresAt.getTime(), subject])).toString('base64url')
      return `${payload}.${mac(payload).toString('base64url')}`
    },
    verify: (token, now) => {
      const [payload, signature] = token.split('.')
      if (!payload || !signature) return undefined
      const given = Buffer.from(signature, 'base64url')
      const expected = mac(payload)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
      try {
        const [expires, subject] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [number, unknown]
        return typeof expires === 'number' && now.getTime() < expires ? subject : undefined
      } catch {
        return undefined
      }
    },
  }
}
