// The attendance register on Teams, through Bot Framework activities into the real botbuilder
// adapter and the connector double: the register card in the Lead's 1:1 chat after a session,
// Confirm swapping in the confirmed card (naming the Lead with a real mention), a re-sent click
// changing nothing, the correction form in a dialog (one choice per person) that a stale card's
// button cannot open, a stale submission refused in the dialog, and `workgroups attendance` in
// the channel answered in the Lead's 1:1 chat, never in the channel, and refused to others; then
// each person asked their school once, answering in a dialog, the Lead filling in the rest in
// one, and the view counting by school. No form is ever posted into a chat.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { findDirectConversation } from '../../src/core/conversation-references.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { adaptiveCardActionInvoke, channelMention } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { dialogButtonOf, dialogCard, dialogMessage, fetchDialog, holdsInputs, inputIds, submitDialog } from '../support/teams-dialogs.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:register@thread.skype'
const LEAD = channelMention.from
const botId = channelMention.recipient.id
const person = (key: string, name: string) => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const [ALICE, BEN, CHLOE] = [person('alice', 'Alice Adams'), person('ben', 'Ben Brown'), person('chloe', 'Chloe Clark')]
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let sessionId: string
let leadChat: string
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
  const [session] = await addSessions(bot.db, ref(groupId), [{ title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Room 4' }], LEAD.aadObjectId, new Date('2026-09-01T09:00:00Z'))
  sessionId = session!.id
  const scope = { platform: 'teams' as const, workspace_id: TENANT, session_id: sessionId, answered_at: clock.now() }
  await bot.db
    .insertInto('session_rsvps')
    .values([
      { ...scope, user_id: ALICE.aadObjectId, status: 'going', late: false },
      { ...scope, user_id: BEN.aadObjectId, status: 'apologies', late: false },
    ])
    .execute()
})
afterAll(async () => {
  await bot?.stop()
})

const inChannel = (from: { id: string; name: string; aadObjectId: string }, text: string) => ({
  ...channelMention,
  id: `teams-${++n}`,
  from,
  text: `<at>TestBot</at> ${text}`,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, id: CHANNEL },
  channelData: { ...channelMention.channelData, channel: { id: CHANNEL } },
})
/** A click or card submission in someone's 1:1 chat with the bot, as Teams sends it. */
const invokeIn = (from: typeof LEAD, conversationId: string, data: Record<string, unknown>, verb: string, id = `invoke-${++n}`) =>
  postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id,
    serviceUrl: `${bot.connector.url}/`,
    from,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  })
/** Someone's clicks in their 1:1 chat with the bot, as the fields of Teams' dialog invokes. */
const chatTurn = (from: typeof LEAD, conversationId: string) => ({
  serviceUrl: `${bot.connector.url}/`,
  from,
  conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
  channelData: { tenant: { id: TENANT } },
})
/** The 1:1 chat the bot has with someone, as it stored it on opening it. */
const chatOf = async (who: typeof LEAD) => (await findDirectConversation(bot.db, 'teams', TENANT, who.aadObjectId))!.conversationId
const mentionOf = (who: typeof LEAD) => ({ type: 'mention', text: `<at>${who.name}</at>`, mentioned: { id: who.aadObjectId, name: who.name } })
const marks = async () => Object.fromEntries((await bot.db.selectFrom('attendance').selectAll().execute()).map((r) => [r.user_id, `${r.status}${r.late ? ' (late)' : ''}`]))
const button = (card: any, title: string) => cardActions(card).find((a) => a.title === title)!

it('after the session, the Lead gets the register in a 1:1 chat the bot opens, and nobody else does', async () => {
  clock.set('2026-11-04T17:40:00Z')
  await bot.jobs.tick()
  await bot.jobs.deliver()
  const chats = bot.connector.created()
  const index = chats.findIndex((c) => c.members[0].id === LEAD.id)
  expect(index).toBeGreaterThanOrEqual(0)
  leadChat = `a:created-${index + 1}`
  const sent = bot.connector.calls().filter((c) => c.method === 'POST' && c.conversationId === leadChat && c.body?.attachments)
  expect(sent).toHaveLength(1)
  const texts = cardTexts(cardOf(sent[0]!.body)).join('\n')
  expect(texts).toContain('Register: Mastery Readiness: Bar models')
  expect(texts).toContain('**Attended (1):** Alice Adams')
  expect(texts).toContain('**Apologised (1):** Ben Brown')
  expect(texts).toContain('**Absent (1):** Chloe Clark')
  expect(cardActions(cardOf(sent[0]!.body)).map((a) => a.title)).toEqual(['Confirm register', 'Correct the register'])
  // Correcting opens a form: on Teams, a dialog in one click.
  expect(dialogButtonOf(cardOf(sent[0]!.body), 'Correct the register')).toBeDefined()
  // Participants' chats carry reflection prompts at most, never the register.
  const others = bot.connector.calls().filter((c) => c.method === 'POST' && c.conversationId !== leadChat && c.body?.attachments)
  expect(JSON.stringify(others)).not.toContain('Register')
})

