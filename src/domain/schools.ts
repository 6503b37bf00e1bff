// Each person's school in a workspace, as they (or their Lead) wrote it, with a key that groups
// spellings of one school. In the domain because erasure and the hub's evaluation across Work
// Groups read it as well as the attendance feature.
import type { Db } from '../db/database.js'
import { inScope, type Scope, scopeColumns } from '../db/scope.js'

/** Long enough for any school's name, short enough to read on a phone. */
export const SCHOOL_MAX = 120

/** "Oakfield Primary School", "oakfield primary" and "Oakfield Primary." are one school. */
export function schoolKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b(school|academy)\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The schools these people gave, by user id. */
export async function listSchools(db: Db, scope: Scope, userIds: readonly string[]): Promise<Map<string, { school: string; key: string }>> {
  if (userIds.length === 0) return new Map()
  const rows = await db.selectFrom('person_schools').select(['user_id', 'school', 'school_key']).where(inScope(scope)).where('user_id', 'in', [...userIds]).execute()
  return new Map(rows.map((r) => [r.user_id, { school: r.school, key: r.school_key }]))
}

export async function saveSchool(db: Db, person: Scope & { userId: string }, school: string, givenBy: string, now: Date): Promise<void> {
  const name = school.replace(/\s+/g, ' ').trim()
  await db
    .insertInto('person_schools')
    .values({ ...scopeColumns(person), user_id: person.userId, school: name, school_key: schoolKey(name), given_by: givenBy, updated_at: now })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'user_id']).doUpdateSet({ school: name, school_key: schoolKey(name), given_by: givenBy, updated_at: now }))
    .execute()
}
