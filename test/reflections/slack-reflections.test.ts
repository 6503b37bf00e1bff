import { sql } from 'kysely'
// Reflections on Slack, through signed requests into the real Bolt receiver and the Web API
// double, on a fake clock: the prompt after a session, the form (errors by field, edits, the
// edit window), one nudge, "stop asking me", the Lead's collated view and its CSV export under
// the privacy rules, forged clicks and replayed submissions, "my data" and "forget me", and
// "what I'll try" coming back in the next session's reminders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { eventually, eventuallyAsync } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const SCOPE_COLUMNS = { platform: 'slack' as const, workspace_id: TEAM }
const CHANNEL = 'C0REFLECT'
const OTHER_CHANNEL = 'C0OTHERGROUP'
const LEAD = 'U0LEAD'
const OTHER_LEAD = 'U0OTHERLEAD'
const PEOPLE = ['U0ALICE', 'U0BEN', 'U0CHLOE', 'U0DEV', 'U0ELLA', 'U0FARAH', 'U0GUS'] as const
const NAMES: Record<string, string> = { U0ALICE: 'Alice Adams', U0BEN: 'Ben Brown', U0CHLOE: 'Chloe Clark', U0DEV: 'Dev Desai', U0ELLA: 'Ella Evans', U0FARAH: 'Farah Fox', U0GUS: 'Gus Green' }
const [ALICE, BEN, CHLOE, DEV, ELLA, FARAH, GUS] = PEOPLE
const PUBLIC_URL = 'https://bot.example.org'
const HUB_ADMIN = 'U0HUBADMIN'

// Monday 2 November 2026, 09:00 GMT (UK time is UTC in November).
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let groupId: string
let otherGroupId: string
let first: string
let second: string

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { PUBLIC_URL, HUB_ADMINS: HUB_ADMIN } })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId), [{ userId: LEAD, name: 'Lara Lead' }, ...PEOPLE.map((userId) => ({ userId, name: NAMES[userId]! }))], 'channel')
  otherGroupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: OTHER_CHANNEL, leadUserId: OTHER_LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Developing Reasoning' })
  await addParticipants(bot.db, ref(otherGroupId), [{ userId: OTHER_LEAD }, { userId: 'U0OUTSIDER' }], 'channel')
  const sessions = await addSessions(bot.db, ref(groupId),
    [
      { title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), onlineUrl: 'https://meet.example.org/wg' },
      { title: 'Reasoning', startsAt: new Date('2026-12-02T16:00:00Z'), endsAt: new Date('2026-12-02T17:30:00Z'), onlineUrl: 'https://meet.example.org/wg' },
    ],
    LEAD,
  new Date('2026-09-01T09:00:00Z'),
  )
  ;[first, second] = sessions.map((s) => s.id) as [string, string]
  await addSessions(bot.db, ref(otherGroupId), [{ startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:00:00Z'), place: 'Room 1' }], OTHER_LEAD, new Date('2026-09-01T09:00:00Z'))
  // Ben cannot come to the first session.
  await bot.db.insertInto('session_rsvps').values({ ...SCOPE_COLUMNS, session_id: first, user_id: BEN, status: 'apologies', late: false, answered_at: clock.now() }).execute()
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
const reflectionRows = () => bot.db.selectFrom('reflections').selectAll().orderBy('user_id').execute()
/** Everything the bot answered to a click, through its response_url. */
const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)
/** Opens the form from the prompt's Reflect button and returns the modal. */
const openForm = async (user: string, sessionId = first) => {
  const before = bot.slackApi.calls('views.open').length
  await slack.click('reflection.open', sessionId, user)
  return eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined))
}
const reflect = async (user: string, answers: { rating: string; try?: string; noticed?: string; visibility: string }, sessionId = first) =>
  slack.submit(await openForm(user, sessionId), user, {
    rating: { select: answers.rating },
    try: { text: answers.try ?? '' },
    noticed: { text: answers.noticed ?? '' },
    visibility: { select: answers.visibility },
  })

