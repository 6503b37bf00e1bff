// Keeps secrets out of log lines. Key-path redaction only catches a secret under a known field
// name; SDKs also put them in message text (Bolt's WebClient logs the form body of the OAuth
// code exchange at debug, client_secret included), so every serialised line is scrubbed of
// every known secret value, in the forms it can take there: as is, URL-encoded, JSON-escaped.

/** The secrets a log line must never show; tokens learnt at run time are added as they appear. */
export interface SecretScrubber {
  add(secret: string): void
  /** The text with every known secret, and anything shaped like a Slack token, replaced. */
  scrub(text: string): string
}

export const REDACTED = '[redacted]'

// Shorter values would scrub ordinary words; every real secret here is far longer.
const MIN_SECRET_LENGTH = 8

// Slack's tokens (https://docs.slack.dev/authentication/tokens): bot, user, app-level,
// configuration and refresh tokens, caught even before anyone has told the scrubber of them.
const SLACK_TOKEN = /\bxox[abposre]-[A-Za-z0-9-]+|\bxoxe\.xox[bp]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+/g

export function createSecretScrubber(initial: Iterable<string | undefined> = []): SecretScrubber {
  const known = new Set<string>()
  let pattern: RegExp | undefined

  const add = (secret: string | undefined) => {
    if (!secret || secret.length < MIN_SECRET_LENGTH || known.has(secret)) return
    known.add(secret)
    // Longest first, so a secret that contains another is replaced whole.
    const forms = [...new Set([...known].flatMap(writtenForms))].sort((a, b) => b.length - a.length)
    pattern = new RegExp(forms.map(escapeRegExp).join('|'), 'gi')
  }
  for (const secret of initial) add(secret)

  return {
    add,
    scrub: (text) => (pattern ? text.replace(pattern, REDACTED) : text).replace(SLACK_TOKEN, REDACTED),
  }
}

/**
 * How a value can be written in a log line: plain, URL-encoded (query strings and form bodies,
 * spaces as %20 or +), and JSON-escaped once or twice (a message that quotes a JSON body is
 * itself escaped when the line is serialised).
 */
function writtenForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret)
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2)
  return [secret, encoded, formEncoded].flatMap((form) => {
    const once = JSON.stringify(form).slice(1, -1)
    return [form, once, JSON.stringify(once).slice(1, -1)]
  })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
