// Sub-groups: named communities within a workspace ("Secondary Mastery Specialists — Years
// 7–11 Coherence"), each living in one or more channels. Resources are shared into them.
import type { Platform } from '../core/events.js'
import type { Db } from '../db/database.js'
import { inScope, type Scope } from '../db/scope.js'

export interface Subgroup {
  id: string
  platform: Platform
  workspaceId: string
  name: string
  phase?: string
  channels: string[]
}

export const SUBGROUP_NAME_MAX = 100

/** Creates the sub-group if its name is new (any capitals), sets its phase, and adds the channel. */
export async function saveSubgroup(
  db: Db,
  input: { platform: Platform; workspaceId: string; name: string; phase?: string | undefined; conversationId: string; createdBy: string },
): Promise<{ subgroup: Subgroup; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const nameKey = input.name.trim().toLowerCase()
    const inserted = await trx
      .insertInto('subgroups')
      .values({ platform: input.platform, workspace_id: input.workspaceId, name: input.name.trim(), name_key: nameKey, phase: input.phase ?? null, created_by: input.createdBy })
      .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'name_key']).doNothing())
      .returning('id')
      .executeTakeFirst()
    const row = await trx
      .selectFrom('subgroups')
      .select('id')
      .where('platform', '=', input.platform)
      .where('workspace_id', '=', input.workspaceId)
      .where('name_key', '=', nameKey)
      .executeTakeFirstOrThrow()
    if (!inserted && input.phase)
      await trx.updateTable('subgroups').set({ phase: input.phase }).where('platform', '=', input.platform).where('workspace_id', '=', input.workspaceId).where('id', '=', row.id).execute()
    await trx
      .insertInto('subgroup_channels')
      .values({ platform: input.platform, workspace_id: input.workspaceId, subgroup_id: row.id, conversation_id: input.conversationId })
      .onConflict((oc) => oc.columns(['subgroup_id', 'conversation_id']).doNothing())
      .execute()
    const [subgroup] = await listSubgroups(trx, input.platform, input.workspaceId, [row.id])
    return { subgroup: subgroup!, created: inserted !== undefined }
  })
}

/** The workspace's sub-groups (or those with these ids) with their channels, by name. */
export async function listSubgroups(db: Db, platform: Platform, workspaceId: string, ids?: string[]): Promise<Subgroup[]> {
  if (ids && ids.length === 0) return []
  let query = db
    .selectFrom('subgroups as s')
    // The composite key keeps a channel row in its sub-group's workspace.
    .leftJoin('subgroup_channels as c', 'c.subgroup_id', 's.id')
    .select(['s.id', 's.name', 's.phase', 'c.conversation_id'])
    .where('s.platform', '=', platform)
    .where('s.workspace_id', '=', workspaceId)
  if (ids) query = query.where('s.id', 'in', ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).concat(['00000000-0000-0000-0000-000000000000']))
  const rows = await query.orderBy('s.name').orderBy('c.conversation_id').execute()
  const byId = new Map<string, Subgroup>()
  for (const row of rows) {
    const subgroup = byId.get(row.id) ?? { id: row.id, platform, workspaceId, name: row.name, ...(row.phase ? { phase: row.phase } : {}), channels: [] }
    if (row.conversation_id) subgroup.channels.push(row.conversation_id)
    byId.set(row.id, subgroup)
  }
  return [...byId.values()]
}

/** Takes a channel out of a sub-group; the sub-group and its library entries stay. */
export async function removeChannel(db: Db, subgroup: Scope & { id: string }, conversationId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('subgroup_channels')
    .where(inScope(subgroup))
    .where('subgroup_id', '=', subgroup.id)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
