// The attendance store on its own, on PGlite by default and on the real server with
// DATABASE_URL: a register is confirmed once, corrected only at the version shown and only
// where a mark differs (with who and when), two confirmations racing leave one; rows stay in
// their workspace (the guard and the composite keys); retention takes them with their sessions,
// and "forget me" takes a person's marks and the Lead's name off what they kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.js'
import { inScope, scopeColumns } from '../../src/db/scope.js'
import { workspaceGuard } from '../../src/db/workspace-guard.js'
import { type AttendanceMark, listCheckIns, listMarks, recordCheckIn, saveRegister, type SessionRef } from '../../src/domain/attendance.js'
import { forgetPerson } from '../../src/domain/personal-data.js'
import { listSchools, saveSchool, schoolKey } from '../../src/domain/schools.js'
import { addSessions } from '../../src/domain/sessions.js'
import { purgePersonalData } from '../../src/retention/purge-personal-data.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const NORTH = { platform: 'slack' as const, workspaceId: 'T0NORTH' }
const SOUTH = { platform: 'slack' as const, workspaceId: 'T0SOUTH' }
const LEAD = 'U0LEAD'
let database: TestDatabase
let db: Db
let guarded: Db
let lastYear: SessionRef
let thisYear: SessionRef
let southSession: SessionRef

const mark = (userId: string, status: AttendanceMark['status'], late = false): AttendanceMark => ({ userId, status, late })
const at = (iso: string) => new Date(iso)

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db
  guarded = db.withPlugin(workspaceGuard())
  const north = await seedWorkGroup(db, { ...NORTH, conversationId: 'C1', leadUserId: LEAD, hub: 'Hub', projectTitle: 'Mastery Readiness' })
  const south = await seedWorkGroup(db, { ...SOUTH, conversationId: 'C1', leadUserId: 'U0SOUTHLEAD', hub: 'Hub', projectTitle: 'Mastery Readiness' })
  const [a, b] = await addSessions(
    db,
    ref(north),
    [
      { startsAt: at('2025-03-05T16:00:00Z'), endsAt: at('2025-03-05T17:00:00Z'), place: 'Room 1' },
      { startsAt: at('2026-11-04T16:00:00Z'), endsAt: at('2026-11-04T17:00:00Z'), place: 'Room 1' },
    ],
    LEAD,
    at('2024-09-01T09:00:00Z'),
  )
  const [c] = await addSessions(db, ref(south), [{ startsAt: at('2026-11-04T16:00:00Z'), endsAt: at('2026-11-04T17:00:00Z'), place: 'Room 9' }], 'U0SOUTHLEAD', at('2026-09-01T09:00:00Z'))
  lastYear = { ...NORTH, id: a!.id, workGroupId: north }
  thisYear = { ...NORTH, id: b!.id, workGroupId: north }
  southSession = { ...SOUTH, id: c!.id, workGroupId: south }
})
afterAll(async () => {
  await database?.close()
})

const rows = async (session: SessionRef) =>
  Object.fromEntries([...(await listMarks(guarded, session))].map(([userId, m]) => [userId, { status: m.status, late: m.late, by: m.recordedBy, at: m.recordedAt.toISOString() }]))
const version = async (session: SessionRef) =>
  (await guarded.selectFrom('attendance_registers').select('version').where(inScope(session)).where('session_id', '=', session.id).executeTakeFirst())?.version

