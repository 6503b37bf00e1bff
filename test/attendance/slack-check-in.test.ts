// "I'm here" on Slack, through signed requests into the real Bolt receiver and the Web API
// double, on a fake clock: one post in the channel as an online session starts (none for a
// face-to-face or cancelled session, whatever the quiet hours), a tap answered ephemerally and
// stored once, `/workgroups here` doing the same, refusals for the Lead, people outside the group
// and taps out of time, the register pre-filled from check-ins until it is saved, and "forget me"
// taking a person's check-ins with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0CHECKIN'
const LEAD = 'U0LEAD'
const [ALICE, BEN, CHLOE, OUTSIDER] = ['U0ALICE', 'U0BEN', 'U0CHLOE', 'U0OUTSIDER'] as const
const NAMES: Record<string, string> = { [ALICE]: 'Alice Adams', [BEN]: 'Ben Brown', [CHLOE]: 'Chloe Clark' }
const SCOPE_COLUMNS = { platform: 'slack' as const, workspace_id: TEAM }
const LINK = 'https://meet.example.org/bar-models'

const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let groupId: string
let online: string
let faceToFace: string
let cancelled: string
let cancelledLate: string
let evening: string

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId), [{ userId: LEAD, name: 'Lara Lead' }, ...Object.entries(NAMES).map(([userId, name]) => ({ userId, name }))], 'channel')
  const at = (iso: string) => new Date(iso)
  const sessions = await addSessions(
    bot.db,
    ref(groupId),
    [
      { title: 'Bar models', startsAt: at('2026-11-04T16:00:00Z'), endsAt: at('2026-11-04T17:30:00Z'), onlineUrl: LINK },
      { title: 'Reasoning', startsAt: at('2026-11-11T16:00:00Z'), endsAt: at('2026-11-11T17:30:00Z'), place: 'Room 4' },
      { title: 'Called off', startsAt: at('2026-11-18T16:00:00Z'), endsAt: at('2026-11-18T17:30:00Z'), onlineUrl: LINK },
      { title: 'Called off late', startsAt: at('2026-11-25T16:00:00Z'), endsAt: at('2026-11-25T17:30:00Z'), onlineUrl: LINK },
      // 21:30 on a Wednesday: inside the hub's quiet hours (21:00–07:00).
      { title: 'Evening', startsAt: at('2026-12-02T21:30:00Z'), endsAt: at('2026-12-02T22:30:00Z'), onlineUrl: LINK },
    ],
    LEAD,
    at('2026-09-01T09:00:00Z'),
  )
  ;[online, faceToFace, cancelled, cancelledLate, evening] = sessions.map((s) => s.id) as [string, string, string, string, string]
  await bot.db.updateTable('sessions').set({ cancelled_at: at('2026-11-01T09:00:00Z') }).where('id', '=', cancelled).execute()
  // Alice is going; Ben sent apologies; Chloe never answered.
  await bot.db
    .insertInto('session_rsvps')
    .values([
      { ...SCOPE_COLUMNS, session_id: online, user_id: ALICE, status: 'going', late: false, answered_at: clock.now() },
      { ...SCOPE_COLUMNS, session_id: online, user_id: BEN, status: 'apologies', late: false, answered_at: clock.now() },
    ])
    .execute()
})
afterAll(async () => {
  await bot?.stop()
})

const run = async () => {
  await bot.jobs.tick()
  return bot.jobs.deliver()
}
/** The check-in posts in the channel (not the morning digest, nor answers to people). */
const posts = () => bot.slackApi.posted(CHANNEL).filter((m) => m.metadata && String(m.text).includes('is on now'))
const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)
const checkIns = async (sessionId = online) =>
  Object.fromEntries((await bot.db.selectFrom('session_check_ins').selectAll().where('session_id', '=', sessionId).execute()).map((r) => [r.user_id, new Date(r.checked_in_at).toISOString()]))
const elementsOf = (blocks: any[]) => blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button')
const tap = async (user: string, sessionId = online) => answeredOn(await slack.click('attendance.check-in', sessionId, user, CHANNEL))

