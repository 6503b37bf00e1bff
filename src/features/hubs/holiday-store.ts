// A hub's school holidays in the database, and finding hubs by name for the commands that
// manage them. The reminder planner reads the same rows (listHolidays in work-group-store).
import { sql } from 'kysely'
import { BotError } from '../../core/errors.js'
import type { Platform } from '../../core/events.js'
import type { Db } from '../../db/database.js'
import { inScope, type Scope } from '../../db/scope.js'
import { hubNameKey } from './hub-names.js'
import type { HolidayInput } from './parse-term-dates.js'

/** A hub as the commands name it: the same name may exist once per workspace. */
export interface HubRecord {
  id: string
  platform: Platform
  workspaceId: string
  name: string
}

/** Every hub with this name, whatever its case or spacing, in every workspace. */
export async function findHubsByName(db: Db, name: string): Promise<HubRecord[]> {
  const rows = await db
    .selectFrom('hubs')
    .select(['id', 'platform', 'workspace_id', 'name'])
    // name_key is only trimmed and lower-cased; runs of spaces inside are squeezed here.
    .where(sql<string>`regexp_replace(name_key, '\\s+', ' ', 'g')`, '=', hubNameKey(name))
    .orderBy('platform')
    .orderBy('workspace_id')
    .execute()
  return rows.map((r) => ({ id: r.id, platform: r.platform as Platform, workspaceId: r.workspace_id, name: r.name }))
}

/** The names of all hubs, each once however many workspaces have it, in alphabetical order. */
export async function listHubNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('hubs').select('name').orderBy('created_at').execute()
  const byKey = new Map<string, string>()
  for (const { name } of rows) if (!byKey.has(hubNameKey(name))) byKey.set(hubNameKey(name), name)
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }))
}

/** How many holidays each hub lost to the import: those overlapping the file's dates. */
export interface ReplacedHolidays {
  hubId: string
  replaced: number
}

/**
 * Stores the holidays for every hub given, in one transaction: each hub's holidays that overlap
 * the dates the new ones span (earliest start to latest end) are replaced, and the rest kept,
 * so that a hub can import one school year at a time. Either every hub gets every holiday, or
 * nothing changes.
 */
export async function replaceHubHolidays(db: Db, hubIds: readonly string[], holidays: readonly HolidayInput[], scope?: Scope): Promise<ReplacedHolidays[]> {
  if (hubIds.length === 0 || holidays.length === 0) return hubIds.map((hubId) => ({ hubId, replaced: 0 }))
  const { from, to } = spanOf(holidays)
  return db.transaction().execute(async (trx) => {
    await lockHubs(trx, hubIds, scope)
    const removed = await trx
      .deleteFrom('hub_holidays')
      .$if(scope !== undefined, (qb) => qb.where(inScope(scope!)))
      .where('hub_id', 'in', [...hubIds])
      .where('starts_on', '<=', to)
      .where('ends_on', '>=', from)
      .returning('hub_id')
      .execute()
    // Each holiday row names its hub's workspace, as every workspace row does.
    const scopes = new Map(
      (
        await trx
          .selectFrom('hubs')
          .select(['id', 'platform', 'workspace_id'])
          .$if(scope !== undefined, (qb) => qb.where(inScope(scope!)))
          .where('id', 'in', [...hubIds])
          .execute()
      ).map((h) => [h.id, h]),
    )
    await trx
      .insertInto('hub_holidays')
      .values(
        hubIds.flatMap((hubId) =>
          holidays.map((h) => ({ platform: scopes.get(hubId)!.platform, workspace_id: scopes.get(hubId)!.workspace_id, hub_id: hubId, starts_on: h.startsOn, ends_on: h.endsOn, label: h.label ?? null })),
        ),
      )
      .execute()
    return hubIds.map((hubId) => ({ hubId, replaced: removed.filter((r) => r.hub_id === hubId).length }))
  })
}

/**
 * Locks the hubs' rows until the transaction ends, so that two imports for one hub run one
 * after the other instead of both deleting and then colliding on insert; and refuses a hub
 * that has gone since it was looked up.
 */
async function lockHubs(trx: Db, hubIds: readonly string[], scope?: Scope): Promise<void> {
  const found = await trx
    .selectFrom('hubs')
    .select('id')
    .$if(scope !== undefined, (qb) => qb.where(inScope(scope!)))
    .where('id', 'in', [...hubIds])
    .orderBy('id')
    .forUpdate()
    .execute()
  if (found.length < new Set(hubIds).size) {
    throw new BotError('not_found', 'The hub was removed while its holidays were being imported; nothing was changed. Run the command again.')
  }
}

/** The first and last day a set of holidays covers. */
export function spanOf(holidays: readonly { startsOn: string; endsOn: string }[]): { from: string; to: string } {
  const from = holidays.reduce((min, h) => (h.startsOn < min ? h.startsOn : min), holidays[0]!.startsOn)
  const to = holidays.reduce((max, h) => (h.endsOn > max ? h.endsOn : max), holidays[0]!.endsOn)
  return { from, to }
}

/** A stored holiday, with its name, for showing hub staff what the bot holds. */
export interface StoredHoliday {
  startsOn: string
  endsOn: string
  label?: string
}

/** The hub's holidays in date order. */
export async function listHubHolidays(db: Db, hubId: string, scope?: Scope): Promise<StoredHoliday[]> {
  const rows = await db
    .selectFrom('hub_holidays')
    .select(['starts_on', 'ends_on', 'label'])
    .$if(scope !== undefined, (qb) => qb.where(inScope(scope!)))
    .where('hub_id', '=', hubId)
    .orderBy('starts_on')
    .execute()
  return rows.map((r) => ({ startsOn: r.starts_on, endsOn: r.ends_on, ...(r.label ? { label: r.label } : {}) }))
}
