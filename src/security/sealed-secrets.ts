// Secrets kept at rest (platform tokens) are sealed with AES-256-GCM under a key from
// configuration, so a copy of the database or a backup alone does not hand out working tokens.
// A sealed value names its key by a short fingerprint: keys can be rotated by putting the new
// key first and keeping the old ones after it until everything has been sealed again.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

export interface Sealer {
  seal(plain: string): string
  /** The plain text, or a thrown Error when no configured key opens it or it was tampered with. */
  open(sealed: string): string
  /** Whether a value is sealed under the current (first) key. */
  isCurrent(sealed: string): boolean
}

/** `keys[0]` seals; every key opens. Each key is exactly 32 bytes. */
export function createSealer(keys: Buffer[]): Sealer {
  if (keys.length === 0) throw new Error('createSealer needs at least one key')
  for (const key of keys) if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes')
  const byId = new Map(keys.map((key) => [fingerprint(key), key]))
  const currentId = fingerprint(keys[0] as Buffer)
  const current = keys[0] as Buffer

  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', current, iv, { authTagLength: TAG_BYTES })
      // The key id is authenticated too, so a value cannot be relabelled to another key.
      cipher.setAAD(Buffer.from(currentId))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [VERSION, currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    },
    open(sealed) {
      const [version, keyId, iv, tag, body] = sealed.split('.')
      if (version !== VERSION || !keyId || iv === undefined || tag === undefined || body === undefined) throw new Error('not a sealed value')
      const key = byId.get(keyId)
      if (!key) throw new Error(`sealed under a key that is not configured (${keyId})`)
      const authTag = Buffer.from(tag, 'base64url')
      // A short tag would be checked only as far as it goes: insist on the full 16 bytes.
      if (authTag.length !== TAG_BYTES) throw new Error('not a sealed value')
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES })
      decipher.setAAD(Buffer.from(keyId))
      decipher.setAuthTag(authTag)
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    },
    isCurrent: (sealed) => sealed.split('.')[1] === currentId,
  }
}

function fingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8)
}

/**
 * A key as an operator writes it: 32 random bytes in base64 (`openssl rand -base64 32`) or
 * hex. Undefined when it is neither.
 */
export function parseKey(text: string): Buffer | undefined {
  const trimmed = text.trim()
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    return key.length === 32 ? key : undefined
  }
  return undefined
}
