// Files people send the bot in a Teams 1:1 chat. With `supportsFiles` in the Teams app
// manifest, each arrives as a `file.download.info` attachment whose downloadUrl is a short-lived,
// pre-authorised link to the sender's OneDrive: fetched as it is, with no bot token attached.
// (Files attached in channels are not delivered to bots at all.)
// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4
import { cleanUserText } from '../../src/core/clean-text.js'
import { BotError } from '../../src/core/errors.js'
import type { SharedFile } from '../../src/core/events.js'
import { downloadFile } from '../../src/http/download.js'

export const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info'

export interface TeamsAttachment {
  contentType?: string
  contentUrl?: string
  name?: string
  content?: unknown
}

/**
 * The files among an activity's attachments. Plain http links are refused unless
 * `allowHttp` (local use without authentication, where the test doubles live).
 */
export function teamsFilesOf(attachments: TeamsAttachment[] | undefined, allowHttp: boolean): SharedFile[] {
  return (attachments ?? [])
    .filter((a) => a.contentType === FILE_DOWNLOAD_INFO)
    .map((a) => {
      const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown }
      const name = (typeof a.name === 'string' ? cleanUserText(a.name) : '') || (typeof content.fileType === 'string' ? `file.${cleanUserText(content.fileType)}` : 'the file')
      const url = typeof content.downloadUrl === 'string' ? content.downloadUrl : undefined
      return {
        name,
        read: async (maxBytes: number) => {
          const protocol = url ? new URL(url).protocol : undefined
          if (!url || !(protocol === 'https:' || (allowHttp && protocol === 'http:')))
            throw new BotError('bad_input', `no usable downloadUrl for ${name}`, { userMessage: `I couldn’t open “${name}”. Please attach it again.` })
          return downloadFile(url, { name, maxBytes })
        },
      }
    })
}
