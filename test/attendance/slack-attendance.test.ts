// The attendance register on Slack, through signed requests into the real Bolt receiver and
// the Web API double, on a fake clock: the register the Lead gets after a session (pre-filled
// from answers), confirming it in one tap, correcting one person in the form, replayed and
// stale clicks and submissions, the year's view and its spreadsheet, participants refused,
// another workspace kept out, and "forget me" taking a person's marks with it.
import { parse } from 'csv-parse/sync'
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
const OTHER_TEAM = 'T0002'
const CHANNEL = 'C0REGISTER'
const LEAD = 'U0LEAD'
const HUB_ADMIN = 'U0HUBADMIN'
const [ALICE, BEN, CHLOE, DEV, ELLA] = ['U0ALICE', 'U0BEN', 'U0CHLOE', 'U0DEV', 'U0ELLA'] as const
// Ella's name, as a platform might give it, would run as a formula in a spreadsheet.
const NAMES: Record<string, string> = { [ALICE]: 'Alice Adams', [BEN]: 'Ben Brown', [CHLOE]: 'Chloe Clark', [DEV]: 'Dev Desai', [ELLA]: '=HYPERLINK("http://x.example")' }
const SCOPE_COLUMNS = { platform: 'slack' as const, workspace_id: TEAM }

// Monday 2 November 2026, 09:00 GMT (UK time is UTC in November).
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let groupId: string
let first: string
let second: string

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: HUB_ADMIN } })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId), [{ userId: LEAD, name: 'Lara Lead' }, ...Object.entries(NAMES).map(([userId, name]) => ({ userId, name }))], 'channel')
  const sessions = await addSessions(
    bot.db,
    ref(groupId),
    [
      { title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Room 4' },
      { title: 'Reasoning', startsAt: new Date('2026-12-02T16:00:00Z'), endsAt: new Date('2026-12-02T17:30:00Z'), place: 'Room 4' },
    ],
    LEAD,
    new Date('2026-09-01T09:00:00Z'),
  )
  ;[first, second] = sessions.map((s) => s.id) as [string, string]
  // Alice is going; Ben sent apologies in time, Chloe late; Dev and Ella never answered.
  await bot.db
    .insertInto('session_rsvps')
    .values([
      { ...SCOPE_COLUMNS, session_id: first, user_id: ALICE, status: 'going', late: false, answered_at: clock.now() },
      { ...SCOPE_COLUMNS, session_id: first, user_id: BEN, status: 'apologies', note: 'Parents’ evening', late: false, answered_at: clock.now() },
      { ...SCOPE_COLUMNS, session_id: first, user_id: CHLOE, status: 'apologies', late: true, answered_at: clock.now() },
    ])
    .execute()
})
afterAll(async () => {
  await bot?.stop()
})

/** Messages the outbox delivered to a person (not the replies to their clicks and forms). */
const dms = (user: string) => bot.slackApi.posted(dmChannelOf(user)).filter((m) => m.metadata)
const run = async () => {
  await bot.jobs.tick()
  return bot.jobs.deliver()
}
const marks = async (sessionId = first) =>
  Object.fromEntries(
    (await bot.db.selectFrom('attendance').selectAll().where('session_id', '=', sessionId).execute()).map((r) => [r.user_id, { status: r.status, late: r.late, by: r.recorded_by, at: new Date(r.recorded_at).toISOString() }]),
  )
const registerRow = (sessionId = first) => bot.db.selectFrom('attendance_registers').selectAll().where('session_id', '=', sessionId).executeTakeFirst()
/** Everything the bot answered to a click, through its response_url. */
const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)
const buttonsOf = (blocks: any[]) => blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button')
const openCorrection = async (value: string, user = LEAD) => {
  const before = bot.slackApi.calls('views.open').length
  await slack.click('attendance.correct', value, user)
  return eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined))
}
/** A submission of the correction form: every person's choice as the form showed it, with changes. */
const submitCorrection = (view: any, changes: Record<string, string>, user = LEAD) => {
  const values = Object.fromEntries(
    view.blocks
      .filter((b: any) => b.type === 'input')
      .map((b: any) => [b.block_id, { select: changes[b.block_id.replace(/^person_/, '')] ?? b.element.initial_option.value }]),
  )
  return slack.submit(view, user, values)
}