describe('the prompt after a session', () => {
  it('nothing is asked before the session has ended and the delay has passed', async () => {
    clock.set('2026-11-04T17:40:00Z')
    await bot.jobs.tick()
    clock.set('2026-11-04T17:35:00Z')
    await bot.jobs.deliver()
    expect(PEOPLE.flatMap((p) => dms(p))).toEqual([])
  })

  it('15 minutes after the end, each participant gets one Reflect message; not the Lead, not who sent apologies', async () => {
    clock.set('2026-11-04T17:45:00Z')
    await run()
    await run()
    for (const person of [ALICE, CHLOE, DEV, ELLA, FARAH, GUS]) {
      const sent = dms(person)
      expect(sent).toHaveLength(1)
      expect(sent[0]?.text).toBe('How was Mastery Readiness: Bar models? Reflect in a minute.')
      const buttons = (sent[0]?.blocks ?? []).flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button')
      expect(buttons.map((b: any) => [b.action_id, b.value])).toEqual([
        ['reflection.open', first],
        ['reflection.stop', groupId],
      ])
    }
    expect(dms(BEN)).toEqual([])
    // The Lead gets the session's register (test/attendance), never a prompt.
    expect(dms(LEAD).filter((m) => !m.text?.startsWith('Register for'))).toEqual([])
  })
})

describe('the form', () => {
  it('has the rating (required), two short answers and who may see it, defaulting to the Lead', async () => {
    const view = await openForm(ALICE)
    expect(view.callback_id).toBe('reflection.submit')
    expect(view.private_metadata).toContain(first)
    const byId = Object.fromEntries(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]))
    expect(Object.keys(byId)).toEqual(['rating', 'try', 'noticed', 'visibility'])
    expect(byId.rating.optional).toBe(false)
    expect(byId.try.optional).toBe(true)
    expect(byId.visibility.element.initial_option.value).toBe('lead')
  })

  it('a missing rating and an over-long answer are shown in the form, by field, and nothing is saved', async () => {
    const res = await slack.submit(await openForm(ALICE), ALICE, { try: { text: 'x'.repeat(501) }, visibility: { select: 'lead' } })
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { rating: 'Please fill in “How useful was the session?”.', try: 'Please keep this to 500 characters (it is 501).' },
    })
    expect(await reflectionRows()).toEqual([])
  })

  it('a good answer is saved once, and the person is told who can see it', async () => {
    const res = await reflect(ALICE, { rating: '4', try: 'Bar models for fractions with Year 5', noticed: 'Pupils explained their reasoning more', visibility: 'lead' })
    expect(res.body).toBe('')
    const [row] = await reflectionRows()
    expect(row).toMatchObject({ session_id: first, user_id: ALICE, rating: 4, try_in_class: 'Bar models for fractions with Year 5', visibility: 'lead' })
    // The form was opened from a direct message, so the confirmation comes there.
    const told = await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === ALICE && String(c.text).includes('your reflection on')))
    expect(told.text).toContain('Thanks: your reflection on Mastery Readiness: Bar models (Wed 4 Nov 16:00) is saved; the Lead can see it, with your name.')
  })

  it('reopening shows the saved answers, and sending again edits the one reflection', async () => {
    const view = await openForm(ALICE)
    const byId = Object.fromEntries(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]))
    expect(byId.rating.element.initial_option.value).toBe('4')
    expect(byId.try.element.initial_value).toBe('Bar models for fractions with Year 5')
    await reflect(ALICE, { rating: '5', try: 'Bar models for fractions with Year 5 and 6', visibility: 'lead' })
    const rows = await reflectionRows()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ rating: 5, try_in_class: 'Bar models for fractions with Year 5 and 6', noticed: null })
  })

  it('another participant’s form starts empty: nobody is shown someone else’s answers', async () => {
    const view = await openForm(DEV)
    expect(JSON.stringify(view)).not.toContain('Bar models for fractions')
    expect(view.blocks.find((b: any) => b.block_id === 'rating').element.initial_option).toBeUndefined()
  })

  it('a replayed submission has no second effect', async () => {
    const view = await openForm(CHLOE)
    const answers = { rating: { select: '3' }, try: { text: 'Stem sentences' }, noticed: { text: '' }, visibility: { select: 'me' } }
    await slack.submit(view, CHLOE, answers)
    const once = await bot.db.selectFrom('reflections').selectAll().where('user_id', '=', CHLOE).execute()
    await slack.submit(view, CHLOE, answers)
    const twice = await bot.db.selectFrom('reflections').selectAll().where('user_id', '=', CHLOE).execute()
    expect(twice).toHaveLength(1)
    expect({ ...twice[0], updated_at: undefined }).toEqual({ ...once[0], updated_at: undefined })
  })

  it('a form opened before a later edit cannot overwrite it: it is refused, and the later answers stay', async () => {
    const older = await openForm(CHLOE)
    const newer = await openForm(CHLOE)
    await slack.submit(newer, CHLOE, { rating: { select: '4' }, try: { text: 'Stem sentences daily' }, noticed: { text: '' }, visibility: { select: 'me' } })
    const res = await slack.submit(older, CHLOE, { rating: { select: '1' }, try: { text: 'Older words' }, noticed: { text: '' }, visibility: { select: 'lead' } })
    expect(res.body).toBe('')
    const [row] = await bot.db.selectFrom('reflections').selectAll().where('user_id', '=', CHLOE).execute()
    expect(row).toMatchObject({ rating: 4, try_in_class: 'Stem sentences daily', visibility: 'me' })
    const told = await eventually(() => bot.slackApi.requests.find((r) => JSON.stringify(r.body ?? '').includes('Not saved: this form is older than your latest reflection')))
    expect(told).toBeDefined()
    // Put back what the later tests expect.
    await slack.submit(await openForm(CHLOE), CHLOE, { rating: { select: '3' }, try: { text: 'Stem sentences' }, noticed: { text: '' }, visibility: { select: 'me' } })
  })

  it('someone outside the group cannot reflect on its session, even with a forged form or click', async () => {
    const view = await openForm(ALICE)
    const forged = await slack.submit(view, 'U0OUTSIDER', { rating: { select: '1' }, visibility: { select: 'lead' } })
    expect(forged.body).toBe('')
    const path = await slack.click('reflection.open', first, 'U0OUTSIDER')
    expect((await answeredOn(path)).text).toBe('Only participants of the Mastery Readiness Work Group can reflect on its sessions.')
    expect((await reflectionRows()).map((r) => r.user_id)).not.toContain('U0OUTSIDER')
  })
})