it('Confirm swaps in the confirmed register; the same click sent again changes nothing', async () => {
  const card = cardOf(bot.connector.calls().find((c) => c.method === 'POST' && c.conversationId === leadChat && c.body?.attachments)!.body)
  const confirm = button(card, 'Confirm register')
  const done = await invokeIn(LEAD, leadChat, confirm.data, confirm.verb, 'confirm-1')
  expect(cardTexts(done.body.value).join('\n')).toContain(`✓ Confirmed by <at>${LEAD.name}</at>, Wed 4 Nov, 17:40.`)
  expect(done.body.value.msteams.entities).toEqual([mentionOf(LEAD)])
  expect(await marks()).toEqual({ [ALICE.aadObjectId]: 'attended', [BEN.aadObjectId]: 'apologised', [CHLOE.aadObjectId]: 'absent' })

  // Teams retries a slow turn with the same activity id; a second click is another one.
  const before = await bot.db.selectFrom('attendance').selectAll().execute()
  clock.set('2026-11-04T17:50:00Z')
  await invokeIn(LEAD, leadChat, confirm.data, confirm.verb, 'confirm-1')
  const again = await invokeIn(LEAD, leadChat, confirm.data, confirm.verb)
  expect(cardTexts(again.body.value).join('\n')).toContain('This register was confirmed already; here it is as it stands.')
  expect(await bot.db.selectFrom('attendance').selectAll().execute()).toEqual(before)
})

it('Correct opens one choice per person in a dialog, pre-filled; changing one saves only that one, and the same submission again is refused', async () => {
  const confirmed = cardOf(bot.connector.calls().find((c) => c.method === 'POST' && c.conversationId === leadChat && c.body?.attachments)!.body)
  // The original message's Correct button names version 0: instead of a form, its card shows the
  // register as it stands, and the dialog closes saying so.
  const before = bot.connector.calls().length
  const stale = await fetchDialog(bot.url, chatTurn(LEAD, leadChat), dialogButtonOf(confirmed, 'Correct the register'))
  expect(dialogMessage(stale)).toBe('This register changed since this message; here it is as it stands. Register for Wed 4 Nov 16:00 confirmed: 1 attended, 1 apologised, 1 absent.')
  const updated = bot.connector.calls().slice(before).filter((c) => c.method === 'PUT' && c.conversationId === leadChat)
  expect(updated).toHaveLength(1)
  const current = cardOf(updated[0]!.body)
  expect(cardTexts(current).join('\n')).toContain('This register changed since this message')

  const form = dialogCard(await fetchDialog(bot.url, chatTurn(LEAD, leadChat), dialogButtonOf(current, 'Correct the register')))
  const choices = form.body.filter((b: any) => b.type === 'Input.ChoiceSet')
  expect(choices.map((c: any) => [c.label, c.value])).toEqual([
    ['Alice Adams', 'attended'],
    ['Ben Brown', 'apologised'],
    ['Chloe Clark', 'absent'],
  ])
  // Teams sends every input's value with the dialog's submission.
  const values = Object.fromEntries(choices.map((c: any) => [c.id, c.value]))
  const saved = await submitDialog(bot.url, chatTurn(LEAD, leadChat), form, { ...values, [`person_${BEN.aadObjectId}`]: 'apologised-late' })
  expect(dialogMessage(saved)).toBe('Register saved for Mastery Readiness: Bar models, Wed 4 Nov 16:00: 1 attended, 1 apologised, 1 absent. Changed: Ben Brown (now apologised late).')
  expect(await marks()).toEqual({ [ALICE.aadObjectId]: 'attended', [BEN.aadObjectId]: 'apologised (late)', [CHLOE.aadObjectId]: 'absent' })

  const again = await submitDialog(bot.url, chatTurn(LEAD, leadChat), form, { ...values, [`person_${CHLOE.aadObjectId}`]: 'attended' })
  expect(dialogMessage(again)).toContain('Not saved: the register changed after you opened this')
  expect((await marks())[CHLOE.aadObjectId]).toBe('absent')
  expect(holdsInputs(bot.connector.calls().map((c) => c.body))).toBe(false)
})

it('`workgroups attendance` in the channel: the Lead’s year view comes in their 1:1 chat; a participant is refused', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(LEAD, 'workgroups attendance'))
  const sent = bot.connector.calls().slice(before).filter((c) => c.method === 'POST' && c.body?.attachments)
  expect(sent.map((c) => c.conversationId)).toEqual([leadChat])
  const texts = cardTexts(cardOf(sent[0]!.body)).join('\n')
  expect(texts).toContain('Attendance: Mastery Readiness')
  expect(texts).toContain('Alice Adams: 1 of 1 attended\nBen Brown: 0 of 1 attended, 1 apologised late\nChloe Clark: 0 of 1 attended, 1 absent')

  const asked = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ALICE, 'workgroups attendance'))
  const refused = JSON.stringify(bot.connector.calls().slice(asked))
  expect(refused).toContain('can see and keep the group’s registers')
  expect(refused).not.toContain('1 of 1 attended')
})