describe('the register after a session', () => {
  it('is not sent before the session has ended and ten minutes have passed', async () => {
    clock.set('2026-11-04T17:35:00Z')
    await run()
    expect(dms(LEAD)).toEqual([])
  })

  it('ten minutes after the end, the Lead gets one message, pre-filled from the answers, naming everyone', async () => {
    clock.set('2026-11-04T17:40:00Z')
    await run()
    await run()
    const sent = dms(LEAD)
    expect(sent).toHaveLength(1)
    expect(sent[0]?.text).toBe('Register for Wed 4 Nov 16:00: 1 attended, 2 apologised, 2 absent. Confirm it in one tap.')
    const shown = JSON.stringify(sent[0]?.blocks)
    expect(shown).toContain(`*Attended (1):* <@${ALICE}>`)
    expect(shown).toContain(`*Apologised (2):* <@${BEN}>, <@${CHLOE}> _(late)_`)
    expect(shown).toContain(`*Absent (2):* <@${ELLA}>, <@${DEV}>`)
    expect(shown).not.toContain(`<@${LEAD}>`)
    expect(buttonsOf(sent[0]?.blocks ?? []).map((b: any) => [b.action_id, b.value])).toEqual([
      ['attendance.confirm', `${first}:0`],
      ['attendance.correct', `${first}:0`],
    ])
    // Participants get nothing about the register.
    for (const person of [ALICE, BEN, CHLOE, DEV]) expect(JSON.stringify(dms(person))).not.toContain('Register')
  })

  it('a participant cannot confirm it, even with a crafted click', async () => {
    const path = await slack.click('attendance.confirm', `${first}:0`, ALICE)
    expect((await answeredOn(path)).text).toBe('Only the Work Group Lead, <@U0LEAD>, or a hub administrator can see and keep the group’s registers.')
    expect(await registerRow()).toBeUndefined()
  })

  it('the Lead confirms it in one tap: everyone’s mark is saved, with who and when', async () => {
    clock.set('2026-11-04T18:02:00Z')
    const path = await slack.click('attendance.confirm', `${first}:0`, LEAD)
    const answer = await answeredOn(path)
    expect(answer.replace_original).toBe(true)
    expect(answer.text).toBe('Register for Wed 4 Nov 16:00 confirmed: 1 attended, 2 apologised, 2 absent.')
    expect(JSON.stringify(answer.blocks)).toContain('✓ Confirmed by <@U0LEAD>, Wed 4 Nov, 18:02.')
    const at = '2026-11-04T18:02:00.000Z'
    expect(await marks()).toEqual({
      [ALICE]: { status: 'attended', late: false, by: LEAD, at },
      [BEN]: { status: 'apologised', late: false, by: LEAD, at },
      [CHLOE]: { status: 'apologised', late: true, by: LEAD, at },
      [DEV]: { status: 'absent', late: false, by: LEAD, at },
      [ELLA]: { status: 'absent', late: false, by: LEAD, at },
    })
    expect(await registerRow()).toMatchObject({ version: 1, confirmed_by: LEAD })
  })

  it('a second tap on the same button (or a replay) changes nothing and shows the register as it stands', async () => {
    const before = await marks()
    clock.set('2026-11-04T18:05:00Z')
    const path = await slack.click('attendance.confirm', `${first}:0`, LEAD)
    expect((await answeredOn(path)).text).toContain('This register was confirmed already; here it is as it stands.')
    expect(await marks()).toEqual(before)
    expect(await registerRow()).toMatchObject({ version: 1 })
  })

  it('the Lead corrects one person in the form, pre-filled with the register; only that mark changes', async () => {
    const view = await openCorrection(`${first}:1`)
    expect(view.callback_id).toBe('attendance.register')
    const inputs = view.blocks.filter((b: any) => b.type === 'input')
    // By name, as people sort them: punctuation first.
    expect(inputs.map((b: any) => [b.label.text, b.element.initial_option.value])).toEqual([
      ['=HYPERLINK("http://x.example")', 'absent'],
      ['Alice Adams', 'attended'],
      ['Ben Brown', 'apologised'],
      ['Chloe Clark', 'apologised-late'],
      ['Dev Desai', 'absent'],
    ])
    expect(inputs[1].element.options.map((o: any) => o.text.text)).toEqual(['Attended', 'Apologised in time', 'Apologised late', 'Absent'])

    const before = await marks()
    clock.set('2026-11-04T18:10:00Z')
    const res = await submitCorrection(view, { [DEV]: 'attended' })
    expect(res.body).toBe('')
    const after = await marks()
    expect(after[DEV]).toEqual({ status: 'attended', late: false, by: LEAD, at: '2026-11-04T18:10:00.000Z' })
    for (const person of [ALICE, BEN, CHLOE, ELLA]) expect(after[person]).toEqual(before[person])
    expect(await registerRow()).toMatchObject({ version: 2, updated_by: LEAD })
    const told = await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === LEAD && String(c.text).startsWith('Register saved')))
    expect(told.text).toBe('Register saved for Mastery Readiness: Bar models, Wed 4 Nov 16:00: 2 attended, 2 apologised, 1 absent. Changed: Dev Desai (now attended).')
  })

  it('a stale form (opened before that correction) or a re-sent one changes nothing', async () => {
    const older = await openCorrection(`${first}:2`)
    const newer = await openCorrection(`${first}:2`)
    await submitCorrection(newer, { [BEN]: 'apologised-late' })
    const before = await marks()
    await submitCorrection(older, { [DEV]: 'absent' })
    await submitCorrection(newer, { [BEN]: 'apologised-late' })
    expect(await marks()).toEqual(before)
    expect(before[BEN]).toMatchObject({ status: 'apologised', late: true })
    expect(await registerRow()).toMatchObject({ version: 3 })
    await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === LEAD && String(c.text).startsWith('Not saved: the register changed')))
    // A Correct button from an older message shows the register as it is, instead of a form.
    const path = await slack.click('attendance.correct', `${first}:1`, LEAD)
    expect((await answeredOn(path)).text).toContain('This register changed since this message')
  })
})

