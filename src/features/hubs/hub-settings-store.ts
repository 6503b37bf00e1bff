// Reading and changing a hub's reminder settings (notice period, quiet hours) in the database.
import { BotError } from '../../core/errors.js'
import type { Db } from '../../db/database.js'
import { inScope, type Scope } from '../../db/scope.js'
import type { HubSettings, HubSettingsChange } from './hub-settings.js'

export async function readHubSettings(db: Db, hubId: string, scope?: Scope): Promise<HubSettings | undefined> {
  const row = await db
    .selectFrom('hubs')
    .select(['notice_hours', 'quiet_start', 'quiet_end', 'quiet_weekends'])
    .$if(scope !== undefined, (qb) => qb.where(inScope(scope!)))
    .where('id', '=', hubId)
    .executeTakeFirst()
  return row ? toSettings(row) : undefined
}

/** What one hub's settings were and now are, so the command can say what it changed. */
export interface SettingsChanged {
  hubId: string
  before: HubSettings
  after: HubSettings
}

/**
 * Applies one change to every hub given, in one transaction, reading each hub's settings under
 * a row lock so that "before" is what was really replaced.
 */
export async function changeHubSettings(db: Db, hubIds: readonly string[], change: HubSettingsChange, scope?: Scope): Promise<SettingsChanged[]> {
  if (hubIds.length === 0) return []
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('hubs')
      .select(['id', 'notice_hours', 'quiet_start', 'quiet_end', 'quiet_weekends'])
      .$if(scope !== undefined, (qb) => qb.where(inScope(scope!)))
      .where('id', 'in', [...hubIds])
      .orderBy('id')
      .forUpdate()
      .execute()
    if (rows.length < new Set(hubIds).size) {
      throw new BotError('not_found', 'The hub was removed while its settings were being changed; nothing was changed.')
    }
    const columns = {
      ...(change.noticeHours !== undefined ? { notice_hours: change.noticeHours } : {}),
      ...(change.quietHours ? { quiet_start: change.quietHours.start, quiet_end: change.quietHours.end } : {}),
      ...(change.quietWeekends !== undefined ? { quiet_weekends: change.quietWeekends } : {}),
    }
    if (Object.keys(columns).length === 0) return rows.map((r) => ({ hubId: r.id, before: toSettings(r), after: toSettings(r) }))
    const updated = await trx
      .updateTable('hubs')
      .set(columns)
      .$if(scope !== undefined, (qb) => qb.where(inScope(scope!)))
      .where('id', 'in', [...hubIds])
      .returning(['id', 'notice_hours', 'quiet_start', 'quiet_end', 'quiet_weekends'])
      .execute()
    const after = new Map(updated.map((r) => [r.id, toSettings(r)]))
    return rows.map((r) => ({ hubId: r.id, before: toSettings(r), after: after.get(r.id)! }))
  })
}

function toSettings(row: { notice_hours: number; quiet_start: string; quiet_end: string; quiet_weekends: boolean }): HubSettings {
  return { noticeHours: row.notice_hours, quiet: { start: row.quiet_start, end: row.quiet_end, weekends: row.quiet_weekends } }
}
