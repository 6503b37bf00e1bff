// The display names the store holds for people of a workspace: participants' names, kept
// from the platform's roster and the people pickers. Used to name people the platform would
// otherwise show by id alone (Teams mentions).
import type { Db } from '../db/database.js'
import { inScope, type Scope } from '../db/scope.js'

export async function knownNames(db: Db, scope: Scope, userIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  if (userIds.length === 0) return names
  const rows = await db
    .selectFrom('participants')
    .select(['user_id', 'name'])
    .where(inScope(scope))
    .where('user_id', 'in', [...new Set(userIds)])
    .where('name', 'is not', null)
    .execute()
  for (const r of rows) if (r.name) names.set(r.user_id, r.name)
  return names
}