describe('the nudge a day later', () => {
  it('“Stop asking me” stops prompts for that group', async () => {
    const path = await slack.click('reflection.stop', groupId, GUS)
    expect((await answeredOn(path)).text).toContain('Done: I won’t ask you to reflect on Mastery Readiness sessions again.')
  })

  it('goes once, only to those who have not reflected or asked to stop', async () => {
    clock.set('2026-11-05T17:45:00Z')
    await run()
    await run()
    for (const person of [DEV, ELLA, FARAH]) {
      expect(dms(person).map((m) => m.text)).toEqual(['How was Mastery Readiness: Bar models? Reflect in a minute.', 'A minute to reflect on Mastery Readiness: Bar models?'])
    }
    for (const person of [ALICE, CHLOE, GUS]) expect(dms(person)).toHaveLength(1)
    clock.set('2026-11-06T17:45:00Z')
    await run()
    expect(dms(DEV)).toHaveLength(2)
  })
})

describe('the Lead’s collated view', () => {
  it('only the Lead can see it; a participant and the Lead of another group are refused, even with a crafted click', async () => {
    const res = await slack.slash('reflections', ALICE)
    expect(JSON.stringify(res.json)).toContain('Only the Work Group Lead')
    const path = await slack.click('reflections.view', first, OTHER_LEAD, OTHER_CHANNEL)
    expect((await answeredOn(path)).text).toBe('Only the Work Group’s Lead or a hub administrator can see its reflections.')
  })

  it('a hub administrator may see it too', async () => {
    const shown = JSON.stringify((await slack.slash('reflections', HUB_ADMIN)).json)
    expect(shown).toContain('Bar models for fractions with Year 5 and 6')
  })

  it('shows the response rate and named answers; what people kept to themselves never appears', async () => {
    const res = await slack.slash('reflections', LEAD)
    const shown = JSON.stringify(res.json)
    expect(shown).toContain('2 of 6 reflected')
    expect(shown).toContain('Bar models for fractions with Year 5 and 6')
    expect(shown).toContain(`<@${ALICE}>`)
    expect(shown).not.toContain('Stem sentences')
    expect(shown).not.toContain(CHLOE)
  })

  it('anonymised reflections stay hidden with fewer than five, and appear unnamed with five', async () => {
    for (const [person, text] of [
      [DEV, 'Number talks every morning'],
      [ELLA, 'Number talks with my set'],
      [FARAH, 'Counting stick warm-ups'],
      [GUS, 'Number talks before maths'],
    ] as const)
      await reflect(person, { rating: '4', try: text, visibility: 'anonymised' })
    const four = JSON.stringify((await slack.slash('reflections', LEAD)).json)
    expect(four).not.toContain('Number talks')
    expect(four).not.toContain('Counting stick')
    expect(four).toContain('4 anonymised reflections are held back')

    await reflect(BEN, { rating: '2', try: 'Number talks, if I can make the next one', visibility: 'anonymised' })
    const five = JSON.stringify((await slack.slash('reflections', LEAD)).json)
    expect(five).toContain('Counting stick warm-ups')
    expect(five).toContain('Number talks every morning')
    for (const person of [DEV, ELLA, FARAH, GUS, BEN]) {
      expect(five).not.toContain(person)
      expect(five).not.toContain(NAMES[person]!)
    }
    expect(five).toMatch(/number talk/i)
  })

  it('the spreadsheet comes to the Lead as a file in their DM, holding exactly what they may see, named as in the view', async () => {
    const shown = JSON.stringify((await slack.slash('reflections', LEAD)).json)
    expect(shown).toContain('Send me the spreadsheet (CSV)')
    expect(shown).not.toContain('/exports/')
    // Alice's name was never stored (as for any Slack channel member): users.info names her.
    await bot.db.updateTable('participants').set({ name: null }).where('user_id', '=', ALICE).execute()
    bot.slackApi.setUser(ALICE, { name: 'alice', real_name: 'Alice Adams' })
    const before = bot.slackApi.uploads().length
    const path = await slack.click('reflections.send-spreadsheet', first, LEAD)
    expect((await answeredOn(path)).text).toContain('in our direct chat')
    const [file] = bot.slackApi.uploads().slice(before)
    expect(file).toMatchObject({ name: 'reflections-2026-11-04.csv', channel: dmChannelOf(LEAD) })
    const csv = file!.bytes.toString('utf8')
    expect(csv).toContain('Alice Adams')
    expect(csv).toContain('Counting stick warm-ups')
    expect(csv).not.toContain('Stem sentences')
    for (const person of [DEV, ELLA, FARAH, GUS, BEN]) expect(csv).not.toContain(NAMES[person]!)
    await bot.db.updateTable('participants').set({ name: 'Alice Adams' }).where('user_id', '=', ALICE).execute()

    // Anyone else clicking the same button (a forged or forwarded one) gets a sentence and no file.
    const forged = await slack.click('reflections.send-spreadsheet', first, DEV)
    expect((await answeredOn(forged)).text).toBe('Only the Work Group’s Lead or a hub administrator can have its reflections.')
    expect(bot.slackApi.uploads()).toHaveLength(before + 1)
  })
})

