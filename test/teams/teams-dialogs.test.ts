// Every form the bot has opens on Teams in a dialog, through Bot Framework activities into the
// real botbuilder adapter and the connector double: what the conversation gets is at most an
// "Open the form" button (or a button made to open the dialog), the dialog (task/fetch) holds
// the form, and its submission (task/submit) is answered inside the dialog, never with a card in
// the chat. The list of forms is read from the features' source, so a new form is covered or
// this test fails.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { findDirectConversation } from '../../src/core/conversation-references.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { channelMention } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { type DialogTurn, dialogButtonOf, dialogCard, dialogMessage, fetchDialog, holdsInputs, inputIds, submitDialog } from '../support/teams-dialogs.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:dialogs@thread.skype'
const LEAD = channelMention.from
// A participant, so that the session's register has someone on it to correct and to ask their
// school, and a hub administrator in no group, who may keep its registers too. They type their own
// commands: the Lead's ten below, each typed and then repeated by its button, reach the per-person
// limit of twenty a minute.
const ALICE = { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000000a' }
const HANNAH = { id: '29:hannah', name: 'Hannah Hub', aadObjectId: 'cccccccc-0000-0000-0000-00000000000c' }
const botId = channelMention.recipient.id
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let n = 0

/** Forms that never open on Teams, and why. */
const NOT_ON_TEAMS: Record<string, string> = {
  'sessions.import': 'a form with a file field: on Teams people send the file in their 1:1 chat instead (Reply.formsTakeFiles)',
}

/** Every form id a feature declares (`export const FORM_… = '…'`), read from the source. */
function declaredForms(): string[] {
  const root = fileURLToPath(new URL('../../src/features', import.meta.url))
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
  return files.flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(/export const FORM_\w+ = '([^']+)'/g)].map((m) => m[1]!)).sort()
}

const conversation = { ...channelMention.conversation, id: `${CHANNEL};messageid=1700000000000` }
const channelData = { ...channelMention.channelData, channel: { id: CHANNEL }, teamsChannelId: CHANNEL }
const channelTurn = (from: typeof ALICE = LEAD) => ({ serviceUrl: `${bot.connector.url}/`, from, conversation, recipient: channelMention.recipient, channelData })
/** A click in someone's 1:1 chat with the bot (the one it opened to send them something). */
const chatTurn = async (who: typeof ALICE) => {
  const chat = await findDirectConversation(bot.db, 'teams', TENANT, who.aadObjectId)
  if (!chat) throw new Error(`The bot has no 1:1 chat with ${who.name}`)
  return { serviceUrl: `${bot.connector.url}/`, from: who, conversation: { conversationType: 'personal', tenantId: TENANT, id: chat.conversationId }, channelData: { tenant: { id: TENANT } } }
}
/** The cards delivered into 1:1 chats since `count` calls. */
const chatCards = (count = 0) =>
  bot.connector
    .calls()
    .slice(count)
    .filter((c) => c.method === 'POST' && c.conversationId.startsWith('a:created-') && c.body?.attachments)
    .map((c) => cardOf(c.body))
const inChannel = (text: string, from: typeof ALICE = LEAD) => ({ ...channelMention, id: `dialogs-${++n}`, from, text: `<at>TestBot</at> ${text}`, serviceUrl: `${bot.connector.url}/`, conversation, channelData })

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: `${LEAD.aadObjectId},${HANNAH.aadObjectId}` } })
  bot.connector.setMembers(CHANNEL, [{ id: LEAD.id, name: LEAD.name, aadObjectId: LEAD.aadObjectId }])
  const groupId = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: CHANNEL, leadUserId: LEAD.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId), [LEAD, ALICE].map((p) => ({ userId: p.aadObjectId, name: p.name, address: { id: p.id, botId, tenantId: TENANT, serviceUrl: `${bot.connector.url}/` } })), 'channel')
  await addSessions(
    bot.db,
    ref(groupId),
    [
      { title: 'Bar models', startsAt: new Date('2026-11-02T07:00:00Z'), endsAt: new Date('2026-11-02T08:00:00Z'), place: 'Room 4' },
      { title: 'Fractions', startsAt: new Date('2026-11-09T16:00:00Z'), endsAt: new Date('2026-11-09T17:00:00Z'), place: 'Room 4' },
    ],
    LEAD.aadObjectId,
    new Date('2026-09-01T09:00:00Z'),
  )
})
afterAll(async () => {
  await bot?.stop()
})

/** Sends everything due. A chat takes one message a second, so a pass can leave some for the next. */
async function deliverAll() {
  for (let pass = 0; pass < 10; pass++) {
    const { sent, retried } = await bot.jobs.deliver()
    if (sent + retried === 0) return
    clock.advance(2_000)
  }
}

/** The forms reached, by id: what the dialog showed for it. */
const reached = new Map<string, any>()

/** Opens a dialog from a card's button (by default the Lead's, in the channel) and records the form it holds. */
async function openFrom(button: any, turn: DialogTurn = channelTurn()) {
  const res = await fetchDialog(bot.url, turn, button)
  const form = dialogCard(res)
  expect(inputIds(form).length).toBeGreaterThan(0)
  // Teams refuses cards over about 28 KB; the largest here (setup, with the catalogue) is about 4 KB.
  expect(JSON.stringify(res.body).length).toBeLessThan(28_000)
  const submit = form.actions.find((a: any) => a.type === 'Action.Submit')
  reached.set(submit.data.mhb_form, form)
  return form
}

