// The resource library: one entry per resource in a workspace (keyed by its canonical URL), the
// sub-groups it has been shared into, and what search reads (resource-search.ts ranks it).
import { sql } from 'kysely'
import type { Platform } from '../../core/events.js'
import type { Db } from '../../db/database.js'
import { inScope, type Scope, scopeColumns } from '../../db/scope.js'

export interface Resource {
  id: string
  url: string
  canonicalUrl: string
  host: string
  title: string
  tags: string[]
  sharedBy: string
  sharedByName?: string
  createdAt: Date
}

export interface Share {
  subgroupId: string
  subgroupName: string
  sharedBy: string
  sharedByName?: string
  fromConversationId: string
  fromThreadId?: string
  fromLink?: string
  sharedAt: Date
}

export interface NewShare {
  platform: Platform
  workspaceId: string
  url: string
  canonicalUrl: string
  host: string
  title: string
  tags: string[]
  sharedBy: string
  sharedByName?: string | undefined
  from: { conversationId: string; threadId?: string | undefined; link?: string | undefined }
  subgroupIds: string[]
  at: Date
}

type ResourceRow = {
  id: string
  url: string
  canonical_url: string
  host: string
  title: string
  tags: string[]
  shared_by: string
  shared_by_name: string | null
  created_at: Date
}

const toResource = (row: ResourceRow): Resource => ({
  id: row.id,
  url: row.url,
  canonicalUrl: row.canonical_url,
  host: row.host,
  title: row.title,
  tags: row.tags,
  sharedBy: row.shared_by,
  ...(row.shared_by_name ? { sharedByName: row.shared_by_name } : {}),
  createdAt: new Date(row.created_at),
})

const resourceColumns = ['id', 'url', 'canonical_url', 'host', 'title', 'tags', 'shared_by', 'shared_by_name', 'created_at'] as const

export async function findResource(db: Db, platform: Platform, workspaceId: string, canonicalUrl: string): Promise<Resource | undefined> {
  const row = await db
    .selectFrom('resources')
    .select(resourceColumns)
    .where('platform', '=', platform)
    .where('workspace_id', '=', workspaceId)
    .where('canonical_url', '=', canonicalUrl)
    .executeTakeFirst()
  return row ? toResource(row) : undefined
}

export async function findResourceById(db: Db, scope: Scope, id: string): Promise<(Resource & { platform: Platform; workspaceId: string }) | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
  const row = await db.selectFrom('resources').select([...resourceColumns, 'platform', 'workspace_id']).where(inScope(scope)).where('id', '=', id).executeTakeFirst()
  return row ? { ...toResource(row), platform: row.platform as Platform, workspaceId: row.workspace_id } : undefined
}

/**
 * Adds the resource to the library, or attaches to the entry already there (its tags gain the
 * new ones; its title and first sharer stay), and records the share into each sub-group not
 * already holding it. Returns the entry, whether it was new, and the sub-groups newly reached.
 * Run it in the transaction that also queues the posts, so that neither is kept without the other.
 */
export async function shareResource(trx: Db, share: NewShare): Promise<{ resource: Resource; created: boolean; newSubgroupIds: string[] }> {
  const inserted = await trx
    .insertInto('resources')
    .values({
      platform: share.platform,
      workspace_id: share.workspaceId,
      canonical_url: share.canonicalUrl,
      url: share.url,
      host: share.host,
      title: share.title,
      tags: share.tags,
      shared_by: share.sharedBy,
      shared_by_name: share.sharedByName ?? null,
      created_at: share.at,
    })
    .onConflict((oc) => oc.columns(['platform', 'workspace_id', 'canonical_url']).doNothing())
    .returning(resourceColumns)
    .executeTakeFirst()
  let resource = inserted ? toResource(inserted) : undefined
  if (!resource) {
    const existing = (await findResource(trx, share.platform, share.workspaceId, share.canonicalUrl))!
    const tags = [...new Set([...existing.tags, ...share.tags])]
    await trx
      .updateTable('resources')
      .set({ tags })
      .where(inScope(share))
      .where('id', '=', existing.id)
      .execute()
    resource = { ...existing, tags }
  }
  const reached =
    share.subgroupIds.length === 0
      ? []
      : await trx
          .insertInto('resource_shares')
          .values(
            share.subgroupIds.map((subgroupId) => ({
              ...scopeColumns(share),
              resource_id: resource.id,
              subgroup_id: subgroupId,
              shared_by: share.sharedBy,
              shared_by_name: share.sharedByName ?? null,
              from_conversation_id: share.from.conversationId,
              from_thread_id: share.from.threadId ?? null,
              from_link: share.from.link ?? null,
              shared_at: share.at,
            })),
          )
          .onConflict((oc) => oc.columns(['resource_id', 'subgroup_id']).doNothing())
          .returning('subgroup_id')
          .execute()
  return { resource, created: inserted !== undefined, newSubgroupIds: reached.map((r) => r.subgroup_id) }
}

