// The retention setting: personal data from before the kept school years is erased, newer data
// is untouched, and resources stay in the library without saying who shared them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants, removeChannelParticipants } from '../../src/domain/work-groups.js'
import { purgePersonalData, retentionCutoff } from '../../src/retention/purge-personal-data.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'
const SCOPE_COLUMNS = { platform: 'slack' as const, workspace_id: 'T1' }

const ZONE = 'Europe/London'
const NOW = new Date('2026-11-23T12:00:00Z')
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

describe('the retention cutoff', () => {
  it('keeps whole school years, September to August, UK time', () => {
    expect(retentionCutoff(NOW, 1, ZONE).toISOString()).toBe('2026-08-31T23:00:00.000Z')
    expect(retentionCutoff(NOW, 2, ZONE).toISOString()).toBe('2025-08-31T23:00:00.000Z')
    expect(retentionCutoff(new Date('2026-08-31T12:00:00Z'), 1, ZONE).toISOString()).toBe('2025-08-31T23:00:00.000Z')
  })

  it('is set with RETENTION_SCHOOL_YEARS, and a bad value is refused in a sentence', () => {
    expect(loadConfig({ RETENTION_SCHOOL_YEARS: '2' }).retentionSchoolYears).toBe(2)
    expect(loadConfig({}).retentionSchoolYears).toBeUndefined()
    expect(() => loadConfig({ RETENTION_SCHOOL_YEARS: 'two' })).toThrow('RETENTION_SCHOOL_YEARS must be a whole number of school years from 1 to 20')
  })
})

describe('purging', () => {
  it('erases what is older than the kept school years and nothing newer', async () => {
    const { db } = database
    const groupId = await seedWorkGroup(db, { platform: 'slack', workspaceId: 'T1', conversationId: 'C1', leadUserId: 'ULEAD', hub: 'Hub', projectTitle: 'Mastery Readiness' })
    await addParticipants(db, ref(groupId), [{ userId: 'UOLD' }, { userId: 'UNOW' }], 'channel')
    await removeChannelParticipants(db, ref(groupId), ['UOLD'])
    await db.updateTable('participants').set({ updated_at: new Date('2024-06-01T12:00:00Z') }).where('user_id', '=', 'UOLD').execute()
    const [old, recent] = await addSessions(db, ref(groupId),
      [
        { startsAt: new Date('2025-03-05T16:00:00Z'), endsAt: new Date('2025-03-05T17:00:00Z'), place: 'Room 1' },
        { startsAt: new Date('2026-10-05T15:00:00Z'), endsAt: new Date('2026-10-05T16:00:00Z'), place: 'Room 1' },
      ],
      'ULEAD',
    new Date('2026-09-01T09:00:00Z'),
    )
    for (const session of [old!, recent!]) {
      await db.insertInto('session_rsvps').values({ ...SCOPE_COLUMNS, session_id: session.id, user_id: 'UNOW', status: 'going', late: false, answered_at: session.startsAt }).execute()
      await db
        .insertInto('reflections')
        .values({ ...SCOPE_COLUMNS, session_id: session.id, work_group_id: groupId, user_id: 'UNOW', rating: 4, try_in_class: 'Bar models', noticed: null, visibility: 'lead', submitted_at: session.endsAt, updated_at: session.endsAt })
        .execute()
    }
    for (const at of ['2025-01-10T10:00:00Z', '2026-10-10T10:00:00Z'])
      await db.insertInto('catalogue_questions').values({ platform: 'slack', workspace_id: 'T1', user_id: 'UNOW', question: `asked ${at}`, school_year: '2021/22', outcome: 'nothing_fits', project_ids: [], answered_by: 'rules', answer: JSON.stringify({}), asked_at: new Date(at) } as never).execute()
    const subgroup = await db.insertInto('subgroups').values({ platform: 'slack', workspace_id: 'T1', name: 'S', name_key: 's', created_by: 'UADMIN' }).returning('id').executeTakeFirstOrThrow()
    const resource = await db
      .insertInto('resources')
      .values({ platform: 'slack', workspace_id: 'T1', canonical_url: 'https://x.org/a', url: 'https://x.org/a', host: 'x.org', title: 'A', tags: [], shared_by: 'UNOW', shared_by_name: 'Nora', created_at: new Date('2024-02-01T10:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('resource_shares').values({ ...SCOPE_COLUMNS, resource_id: resource.id, subgroup_id: subgroup.id, shared_by: 'UNOW', shared_by_name: 'Nora', from_conversation_id: 'C1', shared_at: new Date('2024-02-01T10:00:00Z') }).execute()

    const result = await purgePersonalData(db, NOW, 1, ZONE)
    expect(result).toMatchObject({ sessions: 1, questions: 1, participants: 1, sharesAnonymised: 1 })
    expect((await db.selectFrom('sessions').select('id').execute()).map((s) => s.id)).toEqual([recent!.id])
    expect((await db.selectFrom('reflections').select('session_id').execute()).map((r) => r.session_id)).toEqual([recent!.id])
    expect((await db.selectFrom('session_rsvps').select('session_id').execute()).map((r) => r.session_id)).toEqual([recent!.id])
    expect((await db.selectFrom('catalogue_questions').select('question').execute()).map((q) => q.question)).toEqual(['asked 2026-10-10T10:00:00Z'])
    expect((await db.selectFrom('participants').select('user_id').execute()).map((p) => p.user_id)).toEqual(['UNOW'])
    expect(await db.selectFrom('resources').select(['title', 'shared_by', 'shared_by_name']).execute()).toEqual([{ title: 'A', shared_by: '', shared_by_name: null }])
    // Running it again finds nothing more.
    expect(await purgePersonalData(db, NOW, 1, ZONE)).toMatchObject({ sessions: 0, questions: 0, participants: 0, sharesAnonymised: 0 })
  })
})