describe('schools', () => {
  const questions = (user: string) => dms(user).filter((m) => m.text === 'Which school are you at? It takes ten seconds.')
  const openSchoolForm = async (user: string, how: () => Promise<unknown>) => {
    const before = bot.slackApi.calls('views.open').length
    await how()
    return eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined))
  }

  it('once a register lists them, each person is asked their school once, in a direct message; the Lead is not', async () => {
    // One message a second to each chat: the reflection prompts go first.
    await bot.jobs.deliver()
    clock.advance(2_000)
    await bot.jobs.deliver()
    for (const person of [ALICE, BEN, CHLOE, DEV, ELLA]) {
      expect(questions(person)).toHaveLength(1)
      expect(buttonsOf(questions(person)[0]!.blocks ?? []).map((b: any) => [b.action_id, b.value])).toEqual([['attendance.school-open', groupId]])
    }
    expect(questions(LEAD)).toEqual([])
  })

  it('the button opens a one-field form; the school is saved as written, and a re-sent form changes nothing', async () => {
    const view = await openSchoolForm(ALICE, () => slack.click('attendance.school-open', groupId, ALICE))
    expect(view.callback_id).toBe('attendance.school')
    expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toEqual(['school'])
    const empty = await slack.submit(view, ALICE, { school: { text: '' } })
    expect(empty.json).toEqual({ response_action: 'errors', errors: { school: 'Please fill in “School”.' } })
    await slack.submit(view, ALICE, { school: { text: '  Oakfield   Primary School ' } })
    await slack.submit(view, ALICE, { school: { text: '  Oakfield   Primary School ' } })
    const rows = await bot.db.selectFrom('person_schools').selectAll().execute()
    expect(rows.map((r) => [r.user_id, r.school, r.school_key, r.given_by])).toEqual([[ALICE, 'Oakfield Primary School', 'oakfield primary', ALICE]])
    await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === ALICE && String(c.text).startsWith('Thanks: your school is saved as Oakfield Primary School.')))
  })

  it('`my school` opens the same form, showing what is saved, from anywhere; schools already named are offered, so one is not entered two ways', async () => {
    const bens = await openSchoolForm(BEN, () => slack.slash('my school', BEN))
    const listed = bens.blocks.find((b: any) => b.block_id === 'known')
    expect(listed.element.type).toBe('static_select')
    expect(listed.element.options.map((o: any) => o.value)).toEqual(['Oakfield Primary School'])
    // Picking one and typing another is refused by field; typing a listed school's other spelling saves it as listed.
    const both = await slack.submit(bens, BEN, { known: { select: 'Oakfield Primary School' }, school: { text: 'Elsewhere Academy' } })
    expect(both.json).toEqual({ response_action: 'errors', errors: { school: 'Pick your school from the list or type it here, not both.' } })
    await slack.submit(bens, BEN, { school: { text: 'oakfield primary' } })
    await slack.submit(await openSchoolForm(CHLOE, () => slack.click('attendance.school-open', groupId, CHLOE)), CHLOE, { school: { text: 'St Mary’s C of E Primary' } })
    const again = await openSchoolForm(ALICE, () => slack.slash('my school', ALICE))
    expect(again.blocks.find((b: any) => b.block_id === 'known').element.initial_option.value).toBe('Oakfield Primary School')
    expect(again.blocks.find((b: any) => b.block_id === 'known').element.options.map((o: any) => o.value)).toEqual(['Oakfield Primary School', 'St Mary’s C of E Primary'])
  })

  it('the Lead sees everyone’s school and fills in the missing ones; only what they change is saved', async () => {
    const forged = await slack.click('attendance.edit-schools', groupId, ALICE)
    expect((await answeredOn(forged)).text).toBe('Only the Work Group’s Lead or a hub administrator can fill in its schools.')
    const view = await openSchoolForm(LEAD, () => slack.click('attendance.edit-schools', groupId, LEAD))
    expect(view.callback_id).toBe('attendance.schools')
    const inputs = view.blocks.filter((b: any) => b.type === 'input')
    expect(inputs.map((b: any) => [b.label.text, b.element.initial_value ?? ''])).toEqual([
      ['=HYPERLINK("http://x.example")', ''],
      ['Alice Adams', 'Oakfield Primary School'],
      ['Ben Brown', 'Oakfield Primary School'],
      ['Chloe Clark', 'St Mary’s C of E Primary'],
      ['Dev Desai', ''],
    ])
    const values = (changes: Record<string, string>) =>
      Object.fromEntries(inputs.map((b: any) => [b.block_id, { text: changes[b.block_id.replace(/^school_/, '')] ?? b.element.initial_value ?? '' }]))
    await slack.submit(view, LEAD, values({ [DEV]: 'Oakfield Primary' }))
    const rows = await bot.db.selectFrom('person_schools').selectAll().orderBy('user_id').execute()
    expect(rows.map((r) => [r.user_id, r.school, r.given_by])).toEqual([
      [ALICE, 'Oakfield Primary School', ALICE],
      [BEN, 'Oakfield Primary School', BEN],
      [CHLOE, 'St Mary’s C of E Primary', CHLOE],
      [DEV, 'Oakfield Primary', LEAD],
    ])
    // That form is now older than the schools: sent again, it is refused and changes nothing.
    await slack.submit(view, LEAD, values({ [CHLOE]: 'Somewhere else' }))
    expect((await bot.db.selectFrom('person_schools').select('school').where('user_id', '=', CHLOE).executeTakeFirstOrThrow()).school).toBe('St Mary’s C of E Primary')
    await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === LEAD && String(c.text).startsWith('Not saved: someone’s school changed')))
  })
})

