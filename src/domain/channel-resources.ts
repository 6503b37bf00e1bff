// What the resource library holds that reached one channel over a stretch of time: links shared
// from the channel, or into any sub-group the channel is in. Read by the catch-up (what was
// shared in the group since a session someone missed); the resources feature keeps its own
// store for sharing and search, and features never import each other.
import type { Db } from '../db/database.js'
import { inScope, type Scope } from '../db/scope.js'

export interface ChannelResource {
  id: string
  title: string
  url: string
  host: string
  /** When it first reached the channel in the stretch asked about. */
  sharedAt: Date
}

/** Far more than any message shows; past it, "and N more" counts to here. */
const READ_AT_MOST = 500

/**
 * Resources that reached the channel from `since` until `until`, newest first, each once
 * however many sub-groups carried it (at most READ_AT_MOST).
 */
export async function listChannelResources(
  db: Db,
  scope: Scope,
  conversationId: string,
  since: Date,
  until: Date,
): Promise<ChannelResource[]> {
  const rows = await db
    .selectFrom('resource_shares as sh')
    .innerJoin('resources as r', 'r.id', 'sh.resource_id')
    .select(['r.id', 'r.title', 'r.url', 'r.host'])
    .select((eb) => eb.fn.min('sh.shared_at').as('shared_at'))
    .where(inScope(scope, 'sh'))
    .where(inScope(scope, 'r'))
    .where('sh.shared_at', '>=', since)
    .where('sh.shared_at', '<', until)
    .where((eb) =>
      eb.or([
        eb('sh.from_conversation_id', '=', conversationId),
        eb(
          'sh.subgroup_id',
          'in',
          eb.selectFrom('subgroup_channels as c').select('c.subgroup_id').where(inScope(scope, 'c')).where('c.conversation_id', '=', conversationId),
        ),
      ]),
    )
    .groupBy(['r.id', 'r.title', 'r.url', 'r.host'])
    .orderBy('shared_at', 'desc')
    .orderBy('r.id')
    .limit(READ_AT_MOST)
    .execute()
  return rows.map((row) => ({ id: row.id, title: row.title, url: row.url, host: row.host, sharedAt: new Date(row.shared_at as unknown as string) }))
}
