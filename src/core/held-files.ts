// Files offered to one person and waiting for them (Teams asks before a bot may save a file to
// someone's OneDrive). The row is the offer: its id is unguessable, it is handed over once
// (the delete decides, so two accepts cannot both get it) and only to the person it was held
// for, and it lapses after HOLD_MINUTES.
import { randomUUID } from 'node:crypto'
import type { Db } from '../db/database.js'
import type { Clock } from './clock.js'
import type { Platform } from './events.js'

export const HOLD_MINUTES = 30

/** Who a held file is for. */
export interface HeldFileOwner {
  platform: Platform
  workspaceId: string
  userId: string
}

export interface HeldFile {
  name: string
  mimeType: string
  content: Buffer
}

export type TakenFile = { kind: 'taken'; file: HeldFile } | { kind: 'gone' } | { kind: 'not_yours' }

/** What an adapter needs to hold a file between an offer and its acceptance. */
export interface HeldFiles {
  /** Keeps the file for its owner; the id returned is what the offer carries. */
  hold(owner: HeldFileOwner, file: HeldFile): Promise<string>
  /**
   * Hands the file over once, to its owner: 'gone' when it was taken already, has lapsed or
   * never existed; 'not_yours' (and the file stays) when someone else asks for it.
   */
  take(id: string, owner: HeldFileOwner): Promise<TakenFile>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function holdFile(db: Db, owner: HeldFileOwner, file: HeldFile, now: Date): Promise<string> {
  const id = randomUUID()
  await db
    .insertInto('held_files')
    .values({
      id,
      platform: owner.platform,
      workspace_id: owner.workspaceId,
      user_id: owner.userId,
      name: file.name,
      mime_type: file.mimeType,
      content: file.content,
      expires_at: new Date(now.getTime() + HOLD_MINUTES * 60_000),
    })
    .execute()
  return id
}

export async function takeHeldFile(db: Db, id: string, owner: HeldFileOwner, now: Date): Promise<TakenFile> {
  // The id comes back from a platform payload: anything but a uuid cannot be ours.
  if (!UUID.test(id)) return { kind: 'gone' }
  const row = await db
    .deleteFrom('held_files')
    .where('id', '=', id)
    .where('platform', '=', owner.platform)
    .where('workspace_id', '=', owner.workspaceId)
    .where('user_id', '=', owner.userId)
    .returning(['name', 'mime_type', 'content', 'expires_at'])
    .executeTakeFirst()
  if (row) {
    if (row.expires_at.getTime() <= now.getTime()) return { kind: 'gone' }
    return { kind: 'taken', file: { name: row.name, mimeType: row.mime_type, content: Buffer.from(row.content) } }
  }
  // Someone else's in this workspace: refused without touching it. Another workspace's is simply gone.
  const other = await db
    .selectFrom('held_files')
    .select('id')
    .where('platform', '=', owner.platform)
    .where('workspace_id', '=', owner.workspaceId)
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return other ? { kind: 'not_yours' } : { kind: 'gone' }
}

/** Erases offers nobody took up, in every workspace; run with the other housekeeping (on the store for every workspace). */
export async function purgeExpiredHeldFiles(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('held_files').where('expires_at', '<=', now).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export function heldFilesIn(db: Db, clock: Clock): HeldFiles {
  return {
    hold: (owner, file) => holdFile(db, owner, file, clock.now()),
    take: (id, owner) => takeHeldFile(db, id, owner, clock.now()),
  }
}
