// Giving someone a file in their Teams 1:1 chat. A bot cannot drop a file into a chat: it
// sends a file consent card, and when the person accepts, Teams creates the file in their
// OneDrive and hands the bot an upload URL for the bytes, which wait in the held-files table
// meanwhile. Teams allows this in personal chats only.
// https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4
import type { HeldFileOwner, HeldFiles } from '../../src/core/held-files.js'
import type { Logger } from '../../src/core/logger.js'
import type { OutgoingFile } from '../../src/core/reply.js'
import { actorOf, type ActivityLike } from './teams-events.js'

export const FILE_CONSENT_INVOKE = 'fileConsent/invoke'
export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent'
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info'

const UPLOAD_TIMEOUT_MS = 30_000

export const FILE_CONSENT_TEXT = {
  declined: 'Not sent: the file was not saved.',
  gone: 'That file is no longer waiting for you: it was saved already, or the offer lapsed after 30 minutes. Ask me for it again.',
  failed: 'I couldn’t save the file to your OneDrive. Please ask me for it again in a minute.',
} as const

/** What the card's accept and decline hand back: only the held file's unguessable id. */
interface ConsentContext {
  heldFileId?: unknown
}

/** The message carrying the consent card for a held file. */
export function fileConsentActivity(heldFileId: string, file: OutgoingFile) {
  const context: ConsentContext = { heldFileId }
  return {
    type: 'message',
    attachments: [
      {
        contentType: FILE_CONSENT_CARD,
        name: file.name,
        content: { description: file.comment ?? file.name, sizeInBytes: file.content.length, acceptContext: context, declineContext: context },
      },
    ],
  }
}

/** The invoke Teams sends when the card is answered (FileConsentCardResponse). */
interface FileConsentValue {
  type?: string
  action?: string
  context?: ConsentContext
  uploadInfo?: { name?: string; uploadUrl?: string; contentUrl?: string; uniqueId?: string; fileType?: string }
}

export interface FileConsentDeps {
  heldFiles: HeldFiles
  /** Sends a message in the chat the card was answered in. */
  say(activity: string | Record<string, unknown>): Promise<unknown>
  /** Local use only (no authentication): the test doubles serve upload URLs over plain http. */
  allowHttp: boolean
  log: Logger
}

/**
 * Answers a `fileConsent/invoke`, returning the invoke response's status. Accept: the bytes go
 * to the upload URL, then a file info card shows the saved file. Decline: the held file is
 * dropped. Either way the file is released once, and only to the person it was held for.
 */
export async function answerFileConsent(activity: ActivityLike, deps: FileConsentDeps): Promise<number> {
  const value = (activity.value ?? {}) as FileConsentValue
  if (value.action !== 'accept' && value.action !== 'decline') return 400
  const id = value.context?.heldFileId
  const actor = actorOf(activity)
  const owner: HeldFileOwner = { platform: 'teams', workspaceId: actor.workspaceId, userId: actor.userId }
  const taken = typeof id === 'string' ? await deps.heldFiles.take(id, owner) : ({ kind: 'gone' } as const)
  if (taken.kind === 'not_yours') {
    deps.log.warn({ tenant: owner.workspaceId, user: owner.userId }, 'refused a file consent answer from someone the file was not held for')
    return 403
  }
  if (taken.kind === 'gone') {
    await deps.say(FILE_CONSENT_TEXT.gone)
    return 200
  }
  if (value.action === 'decline') {
    await deps.say(FILE_CONSENT_TEXT.declined)
    return 200
  }
  const info = value.uploadInfo ?? {}
  try {
    await upload(info.uploadUrl, taken.file.content, deps.allowHttp)
  } catch (error) {
    deps.log.error({ err: error, code: 'platform' }, 'could not upload an accepted file to OneDrive')
    await deps.say(FILE_CONSENT_TEXT.failed)
    return 200
  }
  await deps.say({
    type: 'message',
    attachments: [
      {
        contentType: FILE_INFO_CARD,
        contentUrl: info.contentUrl,
        name: info.name ?? taken.file.name,
        content: { uniqueId: info.uniqueId, fileType: info.fileType },
      },
    ],
  })
  return 200
}

/** One PUT of the whole file to the OneDrive upload session Teams opened. */
async function upload(uploadUrl: string | undefined, content: Buffer, allowHttp: boolean): Promise<void> {
  const protocol = uploadUrl ? new URL(uploadUrl).protocol : undefined
  if (!uploadUrl || !(protocol === 'https:' || (allowHttp && protocol === 'http:'))) throw new Error(`unusable uploadUrl ${uploadUrl ?? '(none)'}`)
  const size = content.length
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    // fetch sets Content-Length from the body itself (a second one would make the request invalid).
    headers: size > 0 ? { 'content-range': `bytes 0-${size - 1}/${size}` } : {},
    body: new Uint8Array(content),
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  })
  // OneDrive answers 201 Created (or 200) once the last byte range is in.
  if (!response.ok) throw new Error(`OneDrive answered ${response.status} to the upload`)
  await response.body?.cancel()
}