describe('saving a register', () => {
  it('is confirmed once: a second confirmation is stale and changes nothing', async () => {
    const marks = [mark('U1', 'attended'), mark('U2', 'apologised', true), mark('U3', 'absent')]
    const first = await guarded.transaction().execute((trx) => saveRegister(trx, thisYear, marks, LEAD, at('2026-11-04T17:15:00Z'), 0))
    expect(first).toEqual({ changed: expect.arrayContaining(marks) })
    const again = await guarded.transaction().execute((trx) => saveRegister(trx, thisYear, [mark('U1', 'absent')], LEAD, at('2026-11-04T17:16:00Z'), 0))
    expect(again).toBe('stale')
    expect(await rows(thisYear)).toEqual({
      U1: { status: 'attended', late: false, by: LEAD, at: '2026-11-04T17:15:00.000Z' },
      U2: { status: 'apologised', late: true, by: LEAD, at: '2026-11-04T17:15:00.000Z' },
      U3: { status: 'absent', late: false, by: LEAD, at: '2026-11-04T17:15:00.000Z' },
    })
    expect(await version(thisYear)).toBe(1)
  })

  it('a correction at the version shown writes only the marks that differ, with who and when', async () => {
    const saved = await guarded
      .transaction()
      .execute((trx) => saveRegister(trx, thisYear, [mark('U1', 'attended'), mark('U2', 'apologised', true), mark('U3', 'attended')], 'U0ADMIN', at('2026-11-05T09:00:00Z'), 1))
    expect(saved).toEqual({ changed: [mark('U3', 'attended')] })
    const now = await rows(thisYear)
    expect(now.U3).toEqual({ status: 'attended', late: false, by: 'U0ADMIN', at: '2026-11-05T09:00:00.000Z' })
    expect(now.U1).toEqual({ status: 'attended', late: false, by: LEAD, at: '2026-11-04T17:15:00.000Z' })
    expect(await version(thisYear)).toBe(2)
  })

  it('a correction made from an older version is stale and changes nothing', async () => {
    const before = await rows(thisYear)
    expect(await guarded.transaction().execute((trx) => saveRegister(trx, thisYear, [mark('U1', 'absent')], LEAD, at('2026-11-05T10:00:00Z'), 1))).toBe('stale')
    expect(await rows(thisYear)).toEqual(before)
  })

  it('a mark of "late" is only kept for apologies', async () => {
    await guarded.transaction().execute((trx) => saveRegister(trx, thisYear, [mark('U3', 'attended', true)], LEAD, at('2026-11-05T11:00:00Z'), 2))
    expect((await rows(thisYear)).U3).toMatchObject({ status: 'attended', late: false })
  })

  it('two confirmations racing (two devices, two instances): exactly one is saved', async () => {
    const results = await Promise.all(
      ['U0LEAD', 'U0ADMIN'].map((by) => db.transaction().execute((trx) => saveRegister(trx, lastYear, [mark('U1', by === LEAD ? 'attended' : 'absent')], by, at('2025-03-05T17:20:00Z'), 0))),
    )
    expect(results.filter((r) => r === 'stale')).toHaveLength(1)
    expect(await version(lastYear)).toBe(1)
    const [winner] = Object.values(await rows(lastYear))
    expect(winner?.status).toBe(results[0] === 'stale' ? 'absent' : 'attended')
  })
})

describe('workspaces', () => {
  it('the guard refuses any query on the register that does not name the workspace', async () => {
    const code = (run: () => Promise<unknown>) => run().then(() => undefined, (error: { code?: string }) => error.code)
    expect(await code(() => guarded.selectFrom('attendance').selectAll().where('session_id', '=', thisYear.id).execute())).toBe('unscoped_query')
    expect(await code(() => guarded.deleteFrom('attendance').where('user_id', '=', 'U1').execute())).toBe('unscoped_query')
    expect(await code(() => guarded.updateTable('attendance_registers').set({ version: 9 }).where('session_id', '=', thisYear.id).execute())).toBe('unscoped_query')
    expect(await code(() => guarded.selectFrom('attendance').selectAll().where(inScope(NORTH)).execute())).toBeUndefined()
  })

  it('a mark cannot claim a session of another workspace: the composite key refuses it', async () => {
    const claim = db
      .insertInto('attendance')
      .values({ ...scopeColumns(NORTH), session_id: southSession.id, work_group_id: thisYear.workGroupId, user_id: 'U1', status: 'attended', late: false, recorded_by: LEAD, recorded_at: at('2026-11-04T17:00:00Z') })
      .execute()
    await expect(claim).rejects.toThrow(/foreign key/i)
    // Saving through the store in the wrong workspace fails the same way, and leaves nothing.
    await expect(db.transaction().execute((trx) => saveRegister(trx, { ...NORTH, id: southSession.id, workGroupId: southSession.workGroupId }, [mark('U1', 'attended')], LEAD, at('2026-11-04T17:00:00Z'), 0))).rejects.toThrow(/foreign key/i)
    expect(await rows(southSession)).toEqual({})
  })
})

describe('schools', () => {
  it('spellings of one school share a key', () => {
    for (const name of ['Oakfield Primary School', 'oakfield primary', '  Oakfield  Primary. ', 'OAKFIELD PRIMARY SCHOOL']) expect(schoolKey(name)).toBe('oakfield primary')
    expect(schoolKey('St Mary’s C of E Academy')).toBe('st mary s c of e')
    expect(schoolKey('Oakfield Secondary')).not.toBe(schoolKey('Oakfield Primary'))
  })

  it('one per person and workspace: saving again replaces it, and another workspace’s is apart', async () => {
    await saveSchool(guarded, { ...NORTH, userId: 'U9' }, 'Oakfield Primary', 'U9', at('2026-11-05T09:00:00Z'))
    await saveSchool(guarded, { ...NORTH, userId: 'U9' }, 'Oakfield Primary School', LEAD, at('2026-11-05T09:05:00Z'))
    await saveSchool(guarded, { ...SOUTH, userId: 'U9' }, 'Southfield', 'U9', at('2026-11-05T09:00:00Z'))
    expect(await listSchools(guarded, NORTH, ['U9'])).toEqual(new Map([['U9', { school: 'Oakfield Primary School', key: 'oakfield primary' }]]))
    expect((await listSchools(guarded, SOUTH, ['U9'])).get('U9')?.school).toBe('Southfield')
    const code = await guarded.selectFrom('person_schools').selectAll().where('user_id', '=', 'U9').execute().then(() => undefined, (error: { code?: string }) => error.code)
    expect(code).toBe('unscoped_query')
  })
})

