// Catch-ups on Teams, through Bot Framework activities into the real botbuilder adapter and the
// connector double: the Lead confirms the register on its card, and each person it marks
// apologised or absent gets one catch-up card in a 1:1 chat the bot opens (the Lead and those
// who came get none, planning again sends nothing twice, and one waiting for someone who asks to
// be forgotten is dropped); themes only from five or more people's visible answers, never from
// private ones; `catch up` typed in the 1:1 chat, and `workgroups catch up` in the channel
// answered in the person's 1:1 chat, never in the channel.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { findDirectConversation } from '../../src/core/conversation-references.js'
import { saveReflection, type Visibility } from '../../src/domain/reflections.js'
import { addSessions } from '../../src/domain/sessions.js'
import { saveSubgroup } from '../../src/domain/subgroups.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { shareResource } from '../../src/features/resources/resource-store.js'
import { adaptiveCardActionInvoke, channelMention, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:catchup@thread.skype'
const LEAD = channelMention.from
const botId = channelMention.recipient.id
type Person = { id: string; name: string; aadObjectId: string }
const person = (key: string, name: string): Person => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const [ALICE, BEN, CHLOE, DEV, ELLA, FRED, GINA, HAL] = [
  person('alice', 'Alice Adams'), person('ben', 'Ben Brown'), person('chloe', 'Chloe Clark'), person('dev', 'Dev Desai'),
  person('ella', 'Ella Evans'), person('fred', 'Fred Fox'), person('gina', 'Gina Green'), person('hal', 'Hal Hill'),
] as [Person, Person, Person, Person, Person, Person, Person, Person]
const CAME = [ALICE, DEV, ELLA, FRED, GINA, HAL]
const SCOPE = { platform: 'teams' as const, workspaceId: TENANT }
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let groupId: string
let sessionId: string
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  groupId = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: CHANNEL, leadUserId: LEAD.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(
    bot.db,
    ref(groupId),
    [LEAD, BEN, CHLOE, ...CAME].map((p) => ({ userId: p.aadObjectId, name: p.name, address: { id: p.id, botId, tenantId: TENANT, serviceUrl: `${bot.connector.url}/` } })),
    'channel',
  )
  const [session] = await addSessions(
    bot.db,
    ref(groupId),
    [
      { title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Room 4', prepare: 'Watch the NCETM bar models video', gapTask: 'Try one bar model task with your class' },
      { title: 'Reasoning', startsAt: new Date('2026-12-02T16:00:00Z'), endsAt: new Date('2026-12-02T17:30:00Z'), prepare: 'Read the reasoning chapter' },
    ],
    LEAD.aadObjectId,
    new Date('2026-09-01T09:00:00Z'),
  )
  sessionId = session!.id
  const answer = (who: Person, status: 'going' | 'apologies') => ({ ...{ platform: 'teams' as const, workspace_id: TENANT }, session_id: sessionId, user_id: who.aadObjectId, status, late: false, answered_at: clock.now() })
  // Ben sent apologies; Chloe never answered (absent on the register); the rest are going.
  await bot.db.insertInto('session_rsvps').values([answer(BEN, 'apologies'), ...CAME.map((p) => answer(p, 'going'))]).execute()
  // Four answers shared with the Lead, two kept private that share words of their own.
  const reflect = (who: Person, visibility: Visibility, tryInClass: string) =>
    saveReflection(bot.db, { ...SCOPE, sessionId, workGroupId: groupId, userId: who.aadObjectId }, { rating: 4, tryInClass, visibility }, new Date('2026-11-04T17:35:00Z'), 0)
  for (const [i, who] of [ALICE, DEV, ELLA, FRED].entries()) await reflect(who, 'lead', `Number lines with year ${i + 3}`)
  for (const who of [GINA, HAL]) await reflect(who, 'me', 'Tangram secrets')
  // A link shared into the channel's sub-group after the session started.
  const { subgroup } = await saveSubgroup(bot.db, { ...SCOPE, name: 'Primary Mastery', conversationId: CHANNEL, createdBy: LEAD.aadObjectId })
  await bot.db.transaction().execute((trx) =>
    shareResource(trx, {
      ...SCOPE, url: 'https://nrich.maths.org/bar-models', canonicalUrl: 'https://nrich.maths.org/bar-models', host: 'nrich.maths.org', title: 'Bar model problems', tags: [],
      sharedBy: ALICE.aadObjectId, from: { conversationId: CHANNEL }, subgroupIds: [subgroup.id], at: new Date('2026-11-04T17:10:00Z'),
    }),
  )
})
afterAll(async () => {
  await bot?.stop()
})

