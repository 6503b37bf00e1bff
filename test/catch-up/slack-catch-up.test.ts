// Catch-ups on Slack, through signed requests into the real Bolt receiver and the Web API double,
// on a fake clock: once the Lead confirms the register, each person it marks apologised or
// absent gets one direct message (what the session covered, the gap task, the next session,
// what was shared in the group since, themes of the visible reflections), and nobody else does;
// planning again sends nothing twice; a correction to "attended" before sending drops it; two
// days without a register, those who sent apologies get theirs, never for a cancelled session;
// themes only from five or more people's visible answers, never from private ones; `catch up`
// in the channel and in a direct chat, with a date; and "forget me" dropping a waiting one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { saveRegister } from '../../src/domain/attendance.js'
import { saveReflection, type Visibility } from '../../src/domain/reflections.js'
import { addSessions, markCancelled } from '../../src/domain/sessions.js'
import { saveSubgroup } from '../../src/domain/subgroups.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { shareResource } from '../../src/features/resources/resource-store.js'
import { eventually, eventuallyAsync } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0CATCHUP'
const OTHER_CHANNEL = 'C0OTHER'
const ELSEWHERE = 'C0ELSEWHERE'
const LEAD = 'U0LEAD'
const OUTSIDER = 'U0OUTSIDER'
const ATTENDED = ['U0ALICE', 'U0DEV', 'U0ELLA', 'U0FRED', 'U0GINA', 'U0HAL', 'U0IVY'] as const
const [ALICE, DEV, ELLA, FRED, GINA, HAL, IVY] = ATTENDED
const BEN = 'U0BEN'
const CHLOE = 'U0CHLOE'
const SCOPE = { platform: 'slack' as const, workspaceId: TEAM }
const SCOPE_COLUMNS = { platform: 'slack' as const, workspace_id: TEAM }

// Monday 2 November 2026, 09:00 GMT (UK time is UTC in November).
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let groupId: string
let first: string
let cancelled: string
let second: string

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId), [LEAD, BEN, CHLOE, ...ATTENDED].map((userId) => ({ userId })), 'channel')
  const sessions = await addSessions(
    bot.db,
    ref(groupId),
    [
      { title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Room 4', prepare: 'Watch the NCETM bar models video', gapTask: 'Try one bar model task with your class' },
      { title: 'Ratio', startsAt: new Date('2026-11-18T16:00:00Z'), endsAt: new Date('2026-11-18T17:30:00Z') },
      { title: 'Reasoning', startsAt: new Date('2026-12-02T16:00:00Z'), endsAt: new Date('2026-12-02T17:30:00Z'), prepare: 'Read the reasoning chapter', gapTask: 'Ask one why question a day' },
    ],
    LEAD,
    new Date('2026-09-01T09:00:00Z'),
  )
  ;[first, cancelled, second] = sessions.map((s) => s.id) as [string, string, string]
  await markCancelled(bot.db, { ...SCOPE, id: cancelled }, new Date('2026-11-10T09:00:00Z'))
  const answered = (session: string, user: string, status: 'going' | 'apologies') => ({ ...SCOPE_COLUMNS, session_id: session, user_id: user, status, late: false, answered_at: clock.now() })
  // Ben sent apologies for every session, Chloe for the last; Chloe never answered for the first.
  await bot.db
    .insertInto('session_rsvps')
    .values([...ATTENDED.map((u) => answered(first, u, 'going')), answered(first, BEN, 'apologies'), answered(cancelled, BEN, 'apologies'), answered(second, BEN, 'apologies'), answered(second, CHLOE, 'apologies')])
    .execute()

  // Reflections on the first session: four shared with the Lead, two kept private, two anonymised
  // (too few to be released). The private and anonymised ones share words of their own.
  const reflect = (user: string, visibility: Visibility, tryInClass: string) =>
    saveReflection(bot.db, { ...SCOPE, sessionId: first, workGroupId: groupId, userId: user }, { rating: 4, tryInClass, noticed: 'More talk in pairs', visibility }, new Date('2026-11-04T17:35:00Z'), 0)
  for (const user of [ALICE, DEV, ELLA, FRED]) await reflect(user, 'lead', `Number lines with year ${ATTENDED.indexOf(user as never) + 3}`)
  for (const user of [GINA, HAL]) await reflect(user, 'me', 'Tangram secrets')
  for (const user of [BEN, CHLOE]) await reflect(user, 'anonymised', 'Fraction walls')

  // Resources: eight reach the channel after the first session started (seven through its
  // sub-group, one shared from the channel into another), one before, one elsewhere only.
  const { subgroup } = await saveSubgroup(bot.db, { ...SCOPE, name: 'Primary Mastery', conversationId: CHANNEL, createdBy: LEAD })
  await saveSubgroup(bot.db, { ...SCOPE, name: 'Primary Mastery', conversationId: OTHER_CHANNEL, createdBy: LEAD })
  const { subgroup: elsewhere } = await saveSubgroup(bot.db, { ...SCOPE, name: 'Secondary', conversationId: ELSEWHERE, createdBy: LEAD })
  const share = (n: number, at: string, from: string, subgroupId: string) =>
    bot.db.transaction().execute((trx) =>
      shareResource(trx, {
        ...SCOPE, url: `https://www.ncetm.org.uk/r${n}`, canonicalUrl: `https://www.ncetm.org.uk/r${n}`, host: 'ncetm.org.uk', title: `Resource ${n}`, tags: [],
        sharedBy: ALICE, from: { conversationId: from }, subgroupIds: [subgroupId], at: new Date(at),
      }),
    )
  await share(0, '2026-11-03T12:00:00Z', OTHER_CHANNEL, subgroup.id)
  for (let n = 1; n <= 7; n++) await share(n, `2026-11-04T17:${String(n).padStart(2, '0')}:00Z`, OTHER_CHANNEL, subgroup.id)
  await share(8, '2026-11-04T17:50:00Z', CHANNEL, elsewhere.id)
  await share(9, '2026-11-04T17:55:00Z', ELSEWHERE, elsewhere.id)
})
afterAll(async () => {
  await bot?.stop()
})

