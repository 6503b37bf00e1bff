// The display names the store holds for people of a workspace: participants' names, kept from
// the platform's roster and the people pickers, then the name on a person's own 1:1 chat with
// the bot (Teams sends it with every message). Used to name people the platform would
// otherwise show by id alone (Teams mentions), hub administrators in no Work Group included.
import type { Db } from '../db/database.js'
import { inScope, type Scope } from '../db/scope.js'

export async function knownNames(db: Db, scope: Scope, userIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  const wanted = [...new Set(userIds)]
  if (wanted.length === 0) return names
  const participants = await db
    .selectFrom('participants')
    .select(['user_id', 'name'])
    .where(inScope(scope))
    .where('user_id', 'in', wanted)
    .where('name', 'is not', null)
    .execute()
  for (const r of participants) if (r.name) names.set(r.user_id, r.name)
  const unnamed = wanted.filter((id) => !names.has(id))
  if (unnamed.length === 0) return names
  const chats = await db
    .selectFrom('conversation_references')
    .select(['user_id', 'reference'])
    .where(inScope(scope))
    .where('conversation_kind', '=', 'direct')
    .where('user_id', 'in', unnamed)
    .orderBy('updated_at', 'desc')
    .execute()
  for (const chat of chats) {
    const name = nameIn(chat.reference)
    if (chat.user_id && name && !names.has(chat.user_id)) names.set(chat.user_id, name)
  }
  return names
}

/** The person's name in a stored conversation reference (`user.name`), if it has one. */
function nameIn(reference: unknown): string | undefined {
  const parsed = typeof reference === 'string' ? (JSON.parse(reference) as unknown) : reference
  const name = (parsed as { user?: { name?: unknown } } | null)?.user?.name
  return typeof name === 'string' && name.trim() ? name.trim() : undefined
}