describe('the post as an online session starts', () => {
  it('is not posted before the session starts', async () => {
    clock.set('2026-11-04T15:50:00Z')
    await run()
    expect(posts()).toEqual([])
  })

  it('goes into the channel once, at the start, with Join and I’m here', async () => {
    clock.set('2026-11-04T16:00:00Z')
    await run()
    await run()
    expect(posts()).toHaveLength(1)
    const [post] = posts()
    expect(post!.text).toBe('Mastery Readiness: Bar models is on now. Tap I’m here so the register knows you came.')
    expect(elementsOf(post!.blocks ?? []).map((b: any) => [b.text.text, b.url ?? b.action_id, b.value ?? null])).toEqual([
      ['Join', LINK, null],
      ['I’m here', 'attendance.check-in', online],
    ])
    // Nothing about check-ins goes to anyone directly.
    for (const person of [ALICE, BEN, CHLOE]) expect(JSON.stringify(bot.slackApi.posted(dmChannelOf(person)))).not.toContain('is on now')
  })
})

describe('tapping I’m here', () => {
  it('checks a participant in, answered to them alone; a second tap changes nothing', async () => {
    clock.set('2026-11-04T16:02:00Z')
    const first = await tap(ALICE)
    expect(first).toMatchObject({ response_type: 'ephemeral', replace_original: false })
    expect(first.text).toBe('Thanks: you’re checked in to Mastery Readiness: Bar models (16:02). The register will show you came.')
    clock.set('2026-11-04T16:05:00Z')
    expect((await tap(ALICE)).text).toBe('You’re already checked in (16:02).')
    expect(await checkIns()).toEqual({ [ALICE]: '2026-11-04T16:02:00.000Z' })
    // The channel got nothing but the post itself.
    expect(bot.slackApi.posted(CHANNEL).filter((m) => String(m.text).includes('checked in'))).toEqual([])
  })

  it('`/workgroups here` in the channel does the same, even for someone who sent apologies', async () => {
    clock.set('2026-11-04T16:10:00Z')
    const res = await slack.slash('here', BEN)
    expect(res.json).toMatchObject({ response_type: 'ephemeral' })
    expect(JSON.stringify(res.json)).toContain('Thanks: you’re checked in to Mastery Readiness: Bar models')
    expect(await checkIns()).toEqual({ [ALICE]: '2026-11-04T16:02:00.000Z', [BEN]: '2026-11-04T16:10:00.000Z' })
  })

  it('is refused to the Lead and to someone outside the group, and stores nothing', async () => {
    expect((await tap(LEAD)).text).toBe('You lead the Mastery Readiness Work Group, so there’s no need to check in: you keep its register.')
    expect((await tap(OUTSIDER)).text).toBe('Only people in the Mastery Readiness Work Group can check in to its sessions. If you take part in it, ask <@U0LEAD> to add you.')
    expect(Object.keys(await checkIns()).sort()).toEqual([ALICE, BEN])
  })

  it('out of time it says when check-in opens, and stores nothing', async () => {
    // A crafted tap on next week's session.
    const early = await tap(CHLOE, faceToFace)
    expect(early.text).toBe('Check-in opens 15 minutes before the session starts: for Mastery Readiness: Reasoning (Wed 11 Nov 16:00), at 15:45.')
    expect(await checkIns(faceToFace)).toEqual({})
  })
})

