// Reminders are decided when they are sent: the words about when, quiet hours, RSVPs and
// later reminders are read at the moment of sending, on Slack, through the real receiver and
// delivery. Dates are in December 2026, when UK time is UTC; quiet hours are 21:00 to 07:00.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TEAM = 'T0SENDING'
const LEAD = 'U0LEAD'
const [A, B] = ['U0ANNA', 'U0BILAL']
const clock = createFakeClock('2026-12-01T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>

/** The reminders and new-session notices the outbox delivered to a person (not reflection prompts). */
const delivered = (user: string) =>
  bot.slackApi
    .posted(dmChannelOf(user))
    .filter((m) => m.metadata && /^(reminder|new-session):/.test(String(m.metadata.event_payload.key)))
    .map((m) => ({ key: String(m.metadata?.event_payload.key), text: String(m.text), blocks: JSON.stringify(m.blocks) }))
/** Delivers until nothing is left: one person's messages go a second apart (reflection prompts too). */
const deliverAll = async () => {
  for (let round = 0; round < 5; round++) {
    const stats = await bot.jobs.deliver()
    if (stats.sent + stats.retried === 0) return
    clock.advance(2_000)
  }
}
const runAt = async (at: string) => {
  clock.set(at)
  await bot.jobs.tick()
  await deliverAll()
}

async function groupIn(channel: string, offsets?: number[]): Promise<string> {
  const id = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: channel, leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: `Reasoning ${channel}` })
  await addParticipants(bot.db, ref(id), [{ userId: A }, { userId: B }], 'channel')
  if (offsets) await bot.db.updateTable('work_groups').set({ reminder_offsets: offsets }).where('id', '=', id).execute()
  return id
}

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, 'C0SHORT')
})
afterAll(async () => {
  await bot?.stop()
})

describe('a session added at short notice', () => {
  let session: string

  it('gets one new-session notice at once, never a late day-before reminder', async () => {
    await groupIn('C0SHORT')
    clock.set('2026-12-08T14:00:00Z')
    await slack.slash('add session', LEAD)
    await slack.submit(slack.lastView(), LEAD, { date: { date: '2026-12-08' }, start: { time: '16:00' }, end: { time: '17:00' }, place: { text: 'Room 4' } })
    const added = await eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => String(c.text).startsWith('Added:')))
    expect(added?.text).toBe('Added: Tue 8 Dec 16:00 (UK time). It is too late for the reminders a week and a day before, so participants get a new-session message instead, straight away or when quiet hours end. Participants will be reminded an hour before, and the channel gets a message on the morning of the session.')
    session = (await bot.db.selectFrom('sessions').select('id').where('starts_at', '=', new Date('2026-12-08T16:00:00Z')).executeTakeFirstOrThrow()).id

    await runAt('2026-12-08T14:00:30Z')
    expect([A, B].map((u) => delivered(u).length)).toEqual([1, 1])
    const [notice] = delivered(A)
    expect(notice).toMatchObject({ key: `new-session:${session}:${A}`, text: 'New session: Reasoning C0SHORT session, Tue 8 Dec 16:00 (UK time), in 2 hours.' })
    expect(notice!.blocks).toContain('New session in 2 hours: Reasoning C0SHORT session')
    expect(notice!.blocks).not.toContain('a day')
    // Ticking again changes nothing.
    await runAt('2026-12-08T14:05:00Z')
    expect([A, B].map((u) => delivered(u).length)).toEqual([1, 1])
  })

  it('an RSVP after the next reminder was queued is in that reminder when it goes', async () => {
    // The hour-before reminder is queued ten minutes ahead, at 14:50.
    await runAt('2026-12-08T14:50:00Z')
    expect(await bot.db.selectFrom('outbox').select('dedupe_key').where('session_id', '=', session).where('kind', '=', 'reminder').where('status', '=', 'pending').execute()).toHaveLength(2)
    clock.set('2026-12-08T14:55:00Z')
    await slack.click('session.going', session, A, dmChannelOf(A))

    await runAt('2026-12-08T15:00:00Z')
    expect([A, B].map((u) => delivered(u).length)).toEqual([2, 2])
    const anna = delivered(A).at(-1)!
    expect(anna).toMatchObject({ key: `reminder:${session}:${A}:60`, text: 'Reminder: Reasoning C0SHORT session, Tue 8 Dec 16:00 (UK time), in an hour.' })
    expect(anna.blocks).toContain('You said you’re going.')
    expect(anna.blocks).not.toContain('session.going')
    expect(delivered(B).at(-1)!.blocks).toContain('session.going')
  })

  it('added in quiet hours for a session after they end: the notice waits for their end, and stands for the reminder due meanwhile', async () => {
    clock.set('2026-12-09T06:28:00Z')
    await slack.slash('add session', LEAD)
    await slack.submit(slack.lastView(), LEAD, { date: { date: '2026-12-09' }, start: { time: '07:30' }, end: { time: '08:30' }, place: { text: 'Room 4' } })
    const before = delivered(A).length
    await runAt('2026-12-09T06:28:30Z')
    await runAt('2026-12-09T06:59:00Z')
    expect(delivered(A)).toHaveLength(before)
    await runAt('2026-12-09T07:00:00Z')
    expect(delivered(A).slice(before).map((m) => m.text)).toEqual(['New session: Reasoning C0SHORT session, Wed 9 Dec 07:30 (UK time), in 30 minutes.'])
  })

  it('added in quiet hours for a session before they end: the notice goes now', async () => {
    clock.set('2026-12-10T06:28:00Z')
    await slack.slash('add session', LEAD)
    await slack.submit(slack.lastView(), LEAD, { date: { date: '2026-12-10' }, start: { time: '06:50' }, end: { time: '07:30' }, place: { text: 'Room 4' } })
    const before = delivered(B).length
    await runAt('2026-12-10T06:29:00Z')
    expect(delivered(B).slice(before).map((m) => m.text)).toEqual(['New session: Reasoning C0SHORT session, Thu 10 Dec 06:50 (UK time), in 21 minutes.'])
  })
})