it('people on the register are asked their school once in their 1:1 chat; a dialog saves it, the Lead fills in the rest in one, and the view counts by school', async () => {
  await bot.jobs.deliver()
  clock.advance(2_000)
  await bot.jobs.deliver()
  const asked = bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments && JSON.stringify(c.body).includes('Which school are you at?'))
  // One each for Alice, Ben and Chloe, in their own 1:1 chats; none for the Lead.
  expect(asked.map((c) => c.conversationId).sort()).toEqual((await Promise.all([ALICE, BEN, CHLOE].map(chatOf))).sort())
  expect(asked.map((c) => c.conversationId)).not.toContain(leadChat)
  const aliceChat = await chatOf(ALICE)
  // The question names the Lead, who keeps the register.
  const question = cardOf(asked.find((c) => c.conversationId === aliceChat)!.body)
  expect(cardTexts(question).join('\n')).toContain(`Which school are you at? <at>${LEAD.name}</at> keeps the register for the Mastery Readiness Work Group`)
  const form = dialogCard(await fetchDialog(bot.url, chatTurn(ALICE, aliceChat), dialogButtonOf(question, 'Add my school')))
  expect(inputIds(form)).toEqual(['school'])
  const saved = await submitDialog(bot.url, chatTurn(ALICE, aliceChat), form, { school: 'Oakfield Primary School' })
  expect(dialogMessage(saved)).toBe('Thanks: your school is saved as Oakfield Primary School. You can change it at any time with “my school”.')

  // Chloe is offered the hub's schools named so far, in a list searched by typing, and picks one.
  const chloeChat = await chatOf(CHLOE)
  const chloes = cardOf(asked.find((c) => c.conversationId === chloeChat)!.body)
  const listed = dialogCard(await fetchDialog(bot.url, chatTurn(CHLOE, chloeChat), dialogButtonOf(chloes, 'Add my school')))
  expect(inputIds(listed)).toEqual(['known', 'school'])
  const choice = listed.body.find((b: any) => b.id === 'known')
  expect([choice.type, choice.style, choice.choices.map((c: any) => c.value)]).toEqual(['Input.ChoiceSet', 'filtered', ['Oakfield Primary School']])
  expect(dialogMessage(await submitDialog(bot.url, chatTurn(CHLOE, chloeChat), listed, { known: 'Oakfield Primary School', school: '' }))).toContain('saved as Oakfield Primary School')
  // Taken back, so that the Lead's fill-in below starts from Alice's school alone.
  await bot.db.deleteFrom('person_schools').where('user_id', '=', CHLOE.aadObjectId).execute()

  // The Lead fills in Ben's from the year's view; Alice's shows as she gave it.
  const asks = bot.connector.calls().length
  await postActivity(bot.url, inChannel(LEAD, 'workgroups attendance'))
  const yearView = cardOf(bot.connector.calls().slice(asks).find((c) => c.method === 'POST' && c.body?.attachments)!.body)
  const schools = dialogCard(await fetchDialog(bot.url, chatTurn(LEAD, leadChat), dialogButtonOf(yearView, 'Fill in schools')))
  expect(schools.body.filter((b: any) => b.type === 'Input.Text').map((b: any) => [b.label, b.value ?? ''])).toEqual([
    ['Alice Adams', 'Oakfield Primary School'],
    ['Ben Brown', ''],
    ['Chloe Clark', ''],
  ])
  const filled = await submitDialog(bot.url, chatTurn(LEAD, leadChat), schools, { [`school_${ALICE.aadObjectId}`]: 'Oakfield Primary School', [`school_${BEN.aadObjectId}`]: 'Oakfield Primary', [`school_${CHLOE.aadObjectId}`]: '' })
  expect(dialogMessage(filled)).toBe('Saved 1 school for the Mastery Readiness Work Group.')

  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(LEAD, 'workgroups attendance'))
  const view = bot.connector.calls().slice(before).find((c) => c.method === 'POST' && c.body?.attachments)!
  expect(view.conversationId).toBe(leadChat)
  const texts = cardTexts(cardOf(view.body)).join('\n')
  // "Oakfield Primary" and "Oakfield Primary School" are one school.
  expect(texts).toContain('**Oakfield Primary School** (Alice Adams, Ben Brown): 1 of 2 attended, 1 apologised late')
  expect(texts).toContain('**School not given yet** (Chloe Clark): 0 of 1 attended, 1 absent')
  expect(holdsInputs(bot.connector.calls().map((c) => c.body))).toBe(false)
})
