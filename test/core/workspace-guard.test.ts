// The store features are given refuses a query on workspace data that does not name its
// workspace. Every test that runs the bot runs with it; these cases pin down what it checks.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.js'
import { WORKSPACE_TABLES, workspaceGuard } from '../../src/db/workspace-guard.js'
import { inScope, inScopes, type Scope, scopeColumns } from '../../src/db/scope.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

const NORTH: Scope = { platform: 'slack', workspaceId: 'T0NORTH' }
const SOUTH: Scope = { platform: 'slack', workspaceId: 'T0SOUTH' }

let database: TestDatabase
let guarded: Db
beforeAll(async () => {
  database = await createTestDatabase()
  guarded = database.db.withPlugin(workspaceGuard())
})
afterAll(async () => {
  await database?.close()
})

const refused = async (run: () => Promise<unknown>) => {
  try {
    await run()
    return undefined
  } catch (error) {
    return (error as { code?: string }).code
  }
}

describe('the workspace guard', () => {
  it('refuses a lookup by id alone, and allows it with the workspace', async () => {
    const id = '00000000-0000-0000-0000-000000000001'
    expect(await refused(() => guarded.selectFrom('sessions').selectAll().where('id', '=', id).execute())).toBe('unscoped_query')
    expect(await refused(() => guarded.selectFrom('sessions').selectAll().where(inScope(NORTH)).where('id', '=', id).execute())).toBeUndefined()
  })

  it('needs both the platform and the workspace, not one of them', async () => {
    expect(await refused(() => guarded.selectFrom('work_groups').selectAll().where('workspace_id', '=', 'T0NORTH').execute())).toBe('unscoped_query')
    expect(await refused(() => guarded.selectFrom('work_groups').selectAll().where('platform', '=', 'slack').execute())).toBe('unscoped_query')
  })

  it('checks updates, deletes and inserts', async () => {
    expect(await refused(() => guarded.updateTable('participants').set({ active: false }).where('user_id', '=', 'U1').execute())).toBe('unscoped_query')
    expect(await refused(() => guarded.deleteFrom('reflections').where('user_id', '=', 'U1').execute())).toBe('unscoped_query')
    expect(await refused(() => guarded.deleteFrom('reflections').where(inScope(SOUTH)).where('user_id', '=', 'U1').execute())).toBeUndefined()
    expect(await refused(() => guarded.insertInto('roles').values({ platform: 'slack', user_id: 'U1', role: 'hub_admin', granted_by: 'U0' } as never).execute())).toBe('unscoped_query')
    expect(
      await refused(() => guarded.insertInto('roles').values({ ...scopeColumns(NORTH), user_id: 'U1', role: 'hub_admin', granted_by: 'U0' }).onConflict((oc) => oc.doNothing()).execute()),
    ).toBeUndefined()
  })

  it('checks each subquery on its own, and a join answers through its conditions', async () => {
    const groups = guarded.selectFrom('work_groups').select('id').where(inScope(NORTH))
    expect(await refused(() => guarded.selectFrom('participants').selectAll().where('work_group_id', 'in', groups).execute())).toBe('unscoped_query')
    expect(
      await refused(() => guarded.selectFrom('participants as p').innerJoin('work_groups as w', 'w.id', 'p.work_group_id').select('p.user_id').where(inScope(NORTH, 'w')).execute()),
    ).toBeUndefined()
    expect(await refused(() => guarded.selectFrom('participants').selectAll().where(inScopes([NORTH, SOUTH])).execute())).toBeUndefined()
  })

  it('refuses raw SQL, which it cannot read, and leaves tables of no workspace alone', async () => {
    expect(await refused(() => sql`select * from reflections`.execute(guarded))).toBe('unscoped_query')
    expect(await refused(() => guarded.selectFrom('catalogue_projects').select('id').limit(1).execute())).toBeUndefined()
  })

  it('knows every table that holds a workspace’s rows', async () => {
    const rows = await sql<{ table_name: string; columns: string[] }>`
      select table_name, array_agg(column_name::text) as columns from information_schema.columns
      where table_schema = current_schema() group by table_name`.execute(database.db)
    const withWorkspace = rows.rows.filter((r) => r.columns.includes('workspace_id')).map((r) => r.table_name).sort()
    expect(withWorkspace).toEqual([...WORKSPACE_TABLES].sort())
    for (const row of rows.rows.filter((r) => WORKSPACE_TABLES.has(r.table_name))) expect(row.columns, row.table_name).toContain('platform')
  })
})
