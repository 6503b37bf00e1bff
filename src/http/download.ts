// Fetches a file someone shared with the bot: never more than a given size, never for long,
// and every failure turned into a sentence the sender can act on.
import { BotError } from '../core/errors.js'

export interface DownloadOptions {
  /** The file's name, for messages. */
  name: string
  maxBytes: number
  headers?: Record<string, string>
  timeoutMs?: number
  /**
   * Slack answers a download it will not authorise with its sign-in page and a 200, not an
   * error: an HTML body where a file was expected means "not allowed".
   */
  htmlMeansRefused?: boolean
}

export async function downloadFile(url: string, options: DownloadOptions): Promise<Buffer> {
  const { name, maxBytes } = options
  const tooBig = () =>
    new BotError('bad_input', `${name} is over ${maxBytes} bytes`, {
      userMessage: `“${name}” is too big for me: a file can be at most ${sizeLabel(maxBytes)}.`,
    })
  const unreachable = (detail: string, cause?: unknown) =>
    new BotError('platform', `could not fetch ${name}: ${detail}`, {
      userMessage: `I couldn’t fetch “${name}” just now. Please try again in a minute.`,
      cause,
    })

  let response: Response
  try {
    response = await fetch(url, { headers: options.headers ?? {}, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) })
  } catch (error) {
    throw unreachable(error instanceof Error ? error.message : String(error), error)
  }
  const refused = [401, 403, 404].includes(response.status) || (options.htmlMeansRefused && response.headers.get('content-type')?.startsWith('text/html'))
  if (refused) {
    await response.body?.cancel()
    throw new BotError('permission', `not allowed to fetch ${name} (HTTP ${response.status})`, {
      userMessage: `I wasn’t allowed to open “${name}”. Please send it again; if this keeps happening, tell your hub administrator (the app may need reinstalling with permission to read files).`,
    })
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    throw unreachable(`HTTP ${response.status}`)
  }
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body.cancel()
    throw tooBig()
  }
  const reader = response.body.getReader()
  const chunks: Buffer[] = []
  let size = 0
  try {
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.length
      if (size > maxBytes) throw tooBig()
      chunks.push(Buffer.from(part.value))
    }
  } catch (error) {
    await reader.cancel().catch(() => {})
    if (error instanceof BotError) throw error
    throw unreachable(error instanceof Error ? error.message : String(error), error)
  }
  return Buffer.concat(chunks)
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`
}
