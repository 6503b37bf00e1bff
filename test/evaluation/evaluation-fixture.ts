// One hub's year, straight in the database, for the evaluation tests on both platforms:
// - Mastery Readiness, group A1 (eight people) and group A2 (three), and a 2025/26 group;
// - Mathematical Thinking for GCSE, group B1 (six people, every answer anonymised).
// A1's first session has five named answers (shown), one 'me' answer and one anonymised answer
// that is held back (fewer than five chose anonymity); its second has three named answers (too
// few to show). A2's one session has two answers and three marks: too few, so in no figure.
// Five of A1 are at Oakfield (one spelling it differently); two at St Mary's and one who gave no
// school make a pool of three: too few, so their attendance is in no figure either.
// Another workspace has a hub of the same name with a busy group that must never be counted.
import type { Platform } from '../../src/core/events.js'
import type { Db } from '../../src/db/database.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

export const HUB = 'Matrix Maths Hub'
export const SECRET_ME = 'Secret words only their author sees'
export const HELD_ANON = 'Anonymous words held back'
export const OTHER_WORKSPACE_TEXT = 'Words from another workspace entirely'

export interface EvaluationSeed {
  platform: Platform
  workspaceId: string
  otherWorkspaceId: string
  /** A user id on the platform for a short key ("p1"). */
  id: (key: string) => string
  /** A conversation id for a short key ("a1"). */
  channel: (key: string) => string
}

const at = (iso: string) => new Date(iso)

