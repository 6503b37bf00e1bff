// The same Work Group flow on Teams: set up from a channel (the roster comes from the
// connector), a session added, both with forms in dialogs, and reminders delivered proactively,
// each in a 1:1 chat the bot opens through the connector; a 5xx is retried without a duplicate.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { channelMention } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { dialogButtonOf, dialogCard, dialogMessage, fetchDialog, holdsInputs, inputIds, submitDialog } from '../support/teams-dialogs.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = '19:253b1f341670408fb6fe51050b6e5ceb@thread.skype'
const LEAD = channelMention.from
const ROSTER = [
  { id: LEAD.id, name: 'Larry Jin', aadObjectId: LEAD.aadObjectId },
  { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000000a' },
  { id: '29:ben', name: 'Ben Brown', aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000000b' },
]
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  bot.connector.setMembers(CHANNEL, ROSTER)
})
afterAll(async () => {
  await bot?.stop()
})

const inChannel = (text: string) => ({ ...channelMention, id: `teams-${++n}`, text: `<at>TestBot</at> ${text}`, serviceUrl: `${bot.connector.url}/` })
/** The Lead's clicks on cards in the channel, as the fields of Teams' dialog invokes. */
const leadTurn = () => ({ serviceUrl: `${bot.connector.url}/`, from: LEAD, conversation: channelMention.conversation, recipient: channelMention.recipient, channelData: channelMention.channelData })
const repliesTo = (activityId: string) => bot.connector.calls().filter((c) => c.activityId === activityId).map((c) => c.body)
/** Types the command in the channel, checks no form is posted there, and opens the form's dialog. */
async function openDialog(text: string) {
  const ask = inChannel(text)
  await postActivity(bot.url, ask)
  const replies = repliesTo(ask.id)
  expect(holdsInputs(replies)).toBe(false)
  return dialogCard(await fetchDialog(bot.url, leadTurn(), dialogButtonOf(cardOf(replies.at(-1)), 'Open the form')))
}

it('the Lead sets the channel up; the team roster becomes the participants', async () => {
  const form = await openDialog('workgroups setup')
  expect(inputIds(form)).toEqual(['project', 'hub', 'year'])
  const missing = dialogCard(await submitDialog(bot.url, leadTurn(), form, { project: 'mathematical-thinking-gcse', year: '2026/27' }))
  const hubError = missing.body.findIndex((b: any) => b.id === 'hub') + 1
  expect(missing.body[hubError]).toMatchObject({ type: 'TextBlock', color: 'Attention' })
  expect(await bot.db.selectFrom('work_groups').selectAll().execute()).toEqual([])
  const done = await submitDialog(bot.url, leadTurn(), missing, { project: 'mathematical-thinking-gcse', hub: 'Great North Maths Hub', year: '2026/27' })
  expect(dialogMessage(done)).toContain('Its 3 members are the participants')
  const participants = await bot.db.selectFrom('participants').select(['user_id', 'address']).orderBy('user_id').execute()
  expect(participants.map((p) => p.user_id).sort()).toEqual(ROSTER.map((r) => r.aadObjectId).sort())
  expect(participants.find((p) => p.user_id === ROSTER[1]!.aadObjectId)?.address).toMatchObject({ id: '29:alice', botId: channelMention.recipient.id })
})

it('the Lead adds a session with the form in a dialog; a wrong time is shown by its field', async () => {
  const form = await openDialog('workgroups add session')
  const wrong = dialogCard(await submitDialog(bot.url, leadTurn(), form, { date: '2026-11-18', start: '15:45', end: '25:00', place: 'Room 12, Northfield School' }))
  expect(wrong.body[wrong.body.findIndex((b: any) => b.id === 'end') + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' })
  expect(wrong.body.find((b: any) => b.id === 'place').value).toBe('Room 12, Northfield School')
  const done = await submitDialog(bot.url, leadTurn(), wrong, { date: '2026-11-18', start: '15:45', end: '17:00', place: 'Room 12, Northfield School' })
  expect(dialogMessage(done)).toContain('Added: Wed 18 Nov 15:45 (UK time)')
})

it('reminders reach each participant in a 1:1 chat the bot opens, once, in UK time', async () => {
  clock.set('2026-11-11T15:45:00Z')
  bot.connector.failNextSends(1, 502)
  await bot.jobs.tick()
  const first = await bot.jobs.deliver()
  expect(first.sent + first.retried).toBe(3)
  clock.advance(5_000)
  await bot.jobs.deliver()

  const created = bot.connector.created()
  expect(created.map((c) => c.members[0].id).sort()).toEqual(['29:alice', '29:ben', LEAD.id].sort())
  expect(created[0]).toMatchObject({ isGroup: false, tenantId: TENANT, bot: { id: channelMention.recipient.id } })
  const attempts = bot.connector.calls().filter((c) => c.method === 'POST' && c.conversationId.startsWith('a:created-'))
  // One send failed with 502 and was retried in the same 1:1 chat: each person got one message.
  expect(attempts.filter((c) => c.status === 502)).toHaveLength(1)
  const delivered = attempts.filter((c) => c.status !== undefined && c.status < 300)
  expect(new Set(delivered.map((c) => c.conversationId)).size).toBe(3)
  expect(delivered).toHaveLength(3)
  const cards = delivered.map((r) => cardOf(r.body))
  const text = cardTexts(cards[0]).join('\n')
  expect(text).toContain('On Wednesday 18 November at 15:45: Mathematical Thinking for GCSE session')
  expect(text).toContain('**Wednesday 18 November 2026, 15:45–17:00** (UK time)')
  expect(text).toContain('Place: Room 12, Northfield School')
  expect(cardActions(cards[0]).map((a) => a.title)).toEqual(['Going', 'Can’t make it'])
  // Nothing more on another pass.
  clock.advance(60_000)
  await bot.jobs.tick()
  expect(await bot.jobs.deliver()).toMatchObject({ sent: 0 })
})

it('the day-before reminder reuses the 1:1 chats', async () => {
  clock.set('2026-11-17T15:45:00Z')
  await bot.jobs.tick()
  expect(await bot.jobs.deliver()).toMatchObject({ sent: 3 })
  expect(bot.connector.created()).toHaveLength(3)
})
