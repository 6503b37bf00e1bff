// A Work Group with three confirmed registers and reflections at each privacy tier, for the
// chart in the Lead's attendance view on both platforms.
import type { Platform } from '../../src/core/events.js'
import type { Db } from '../../src/db/database.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

export interface ChartSeed {
  platform: Platform
  workspaceId: string
  conversationId: string
  lead: string
  /** Four participants, by id. */
  people: [string, string, string, string]
  extra?: Parameters<typeof addParticipants>[2]
}

/** The words the view should give for the seeded data. */
export const EXPECTED_WORDS =
  'Turnout and rating by session: 7 Oct 3 of 4 attended, rated 4.5 on average; 4 Nov 2 of 4 attended, no ratings to show; 2 Dec 4 of 4 attended, rated 3.8 on average.'

export async function seedChartGroup(db: Db, seed: ChartSeed): Promise<string> {
  const { platform, workspaceId, lead, people } = seed
  const groupId = await seedWorkGroup(db, { platform, workspaceId, conversationId: seed.conversationId, leadUserId: lead, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(db, ref(groupId), seed.extra ?? people.map((userId, i) => ({ userId, name: `Teacher ${i + 1}` })), 'channel')
  const sessions = await addSessions(
    db,
    ref(groupId),
    ['2026-10-07', '2026-11-04', '2026-12-02'].map((day) => ({ startsAt: new Date(`${day}T16:00:00Z`), endsAt: new Date(`${day}T17:30:00Z`), place: 'Room 4' })),
    lead,
    new Date('2026-09-01T09:00:00Z'),
  )
  const scope = { platform, workspace_id: workspaceId, work_group_id: groupId }
  const at = new Date('2026-12-03T09:00:00Z')
  const attendedBySession = [3, 2, 4]
  for (const [s, session] of sessions.entries()) {
    await db.insertInto('attendance_registers').values({ ...scope, session_id: session.id, confirmed_by: lead, confirmed_at: at, updated_by: lead, updated_at: at }).execute()
    await db
      .insertInto('attendance')
      .values(people.map((userId, i) => ({ ...scope, session_id: session.id, user_id: userId, status: i < attendedBySession[s]! ? ('attended' as const) : ('absent' as const), late: false, recorded_by: lead, recorded_at: at })))
      .execute()
  }
  // First session: two named (4, 5 → 4.5); one kept private and three anonymised (too few to
  // release) leave it so. Third: five anonymised, released (3, 3, 4, 4, 5 → 3.8).
  const reflection = (sessionId: string, userId: string, rating: number, visibility: 'me' | 'lead' | 'anonymised') => ({ ...scope, session_id: sessionId, user_id: userId, rating, visibility, try_in_class: null, noticed: null, submitted_at: at, updated_at: at })
  const [first, , third] = sessions as [(typeof sessions)[0], unknown, (typeof sessions)[0]]
  await db
    .insertInto('reflections')
    .values([
      reflection(first.id, people[0], 4, 'lead'),
      reflection(first.id, people[1], 5, 'lead'),
      reflection(first.id, people[2], 1, 'me'),
      reflection(first.id, people[3], 1, 'anonymised'),
      reflection(first.id, 'x-anon-1', 1, 'anonymised'),
      reflection(first.id, 'x-anon-2', 1, 'anonymised'),
      ...[3, 3, 4, 4, 5].map((rating, i) => reflection(third.id, `x-anon-${i + 3}`, rating, 'anonymised')),
    ])
    .execute()
  return groupId
}