describe('after downtime', () => {
  it('each person gets only the most useful reminder, worded for when it is sent', async () => {
    const group = await groupIn('C0DOWN', [60, 30])
    const [session] = await addSessions(bot.db, ref(group), [{ startsAt: new Date('2026-12-14T16:00:00Z'), endsAt: new Date('2026-12-14T17:00:00Z'), place: 'Room 9' }], LEAD, new Date('2026-12-01T09:00:00Z'))
    // At 14:50 the hour-before reminder is queued for 15:00; then the bot is down until 15:40.
    clock.set('2026-12-14T14:50:00Z')
    await bot.jobs.tick()
    const before = delivered(A).length
    await runAt('2026-12-14T15:40:00Z')
    expect(delivered(A).slice(before).map((m) => [m.key, m.text])).toEqual([
      [`reminder:${session!.id}:${A}:30`, 'Reminder: Reasoning C0DOWN session, Mon 14 Dec 16:00 (UK time), in 20 minutes.'],
    ])
    const dropped = await bot.db.selectFrom('outbox').select(['status', 'last_error']).where('dedupe_key', 'like', `reminder:${session!.id}:%:60`).execute()
    expect(dropped).toEqual(Array(2).fill({ status: 'dropped', last_error: 'overtaken by a later reminder' }))
  })
})

describe('quiet hours at the moment of sending', () => {
  it('a reminder that waited into quiet hours waits on, and then says what is true', async () => {
    const group = await groupIn('C0QUIET', [20 * 60])
    await addSessions(bot.db, ref(group), [{ startsAt: new Date('2026-12-16T16:00:00Z'), endsAt: new Date('2026-12-16T17:00:00Z'), place: 'Room 2' }], LEAD, new Date('2026-12-01T09:00:00Z'))
    // Queued at 19:55 for 20:00 on Tuesday; delivery does not get to it until 21:30.
    clock.set('2026-12-15T19:55:00Z')
    await bot.jobs.tick()
    const before = delivered(A).length
    clock.set('2026-12-15T21:30:00Z')
    await deliverAll()
    expect(delivered(A)).toHaveLength(before)
    const held = await bot.db.selectFrom('outbox').select(['status', 'next_attempt_at', 'attempts']).where('dedupe_key', 'like', 'reminder:%:1200').execute()
    expect(held.map((r) => [r.status, new Date(r.next_attempt_at).toISOString(), r.attempts])).toEqual(Array(2).fill(['pending', '2026-12-16T07:00:00.000Z', 0]))
    clock.set('2026-12-16T07:00:00Z')
    await deliverAll()
    const [reminder, ...more] = delivered(A).slice(before)
    expect(more).toEqual([])
    expect(reminder!.text).toBe('Reminder: Reasoning C0QUIET session, today at 16:00 (UK time).')
    expect(reminder!.blocks).toContain('Today at 16:00: Reasoning C0QUIET session')
  })
})
