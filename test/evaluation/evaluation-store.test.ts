// The set-based reads the hub's evaluation makes, on the guarded store features get: a hub's
// groups for one year, every group's sessions and confirmed marks in one query each, and
// reflections without the words of 'me' ones; nothing from another workspace.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.js'
import { scopeColumns } from '../../src/db/scope.js'
import { workspaceGuard } from '../../src/db/workspace-guard.js'
import { listMarksOfGroups, saveRegister } from '../../src/domain/attendance.js'
import { listReflectionFigures } from '../../src/domain/reflections.js'
import { addSessions, listSessionsOf } from '../../src/domain/sessions.js'
import { ensureHub, listHubs, listHubWorkGroups } from '../../src/domain/work-groups.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const NORTH = { platform: 'slack' as const, workspaceId: 'T0NORTH' }
const SOUTH = { platform: 'slack' as const, workspaceId: 'T0SOUTH' }
const NOW = new Date('2026-12-01T09:00:00Z')
let database: TestDatabase
let guarded: Db
let groups: string[]

beforeAll(async () => {
  database = await createTestDatabase()
  const db = database.db
  guarded = db.withPlugin(workspaceGuard())
  const seed = (scope: typeof NORTH, conversationId: string, schoolYear = '2026/27') => seedWorkGroup(db, { ...scope, conversationId, leadUserId: 'U0LEAD', hub: 'Hub', projectTitle: 'Mastery Readiness', schoolYear })
  groups = [await seed(NORTH, 'C1'), await seed(NORTH, 'C2'), await seed(NORTH, 'C3', '2025/26'), await seed(SOUTH, 'C1')]
  for (const id of groups) {
    const [session] = await addSessions(db, ref(id), [{ startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:00:00Z') }], 'U0LEAD', NOW)
    await saveRegister(db, { ...ref(id), id: session!.id, workGroupId: id }, [{ userId: 'U0A', status: 'attended', late: false }], 'U0LEAD', NOW, 0)
    await db
      .insertInto('reflections')
      .values(
        (['me', 'lead'] as const).map((visibility) => ({
          ...scopeColumns(ref(id)),
          session_id: session!.id,
          work_group_id: id,
          user_id: `U0${visibility.toUpperCase()}`,
          rating: 4,
          try_in_class: `${visibility} words`,
          noticed: `${visibility} noticed`,
          visibility,
          submitted_at: NOW,
          updated_at: NOW,
        })),
      )
      .execute()
  }
})
afterAll(async () => {
  await database?.close()
})

it('reads a hub’s groups for one year, and their sessions and marks in one query each, in its own workspace only', async () => {
  const [hub] = await listHubs(guarded, NORTH)
  expect(hub?.id).toBe(await ensureHub(guarded, NORTH, 'Hub'))
  const thisYear = await listHubWorkGroups(guarded, NORTH, hub!.id, '2026/27')
  expect(thisYear.map((g) => g.id)).toEqual(groups.slice(0, 2))
  // Even given another workspace's group, the query names its own workspace and finds nothing there.
  const asked = [...thisYear.map((g) => ref(g.id)), { ...NORTH, id: groups[3]! }]
  expect(new Set((await listSessionsOf(guarded, asked)).map((s) => s.workGroupId))).toEqual(new Set(groups.slice(0, 2)))
  expect((await listMarksOfGroups(guarded, asked)).map((m) => [m.workGroupId, m.userId, m.status]).sort()).toEqual(groups.slice(0, 2).map((id) => [id, 'U0A', 'attended']).sort())
})

it('reads reflections without the words of “me” ones, which never leave the database', async () => {
  const sessions = await listSessionsOf(guarded, [ref(groups[0]!)])
  const figures = (await listReflectionFigures(guarded, sessions)).get(sessions[0]!.id)!
  expect(figures.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
    { userId: 'U0LEAD', rating: 4, visibility: 'lead', tryInClass: 'lead words', noticed: 'lead noticed' },
    { userId: 'U0ME', rating: 4, visibility: 'me' },
  ])
})