/** Catch-ups the outbox delivered to a person. */
const catchUps = (user: string) => bot.slackApi.posted(dmChannelOf(user)).filter((m) => m.metadata && String(m.text).startsWith('Catch-up:'))
/** Plans, then delivers until every conversation's queue is empty (one message a second each). */
const run = async () => {
  await bot.jobs.tick()
  for (let i = 0; i < 6; i++) {
    const { sent } = await bot.jobs.deliver()
    if (sent === 0) break
    clock.advance(2_000)
  }
}
const outboxRow = (user: string, session = first) =>
  bot.db.selectFrom('outbox').select(['status', 'last_error']).where('dedupe_key', '=', `catch-up:${session}:${user}`).executeTakeFirst()
const correct = (version: number, marks: { userId: string; status: 'attended' | 'apologised' | 'absent' }[]) =>
  bot.db.transaction().execute((trx) => saveRegister(trx, { ...SCOPE, id: first, workGroupId: groupId }, marks.map((m) => ({ ...m, late: false })), LEAD, clock.now(), version))

describe('after a confirmed register', () => {
  it('nothing goes before the Lead confirms the register', async () => {
    clock.set('2026-11-04T17:40:00Z')
    await run()
    for (const user of [LEAD, BEN, CHLOE, ...ATTENDED]) expect(catchUps(user)).toEqual([])
  })

  it('once confirmed, each person marked apologised or absent gets one direct message; the Lead and those who came get none', async () => {
    clock.set('2026-11-04T18:02:00Z')
    await slack.click('attendance.confirm', `${first}:0`, LEAD)
    await eventuallyAsync(() => bot.db.selectFrom('attendance_registers').selectAll().where('session_id', '=', first).executeTakeFirst())
    await run()
    expect(catchUps(BEN)).toHaveLength(1)
    expect(catchUps(CHLOE)).toHaveLength(1)
    for (const user of [LEAD, ...ATTENDED]) expect(catchUps(user)).toEqual([])

    const ben = catchUps(BEN)[0]!
    expect(ben.text).toBe('Catch-up: Mastery Readiness: Bar models, Wed 4 Nov 16:00 (UK time). What it covered, the gap task and what’s next.')
    const shown = JSON.stringify(ben.blocks)
    expect(shown).toContain('Catch-up: Mastery Readiness: Bar models')
    expect(shown).toContain('You sent apologies for this session on')
    expect(shown).toContain('What it covered')
    expect(shown).toContain('Watch the NCETM bar models video')
    expect(shown).toContain('Try one bar model task with your class')
    expect(shown).toContain('*Next session:*')
    expect(shown).toContain('Reasoning')
    expect(shown).toContain('Read the reasoning chapter')
    // The cancelled session in between is not the next one.
    expect(shown).not.toContain('Ratio')
    // The newest five that reached the channel since, and a count of the rest; not the one
    // shared before the session, nor the one shared only elsewhere.
    for (const n of [8, 7, 6, 5, 4]) expect(shown).toContain(`<https://www.ncetm.org.uk/r${n}|Resource ${n}>`)
    for (const n of [0, 1, 2, 3, 9]) expect(shown).not.toContain(`Resource ${n}`)
    expect(shown).toContain('…and 3 more: search them with “resources”.')
    // Four visible answers are too few for themes; nobody is named or quoted.
    expect(shown).toContain('Too few reflections yet to share the group’s themes.')
    for (const words of ['Number lines', 'number lines', 'Tangram', 'Fraction walls', 'More talk']) expect(shown).not.toContain(words)
    for (const user of ATTENDED) expect(shown).not.toContain(user)
    // No Reflect button for a session they were not at.
    expect(shown).not.toContain('reflection.open')

    expect(JSON.stringify(catchUps(CHLOE)[0]!.blocks)).toContain('You missed this session on')
  })

  it('planning again sends nothing twice', async () => {
    clock.advance(60_000)
    await run()
    await run()
    expect(catchUps(BEN)).toHaveLength(1)
    expect(catchUps(CHLOE)).toHaveLength(1)
  })

  it('a correction marking someone absent plans theirs; corrected back to attended before it goes, it is dropped', async () => {
    clock.set('2026-11-04T19:00:00Z')
    expect(await correct(1, [{ userId: DEV, status: 'absent' }])).toEqual({ changed: [{ userId: DEV, status: 'absent', late: false }] })
    await bot.jobs.tick()
    expect(await outboxRow(DEV)).toMatchObject({ status: 'pending' })
    await correct(2, [{ userId: DEV, status: 'attended' }])
    await run()
    expect(catchUps(DEV)).toEqual([])
    expect(await outboxRow(DEV)).toEqual({ status: 'dropped', last_error: 'the register says they attended' })
    expect(catchUps(BEN)).toHaveLength(1)
  })
})