const inChannel = (from: Person, text: string) => ({
  ...channelMention,
  id: `teams-${++n}`,
  from,
  text: `<at>TestBot</at> ${text}`,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, id: CHANNEL },
  channelData: { ...channelMention.channelData, channel: { id: CHANNEL } },
})
/** Text someone types in their 1:1 chat with the bot. */
const inChat = (from: Person, conversationId: string, text: string) => ({
  ...personalMessage,
  id: `chat-${++n}`,
  text,
  attachments: undefined,
  from,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
  channelData: { tenant: { id: TENANT } },
})
const invokeIn = (from: Person, conversationId: string, data: Record<string, unknown>, verb: string) =>
  postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id: `invoke-${++n}`,
    serviceUrl: `${bot.connector.url}/`,
    from,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  })
/** The 1:1 chat the bot has with someone, once it has one. */
const chatOf = async (who: Person) => (await findDirectConversation(bot.db, 'teams', TENANT, who.aadObjectId))?.conversationId
/** Every card posted, with its conversation and its text. */
const cards = (from = 0) =>
  bot.connector
    .calls()
    .slice(from)
    .filter((c) => c.method === 'POST' && c.body?.attachments)
    .map((c) => ({ conversationId: c.conversationId, card: cardOf(c.body), text: cardTexts(cardOf(c.body)).join('\n') }))
const catchUpsTo = async (who: Person) => {
  const chat = await chatOf(who)
  return chat ? cards().filter((c) => c.conversationId === chat && c.text.startsWith('Catch-up:')) : []
}
const run = async () => {
  await bot.jobs.tick()
  for (let i = 0; i < 6; i++) {
    const { sent } = await bot.jobs.deliver()
    if (sent === 0) break
    clock.advance(2_000)
  }
}
const outboxRow = (who: Person) =>
  bot.db.selectFrom('outbox').select(['status', 'last_error']).where('dedupe_key', '=', `catch-up:${sessionId}:${who.aadObjectId}`).executeTakeFirst()

it('the Lead confirms the register on its card; the catch-ups are planned for those marked apologised or absent only', async () => {
  clock.set('2026-11-04T17:40:00Z')
  await run()
  for (const who of [LEAD, BEN, CHLOE, ...CAME]) expect(await catchUpsTo(who)).toEqual([])
  const leadChat = (await chatOf(LEAD))!
  const register = cards().find((c) => c.conversationId === leadChat && c.text.startsWith('Register'))!
  const confirm = cardActions(register.card).find((a) => a.title === 'Confirm register')!
  clock.set('2026-11-04T18:02:00Z')
  await invokeIn(LEAD, leadChat, confirm.data, confirm.verb)
  await bot.jobs.tick()
  expect(await outboxRow(BEN)).toMatchObject({ status: 'pending' })
  expect(await outboxRow(CHLOE)).toMatchObject({ status: 'pending' })
  for (const who of [LEAD, ...CAME]) expect(await outboxRow(who)).toBeUndefined()
})

it('forget me drops the one still waiting for that person', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChat(CHLOE, 'a:chloe-chat', 'forget me'))
  const ask = cards(before).find((c) => c.conversationId === 'a:chloe-chat')!
  const yes = cardActions(ask.card).find((a) => a.title === 'Yes, erase them')!
  await invokeIn(CHLOE, 'a:chloe-chat', yes.data, yes.verb)
  expect(await outboxRow(CHLOE)).toEqual({ status: 'dropped', last_error: 'forgotten at their request' })
})

