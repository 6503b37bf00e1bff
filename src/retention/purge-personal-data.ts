// The data-retention setting: personal data from before the last N school years (September to
// August, UK time) is erased. Sessions go with their RSVPs, reflections and attendance
// registers and check-ins (the database’s cascades, so nothing can be left behind); questions with
// their feedback; delivered messages (they hold names); participants who left; and resources
// keep their place in the library but no longer say who shared them.
import { DateTime } from 'luxon'
import type { Db } from '../db/database.js'

export interface PurgeResult {
  cutoff: Date
  sessions: number
  questions: number
  messages: number
  participants: number
  sharesAnonymised: number
}

/** The start of the oldest school year kept: with 2 years kept in November 2026, 1 September 2025. */
export function retentionCutoff(now: Date, keepSchoolYears: number, zone: string): Date {
  const local = DateTime.fromJSDate(now, { zone })
  const currentStart = local.month >= 9 ? local.year : local.year - 1
  return DateTime.fromObject({ year: currentStart - (keepSchoolYears - 1), month: 9, day: 1 }, { zone }).toJSDate()
}

/** Erases what is older than the cutoff, in one transaction: all of it goes, or none. */
export async function purgePersonalData(db: Db, now: Date, keepSchoolYears: number, zone: string): Promise<PurgeResult> {
  const cutoff = retentionCutoff(now, keepSchoolYears, zone)
  return db.transaction().execute(async (trx) => {
    const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0)
    const sessions = count(await trx.deleteFrom('sessions').where('starts_at', '<', cutoff).executeTakeFirst())
    const questions = count(await trx.deleteFrom('catalogue_questions').where('asked_at', '<', cutoff).executeTakeFirst())
    const messages = count(await trx.deleteFrom('outbox').where('created_at', '<', cutoff).where('status', 'in', ['sent', 'dropped', 'failed']).executeTakeFirst())
    const participants = count(await trx.deleteFrom('participants').where('active', '=', false).where('updated_at', '<', cutoff).executeTakeFirst())
    const sharesAnonymised = count(
      await trx.updateTable('resource_shares').set({ shared_by: '', shared_by_name: null, from_link: null }).where('shared_at', '<', cutoff).where('shared_by', '!=', '').executeTakeFirst(),
    )
    await trx.updateTable('resources').set({ shared_by: '', shared_by_name: null }).where('created_at', '<', cutoff).where('shared_by', '!=', '').execute()
    return { cutoff, sessions, questions, messages, participants, sharesAnonymised }
  })
}