describe('check-ins', () => {
  it('one per person and session: the first time is kept, a second changes nothing', async () => {
    expect(await recordCheckIn(guarded, thisYear, 'U2', at('2026-11-04T16:02:00Z'))).toEqual({ at: at('2026-11-04T16:02:00Z'), first: true })
    expect(await recordCheckIn(guarded, thisYear, 'U2', at('2026-11-04T16:09:00Z'))).toEqual({ at: at('2026-11-04T16:02:00Z'), first: false })
    await recordCheckIn(guarded, thisYear, 'U1', at('2026-11-04T16:03:00Z'))
    await recordCheckIn(guarded, lastYear, 'U2', at('2025-03-05T16:01:00Z'))
    await recordCheckIn(guarded, southSession, 'U2', at('2026-11-04T16:05:00Z'))
    expect((await listCheckIns(guarded, [thisYear])).get(thisYear.id)).toEqual(new Map([['U2', at('2026-11-04T16:02:00Z')], ['U1', at('2026-11-04T16:03:00Z')]]))
  })

  it('stay in their workspace: the guard refuses an unscoped query, the composite key a session of another', async () => {
    const code = await guarded.selectFrom('session_check_ins').selectAll().execute().then(() => undefined, (error: { code?: string }) => error.code)
    expect(code).toBe('unscoped_query')
    await expect(recordCheckIn(db, { ...NORTH, id: southSession.id, workGroupId: southSession.workGroupId }, 'U7', at('2026-11-04T16:05:00Z'))).rejects.toThrow(/foreign key/i)
  })
})

describe('erasure', () => {
  it('forget me removes the person’s marks, and keeps the Lead’s registers without the Lead’s name', async () => {
    await db.transaction().execute(async (trx) => {
      const erased = await forgetPerson(trx.withPlugin(workspaceGuard()), { ...NORTH, userId: 'U2' })
      expect(erased.attendance).toBe(1)
      expect(erased.checkIns).toBe(2)
    })
    // Their check-ins went with their marks; another person's, and their own in another workspace, stay.
    expect((await listCheckIns(guarded, [thisYear, lastYear])).get(thisYear.id)).toEqual(new Map([['U1', at('2026-11-04T16:03:00Z')]]))
    expect((await listCheckIns(guarded, [southSession])).get(southSession.id)?.has('U2')).toBe(true)
    expect(Object.keys(await rows(thisYear)).sort()).toEqual(['U1', 'U3'])
    await db.transaction().execute((trx) => forgetPerson(trx.withPlugin(workspaceGuard()), { ...NORTH, userId: 'U9' }))
    expect(await listSchools(guarded, NORTH, ['U9'])).toEqual(new Map())
    expect((await listSchools(guarded, SOUTH, ['U9'])).get('U9')?.school).toBe('Southfield')
    await db.transaction().execute((trx) => forgetPerson(trx.withPlugin(workspaceGuard()), { ...NORTH, userId: LEAD }))
    const kept = await rows(thisYear)
    expect(kept.U1).toMatchObject({ status: 'attended', by: '' })
    const register = await db.selectFrom('attendance_registers').selectAll().where('session_id', '=', thisYear.id).executeTakeFirstOrThrow()
    expect(register.confirmed_by).toBe('')
    // The other workspace's people are untouched.
    expect(await db.selectFrom('attendance').select('user_id').where('workspace_id', '=', SOUTH.workspaceId).execute()).toEqual([])
  })

  it('retention erases registers and check-ins with their sessions, like reflections, and keeps this year’s', async () => {
    expect(Object.keys(await rows(lastYear))).toHaveLength(1)
    await recordCheckIn(guarded, lastYear, 'U1', at('2025-03-05T16:01:00Z'))
    const purged = await purgePersonalData(db, at('2026-11-23T12:00:00Z'), 1, 'Europe/London')
    expect(purged.sessions).toBe(1)
    expect(await rows(lastYear)).toEqual({})
    expect(await version(lastYear)).toBeUndefined()
    expect(Object.keys(await rows(thisYear))).toHaveLength(2)
    expect(await listCheckIns(guarded, [lastYear])).toEqual(new Map())
    expect((await listCheckIns(guarded, [thisYear])).get(thisYear.id)?.size).toBe(1)
  })
})