it('Ben gets one catch-up card in a 1:1 chat the bot opens: what it covered, the gap task, what’s next, no names, no Reflect button', async () => {
  await run()
  const sent = await catchUpsTo(BEN)
  expect(sent).toHaveLength(1)
  const text = sent[0]!.text
  expect(text).toContain('Catch-up: Mastery Readiness: Bar models')
  expect(text).toContain('You sent apologies for this session on Wednesday 4 November 2026, 16:00–17:30.')
  expect(text).toContain('What it covered: Bar models')
  expect(text).toContain('To read or watch: Watch the NCETM bar models video')
  expect(text).toContain('Gap task, before the next session: Try one bar model task with your class')
  expect(text).toContain('**Next session:** Wednesday 2 December 2026, 16:00–17:30, Reasoning')
  expect(text).toContain('Before it: Read the reasoning chapter')
  expect(text).toContain('**Shared in the group since:**\n• [Bar model problems](https://nrich.maths.org/bar-models) · nrich.maths.org')
  // Four visible answers are too few for themes; private ones never count.
  expect(text).toContain('Too few reflections yet to share the group’s themes.')
  for (const words of ['Number lines', 'number lines', 'Tangram', 'tangram']) expect(text).not.toContain(words)
  for (const who of CAME) expect(text).not.toContain(who.name)
  expect(cardActions(sent[0]!.card).map((a) => a.title)).toEqual([])
  for (const who of [LEAD, CHLOE, ...CAME]) expect(await catchUpsTo(who)).toEqual([])
})

it('planning again sends nothing twice', async () => {
  clock.advance(60_000)
  await run()
  await run()
  expect(await catchUpsTo(BEN)).toHaveLength(1)
})

it('`catch up` in the 1:1 chat: themes appear once five people’s visible answers are in, never from private ones', async () => {
  await saveReflection(bot.db, { ...SCOPE, sessionId, workGroupId: groupId, userId: GINA.aadObjectId }, { rating: 5, tryInClass: 'Number lines for fractions', visibility: 'lead' }, clock.now(), 1)
  const chat = (await chatOf(BEN))!
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChat(BEN, chat, 'catch up'))
  const answer = cards(before).find((c) => c.conversationId === chat)!
  expect(answer.text).toContain('Catch-up: Mastery Readiness: Bar models')
  expect(answer.text).toContain('**Themes in the group’s reflections:** number lines')
  expect(answer.text).not.toContain('Too few reflections')
  for (const words of ['Tangram', 'tangram']) expect(answer.text).not.toContain(words)
})

it('`workgroups catch up` in the channel answers in the person’s 1:1 chat, never in the channel; someone who came is told so', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ALICE, 'workgroups catch up'))
  const posted = cards(before)
  const aliceChat = await chatOf(ALICE)
  expect(posted.map((c) => c.conversationId)).toEqual([aliceChat])
  expect(posted[0]!.text).toContain('You were at this session on Wednesday 4 November 2026')
  expect(JSON.stringify(bot.connector.calls().slice(before).filter((c) => c.conversationId === CHANNEL))).not.toContain('Catch-up')

  const asked = bot.connector.calls().length
  await postActivity(bot.url, inChannel(LEAD, 'workgroups catch up 4 Nov'))
  expect(cards(asked).map((c) => c.text).join('\n')).toContain('You lead this Work Group: this is the catch-up participants who missed the session on')
})

it('a date with no session, or someone in no Work Group, gets a clear sentence', async () => {
  const chat = (await chatOf(BEN))!
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChat(BEN, chat, 'catch up 3 Nov'))
  expect(cards(before).map((c) => c.text).join('\n')).toContain(
    'There was no Mastery Readiness session on Tuesday 3 November 2026. Say **workgroups catch up** for the latest session you missed, or add the day it met: **workgroups catch up 7 Dec**.',
  )
  const stranger = person('zed', 'Zed Zane')
  const asked = bot.connector.calls().length
  await postActivity(bot.url, inChat(stranger, 'a:zed-chat', 'catch up'))
  expect(cards(asked).map((c) => c.text).join('\n')).toContain('You are not in a Work Group yet, so there is nothing to catch up on.')
})
