// Secrets never reach a log line: the scrubber on its own, and the logger that applies it to
// every serialised line (message text, nested errors, form bodies, JSON-escaped text).
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/core/logger.js'
import { createSecretScrubber } from '../../src/core/secret-scrubber.js'
import { capturingStream } from '../support/log-capture.js'

const CLIENT_SECRET = 'client/secret+with=odd "chars" \\ and spaces'
const API_KEY = 'sk-test-0123456789abcdef'

describe('the secret scrubber', () => {
  const scrubber = createSecretScrubber([CLIENT_SECRET, API_KEY, undefined, ''])

  it('replaces a secret as is, URL-encoded, form-encoded and JSON-escaped', () => {
    const forms = [
      CLIENT_SECRET,
      encodeURIComponent(CLIENT_SECRET),
      new URLSearchParams({ client_secret: CLIENT_SECRET }).toString(),
      encodeURIComponent(CLIENT_SECRET).toLowerCase(),
      JSON.stringify(CLIENT_SECRET),
      JSON.stringify(JSON.stringify({ client_secret: CLIENT_SECRET })),
    ]
    for (const form of forms) {
      const scrubbed = scrubber.scrub(`before ${form} after`)
      expect(scrubbed).toContain('[redacted]')
      expect(scrubbed).toMatch(/^before .*after$/)
      expect(scrubbed).not.toContain('secret+with')
      expect(scrubbed).not.toContain('secret%2Bwith')
      expect(scrubbed.toLowerCase()).not.toContain('secret%2bwith')
    }
    expect(scrubber.scrub(`code=abc&client_secret=${encodeURIComponent(CLIENT_SECRET)}&x=1`)).toBe('code=abc&client_secret=[redacted]&x=1')
  })

  it('replaces anything shaped like a Slack token, even one nobody told it of', () => {
    expect(scrubber.scrub('Bearer xoxb-1234-5678-abcdEFGH and xapp-1-A0-123-abc, xoxp-9-9 xoxe.xoxb-1-abc')).toBe(
      'Bearer [redacted] and [redacted], [redacted] [redacted]',
    )
  })

  it('learns secrets later, and ignores values too short to be one', () => {
    const later = createSecretScrubber()
    expect(later.scrub('token-learnt-at-run-time')).toBe('token-learnt-at-run-time')
    later.add('token-learnt-at-run-time')
    later.add('short')
    expect(later.scrub('got token-learnt-at-run-time, short')).toBe('got [redacted], short')
  })

  it('leaves text without secrets alone', () => {
    expect(scrubber.scrub('{"msg":"Installed in the Slack workspace North Maths Hub."}')).toBe('{"msg":"Installed in the Slack workspace North Maths Hub."}')
  })
})

describe('the logger', () => {
  it('scrubs every configured secret wherever it is in a line, at every level', () => {
    const out = capturingStream()
    const log = createLogger({ level: 'trace', pretty: false, secrets: createSecretScrubber([CLIENT_SECRET, API_KEY]), destination: out.stream })
    const error = Object.assign(new Error(`request failed with key ${API_KEY}`), { options: { body: `client_secret=${encodeURIComponent(CLIENT_SECRET)}` } })
    log.trace(`http request body: ${JSON.stringify({ client_secret: CLIENT_SECRET })}`)
    log.debug({ err: error }, 'call failed')
    log.child({ platform: 'slack' }).error({ nested: { deeper: [API_KEY] } }, `with ${CLIENT_SECRET}`)
    log.info({ token: 'xoxb-in-a-field', text: 'Bearer xoxb-9-in-text' }, 'tokens')

    expect(out.lines).toHaveLength(4)
    for (const line of out.raw) {
      expect(line).not.toContain(API_KEY)
      expect(line).not.toContain('secret+with')
      expect(line).not.toContain(encodeURIComponent(CLIENT_SECRET))
      expect(line).not.toContain(JSON.stringify(CLIENT_SECRET).slice(1, -1))
      expect(line).not.toContain('xoxb-')
    }
    expect(out.lines[0]?.msg).toBe('http request body: {"client_secret":"[redacted]"}')
    expect(out.lines[1]).toMatchObject({ err: { message: 'request failed with key [redacted]', options: { body: 'client_secret=[redacted]' } } })
    expect(out.lines[2]).toMatchObject({ msg: 'with [redacted]', nested: { deeper: ['[redacted]'] }, platform: 'slack' })
  })
})