describe('`catch up`', () => {
  it('in the channel, answers privately with the latest session the person missed', async () => {
    clock.set('2026-11-05T10:00:00Z')
    const res = await slack.slash('catch up', BEN)
    const shown = JSON.stringify(res.json)
    expect(res.json.response_type).toBe('ephemeral')
    expect(shown).toContain('Catch-up: Mastery Readiness: Bar models')
    expect(shown).toContain('You sent apologies for this session on')
    expect(shown).toContain('Too few reflections yet')
  })

  it('shows themes once five people’s visible answers are in, never from private or unreleased ones', async () => {
    await saveReflection(bot.db, { ...SCOPE, sessionId: first, workGroupId: groupId, userId: IVY }, { rating: 5, tryInClass: 'Number lines for fractions', visibility: 'lead' }, clock.now(), 0)
    const shown = JSON.stringify((await slack.slash('catch up', CHLOE)).json)
    expect(shown).toContain('*Themes in the group’s reflections:* number lines')
    expect(shown).not.toContain('Too few reflections')
    for (const words of ['Tangram', 'tangram', 'Fraction walls', 'fraction walls']) expect(shown).not.toContain(words)
    for (const user of ATTENDED) expect(shown).not.toContain(user)
  })

  it('someone who came gets the latest catch-up saying they were there; the Lead gets what participants get', async () => {
    expect(JSON.stringify((await slack.slash('catch up', ALICE)).json)).toContain('You were at this session on')
    expect(JSON.stringify((await slack.slash('catch up', LEAD)).json)).toContain('You lead this Work Group: this is the catch-up participants who missed the session on')
  })

  it('takes a date; a day with no session, or words that are not a date, get a clear sentence', async () => {
    expect(JSON.stringify((await slack.slash('catch up 4 Nov', BEN)).json)).toContain('Catch-up: Mastery Readiness: Bar models')
    expect((await slack.slash('catch up 5 Nov', BEN)).json.text).toBe(
      'There was no Mastery Readiness session on Thursday 5 November 2026. Say `/workgroups catch up` for the latest session you missed, or add the day it met: `/workgroups catch up 7 Dec`.',
    )
    expect((await slack.slash('catch up soonish', BEN)).json.text).toMatch(/^I couldn’t read that date/)
  })

  it('in a direct chat, looks across the person’s groups: a session they came to in one does not hide one they missed in another', async () => {
    // Ben's other group met this morning, and its register says he was there.
    const other = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: 'C0SECOND', leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Early Years Mastery' })
    await addParticipants(bot.db, ref(other), [{ userId: LEAD }, { userId: BEN }], 'channel')
    const [morning] = await addSessions(bot.db, ref(other), [{ title: 'Counting', startsAt: new Date('2026-11-05T08:00:00Z'), endsAt: new Date('2026-11-05T09:00:00Z') }], LEAD, new Date('2026-09-01T09:00:00Z'))
    await bot.db.transaction().execute((trx) => saveRegister(trx, { ...SCOPE, id: morning!.id, workGroupId: other }, [{ userId: BEN, status: 'attended', late: false }], LEAD, clock.now(), 0))
    await slack.directMessage(BEN, 'catch up')
    const answer = await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === dmChannelOf(BEN) && !c.metadata && String(c.text).startsWith('Catch-up:')))
    expect(JSON.stringify(answer.blocks)).toContain('You sent apologies for this session on')
    expect(answer.text).toMatch(/^Catch-up: Mastery Readiness: Bar models/)
  })

  it('outside a Work Group, or for someone not in it, says so in a sentence', async () => {
    expect((await slack.slash('catch up', OUTSIDER)).json.text).toBe('Only participants of the Mastery Readiness Work Group can catch up on its sessions.')
    expect((await slack.slash('catch up', BEN, 'C0NOTAGROUP')).json.text).toBe(
      'This channel is not a Work Group, so there is nothing to catch up on here. Ask me in your Work Group’s channel, or in our direct chat.',
    )
    expect((await slack.slash('catch up', OUTSIDER, dmChannelOf(OUTSIDER))).json.text).toBe('You are not in a Work Group yet, so there is nothing to catch up on.')
    const fresh = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: 'C0FRESH', leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Secondary Reasoning' })
    await addParticipants(bot.db, ref(fresh), [{ userId: BEN }], 'channel')
    expect((await slack.slash('catch up', BEN, 'C0FRESH')).json.text).toBe('No session of the Secondary Reasoning Work Group has finished yet, so there is nothing to catch up on.')
  })
})

