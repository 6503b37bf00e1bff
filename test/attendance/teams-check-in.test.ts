// "I'm here" on Teams, through Bot Framework activities into the real botbuilder adapter and the
// connector double: one card in the channel as an online session starts (none for a
// face-to-face or cancelled session), its I'm here button opening a dialog that closes with the
// answer, so nothing is posted in the channel, the tap stored once; `workgroups here` answered in
// the person's 1:1 chat; refusals for someone outside the group and out of time; the register
// pre-filled from check-ins, naming them; and "forget me" taking them with it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { findDirectConversation } from '../../src/core/conversation-references.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { adaptiveCardActionInvoke, channelMention } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { dialogButtonOf, dialogMessage, fetchDialog } from '../support/teams-dialogs.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:checkin@thread.skype'
const LEAD = channelMention.from
const botId = channelMention.recipient.id
const person = (key: string, name: string) => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const [ALICE, BEN, CHLOE, OUTSIDER] = [person('alice', 'Alice Adams'), person('ben', 'Ben Brown'), person('chloe', 'Chloe Clark'), person('oscar', 'Oscar Out')]
const LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_bar'
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let online: string
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  const groupId = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: CHANNEL, leadUserId: LEAD.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(
    bot.db,
    ref(groupId),
    [LEAD, ALICE, BEN, CHLOE].map((p) => ({ userId: p.aadObjectId, name: p.name, address: { id: p.id, botId, tenantId: TENANT, serviceUrl: `${bot.connector.url}/` } })),
    'channel',
  )
  const sessions = await addSessions(
    bot.db,
    ref(groupId),
    [
      { title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), onlineUrl: LINK },
      { title: 'Reasoning', startsAt: new Date('2026-11-11T16:00:00Z'), endsAt: new Date('2026-11-11T17:30:00Z'), place: 'Room 4' },
      { title: 'Called off', startsAt: new Date('2026-11-18T16:00:00Z'), endsAt: new Date('2026-11-18T17:30:00Z'), onlineUrl: LINK },
    ],
    LEAD.aadObjectId,
    new Date('2026-09-01T09:00:00Z'),
  )
  online = sessions[0]!.id
  await bot.db.updateTable('sessions').set({ cancelled_at: new Date('2026-11-01T09:00:00Z') }).where('id', '=', sessions[2]!.id).execute()
  await bot.db
    .insertInto('session_rsvps')
    .values({ platform: 'teams', workspace_id: TENANT, session_id: online, user_id: BEN.aadObjectId, status: 'apologies', late: false, answered_at: clock.now() })
    .execute()
})
afterAll(async () => {
  await bot?.stop()
})

type Person = typeof ALICE
const inChannel = (from: Person, text: string) => ({
  ...channelMention,
  id: `teams-${++n}`,
  from,
  text: `<at>TestBot</at> ${text}`,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, id: CHANNEL },
  channelData: { ...channelMention.channelData, channel: { id: CHANNEL } },
})
/** Someone's click on a card in the channel, as the fields of Teams' dialog invoke. */
const channelTurn = (from: Person) => ({
  serviceUrl: `${bot.connector.url}/`,
  from,
  conversation: { ...channelMention.conversation, id: CHANNEL },
  recipient: channelMention.recipient,
  channelData: { ...channelMention.channelData, channel: { id: CHANNEL } },
})
const chatOf = async (who: Person) => (await findDirectConversation(bot.db, 'teams', TENANT, who.aadObjectId))?.conversationId
const cards = (conversationId: string, since = 0) => bot.connector.calls().slice(since).filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.body?.attachments)
const checkInPosts = () => cards(CHANNEL).filter((c) => JSON.stringify(c.body).includes('is on now'))
const checkIns = async () =>
  Object.fromEntries((await bot.db.selectFrom('session_check_ins').selectAll().where('session_id', '=', online).execute()).map((r) => [r.user_id, new Date(r.checked_in_at).toISOString()]))
const run = async () => {
  await bot.jobs.tick()
  await bot.jobs.deliver()
  clock.advance(2_000)
  await bot.jobs.deliver()
}
const tap = async (who: Person) => dialogMessage(await fetchDialog(bot.url, channelTurn(who), dialogButtonOf(cardOf(checkInPosts()[0]!.body), 'I’m here')))

it('`workgroups here` before the session is answered in the person’s 1:1 chat: check-in is not open yet', async () => {
  clock.set('2026-11-04T15:30:00Z')
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ALICE, 'workgroups here'))
  const chat = (await chatOf(ALICE))!
  const [answer] = cards(chat, before)
  expect(cardTexts(cardOf(answer!.body)).join('\n')).toContain('Check-in opens 15 minutes before the session starts: for Mastery Readiness: Bar models (Wed 4 Nov 16:00), at 15:45.')
  // The channel is only told the answer went privately.
  expect(JSON.stringify(cards(CHANNEL, before))).not.toContain('Check-in opens')
  expect(await checkIns()).toEqual({})
})

