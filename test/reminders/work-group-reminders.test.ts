// A Work Group's year on Slack, driven by a fake clock: set up, sessions, reminders at the right
// UK times exactly once, RSVPs, quiet hours, the morning digest, the roster, cancellation,
// catch-up after downtime, and participants following the channel's membership.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { eventually, eventuallyAsync } from '../support/http-double.js'
import { dmChannelOf, eventCallback, postToSlackEndpoint } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TEAM = 'T0001'
const CHANNEL = 'C0WORKGROUP'
const LEAD = 'U0LEAD'
const [A, B, C, D] = ['U0ALICE', 'U0BEN', 'U0CHLOE', 'U0DEV']
const clock = createFakeClock('2026-11-02T09:00:00Z') // Monday 2 November 2026, 09:00 GMT

let bot: TestBot
let firstSession: string

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  // Slack lists the bot among a channel's members; it is no participant.
  bot.slackApi.setMembers(CHANNEL, [LEAD, A, B, C, 'UBOT'])
})
afterAll(async () => {
  await bot?.stop()
})

let slack: ReturnType<typeof slackWorkspace>
const slash = (text: string, user = LEAD, channel = CHANNEL) => slack.slash(text, user, channel)
const submit: typeof slack.submit = (...args) => slack.submit(...args)
const click: typeof slack.click = (...args) => slack.click(...args)
const lastView = () => slack.lastView()
const postsTo = (path: string) => eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/${path}`))?.body)
/** Messages the outbox delivered to a person (not the replies to their clicks and forms). */
const dms = (user: string) => bot.slackApi.posted(dmChannelOf(user)).filter((m) => m.metadata)
const run = async () => {
  await bot.jobs.tick()
  return bot.jobs.deliver()
}

describe('setting a channel up as a Work Group', () => {
  it('the Lead sets it up with a form; the channel members become participants', async () => {
    const res = await slash('setup')
    expect(res.status).toBe(200)
    const view = lastView()
    expect(view.callback_id).toBe('workgroup.setup')
    const project = view.blocks.find((b: any) => b.block_id === 'project')
    expect(project.element.options.map((o: any) => o.value)).toContain('secondary-tfm-development')
    const done = await submit(view, LEAD, { project: { select: 'secondary-tfm-development' }, hub: { text: 'Matrix Maths Hub' }, year: { select: '2026/27' } })
    expect(done.body).toBe('')
    const confirmation = await eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => String(c.text).startsWith('Done: this channel')))
    expect(confirmation.text).toContain('Teaching for Mastery Development Work Groups (secondary) Work Group for Matrix Maths Hub, 2026/27')
    expect(confirmation.text).toContain('Its 4 members are the participants')
  })

  it('only the Lead may change the setup or add sessions, and the refusal says who can', async () => {
    const res = await slash('add session', A)
    expect(JSON.stringify(res.json)).toContain(`Only the Work Group Lead, <@${LEAD}>, can add sessions.`)
  })

  it('the Lead adds a session with a form; bad input is refused by field', async () => {
    await slash('add session')
    const view = lastView()
    const bad = await submit(view, LEAD, { date: { date: '2026-11-16' }, start: { time: '16:00' }, end: { time: '15:00' }, link: { text: 'javascript:alert(1)' } })
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: { end: 'The session must end after it starts.', link: 'Please give a web link starting with https:// (or http://).' },
    })
    const good = await submit(view, LEAD, {
      title: { text: 'Session 1: bar models' },
      date: { date: '2026-11-16' },
      start: { time: '16:00' },
      end: { time: '17:30' },
      link: { text: 'https://meet.example.org/wg1' },
      prepare: { text: 'Watch the 10-minute video on bar models.' },
      gap: { text: 'Try one bar-model problem with a class.' },
    })
    expect(good.body).toBe('')
    const session = await bot.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow()
    firstSession = session.id
    expect(new Date(session.starts_at).toISOString()).toBe('2026-11-16T16:00:00.000Z')
    expect(session).toMatchObject({ online_url: 'https://meet.example.org/wg1', gap_task: 'Try one bar-model problem with a class.' })
  })
})

describe('reminders', () => {
  it('nothing goes out before a reminder is due', async () => {
    clock.set('2026-11-09T15:59:00Z')
    expect(await run()).toMatchObject({ sent: 0 })
  })

  it('a week before, each participant gets one direct reminder with the time, the link and what to prepare', async () => {
    clock.set('2026-11-09T16:00:00Z')
    const stats = await run()
    expect(stats.sent).toBe(4)
    for (const user of [LEAD, A, B, C]) {
      const [reminder] = dms(user)
      expect(reminder?.metadata?.event_payload.key).toBe(`reminder:${firstSession}:${user}:10080`)
      const text = JSON.stringify(reminder?.blocks)
      // Slack shows each reader their own local time.
      expect(text).toContain(`<!date^${Date.parse('2026-11-16T16:00:00Z') / 1000}^{date_long_pretty} at {time}|Monday 16 November 2026, 16:00>`)
      expect(text).toContain('On Monday 16 November at 16:00: Teaching for Mastery Development Work Groups (secondary): Session 1: bar models')
      expect(text).toContain('<https://meet.example.org/wg1|join the session>')
      expect(text).toContain('Watch the 10-minute video on bar models.')
      expect(text).toContain('session.going')
    }
  })

  it('running the tick and the delivery again sends nothing twice', async () => {
    clock.advance(60_000)
    expect(await run()).toMatchObject({ sent: 0 })
    for (const user of [LEAD, A, B, C]) expect(dms(user)).toHaveLength(1)
  })

  it('Going and Can’t make it (with an apology note) are recorded', async () => {
    const going = await postsTo(await click('session.going', firstSession, A))
    expect(going.replace_original).toBe(true)
    expect(JSON.stringify(going.blocks)).toContain('You’re going')

    await click('session.apologies', firstSession, B)
    const form = await eventually(() => bot.slackApi.calls('views.open').find((c) => c.view.callback_id === 'session.apology')?.view)
    const sent = await submit(form, B, { note: { text: 'Parents’ evening, sorry.' } })
    expect(sent.body).toBe('')
    const rows = await bot.db.selectFrom('session_rsvps').selectAll().orderBy('user_id').execute()
    expect(rows.map((r) => [r.user_id, r.status, r.note, r.late])).toEqual([
      [A, 'going', null, false],
      [B, 'apologies', 'Parents’ evening, sorry.', false],
    ])
  })

  it('someone outside the group cannot answer for its session, even with a crafted click', async () => {
    const refusal = await postsTo(await click('session.going', firstSession, 'U0STRANGER'))
    expect(refusal.text).toBe('Only participants of this Work Group can answer for its sessions.')
  })

  it('the Lead’s roster shows who is coming, the apologies with notes, and who has not answered', async () => {
    const res = await slash('roster')
    const text = JSON.stringify(res.json.blocks)
    expect(text).toContain(`*Going (1):* <@${A}>`)
    expect(text).toContain(`*Apologies (1):*\\n• <@${B}>: “Parents’ evening, sorry.”`)
    expect(text).toContain(`*Not answered (2):* <@${C}>, <@${LEAD}>`)
    expect(JSON.stringify((await slash('roster', C)).json)).toContain(`Only the Work Group Lead, <@${LEAD}>, can see the roster.`)
  })

  it('a day before falls on a Sunday: held to Monday 07:00, and not sent to whoever sent apologies', async () => {
    clock.set('2026-11-15T16:00:00Z')
    expect(await run()).toMatchObject({ sent: 0 })
    clock.set('2026-11-16T06:59:00Z')
    expect(await run()).toMatchObject({ sent: 0 })
    clock.set('2026-11-16T07:00:00Z')
    expect(await run()).toMatchObject({ sent: 3 })
    expect(dms(B)).toHaveLength(1)
    expect(dms(A).at(-1)?.metadata?.event_payload.key).toBe(`reminder:${firstSession}:${A}:1440`)
    // Alice already answered: her reminder says so instead of asking again.
    expect(JSON.stringify(dms(A).at(-1)?.blocks)).toContain('You said you’re going.')
  })

  it('the channel gets one morning digest at 08:00 on the day of the session', async () => {
    clock.set('2026-11-16T08:00:00Z')
    await run()
    clock.advance(5 * 60_000)
    await run()
    const digests = bot.slackApi.posted(CHANNEL)
    expect(digests).toHaveLength(1)
    expect(JSON.stringify(digests[0]!.blocks)).toContain('Today: Teaching for Mastery Development Work Groups (secondary)')
    expect(JSON.stringify(digests[0]!.blocks)).toContain('1 going, 1 sent apologies.')
  })

  it('an hour before, the last reminder; after the start nothing more', async () => {
    clock.set('2026-11-16T15:00:00Z')
    expect(await run()).toMatchObject({ sent: 3 })
    clock.set('2026-11-16T16:05:00Z')
    // Only the channel's "I'm here" post as the online session starts (attendance): no reminder.
    expect(await run()).toMatchObject({ sent: 1 })
    expect(bot.slackApi.posted(CHANNEL).at(-1)?.text).toContain('is on now')
    expect(dms(LEAD)).toHaveLength(3)
    expect(dms(B)).toHaveLength(1)
  })
})

describe('cancelling a session', () => {
  let second: string

  it('tells every participant once, and no reminders go out for it', async () => {
    clock.set('2026-11-17T09:00:00Z')
    await slash('add session')
    await submit(lastView(), LEAD, { date: { date: '2026-12-07' }, start: { time: '16:00' }, end: { time: '17:00' }, place: { text: 'Room 4, Hilltop Academy' } })
    second = (await bot.db.selectFrom('sessions').select('id').where('starts_at', '=', new Date('2026-12-07T16:00:00Z')).executeTakeFirstOrThrow()).id

    const picker = await slash('cancel')
    const pick = picker.json.blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.value === second)
    expect(pick.text.text).toBe('Mon 7 Dec 16:00')
    const confirm = await postsTo(await click('session.cancel-ask', second, LEAD, CHANNEL))
    expect(JSON.stringify(confirm.blocks)).toContain('All 4 participants will be told')
    const done = await postsTo(await click('session.cancel-confirm', second, LEAD, CHANNEL))
    expect(JSON.stringify(done.blocks)).toContain('All 4 participants are being told, once.')
    // A second click changes nothing.
    const again = await postsTo(await click('session.cancel-confirm', second, LEAD, CHANNEL))
    expect(JSON.stringify(again.blocks)).toContain('already cancelled')

    expect(await bot.jobs.deliver()).toMatchObject({ sent: 4 })
    for (const user of [LEAD, A, B, C]) expect(dms(user).filter((m) => m.metadata?.event_payload.key === `cancelled:${second}:${user}`)).toHaveLength(1)

    clock.set('2026-11-30T16:00:00Z')
    expect(await run()).toMatchObject({ sent: 0 })
  })

  it('a participant cannot cancel', async () => {
    const refusal = await postsTo(await click('session.cancel-confirm', second, A, CHANNEL))
    expect(refusal.text).toBe(`Only the Work Group Lead, <@${LEAD}>, can cancel sessions.`)
  })
})

describe('after downtime', () => {
  let third: string

  it('sends only the latest reminder that is still useful', async () => {
    clock.set('2026-12-01T09:00:00Z')
    await slash('add session')
    await submit(lastView(), LEAD, { date: { date: '2026-12-10' }, start: { time: '16:00' }, end: { time: '17:00' }, link: { text: 'https://meet.example.org/wg3' } })
    third = (await bot.db.selectFrom('sessions').select('id').where('starts_at', '=', new Date('2026-12-10T16:00:00Z')).executeTakeFirstOrThrow()).id
    const before = dms(C).length
    // The bot was down from before the week-before reminder until after the day-before one.
    clock.set('2026-12-09T17:00:00Z')
    const plan = await bot.jobs.tick()
    expect(plan).toMatchObject({ reminders: 4, superseded: 1 })
    await bot.jobs.deliver()
    expect(dms(C).slice(before).map((m) => m.metadata?.event_payload.key)).toEqual([`reminder:${third}:${C}:1440`])
  })

  it('drops a reminder whose session has started by the time it could go', async () => {
    clock.set('2026-12-10T15:00:00Z')
    await bot.jobs.tick()
    clock.set('2026-12-10T16:01:00Z')
    const digestsBefore = bot.slackApi.posted(CHANNEL).length
    const stats = await bot.jobs.deliver()
    // The four hour-before reminders are dropped; the day's channel digest (still useful) goes.
    expect(stats).toMatchObject({ sent: 1, dropped: 4 })
    expect(bot.slackApi.posted(CHANNEL)).toHaveLength(digestsBefore + 1)
    const dropped = await bot.db.selectFrom('outbox').select(['dedupe_key', 'status']).where('dedupe_key', 'like', `reminder:${third}:%:60`).execute()
    expect(dropped.map((r) => r.status)).toEqual(['dropped', 'dropped', 'dropped', 'dropped'])
  })
})

describe('participants follow the channel', () => {
  it('someone joining becomes a participant, someone leaving stops getting reminders', async () => {
    const envelope = (type: string, user: string) => ({
      token: 'x',
      team_id: TEAM,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: `Ev${type}${user}`,
      event_time: 1,
      event: { type, user, channel: CHANNEL, channel_type: 'C', team: TEAM, event_ts: '1.0' },
    })
    await postToSlackEndpoint(bot.url, eventCallback(envelope('member_joined_channel', D)))
    await postToSlackEndpoint(bot.url, eventCallback(envelope('member_left_channel', C)))
    const active = await eventuallyAsync(async () => {
      const rows = await bot.db.selectFrom('participants').select('user_id').where('active', '=', true).orderBy('user_id').execute()
      const ids = rows.map((r) => r.user_id)
      return ids.includes(D) && !ids.includes(C) ? ids : undefined
    })
    expect(active).toEqual([A, B, D, LEAD].sort())

    clock.set('2026-12-14T09:00:00Z')
    await slash('add session')
    await submit(lastView(), LEAD, { date: { date: '2026-12-17' }, start: { time: '16:00' }, end: { time: '17:00' }, link: { text: 'https://meet.example.org/wg4' } })
    const chloeBefore = dms(C).length
    clock.set('2026-12-16T16:00:00Z')
    await run()
    expect(dms(D)).toHaveLength(1)
    expect(dms(C)).toHaveLength(chloeBefore)
  })

  it('a join that happened before a leave, arriving after it, changes nothing; a later join does', async () => {
    const event = (type: string, user: string, id: string, at: number) => ({
      token: 'x',
      team_id: TEAM,
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: id,
      event_time: at,
      event: { type, user, channel: CHANNEL, channel_type: 'C', team: TEAM, event_ts: `${at}.0` },
    })
    const activeIds = async () => (await bot.db.selectFrom('participants').select('user_id').where('active', '=', true).execute()).map((r) => r.user_id)
    // Chloe left at event_time 1 (above); a join Slack saw at 0 arrives now, out of order.
    await postToSlackEndpoint(bot.url, eventCallback(event('member_joined_channel', C, 'EvLateJoin', 0)))
    await postToSlackEndpoint(bot.url, eventCallback(event('member_joined_channel', 'U0NEWER', 'EvMarker', 2)))
    await eventuallyAsync(async () => ((await activeIds()).includes('U0NEWER') ? true : undefined))
    expect(await activeIds()).not.toContain(C)
    // She really comes back later: that join is newer than her leave.
    await postToSlackEndpoint(bot.url, eventCallback(event('member_joined_channel', C, 'EvRejoin', 5)))
    await eventuallyAsync(async () => ((await activeIds()).includes(C) ? true : undefined))
    // A re-sent copy of her old leave cannot undo it either.
    await postToSlackEndpoint(bot.url, eventCallback(event('member_left_channel', C, 'EvOldLeaveAgain', 1)))
    await postToSlackEndpoint(bot.url, eventCallback(event('member_joined_channel', 'U0MARKER2', 'EvMarker2', 6)))
    await eventuallyAsync(async () => ((await activeIds()).includes('U0MARKER2') ? true : undefined))
    expect(await activeIds()).toContain(C)
  })
})