describe('the next session', () => {
  it('each participant’s reminder carries back what they said they would try', async () => {
    clock.set('2026-11-25T16:00:00Z')
    await run()
    const alice = dms(ALICE).at(-1)!
    expect(JSON.stringify(alice.blocks)).toContain('last time you said you’d try “Bar models for fractions with Year 5 and 6”')
    // Only Alice's own words reach Alice.
    expect(JSON.stringify(dms(DEV).at(-1)!.blocks)).toContain('Number talks every morning')
    expect(JSON.stringify(dms(DEV).at(-1)!.blocks)).not.toContain('Bar models for fractions')
  })

  it('once the next session starts, the earlier reflection is closed, kindly', async () => {
    clock.set('2026-12-02T16:05:00Z')
    const path = await slack.click('reflection.open', first, ALICE)
    expect((await answeredOn(path)).text).toContain('closed when the next session started')
    // `reflect` now means the session under way.
    const before = bot.slackApi.calls('views.open').length
    await slack.slash('reflect', ALICE)
    const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined))
    expect(view.private_metadata).toContain(second)
  })
})

describe('when the prompt goes', () => {
  it('only the Lead can change it', async () => {
    const res = await slack.slash('reflect after 1 hour', ALICE)
    expect(JSON.stringify(res.json)).toContain('Only the Work Group Lead')
  })

  it('the Lead can ask for it an hour after each session instead of 15 minutes', async () => {
    const res = await slack.slash('reflect after 1 hour', LEAD)
    expect(JSON.stringify(res.json)).toContain('will be asked to reflect an hour after each session ends')
    const before = dms(DEV).length
    clock.set('2026-12-02T17:45:00Z')
    await run()
    expect(dms(DEV)).toHaveLength(before)
    clock.set('2026-12-02T18:30:00Z')
    await run()
    expect(dms(DEV).at(-1)?.text).toBe('How was Mastery Readiness: Reasoning? Reflect in a minute.')
    // Gus asked not to be asked for this group.
    expect(dms(GUS).map((m) => m.text)).not.toContain('How was Mastery Readiness: Reasoning? Reflect in a minute.')
  })

  it('nonsense is answered with how to say it', async () => {
    const res = await slack.slash('reflect after lunch', LEAD)
    expect(JSON.stringify(res.json)).toContain('Say how long after a session ends to ask: anything from straight away to a day')
  })

  it('a short delay is fine (the minimum is straight away), and more than a day says the limit', async () => {
    expect(JSON.stringify((await slack.slash('reflect after 5 minutes', LEAD)).json)).toContain('asked to reflect 5 minutes after each session ends')
    expect(JSON.stringify((await slack.slash('reflect after 2 days', LEAD)).json)).toContain('anything from straight away to a day')
    await slack.slash('reflect after 1 hour', LEAD)
  })
})

