// Reflections on Teams, through Bot Framework activities into the real botbuilder adapter and
// the connector double: the prompt in each participant's 1:1 chat, the form in a dialog that the
// Reflect button opens, `reflect` typed in a channel reaching the same dialog (and a saved
// reflection) with nothing of it posted in the channel, and the Lead's view
// with an AI summary from a local OpenAI-compatible endpoint, falling back to keyword themes
// when the endpoint fails.
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { adaptiveCardActionInvoke, channelMention } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { startOpenAiStub, type OpenAiStub } from '../support/openai-stub.js'
import { dialogButtonOf, dialogCard, dialogMessage, fetchDialog, holdsInputs, inputIds, submitDialog } from '../support/teams-dialogs.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:reflections@thread.skype'
const LEAD = channelMention.from
const botId = channelMention.recipient.id
const person = (key: string, name: string) => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const PEOPLE = [person('alice', 'Alice Adams'), person('ben', 'Ben Brown'), person('chloe', 'Chloe Clark'), person('dev', 'Dev Desai'), person('ella', 'Ella Evans')]
const [ALICE, BEN] = PEOPLE as [ReturnType<typeof person>, ReturnType<typeof person>]
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let ai: OpenAiStub
let sessionId: string
let n = 0

beforeAll(async () => {
  ai = await startOpenAiStub()
  bot = await startTestBot({ clock, env: { OPENAI_BASE_URL: ai.baseURL, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'stub-model' } })
  const groupId = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: CHANNEL, leadUserId: LEAD.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId),
    [LEAD, ...PEOPLE].map((p) => ({ userId: p.aadObjectId, name: p.name, address: { id: p.id, botId, tenantId: TENANT, serviceUrl: `${bot.connector.url}/` } })),
    'channel',
  )
  const [session] = await addSessions(bot.db, ref(groupId), [{ title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Room 4' }], LEAD.aadObjectId, new Date('2026-09-01T09:00:00Z'))
  sessionId = session!.id
})
afterAll(async () => {
  await Promise.all([bot?.stop(), ai?.close()])
})

const inChannel = (from: typeof LEAD, text: string) => ({
  ...channelMention,
  id: `teams-${++n}`,
  from,
  text: `<at>TestBot</at> ${text}`,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, id: CHANNEL },
  channelData: { ...channelMention.channelData, channel: { id: CHANNEL } },
})
/** A click or card submission in someone's 1:1 chat with the bot, as Teams sends it. */
const invokeIn = (from: ReturnType<typeof person>, conversationId: string, data: Record<string, unknown>, verb: string) =>
  postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id: `invoke-${++n}`,
    serviceUrl: `${bot.connector.url}/`,
    from,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  })
/** Someone's clicks in their 1:1 chat with the bot, as the fields of Teams' dialog invokes. */
const chatTurn = (from: ReturnType<typeof person>, conversationId: string) => ({
  serviceUrl: `${bot.connector.url}/`,
  from,
  conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
  channelData: { tenant: { id: TENANT } },
})
/** Someone's clicks on a card in the channel. */
const channelTurn = (from: ReturnType<typeof person>) => ({
  serviceUrl: `${bot.connector.url}/`,
  from,
  conversation: { ...channelMention.conversation, id: `${CHANNEL};messageid=1700000000001` },
  channelData: { ...channelMention.channelData, channel: { id: CHANNEL } },
})
const chatWith = (who: ReturnType<typeof person>) => {
  const chat = bot.connector.created().find((c) => c.members[0].id === who.id)!
  return `a:created-${bot.connector.created().indexOf(chat) + 1}`
}
/** Cards the outbox delivered into 1:1 chats, by conversation. */
const delivered = () => bot.connector.calls().filter((c) => c.method === 'POST' && c.conversationId.startsWith('a:created-') && c.status !== undefined && c.status < 300)

it('after the session, each participant gets the prompt in a 1:1 chat the bot opens', async () => {
  clock.set('2026-11-04T17:45:00Z')
  await bot.jobs.tick()
  await bot.jobs.deliver()
  // The Lead's chat gets the session's register instead (test/attendance).
  const prompts = delivered().map((c) => cardOf(c.body)).filter((card) => !cardTexts(card)[0]?.startsWith('Register:'))
  expect(prompts).toHaveLength(PEOPLE.length)
  expect(cardTexts(prompts[0]).join('\n')).toContain('How was **Mastery Readiness: Bar models**')
  expect(cardActions(prompts[0]).map((a) => a.title)).toEqual(['Reflect', 'Stop asking me'])
})