it('as the online session starts, one card goes into the channel with Join and a dialog button I’m here', async () => {
  clock.set('2026-11-04T16:00:00Z')
  await run()
  await run()
  expect(checkInPosts()).toHaveLength(1)
  const card = cardOf(checkInPosts()[0]!.body)
  const texts = cardTexts(card).join('\n')
  expect(texts).toContain('**Mastery Readiness: Bar models** is on now. Tap **I’m here** so the register knows you came.')
  expect(texts).toContain(`<at>${LEAD.name}</at> keeps the register`)
  expect(cardActions(card).map((a) => [a.type, a.title])).toEqual([
    ['Action.OpenUrl', 'Join'],
    ['Action.Submit', 'I’m here'],
  ])
  expect(cardActions(card)[0].url).toBe(LINK)
  expect(dialogButtonOf(card, 'I’m here')).toBeDefined()
})

it('I’m here checks a participant in; the dialog closes with the answer, nothing goes in the channel, and a second tap changes nothing', async () => {
  clock.set('2026-11-04T16:02:00Z')
  const before = bot.connector.calls().length
  expect(await tap(ALICE)).toBe('Thanks: you’re checked in to Mastery Readiness: Bar models (16:02). The register will show you came.')
  clock.set('2026-11-04T16:06:00Z')
  expect(await tap(ALICE)).toBe('You’re already checked in (16:02).')
  expect(bot.connector.calls().slice(before).filter((c) => c.method === 'POST')).toEqual([])
  expect(await checkIns()).toEqual({ [ALICE.aadObjectId]: '2026-11-04T16:02:00.000Z' })
})

it('`workgroups here` in the channel checks in too, even after apologies, answered in the 1:1 chat', async () => {
  clock.set('2026-11-04T16:10:00Z')
  await postActivity(bot.url, inChannel(BEN, 'workgroups here'))
  const answer = cards((await chatOf(BEN))!).at(-1)!
  expect(cardTexts(cardOf(answer.body)).join('\n')).toContain('Thanks: you’re checked in to Mastery Readiness: Bar models (16:10).')
  expect(await checkIns()).toEqual({ [ALICE.aadObjectId]: '2026-11-04T16:02:00.000Z', [BEN.aadObjectId]: '2026-11-04T16:10:00.000Z' })
})

it('someone outside the group is refused, naming the Lead, and nothing is stored', async () => {
  expect(await tap(OUTSIDER)).toBe(`Only people in the Mastery Readiness Work Group can check in to its sessions. If you take part in it, ask ${LEAD.name} to add you.`)
  expect(Object.keys(await checkIns())).toHaveLength(2)
})

it('the register is pre-filled from check-ins and names when each came; after the check-in closes a tap is refused', async () => {
  clock.set('2026-11-04T17:40:00Z')
  await run()
  const leadChat = (await chatOf(LEAD))!
  const register = cards(leadChat).find((c) => JSON.stringify(c.body).includes('Register: Mastery Readiness'))!
  const texts = cardTexts(cardOf(register.body)).join('\n')
  expect(texts).toContain('**Attended (2):** Alice Adams _(checked in 16:02)_, Ben Brown _(checked in 16:10)_')
  expect(texts).toContain('**Absent (1):** Chloe Clark')

  clock.set('2026-11-04T17:46:00Z')
  expect(await tap(CHLOE)).toBe(`This session ended at 17:30; ${LEAD.name} keeps its register.`)
  expect(Object.keys(await checkIns())).toHaveLength(2)
})

it('a face-to-face session and a cancelled one get no card', async () => {
  for (const at of ['2026-11-11T16:00:00Z', '2026-11-18T16:00:00Z']) {
    clock.set(at)
    await run()
  }
  expect(checkInPosts()).toHaveLength(1)
})

it('forget me in the 1:1 chat removes the person’s check-ins, and nobody else’s', async () => {
  const conversationId = (await chatOf(ALICE))!
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
  const ask = cards(conversationId, before)[0]!
  const confirm = cardActions(cardOf(ask.body)).find((a) => a.title === 'Yes, erase them')!
  const done = await postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id: `invoke-${++n}`,
    serviceUrl: `${bot.connector.url}/`,
    from: ALICE,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb: confirm.verb, data: confirm.data }, trigger: 'manual' },
  })
  expect(JSON.stringify(done.body)).toContain('1 check-in')
  expect(Object.keys(await checkIns())).toEqual([BEN.aadObjectId])
})