describe('the register', () => {
  it('is pre-filled from check-ins: a checked-in person is attended whatever they answered, with the time shown', async () => {
    clock.set('2026-11-04T17:40:00Z')
    await run()
    const [register] = bot.slackApi.posted(dmChannelOf(LEAD)).filter((m) => m.metadata && String(m.text).startsWith('Register'))
    expect(register!.text).toBe('Register for Wed 4 Nov 16:00: 2 attended, 0 apologised, 1 absent. Confirm it in one tap.')
    const shown = JSON.stringify(register!.blocks)
    expect(shown).toContain(`*Attended (2):* <@${ALICE}> _(checked in 16:02)_, <@${BEN}> _(checked in 16:10)_`)
    expect(shown).toContain(`*Absent (1):* <@${CHLOE}>`)
    expect(shown).toContain('Pre-filled from people’s answers and check-ins: checked in or going → attended')
  })

  it('the correction form names who checked in and when', async () => {
    const before = bot.slackApi.calls('views.open').length
    await slack.click('attendance.correct', `${online}:0`, LEAD)
    const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined))
    expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.label.text, b.element.initial_option.value])).toEqual([
      ['Alice Adams (checked in 16:02)', 'attended'],
      ['Ben Brown (checked in 16:10)', 'attended'],
      ['Chloe Clark', 'absent'],
    ])
  })

  it('once the Lead saved it, a late check-in is kept but changes nobody’s mark', async () => {
    // The Lead confirms the moment the register arrives, as check-in closes.
    await answeredOn(await slack.click('attendance.confirm', `${online}:0`, LEAD))
    clock.set('2026-11-04T17:40:00Z')
    expect((await tap(CHLOE)).text).toBe(
      'You’re checked in (17:40), but <@U0LEAD> has already saved the register for Mastery Readiness: Bar models: tell them if it doesn’t show you came.',
    )
    const marks = await bot.db.selectFrom('attendance').select(['user_id', 'status']).where('session_id', '=', online).orderBy('user_id').execute()
    expect(marks).toEqual([
      { user_id: ALICE, status: 'attended' },
      { user_id: BEN, status: 'attended' },
      { user_id: CHLOE, status: 'absent' },
    ])
  })

  it('after the check-in closes (when the register goes, 10 minutes after the end) a tap is refused', async () => {
    clock.set('2026-11-04T17:41:00Z')
    await bot.db.deleteFrom('session_check_ins').where('user_id', '=', CHLOE).execute()
    expect((await tap(CHLOE)).text).toBe('This session ended at 17:30; <@U0LEAD> keeps its register.')
    expect(await checkIns()).not.toHaveProperty(CHLOE)
  })
})

describe('sessions that get no post', () => {
  it('a face-to-face session gets none', async () => {
    clock.set('2026-11-11T16:00:00Z')
    await run()
    expect(posts()).toHaveLength(1)
  })

  it('a cancelled session gets none; one cancelled after it was planned is dropped at sending', async () => {
    clock.set('2026-11-18T16:00:00Z')
    await run()
    expect(posts()).toHaveLength(1)
    // Planned two minutes ahead, then cancelled behind the planner's back.
    clock.set('2026-11-25T15:59:00Z')
    await bot.jobs.tick()
    await bot.db.updateTable('sessions').set({ cancelled_at: clock.now() }).where('id', '=', cancelledLate).execute()
    clock.set('2026-11-25T16:00:00Z')
    await bot.jobs.deliver()
    // One message a second to a channel: the morning digest went first.
    clock.advance(2_000)
    await bot.jobs.deliver()
    expect(posts()).toHaveLength(1)
    const row = await bot.db.selectFrom('outbox').select(['status', 'last_error']).where('kind', '=', 'check-in').where('session_id', '=', cancelledLate).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'dropped', last_error: 'the session was cancelled' })
  })

  it('the hub’s quiet hours do not hold the post back: it goes as the session starts', async () => {
    clock.set('2026-12-02T21:30:00Z')
    await run()
    expect(posts()).toHaveLength(2)
    expect(posts()[1]!.text).toBe('Mastery Readiness: Evening is on now. Tap I’m here so the register knows you came.')
    // … and `here` in a direct chat finds the one session on now.
    const res = await slack.slash('here', ALICE, dmChannelOf(ALICE))
    expect(JSON.stringify(res.json)).toContain('Thanks: you’re checked in to Mastery Readiness: Evening')
    expect(await checkIns(evening)).toEqual({ [ALICE]: '2026-12-02T21:30:00.000Z' })
  })
})

describe('my data and forget me', () => {
  it('a person sees their check-ins in “my data”', async () => {
    const shown = JSON.stringify((await slack.slash('my data', ALICE)).json)
    expect(shown).toContain('Your “I’m here” check-ins (2)')
    expect(shown).toContain('Wed 4 Nov 2026, Mastery Readiness: at 16:02')
  })

  it('forget me removes the person’s check-ins, and nobody else’s', async () => {
    await slack.slash('forget me', ALICE)
    const path = await slack.click('reflection.forget-confirm', 'forget', ALICE)
    expect((await answeredOn(path)).text).toContain('2 check-ins')
    const left = await bot.db.selectFrom('session_check_ins').select('user_id').execute()
    expect(left.map((r) => r.user_id)).toEqual([BEN])
  })
})
