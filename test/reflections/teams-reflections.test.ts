// Reflections on Teams, through Bot Framework activities into the real botbuilder adapter and
// the connector double: the prompt in each participant's 1:1 chat, the form as a card that the
// Reflect button swaps in, `reflect` asked in a channel answered privately, and the Lead's view
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
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:reflections@thread.skype'
const LEAD = channelMention.from
const botId = channelMention.recipient.id
const person = (key: string, name: string) => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const PEOPLE = [person('alice', 'Alice Adams'), person('ben', 'Ben Brown'), person('chloe', 'Chloe Clark'), person('dev', 'Dev Desai'), person('ella', 'Ella Evans')]
const [ALICE] = PEOPLE as [ReturnType<typeof person>]
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
  const [session] = await addSessions(bot.db, ref(groupId), [{ title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Room 4' }], LEAD.aadObjectId)
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

it('Reflect swaps in the form card; errors come back by field, and a good answer is saved', async () => {
  const chat = bot.connector.created().find((c) => c.members[0].id === ALICE.id)!
  const conversationId = `a:created-${bot.connector.created().indexOf(chat) + 1}`
  const reflect = cardActions(cardOf(delivered().find((c) => c.conversationId === conversationId)!.body)).find((a) => a.title === 'Reflect')!
  const opened = await invokeIn(ALICE, conversationId, reflect.data, reflect.verb)
  const form = opened.body.value
  expect(form.body.filter((b: any) => String(b.type).startsWith('Input.')).map((b: any) => b.id)).toEqual(['rating', 'try', 'noticed', 'visibility'])
  const submit = form.actions[0]

  const bad = await invokeIn(ALICE, conversationId, { ...submit.data, try: 'x'.repeat(501), visibility: 'lead' }, submit.verb)
  const errors = cardTexts(bad.body.value).join('\n')
  expect(errors).toContain('Please fill in “How useful was the session?”.')
  expect(errors).toContain('Please keep this to 500 characters (it is 501).')

  const good = await invokeIn(ALICE, conversationId, { ...submit.data, rating: '5', try: 'Bar models with fractions', noticed: 'More talk in pairs', visibility: 'lead' }, submit.verb)
  expect(cardTexts(good.body.value).join(' ')).toContain('Thanks: your reflection on Mastery Readiness: Bar models (Wed 4 Nov 16:00) is saved')
  const rows = await bot.db.selectFrom('reflections').selectAll().execute()
  expect(rows).toMatchObject([{ session_id: sessionId, user_id: ALICE.aadObjectId, rating: 5, visibility: 'lead' }])
})

it('`reflect` asked in the channel never shows the form there: a private Reflect button goes to the 1:1 chat', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ALICE as typeof LEAD, 'workgroups reflect'))
  const sent = bot.connector.calls().slice(before).filter((c) => c.method === 'POST' && c.body?.attachments)
  expect(sent.every((c) => c.conversationId !== CHANNEL)).toBe(true)
  const privately = sent.map((c) => cardOf(c.body))
  expect(cardActions(privately.at(-1)).map((a) => a.title)).toEqual(['Edit my reflection'])
  expect(JSON.stringify(privately)).not.toContain('Bar models with fractions')
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
  expect(down).toContain('1 of 5 reflected')
  expect(down).toContain('Bar models with fractions')
  // No public address is needed: the spreadsheet comes as a file in the Lead's 1:1 chat, and no link is offered.
  expect(JSON.stringify(cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body))).not.toContain('/exports/')
  expect(JSON.stringify(cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body))).toContain('Send me the spreadsheet (CSV)')
})

it('forget me in the 1:1 chat erases every copy of the person’s words: no table holds them afterwards', async () => {
  const chat = bot.connector.created().find((c) => c.members[0].id === ALICE.id)!
  const conversationId = `a:created-${bot.connector.created().indexOf(chat) + 1}`
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
