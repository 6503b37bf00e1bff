// Where the bot can speak later without being spoken to first. Teams needs the conversation
// reference from an inbound activity or installation to send proactive messages; the core
// keeps it as opaque JSON so that only the Teams adapter knows its shape.
import type { Selectable } from 'kysely'
import type { Db } from '../db/database.js'
import type { ConversationReferenceTable } from '../db/schema.js'
import type { Platform } from './events.js'

export interface ConversationReferenceRecord {
  platform: Platform
  conversationId: string
  workspaceId: string
  kind: 'direct' | 'group' | 'channel'
  /** For a 1:1 chat, the user it is with. */
  userId?: string
  reference: unknown
}

/** Inserts or refreshes a reference; the newest inbound activity wins (service URLs change). */
export async function saveConversationReference(db: Db, record: ConversationReferenceRecord): Promise<void> {
  const reference = JSON.stringify(record.reference)
  await db
    .insertInto('conversation_references')
    .values({
      platform: record.platform,
      conversation_id: record.conversationId,
      workspace_id: record.workspaceId,
      conversation_kind: record.kind,
      user_id: record.userId ?? null,
      reference,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'workspace_id', 'conversation_id']).doUpdateSet({
        conversation_kind: record.kind,
        user_id: record.userId ?? null,
        reference,
        updated_at: new Date(),
      }),
    )
    .execute()
}

/** The bot was removed from a conversation: it can no longer speak there, so the reference goes. */
export async function forgetConversationReference(db: Db, scope: { platform: Platform; workspaceId: string }, conversationId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('conversation_references')
    .where('platform', '=', scope.platform)
    .where('workspace_id', '=', scope.workspaceId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst()
  return Number(deleted.numDeletedRows) > 0
}

export async function findConversationReference(
  db: Db,
  scope: { platform: Platform; workspaceId: string },
  conversationId: string,
): Promise<ConversationReferenceRecord | undefined> {
  const row = await db
    .selectFrom('conversation_references')
    .selectAll()
    .where('platform', '=', scope.platform)
    .where('workspace_id', '=', scope.workspaceId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst()
  return row ? toRecord(row) : undefined
}

/** The stored 1:1 chat between the bot and a user, if they have ever had one. */
export async function findDirectConversation(
  db: Db,
  platform: Platform,
  workspaceId: string,
  userId: string,
): Promise<ConversationReferenceRecord | undefined> {
  const row = await db
    .selectFrom('conversation_references')
    .selectAll()
    .where('platform', '=', platform)
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('conversation_kind', '=', 'direct')
    .orderBy('updated_at', 'desc')
    .executeTakeFirst()
  return row ? toRecord(row) : undefined
}

function toRecord(row: Selectable<ConversationReferenceTable>): ConversationReferenceRecord {
  return {
    platform: row.platform as Platform,
    conversationId: row.conversation_id,
    workspaceId: row.workspace_id,
    kind: row.conversation_kind as ConversationReferenceRecord['kind'],
    ...(row.user_id ? { userId: row.user_id } : {}),
    reference: row.reference,
  }
}
