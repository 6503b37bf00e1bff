// Planning scheduled messages exactly once: a job (a session's reminder, a day's digest, a
// session's reflection prompt) is recorded under a key in the same transaction as its outbox
// rows, so two instances, a crash or a re-run never plan it twice.
import type { Db } from '../db/database.js'

/** Which of these keys were planned before (one query per thousand, not one each). */
export async function alreadyPlanned(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db.selectFrom('planned_once').select('plan_key').where('plan_key', 'in', keys.slice(i, i + 1000)).execute()
    for (const r of rows) found.add(r.plan_key)
  }
  return found
}

/**
 * Records the keys and runs `plan` for those this call recorded (not planned before, nor by a
 * racing instance), in one transaction: a crash leaves neither the keys nor the rows.
 */
export async function planOnce(db: Db, keys: string[], now: Date, plan: (trx: Db, mine: Set<string>) => Promise<number>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('planned_once')
      .values(keys.map((plan_key) => ({ plan_key, planned_at: now })))
      .onConflict((oc) => oc.column('plan_key').doNothing())
      .returning('plan_key')
      .execute()
    if (claimed.length === 0) return 0
    return plan(trx, new Set(claimed.map((c) => c.plan_key)))
  })
}