it('Reflect in the 1:1 chat opens the form in a dialog; errors come back by field in it, and a good answer is saved', async () => {
  const conversationId = chatWith(ALICE)
  const reflect = dialogButtonOf(cardOf(delivered().find((c) => c.conversationId === conversationId)!.body), 'Reflect')
  const opened = await fetchDialog(bot.url, chatTurn(ALICE, conversationId), reflect)
  expect(opened.body.task.value.title).toBe('Reflect on the session')
  const form = dialogCard(opened)
  expect(inputIds(form)).toEqual(['rating', 'try', 'noticed', 'visibility'])

  const bad = dialogCard(await submitDialog(bot.url, chatTurn(ALICE, conversationId), form, { try: 'x'.repeat(501), visibility: 'lead' }))
  const errors = cardTexts(bad).join('\n')
  expect(errors).toContain('Please fill in “How useful was the session?”.')
  expect(errors).toContain('Please keep this to 500 characters (it is 501).')
  expect(bad.body.find((b: any) => b.id === 'try').value).toBe('x'.repeat(501))

  const good = await submitDialog(bot.url, chatTurn(ALICE, conversationId), form, { rating: '5', try: 'Bar models with fractions', noticed: 'More talk in pairs', visibility: 'lead' })
  expect(dialogMessage(good)).toContain('Thanks: your reflection on Mastery Readiness: Bar models (Wed 4 Nov 16:00) is saved')
  const rows = await bot.db.selectFrom('reflections').selectAll().execute()
  expect(rows).toMatchObject([{ session_id: sessionId, user_id: ALICE.aadObjectId, rating: 5, visibility: 'lead' }])
})

it('`workgroups reflect` typed in the channel reaches the form in a dialog and a saved reflection; nothing of it is posted there', async () => {
  const before = bot.connector.calls().length
  const ask = inChannel(BEN as typeof LEAD, 'workgroups reflect')
  await postActivity(bot.url, ask)
  const posted = bot.connector.calls().slice(before).filter((c) => c.method === 'POST')
  expect(posted.map((c) => c.conversationId)).toEqual([CHANNEL])
  expect(holdsInputs(posted.map((c) => c.body))).toBe(false)
  const launcher = cardOf(posted[0]!.body)
  expect(cardTexts(launcher)).toEqual(['Reflect on the session', 'The form opens in a window only you can see.', '[Open the form]'])

  const form = dialogCard(await fetchDialog(bot.url, channelTurn(BEN), dialogButtonOf(launcher)))
  expect(inputIds(form)).toEqual(['rating', 'try', 'noticed', 'visibility'])
  const saved = await submitDialog(bot.url, channelTurn(BEN), form, { rating: '4', try: 'Counters first', visibility: 'me' })
  expect(dialogMessage(saved)).toContain('Thanks: your reflection on Mastery Readiness: Bar models')
  expect(bot.connector.calls().slice(before + posted.length).filter((c) => c.method === 'POST' || c.method === 'PUT')).toEqual([])
  const row = await bot.db.selectFrom('reflections').selectAll().where('user_id', '=', BEN.aadObjectId).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ session_id: sessionId, rating: 4, try_in_class: 'Counters first', visibility: 'me' })
})

it('the same button shows each person their own answers, in the dialog only; a form older than the latest save says so there', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ALICE as typeof LEAD, 'workgroups reflect'))
  const launcher = cardOf(bot.connector.calls().slice(before).find((c) => c.method === 'POST')!.body)
  expect(JSON.stringify(launcher)).not.toContain('Bar models with fractions')
  const older = dialogCard(await fetchDialog(bot.url, channelTurn(ALICE), dialogButtonOf(launcher)))
  expect(older.body.find((b: any) => b.id === 'try').value).toBe('Bar models with fractions')
  expect(older.actions[0].title).toBe('Save changes')
  // Ben clicking the button Alice's command brought sees his own reflection, not hers.
  const bens = dialogCard(await fetchDialog(bot.url, channelTurn(BEN), dialogButtonOf(launcher)))
  expect(bens.body.find((b: any) => b.id === 'try').value).toBe('Counters first')

  const newer = dialogCard(await fetchDialog(bot.url, channelTurn(ALICE), dialogButtonOf(launcher)))
  expect(dialogMessage(await submitDialog(bot.url, channelTurn(ALICE), newer, { rating: '4', try: 'Bar models with fractions', noticed: 'More talk in pairs', visibility: 'lead' }))).toContain('is saved')
  const stale = await submitDialog(bot.url, channelTurn(ALICE), older, { rating: '1', try: 'Overwritten?', visibility: 'lead' })
  expect(dialogMessage(stale)).toMatch(/^Not saved: this form is older than your latest reflection/)
  expect(await bot.db.selectFrom('reflections').select(['rating']).where('user_id', '=', ALICE.aadObjectId).executeTakeFirstOrThrow()).toEqual({ rating: 4 })
})

