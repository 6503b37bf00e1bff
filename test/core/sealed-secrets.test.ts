// Sealing tokens at rest: AES-256-GCM under configured keys, refusing anything tampered with or
// sealed under a key that is not configured, and rotating keys by listing the new one first.
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSealer, parseKey } from '../../src/security/sealed-secrets.js'

const keyA = randomBytes(32)
const keyB = randomBytes(32)
const TOKEN = 'xoxb-1234-5678-secret-token'

/** The parts of a sealed value: version, key id, iv, tag, body. */
const partsOf = (sealed: string) => sealed.split('.')
/** Flips one bit of the base64url part at `index`, at the byte level (so padding bits cannot hide it). */
function flipByte(sealed: string, index: number): string {
  const parts = partsOf(sealed)
  const bytes = Buffer.from(parts[index]!, 'base64url')
  bytes[0] = bytes[0]! ^ 0x01
  parts[index] = bytes.toString('base64url')
  return parts.join('.')
}

describe('sealed secrets', () => {
  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealer = createSealer([keyA])
    const sealed = sealer.seal(TOKEN)
    expect(sealed).not.toContain(TOKEN)
    expect(sealed).not.toContain('secret-token')
    expect(partsOf(sealed)).toHaveLength(5)
    expect(sealer.open(sealed)).toBe(TOKEN)
    // Text beyond ASCII survives too.
    expect(sealer.open(sealer.seal('Zoë’s token ✓'))).toBe('Zoë’s token ✓')
  })

  it('seals the same text differently each time (a random IV)', () => {
    const sealer = createSealer([keyA])
    const first = sealer.seal(TOKEN)
    const second = sealer.seal(TOKEN)
    expect(first).not.toBe(second)
    expect(partsOf(first)[2]).not.toBe(partsOf(second)[2])
    expect(sealer.open(first)).toBe(TOKEN)
    expect(sealer.open(second)).toBe(TOKEN)
  })

  it('refuses a tampered body', () => {
    const sealer = createSealer([keyA])
    const sealed = sealer.seal(TOKEN)
    const tampered = flipByte(sealed, 4)
    expect(tampered).not.toBe(sealed)
    expect(() => sealer.open(tampered)).toThrow()
  })

  it('refuses a tampered authentication tag', () => {
    const sealer = createSealer([keyA])
    const sealed = sealer.seal(TOKEN)
    const tampered = flipByte(sealed, 3)
    expect(tampered).not.toBe(sealed)
    expect(() => sealer.open(tampered)).toThrow()
  })

  // Node would otherwise check a shortened tag only as far as it goes.
  it('refuses an authentication tag cut short', () => {
    const sealer = createSealer([keyA])
    const parts = partsOf(sealer.seal(TOKEN))
    parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, 4).toString('base64url')
    expect(() => sealer.open(parts.join('.'))).toThrow()
  })

  it('refuses a tampered IV', () => {
    const sealer = createSealer([keyA])
    const tampered = flipByte(sealer.seal(TOKEN), 2)
    expect(() => sealer.open(tampered)).toThrow()
  })

  it('refuses a value relabelled to another configured key, or to a key id that is not configured', () => {
    const sealer = createSealer([keyA, keyB])
    const sealed = sealer.seal(TOKEN)
    const idOfB = partsOf(createSealer([keyB]).seal('x'))[1]!
    expect(idOfB).not.toBe(partsOf(sealed)[1])
    const relabelled = partsOf(sealed)
    relabelled[1] = idOfB
    expect(() => sealer.open(relabelled.join('.'))).toThrow()

    const unknown = partsOf(sealed)
    unknown[1] = '00000000'
    expect(() => sealer.open(unknown.join('.'))).toThrow(/00000000/)
  })

  it('refuses text that is not a sealed value', () => {
    const sealer = createSealer([keyA])
    expect(() => sealer.open(TOKEN)).toThrow('not a sealed value')
    expect(() => sealer.open('')).toThrow('not a sealed value')
    expect(() => sealer.open(`v0${sealer.seal(TOKEN).slice(2)}`)).toThrow('not a sealed value')
  })

  it('refuses a value sealed under a key that is not configured, naming that key', () => {
    const sealed = createSealer([keyA]).seal(TOKEN)
    const keyId = partsOf(sealed)[1]!
    expect(keyId).toMatch(/^[0-9a-f]{8}$/)
    expect(() => createSealer([keyB]).open(sealed)).toThrow(keyId)
    expect(() => createSealer([keyB]).open(sealed)).toThrow(/not configured/)
  })

  it('rotates keys: the new key first opens values sealed under the old one, and tells which are current', () => {
    const old = createSealer([keyA])
    const rotated = createSealer([keyB, keyA])
    const sealedOld = old.seal(TOKEN)
    expect(rotated.open(sealedOld)).toBe(TOKEN)
    expect(rotated.isCurrent(sealedOld)).toBe(false)
    expect(old.isCurrent(sealedOld)).toBe(true)

    const sealedNew = rotated.seal(TOKEN)
    expect(rotated.isCurrent(sealedNew)).toBe(true)
    expect(partsOf(sealedNew)[1]).not.toBe(partsOf(sealedOld)[1])
    // Once the old key is dropped, only the values sealed again can be opened.
    const newOnly = createSealer([keyB])
    expect(newOnly.open(sealedNew)).toBe(TOKEN)
    expect(() => newOnly.open(sealedOld)).toThrow()
    // The old key alone cannot open what the new key sealed.
    expect(() => old.open(sealedNew)).toThrow()
  })

  it('needs at least one key, each of 32 bytes', () => {
    expect(() => createSealer([])).toThrow()
    expect(() => createSealer([randomBytes(16)])).toThrow()
    expect(() => createSealer([keyA, randomBytes(31)])).toThrow()
  })
})

describe('parseKey', () => {
  it('accepts 32 bytes in base64, as `openssl rand -base64 32` prints them (with its newline)', () => {
    const bytes = randomBytes(32)
    const printed = `${bytes.toString('base64')}\n`
    expect(printed.trim()).toHaveLength(44)
    expect(parseKey(printed)).toEqual(bytes)
    // Without the padding, and in URL-safe base64, too.
    expect(parseKey(bytes.toString('base64').replace(/=$/, ''))).toEqual(bytes)
    expect(parseKey(bytes.toString('base64url'))).toEqual(bytes)
  })

  it('accepts 64 hex characters, in either case', () => {
    const bytes = randomBytes(32)
    expect(parseKey(bytes.toString('hex'))).toEqual(bytes)
    expect(parseKey(bytes.toString('hex').toUpperCase())).toEqual(bytes)
  })

  it('gives a key the sealer takes', () => {
    const key = parseKey(randomBytes(32).toString('base64'))!
    const sealer = createSealer([key])
    expect(sealer.open(sealer.seal(TOKEN))).toBe(TOKEN)
  })

  it.each([
    ['16 bytes in base64', randomBytes(16).toString('base64')],
    ['16 bytes in hex', randomBytes(16).toString('hex')],
    ['33 bytes in base64', randomBytes(33).toString('base64')],
    ['an empty string', ''],
    ['only spaces', '   '],
    ['a passphrase', 'correct horse battery staple'],
    ['44 characters that are not base64', `${'*'.repeat(43)}=`],
    ['63 hex characters', 'a'.repeat(63)],
  ])('refuses %s', (_what, text) => {
    expect(parseKey(text)).toBeUndefined()
  })
})
