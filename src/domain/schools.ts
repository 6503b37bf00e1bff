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

/**
 * The schools already named, one spelling each (the most used), alphabetically: offered as a
 * list to pick from, so one school is not entered five ways. With `hubId`, only schools of
 * people in that hub's Work Groups; at most `limit` (a platform's menu holds 100).
 */
export async function listKnownSchools(db: Db, scope: Scope, hubId?: string, limit = 100): Promise<string[]> {
  const rows = await db
    .selectFrom('person_schools as s')
    .select(['s.school', 's.school_key', 's.user_id'])
    .where(inScope(scope, 's'))
    .$if(hubId !== undefined, (qb) =>
      qb.where('s.user_id', 'in', (eb) =>
        eb
          .selectFrom('participants as p')
          .innerJoin('work_groups as w', 'w.id', 'p.work_group_id')
          .select('p.user_id')
          .where(inScope(scope, 'p'))
          .where(inScope(scope, 'w'))
          .where('w.hub_id', '=', hubId!),
      ),
    )
    .execute()
  const spellings = new Map<string, Map<string, number>>()
  for (const r of rows) {
    const counts = spellings.get(r.school_key) ?? new Map<string, number>()
    counts.set(r.school, (counts.get(r.school) ?? 0) + 1)
    spellings.set(r.school_key, counts)
  }
  const names = [...spellings.values()].map((counts) => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0])
  return names.sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })).slice(0, limit)
}