export async function seedEvaluation(db: Db, seed: EvaluationSeed): Promise<{ groupA1: string }> {
  const { platform, workspaceId, id } = seed
  const scope = { platform, workspace_id: workspaceId }
  const lead = id('lead')
  const group = (key: string, projectTitle: string, schoolYear = '2026/27', ws = workspaceId) =>
    seedWorkGroup(db, { platform, workspaceId: ws, conversationId: seed.channel(key), leadUserId: lead, hub: HUB, projectTitle, schoolYear })
  const [a1, a2, a0, b1] = [
    await group('a1', 'Mastery Readiness'),
    await group('a2', 'Mastery Readiness'),
    await group('a0', 'Mastery Readiness', '2025/26'),
    await group('b1', 'Mathematical Thinking for GCSE'),
  ]
  const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => id(`${prefix}${i + 1}`))
  const P = people('p', 8)
  const Q = people('q', 3)
  const R = people('r', 6)
  const join = (g: string, ids: string[]) => addParticipants(db, ref(g), [lead, ...ids].map((userId, i) => ({ userId, name: `Teacher ${userId.slice(-4)} ${i}` })), 'channel')
  await join(a1, P)
  await join(a2, Q)
  await join(b1, R)
  const created = at('2026-09-01T09:00:00Z')
  const [a1s1, a1s2, a1s3] = await addSessions(
    db,
    ref(a1),
    [
      { title: 'Bar models', startsAt: at('2026-10-07T16:00:00Z'), endsAt: at('2026-10-07T17:30:00Z') },
      { title: 'Reasoning', startsAt: at('2026-11-04T16:00:00Z'), endsAt: at('2026-11-04T17:30:00Z') },
      { title: 'Cancelled one', startsAt: at('2026-10-21T16:00:00Z'), endsAt: at('2026-10-21T17:30:00Z') },
      { title: 'Still to come', startsAt: at('2027-01-13T16:00:00Z'), endsAt: at('2027-01-13T17:30:00Z') },
    ],
    lead,
    created,
  )
  await db.updateTable('sessions').set({ cancelled_at: created }).where('id', '=', a1s3!.id).execute()
  const [a2s1] = await addSessions(db, ref(a2), [{ startsAt: at('2026-10-08T16:00:00Z'), endsAt: at('2026-10-08T17:30:00Z') }], lead, created)
  const [b1s1] = await addSessions(db, ref(b1), [{ startsAt: at('2026-10-09T16:00:00Z'), endsAt: at('2026-10-09T17:30:00Z') }], lead, created)

  const reflection = (session: { id: string; workGroupId: string }, userId: string, rating: number, visibility: 'me' | 'lead' | 'anonymised', tryInClass: string) => ({
    ...scope,
    session_id: session.id,
    work_group_id: session.workGroupId,
    user_id: userId,
    rating,
    try_in_class: tryInClass,
    noticed: null,
    visibility,
    submitted_at: created,
    updated_at: created,
  })
  await db
    .insertInto('reflections')
    .values([
      ...[5, 4, 4, 3, 5].map((rating, i) => reflection(a1s1!, P[i]!, rating, 'lead', 'Bar models for fractions')),
      reflection(a1s1!, P[5]!, 1, 'me', SECRET_ME),
      reflection(a1s1!, P[6]!, 1, 'anonymised', HELD_ANON),
      ...[4, 4, 5].map((rating, i) => reflection(a1s2!, P[i]!, rating, 'lead', 'Stem sentences')),
      ...[2, 2].map((rating, i) => reflection(a2s1!, Q[i]!, rating, 'lead', 'Small group words')),
      ...R.map((userId) => reflection(b1s1!, userId, 4, 'anonymised', 'Number talks every morning')),
    ])
    .execute()
  await db.insertInto('session_rsvps').values({ ...scope, session_id: a1s2!.id, user_id: P[7]!, status: 'apologies', late: false, answered_at: created }).execute()

  const register = async (session: { id: string; workGroupId: string }, marks: [string, 'attended' | 'apologised' | 'absent'][]) => {
    await db.insertInto('attendance_registers').values({ ...scope, session_id: session.id, work_group_id: session.workGroupId, confirmed_by: lead, confirmed_at: created, updated_by: lead, updated_at: created }).execute()
    await db
      .insertInto('attendance')
      .values(marks.map(([userId, status]) => ({ ...scope, session_id: session.id, work_group_id: session.workGroupId, user_id: userId, status, late: false, recorded_by: lead, recorded_at: created })))
      .execute()
  }
  await register(a1s1!, [...P.slice(0, 6).map((p) => [p, 'attended'] as [string, 'attended']), [P[6]!, 'absent'], [P[7]!, 'apologised']])
  await register(a1s2!, [...P.slice(0, 4).map((p) => [p, 'attended'] as [string, 'attended']), [P[4]!, 'absent'], [P[5]!, 'absent'], [P[6]!, 'absent'], [P[7]!, 'apologised']])
  await register(a2s1!, Q.map((q) => [q, 'attended']))
  await register(b1s1!, R.map((r) => [r, 'attended']))

  const schools: [string, string, string][] = [
    ...P.slice(0, 4).map((p) => [p, 'Oakfield Primary School', 'oakfield primary'] as [string, string, string]),
    [P[4]!, 'oakfield primary', 'oakfield primary'],
    [P[5]!, 'St Mary’s C of E Primary', 'st mary s c of e primary'],
    [P[6]!, 'St Mary’s C of E Primary', 'st mary s c of e primary'],
    ...Q.map((q) => [q, 'Oakfield Primary School', 'oakfield primary'] as [string, string, string]),
  ]
  await db
    .insertInto('person_schools')
    .values(schools.map(([user_id, school, school_key]) => ({ ...scope, user_id, school, school_key, given_by: user_id, updated_at: created })))
    .execute()

  // Another workspace: the same hub name, a busy group, none of it ever counted here.
  const other = await group('x1', 'Mastery Readiness', '2026/27', seed.otherWorkspaceId)
  const X = people('x', 12)
  await addParticipants(db, ref(other), X.map((userId) => ({ userId })), 'channel')
  const [x1s1] = await addSessions(db, ref(other), [{ startsAt: at('2026-10-07T16:00:00Z'), endsAt: at('2026-10-07T17:30:00Z') }], lead, created)
  await db
    .insertInto('reflections')
    .values(X.map((userId) => ({ ...reflection(x1s1!, userId, 1, 'lead', OTHER_WORKSPACE_TEXT), workspace_id: seed.otherWorkspaceId })))
    .execute()
  void a0
  return { groupA1: a1 }
}