describe('without a register', () => {
  it('never for a cancelled session', async () => {
    clock.set('2026-11-21T10:00:00Z')
    await run()
    expect(await outboxRow(BEN, cancelled)).toBeUndefined()
  })

  it('two days after the session, those who sent apologies get theirs; forget me drops one still waiting', async () => {
    clock.set('2026-12-04T17:20:00Z')
    await run()
    expect(await outboxRow(BEN, second)).toBeUndefined()
    clock.set('2026-12-04T17:31:00Z')
    await bot.jobs.tick()
    expect(await outboxRow(BEN, second)).toMatchObject({ status: 'pending' })
    expect(await outboxRow(CHLOE, second)).toMatchObject({ status: 'pending' })
    // Only those who sent apologies: the others have no mark yet.
    for (const user of [LEAD, ...ATTENDED]) expect(await outboxRow(user, second)).toBeUndefined()

    await slack.click('reflection.forget-confirm', 'forget', BEN)
    await eventuallyAsync(async () => ((await outboxRow(BEN, second))?.status === 'dropped' ? true : undefined))
    expect(await outboxRow(BEN, second)).toEqual({ status: 'dropped', last_error: 'forgotten at their request' })
    await run()
    expect(catchUps(BEN)).toHaveLength(1)
    const chloe = catchUps(CHLOE)
    expect(chloe).toHaveLength(2)
    const shown = JSON.stringify(chloe[1]!.blocks)
    expect(shown).toContain('Catch-up: Mastery Readiness: Reasoning')
    expect(shown).toContain('You sent apologies for this session on')
    expect(shown).toContain('Ask one why question a day')
    expect(shown).toContain('No next session is planned yet.')
    // Nothing reached the channel since, and nobody reflected: neither is mentioned.
    expect(shown).not.toContain('Shared in the group since')
    expect(shown).not.toContain('reflections')
  })
})

describe('quiet hours', () => {
  it('a register confirmed late in the evening sends its catch-ups in the morning', async () => {
    const [late] = await addSessions(bot.db, ref(groupId), [{ title: 'Fractions', startsAt: new Date('2026-12-09T16:00:00Z'), endsAt: new Date('2026-12-09T17:30:00Z') }], LEAD, clock.now())
    clock.set('2026-12-09T21:30:00Z')
    await slack.click('attendance.confirm', `${late!.id}:0`, LEAD)
    await eventuallyAsync(() => bot.db.selectFrom('attendance_registers').selectAll().where('session_id', '=', late!.id).executeTakeFirst())
    const before = catchUps(BEN).length
    await run()
    expect(catchUps(BEN)).toHaveLength(before)
    const row = await bot.db.selectFrom('outbox').select(['status', 'due_at']).where('dedupe_key', '=', `catch-up:${late!.id}:${BEN}`).executeTakeFirstOrThrow()
    expect(row.status).toBe('pending')
    expect(new Date(row.due_at).toISOString()).toBe('2026-12-10T07:00:00.000Z')
    clock.set('2026-12-10T07:00:00Z')
    await run()
    expect(catchUps(BEN)).toHaveLength(before + 1)
    expect(JSON.stringify(catchUps(BEN).at(-1)!.blocks)).toContain('You missed this session on')
  })
})