describe('the year’s attendance', () => {
  it('a participant cannot see it', async () => {
    const res = await slack.slash('attendance', ALICE)
    expect(JSON.stringify(res.json)).toContain('Only the Work Group Lead, <@U0LEAD>, or a hub administrator can see and keep the group’s registers.')
    const forged = await slack.click('attendance.send-spreadsheet', groupId, ALICE)
    expect((await answeredOn(forged)).text).toBe('Only the Work Group’s Lead or a hub administrator can have its attendance.')
    expect(bot.slackApi.uploads()).toEqual([])
  })

  it('the Lead sees one line per person, readable on a phone', async () => {
    const res = await slack.slash('attendance', LEAD)
    const shown = JSON.stringify(res.json)
    expect(shown).toContain('Attendance: Mastery Readiness')
    expect(shown).toContain('1 confirmed register.')
    const lines = res.json.blocks.find((b: any) => b.type === 'section' && b.text.text.includes(ALICE)).text.text.split('\n')
    expect(lines).toEqual([
      `<@${ELLA}>: 0 of 1 attended, 1 absent`,
      `<@${ALICE}>: 1 of 1 attended`,
      `<@${BEN}>: 0 of 1 attended, 1 apologised late`,
      `<@${CHLOE}>: 0 of 1 attended, 1 apologised late`,
      `<@${DEV}>: 1 of 1 attended`,
    ])
    // By school: spellings of one school meet; those who have not said are last.
    const bySchool = res.json.blocks.find((b: any) => b.type === 'section' && b.text.text.startsWith('*Oakfield')).text.text.split('\n')
    expect(bySchool).toEqual([
      `*Oakfield Primary School* (<@${ALICE}>, <@${BEN}>, <@${DEV}>): 2 of 3 attended, 1 apologised late`,
      `*St Mary’s C of E Primary* (<@${CHLOE}>): 0 of 1 attended, 1 apologised late`,
      `*School not given yet* (<@${ELLA}>): 0 of 1 attended, 1 absent`,
    ])
    expect(buttonsOf(res.json.blocks).map((b: any) => [b.action_id, b.value])).toEqual([
      ['attendance.show-register', first],
      ['attendance.send-spreadsheet', groupId],
      ['attendance.edit-schools', groupId],
    ])
  })

  it('a session that ended without a register waits; confirmed from the view, its message is not sent as well', async () => {
    clock.set('2026-12-02T17:35:00Z')
    const view = await slack.slash('attendance', LEAD)
    expect(JSON.stringify(view.json)).toContain('1 confirmed register, 1 waiting for you.')
    expect(JSON.stringify(view.json)).toContain('*Waiting for a register:* Wed 2 Dec 16:00')
    const shown = await answeredOn(await slack.click('attendance.show-register', second, LEAD, CHANNEL))
    expect(shown.text).toBe('Register for Wed 2 Dec 16:00: 0 attended, 0 apologised, 5 absent. Confirm it in one tap.')
    await answeredOn(await slack.click('attendance.confirm', `${second}:0`, LEAD, CHANNEL))
    expect(await registerRow(second)).toMatchObject({ version: 1 })
    const before = dms(LEAD).length
    clock.set('2026-12-02T17:45:00Z')
    await run()
    expect(dms(LEAD)).toHaveLength(before)
    // A second register asks nobody their school again.
    for (const person of [DEV, ELLA]) expect(dms(person).filter((m) => m.text?.startsWith('Which school'))).toHaveLength(1)
  })

  it('the spreadsheet comes to the Lead as a file in their DM: the same totals, each session’s mark, names defused', async () => {
    const path = await slack.click('attendance.send-spreadsheet', groupId, LEAD, CHANNEL)
    expect((await answeredOn(path)).text).toBe('I’ve sent you attendance-2026-12-02.csv in our direct chat.')
    const [file] = bot.slackApi.uploads()
    expect(file).toMatchObject({ name: 'attendance-2026-12-02.csv', channel: dmChannelOf(LEAD) })
    const text = file!.bytes.toString('utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).toContain('\r\n')
    expect(parse(text.slice(1))).toEqual([
      ['Name', 'School', 'Attended', 'Apologised in time', 'Apologised late', 'Absent', 'Wed 4 Nov 2026 16:00: Bar models', 'Wed 2 Dec 2026 16:00: Reasoning'],
      // A spreadsheet shows this as text, never runs it.
      ['\'=HYPERLINK("http://x.example")', '', '0', '0', '0', '2', 'Absent', 'Absent'],
      ['Alice Adams', 'Oakfield Primary School', '1', '0', '0', '1', 'Attended', 'Absent'],
      ['Ben Brown', 'Oakfield Primary School', '0', '0', '1', '1', 'Apologised late', 'Absent'],
      ['Chloe Clark', 'St Mary’s C of E Primary', '0', '0', '1', '1', 'Apologised late', 'Absent'],
      ['Dev Desai', 'Oakfield Primary', '1', '0', '0', '1', 'Attended', 'Absent'],
    ])
  })

  it('a hub administrator may see it and have it too', async () => {
    const res = await slack.slash('attendance', HUB_ADMIN)
    expect(JSON.stringify(res.json)).toContain('2 confirmed registers.')
    const before = bot.slackApi.uploads().length
    await answeredOn(await slack.click('attendance.send-spreadsheet', groupId, HUB_ADMIN, CHANNEL))
    expect(bot.slackApi.uploads()).toHaveLength(before + 1)
  })

  it('another workspace’s Lead cannot reach it, whatever ids they send', async () => {
    const other = slackWorkspace(bot, OTHER_TEAM, CHANNEL)
    const res = await other.slash('attendance', LEAD)
    expect(JSON.stringify(res.json)).toContain('This channel is not a Work Group yet.')
    expect((await answeredOn(await other.click('attendance.confirm', `${second}:1`, LEAD))).text).toBe('I can’t find that session any more.')
    expect((await answeredOn(await other.click('attendance.send-spreadsheet', groupId, LEAD))).text).toBe('Only the Work Group’s Lead or a hub administrator can have its attendance.')
    expect(await registerRow(second)).toMatchObject({ version: 1 })
  })
})

describe('my data and forget me', () => {
  it('a participant sees their own attendance in “my data”', async () => {
    const shown = JSON.stringify((await slack.slash('my data', DEV)).json)
    expect(shown).toContain('Your attendance, as the Lead recorded it (2)')
    expect(shown).toContain('Wed 4 Nov 2026, Mastery Readiness: attended')
  })

  it('… and their school', async () => {
    expect(JSON.stringify((await slack.slash('my data', ALICE)).json)).toContain('*Your school:* Oakfield Primary School')
  })

  it('forget me removes the person’s attendance, and nobody else’s', async () => {
    await slack.slash('forget me', DEV)
    const path = await slack.click('reflection.forget-confirm', 'forget', DEV)
    expect((await answeredOn(path)).text).toContain('2 attendance records')
    const left = await bot.db.selectFrom('attendance').select('user_id').execute()
    expect(left.map((r) => r.user_id)).not.toContain(DEV)
    expect(left).toHaveLength(8)
  })

  it('forget me removes the person’s school too', async () => {
    await slack.slash('forget me', CHLOE)
    await answeredOn(await slack.click('reflection.forget-confirm', 'forget', CHLOE))
    expect((await bot.db.selectFrom('person_schools').select('user_id').execute()).map((r) => r.user_id).sort()).toEqual([ALICE, BEN])
    // Dev's school, which the Lead gave, went with his own "forget me" before.
  })
})