describe('my data and forget me', () => {
  it('a person sees their own reflections, all of them, and nobody else’s, and can have them as a file', async () => {
    const res = await slack.slash('my data', CHLOE)
    const shown = JSON.stringify(res.json)
    expect(shown).toContain('Stem sentences')
    expect(shown).toContain('Rating 3/5')
    expect(shown).not.toContain('Bar models for fractions')
    expect(shown).toContain('“forget me” erases your reflections')
    const before = bot.slackApi.uploads().length
    await slack.click('reflections.send-mine', 'mine', CHLOE)
    const file = await eventually(() => bot.slackApi.uploads()[before])
    expect(file).toMatchObject({ name: 'my-reflections.csv', channel: dmChannelOf(CHLOE) })
    const csv = file.bytes.toString('utf8')
    expect(csv.split('\r\n')[1]).toBe('"Mastery Readiness: Bar models, Wed 4 Nov 2026 16:00",Me,3,Stem sentences,,Only me')
    expect(csv).not.toContain('Bar models for fractions')
  })

  it('forget me asks first, then erases their reflections only', async () => {
    const res = await slack.slash('forget me', CHLOE)
    expect(JSON.stringify(res.json)).toContain('Erase all 1 of your reflections')
    expect((await reflectionRows()).map((r) => r.user_id)).toContain(CHLOE)
    const path = await slack.click('reflection.forget-confirm', 'forget', CHLOE)
    expect((await answeredOn(path)).text).toMatch(/^Done: 1 reflection erased/)
    const left = (await reflectionRows()).map((r) => r.user_id)
    expect(left).not.toContain(CHLOE)
    expect(left).toContain(ALICE)
  })

  it('forget me leaves none of the person’s words in any table; a reminder that quoted them still goes, without the quote', async () => {
    const WORDS = 'Zebracrossing numberlines'
    const QUESTION = 'Which projects suit a quokka-loving primary school?'
    clock.set('2026-12-03T10:00:00Z')
    await reflect(GUS, { rating: '4', try: WORDS, visibility: 'me' }, second)
    // Added well before its reminders were due, so they are the usual ones (not a new-session notice).
    await addSessions(bot.db, ref(groupId), [{ title: 'Fractions', startsAt: new Date('2026-12-09T16:00:00Z'), endsAt: new Date('2026-12-09T17:30:00Z'), place: 'Room 4' }], LEAD, new Date('2026-11-20T10:00:00Z'))
    await slack.slash(QUESTION, GUS)
    await eventuallyAsync(async () => ((await bot.db.selectFrom('catalogue_questions').select('id').where('user_id', '=', GUS).execute()).length ? true : undefined))
    // The reminders for the next session are planned: they quote what Gus said he'd try.
    clock.set('2026-12-08T15:55:00Z')
    await bot.jobs.tick()
    const queued = () => bot.db.selectFrom('outbox').selectAll().where('recipient_id', '=', GUS).where('kind', '=', 'reminder').where('status', '=', 'pending').execute()
    expect(JSON.stringify((await queued())[0]?.message)).toContain(WORDS)

    await slack.slash('forget me', GUS)
    const path = await slack.click('reflection.forget-confirm', 'forget', GUS)
    expect((await answeredOn(path)).text).toMatch(/^Done: \d+ reflections?, 1 question erased/)

    // Every row of every table, as text: none holds his words any more.
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(bot.db)
    const holding: string[] = []
    for (const { table_name } of tables.rows) {
      const hits = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)} t where t::text ilike ${'%zebracrossing%'} or t::text ilike ${'%quokka%'}`.execute(bot.db)
      if (Number(hits.rows[0]!.n) > 0) holding.push(table_name)
    }
    expect(holding).toEqual([])
    // The reminder itself still goes, with the session's details and without the quote.
    const [reminder] = await queued()
    expect(reminder).toBeDefined()
    expect(JSON.stringify(reminder!.message)).toContain('Fractions')
    clock.set('2026-12-08T16:00:00Z')
    await bot.jobs.deliver()
    const sent = dms(GUS).at(-1)
    expect(sent?.text).toContain('Reminder')
    expect(JSON.stringify(sent)).not.toContain('Zebracrossing')
  })
})