describe('typed commands that open forms answer in the channel with one “Open the form” button', () => {
  // Sub-group first: `share` needs a sub-group to share into.
  const commands = ['subgroup', 'setup', 'add session', 'reminders', 'add people', 'remove people', 'lead', 'admins', 'reflect', 'share https://nrich.maths.org/fractions #fractions']
  for (const command of commands) {
    it(`workgroups ${command}`, async () => {
      const ask = inChannel(`workgroups ${command}`)
      await postActivity(bot.url, ask)
      const replies = bot.connector.calls().filter((c) => c.activityId === ask.id).map((c) => c.body)
      expect(replies).toHaveLength(1)
      expect(holdsInputs(replies)).toBe(false)
      await openFrom(dialogButtonOf(cardOf(replies[0]), 'Open the form'))
      if (command === 'subgroup') {
        const saved = await submitDialog(bot.url, channelTurn(), reached.get('resources.subgroup'), { name: 'Secondary Coherence' })
        expect(saved.body.task.type).toBe('message')
      }
    })
  }
})

it('`workgroups my school` typed in the channel by a participant answers with one “Open the form” button', async () => {
  const ask = inChannel('workgroups my school', ALICE)
  await postActivity(bot.url, ask)
  const replies = bot.connector.calls().filter((c) => c.activityId === ask.id).map((c) => c.body)
  expect(replies).toHaveLength(1)
  expect(holdsInputs(replies)).toBe(false)
  await openFrom(dialogButtonOf(cardOf(replies[0]), 'Open the form'), channelTurn(ALICE))
})

it('the reminder’s “Can’t make it” opens the apology form in a dialog in one click', async () => {
  clock.set('2026-11-02T16:00:00Z')
  await bot.jobs.tick()
  await deliverAll()
  const reminder = bot.connector
    .calls()
    .filter((c) => c.method === 'POST' && c.conversationId.startsWith('a:created-') && c.body?.attachments)
    .map((c) => cardOf(c.body))
    .find((card) => JSON.stringify(card).includes('Can’t make it'))
  await openFrom(dialogButtonOf(reminder, 'Can’t make it'))
})

describe('the attendance register’s buttons open their forms in a dialog in one click', () => {
  let form: any
  it('“Correct the register” on the register the Lead gets after a session', async () => {
    // The tick above planned the register of the session that ended this morning.
    const register = chatCards().find((card) => cardTexts(card)[0]?.startsWith('Register:'))
    form = await openFrom(dialogButtonOf(register, 'Correct the register'), await chatTurn(LEAD))
  })

  it('“Add my school” on the question each person on a saved register gets', async () => {
    const before = bot.connector.calls().length
    const saved = await submitDialog(bot.url, await chatTurn(LEAD), form, { [`person_${ALICE.aadObjectId}`]: 'attended' })
    expect(dialogMessage(saved)).toContain('Register saved for Mastery Readiness: Bar models')
    await deliverAll()
    const question = chatCards(before).find((card) => cardTexts(card).join('\n').includes('Which school are you at?'))
    await openFrom(dialogButtonOf(question, 'Add my school'), await chatTurn(ALICE))
  })

  it('“Fill in schools” on the year’s view `workgroups attendance` gives a hub administrator', async () => {
    const before = bot.connector.calls().length
    await postActivity(bot.url, inChannel('workgroups attendance', HANNAH))
    const view = chatCards(before).find((card) => cardTexts(card)[0]?.startsWith('Attendance:'))
    await openFrom(dialogButtonOf(view, 'Fill in schools'), await chatTurn(HANNAH))
  })

  it('“Change settings” on the hub’s view `workgroups hub` gives a hub administrator', async () => {
    const before = bot.connector.calls().length
    await postActivity(bot.url, inChannel('workgroups hub', HANNAH))
    const view = chatCards(before).find((card) => cardTexts(card)[0] === 'Your Maths Hub')
    await openFrom(dialogButtonOf(view, 'Change settings'), await chatTurn(HANNAH))
  })
})

it('every form the features declare was reached through a dialog', () => {
  expect([...reached.keys()].sort()).toEqual(declaredForms().filter((id) => !(id in NOT_ON_TEAMS)))
})

it('every dialog’s submission is answered in the dialog: the form again with errors by field, or a closing message', async () => {
  for (const [formId, form] of reached) {
    const before = bot.connector.calls().length
    // Empty answers: each form either asks again by field or says why it closes.
    const res = await submitDialog(bot.url, channelTurn(), form, {})
    expect(res.status, formId).toBe(200)
    expect(['continue', 'message'], formId).toContain(res.body.task?.type)
    if (res.body.task.type === 'continue') {
      const again = dialogCard(res)
      expect(again.body.some((b: any) => b.color === 'Attention'), formId).toBe(true)
    }
    expect(holdsInputs(bot.connector.calls().slice(before).map((c) => c.body)), formId).toBe(false)
  }
})

it('no form was ever posted into a conversation', () => {
  expect(holdsInputs(bot.connector.calls().map((c) => c.body))).toBe(false)
})