it('a Reflect button on a card sent before forms moved to dialogs answers with the way into the dialog, never another Reflect button', async () => {
  const conversationId = chatWith(ALICE)
  const before = bot.connector.sent().length
  const res = await invokeIn(ALICE, conversationId, { mhb_action: 'reflection.open', mhb_value: sessionId }, 'reflection.open')
  expect(res.status).toBe(200)
  const posted = bot.connector.sent().slice(before)
  expect(posted).toHaveLength(1)
  const button = dialogButtonOf(cardOf(posted[0]), 'Open the form')
  expect(cardActions(cardOf(posted[0])).map((a) => a.title)).toEqual(['Open the form'])
  expect(inputIds(dialogCard(await fetchDialog(bot.url, chatTurn(ALICE, conversationId), button)))).toEqual(['rating', 'try', 'noticed', 'visibility'])
})

it('the Lead’s view carries an AI summary written only from what they may see, labelled', async () => {
  ai.reply({ content: 'Teachers plan to use bar models with fractions and noticed more talk in pairs.' })
  const ask = inChannel(LEAD, 'workgroups reflections')
  await postActivity(bot.url, ask)
  const view = bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!
  const text = cardTexts(cardOf(view.body)).join('\n')
  expect(text).toContain('AI-written summary, from the answers you may see')
  expect(text).toContain('Teachers plan to use bar models')
  // The model was given the answers' words, never a name.
  const prompt = JSON.stringify(ai.completions().at(-1)!.body)
  expect(prompt).toContain('Bar models with fractions')
  expect(prompt).not.toContain('Alice')
})

it('a summary that names a participant is not shown, nor is anything when the endpoint is down: keyword themes instead', async () => {
  ai.reply({ content: 'Alice Adams will use bar models with fractions.' })
  await postActivity(bot.url, inChannel(LEAD, 'workgroups reflections'))
  const named = cardTexts(cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body)).join('\n')
  expect(named).not.toContain('AI-written summary')
  expect(named).not.toContain('Alice Adams will use')

  ai.reply({ status: 500, error: 'overloaded' })
  await postActivity(bot.url, inChannel(LEAD, 'workgroups reflections'))
  const down = cardTexts(cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body)).join('\n')
  expect(down).not.toContain('AI-written summary')
  expect(down).toContain('2 of 5 reflected')
  expect(down).toContain('Bar models with fractions')
  // No public address is needed: the spreadsheet comes as a file in the Lead's 1:1 chat, and no link is offered.
  expect(JSON.stringify(cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body))).not.toContain('/exports/')
  expect(JSON.stringify(cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body))).toContain('Send me the spreadsheet (CSV)')
})

it('forget me in the 1:1 chat erases every copy of the person’s words: no table holds them afterwards', async () => {
  const conversationId = chatWith(ALICE)
  const before = bot.connector.calls().length
  await postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    type: 'message',
    name: undefined,
    value: undefined,
    id: `forget-${++n}`,
    text: 'workgroups forget me',
    serviceUrl: `${bot.connector.url}/`,
    from: ALICE,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
    channelData: { tenant: { id: TENANT } },
  })
  const ask = bot.connector.calls().slice(before).find((c) => c.method === 'POST' && c.body?.attachments)!
  const confirm = cardActions(cardOf(ask.body)).find((a) => a.title === 'Yes, erase them')!
  const done = await invokeIn(ALICE, conversationId, confirm.data, confirm.verb)
  expect(JSON.stringify(done.body)).toContain('Done: 1 reflection erased')
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(bot.db)
  const holding: string[] = []
  for (const { table_name } of tables.rows) {
    const hits = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)} t where t::text ilike ${'%bar models with fractions%'} or t::text ilike ${'%more talk in pairs%'}`.execute(bot.db)
    if (Number(hits.rows[0]!.n) > 0) holding.push(table_name)
  }
  expect(holding).toEqual([])
})
