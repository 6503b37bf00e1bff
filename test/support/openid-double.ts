// The Bot Framework's token signing keys, served locally: an OpenID configuration and its
// JWKS, as login.botframework.com publishes them (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication),
// with a key id of ours. Tokens signed here are well formed; whether they are accepted is the bot's business.
import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { type HttpDouble, json, startHttpDouble } from './http-double.js'

export const KNOWN_KEY_ID = 'mhb-test-signing-key'

export interface OpenIdDouble extends HttpDouble {
  /** What to set as BotOpenIdMetadata. */
  metadataUrl: string
  /** The public key the double publishes, PEM (an HS256 forger's favourite secret). */
  publicKeyPem: string
}

export async function startOpenIdDouble(): Promise<OpenIdDouble> {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = publicKey.export({ format: 'jwk' })
  const double = await startHttpDouble((request, res) => {
    if (request.path === '/openid') return json(res, 200, { issuer: 'https://api.botframework.com', jwks_uri: `${double.url}/keys` })
    if (request.path === '/keys') return json(res, 200, { keys: [{ kty: 'RSA', use: 'sig', kid: KNOWN_KEY_ID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] })
    json(res, 404, {})
  })
  return { ...double, metadataUrl: `${double.url}/openid`, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Claims a real Bot Framework token would carry for this app, valid for an hour. */
export function botFrameworkClaims(appId: string, serviceUrl: string) {
  const now = Math.floor(Date.now() / 1000)
  return { iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 }
}

/** An unsigned token (`alg: none`) claiming the known key id. */
export function unsignedToken(claims: object): string {
  return `${b64({ alg: 'none', typ: 'JWT', kid: KNOWN_KEY_ID })}.${b64(claims)}.`
}

/** HS256 with the published public key as the HMAC secret (the classic algorithm confusion). */
export function hmacToken(claims: object, secret: string): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT', kid: KNOWN_KEY_ID })}.${b64(claims)}`
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`
}

/** RS256 signed with someone else's key, under the known key id or another. */
export function foreignRsaToken(claims: object, keyId = KNOWN_KEY_ID, key: KeyObject = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey): string {
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: keyId })}.${b64(claims)}`
  return `${head}.${sign('sha256', Buffer.from(head), key).toString('base64url')}`
}