/**
 * When this person's recent shares were, one time for each (a share into several sub-groups
 * counts once), for the share limits.
 */
export async function recentSharesBy(db: Db, scope: Scope, userId: string, since: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('resource_shares')
    .select(['resource_id', 'shared_at'])
    .distinct()
    .where(inScope(scope))
    .where('shared_by', '=', userId)
    .where('shared_at', '>=', since)
    .execute()
  return rows.map((row) => new Date(row.shared_at))
}

/**
 * When each of these sub-groups took its recent resources, by sub-group. Locks the sub-groups'
 * rows until the transaction ends, so that two shares into one sub-group are counted one after
 * the other and its limit holds exactly.
 */
export async function recentSharesInto(trx: Db, scope: Scope, subgroupIds: string[], since: Date): Promise<Map<string, Date[]>> {
  const bySubgroup = new Map<string, Date[]>(subgroupIds.map((id) => [id, []]))
  if (subgroupIds.length === 0) return bySubgroup
  await trx.selectFrom('subgroups').select('id').where(inScope(scope)).where('id', 'in', subgroupIds).orderBy('id').forUpdate().execute()
  const rows = await trx
    .selectFrom('resource_shares')
    .select(['subgroup_id', 'shared_at'])
    .where(inScope(scope))
    .where('subgroup_id', 'in', subgroupIds)
    .where('shared_at', '>=', since)
    .execute()
  for (const row of rows) bySubgroup.get(row.subgroup_id)?.push(new Date(row.shared_at))
  return bySubgroup
}

/** Where each resource has been shared, oldest first, by resource id. */
export async function listShares(db: Db, scope: Scope, resourceIds: string[]): Promise<Map<string, Share[]>> {
  const byResource = new Map<string, Share[]>()
  if (resourceIds.length === 0) return byResource
  const rows = await db
    .selectFrom('resource_shares as r')
    .innerJoin('subgroups as s', 's.id', 'r.subgroup_id')
    .selectAll('r')
    .select('s.name')
    .where(inScope(scope, 'r'))
    .where('r.resource_id', 'in', resourceIds)
    .orderBy('r.shared_at')
    .orderBy('s.name')
    .execute()
  for (const row of rows) {
    byResource.set(row.resource_id, [
      ...(byResource.get(row.resource_id) ?? []),
      {
        subgroupId: row.subgroup_id,
        subgroupName: row.name,
        sharedBy: row.shared_by,
        ...(row.shared_by_name ? { sharedByName: row.shared_by_name } : {}),
        fromConversationId: row.from_conversation_id,
        ...(row.from_thread_id ? { fromThreadId: row.from_thread_id } : {}),
        ...(row.from_link ? { fromLink: row.from_link } : {}),
        sharedAt: new Date(row.shared_at),
      },
    ])
  }
  return byResource
}

/** What search ranks each entry by (resource-search.ts). */
export interface SearchEntry {
  id: string
  title: string
  tags: string[]
  host: string
  createdAt: Date
}

/**
 * What search reads of every entry in the workspace, as one row of JSON: a row per entry costs
 * PGlite about three times as much (258 ms against 82 ms for 20,000 entries).
 */
export async function listSearchEntries(db: Db, scope: Scope): Promise<SearchEntry[]> {
  const row = await db
    .selectFrom('resources')
    .select(sql<[string, string, string[], string, string][] | null>`json_agg(json_build_array(id, title, tags, host, created_at))`.as('entries'))
    .where(inScope(scope))
    .executeTakeFirst()
  return (row?.entries ?? []).map(([id, title, tags, host, createdAt]) => ({ id, title, tags, host, createdAt: new Date(createdAt) }))
}

/** The entries with these ids, in the order given. */
export async function listResourcesByIds(db: Db, scope: Scope, ids: string[]): Promise<Resource[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('resources').select(resourceColumns).where(inScope(scope)).where('id', 'in', ids).execute()
  const byId = new Map(rows.map((row) => [row.id, toResource(row)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Resources newly shared into a sub-group since `since`, newest first (for its weekly digest). */
export async function listNewInSubgroup(db: Db, subgroup: Scope & { id: string }, since: Date, until: Date): Promise<Resource[]> {
  const rows = await db
    .selectFrom('resource_shares as sh')
    .innerJoin('resources as r', 'r.id', 'sh.resource_id')
    .select(resourceColumns.map((c) => `r.${c}` as const))
    .where(inScope(subgroup, 'sh'))
    .where('sh.subgroup_id', '=', subgroup.id)
    .where('sh.shared_at', '>=', since)
    .where('sh.shared_at', '<', until)
    .orderBy('sh.shared_at', 'desc')
    .execute()
  return rows.map(toResource)
}
