// Files people share with the bot on Slack, as core SharedFiles. Slack serves them from
// url_private_download to a request carrying the bot token of the workspace the file is in, so
// the token goes only to Slack's file host (or the Web API double's, when SLACK_API_URL points
// elsewhere).
import { cleanUserText } from '../../src/core/clean-text.js'
import { BotError } from '../../src/core/errors.js'
import type { SharedFile } from '../../src/core/events.js'
import type { Logger } from '../../src/core/logger.js'
import { downloadFile } from '../../src/http/download.js'
import type { SlackFile } from './render-block-kit.js'

const SLACK_FILE_HOST = 'files.slack.com'

export type SlackFileReader = (file: SlackFile) => SharedFile

/** A reader per request: `botToken` is the token of the workspace the request came from. */
export function createSlackFileReader(apiUrl: string | undefined, log: Logger): (botToken: string | undefined) => SlackFileReader {
  const trustedOrigins = new Set([`https://${SLACK_FILE_HOST}`, ...(apiUrl ? [new URL(apiUrl).origin] : [])])
  return (botToken) => (file) => {
    const name = cleanUserText(String(file.name || file.title || '')) || 'the file'
    const url = file.url_private_download ?? file.url_private
    const read = async (maxBytes: number): Promise<Buffer> => {
      if (!botToken) throw new BotError('auth', 'no SLACK_BOT_TOKEN to fetch files with', { userMessage: 'I can’t open files yet: the bot has no Slack token. Tell your hub administrator.' })
      if (!url || !trustedOrigins.has(new URL(url).origin)) {
        log.warn({ file: file.id, url }, 'refused to send the bot token to a file host that is not Slack’s')
        throw new BotError('permission', `untrusted file URL for ${file.id}`, { userMessage: `I couldn’t open “${name}”. Please upload it to Slack again.` })
      }
      return downloadFile(url, { name, maxBytes, headers: { authorization: `Bearer ${botToken}` }, htmlMeansRefused: true })
    }
    return { name, ...(file.size !== undefined ? { size: file.size } : {}), read }
  }
}
