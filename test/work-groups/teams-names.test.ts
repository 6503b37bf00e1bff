// Issue 14: on Teams people are named, with real @mentions (the name in an <at> tag and a
// mention entity on the card), never "the Lead", "someone" or "administrator"; and a new Lead
// is told in a 1:1 chat what they now lead, what they can do and who handed it over.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { channelMention, personalMessage } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { dialogButtonOf, dialogCard, dialogMessage, fetchDialog, submitDialog } from '../support/teams-dialogs.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL = channelMention.channelData.channel.id
const TEAM = channelMention.channelData.team.id
const LARRY = { ...channelMention.from }
const ALICE = { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000000a' }
// Hub administrators in no Work Group: one in the team, one who has only chatted with the bot.
const HANNAH = { id: '29:hannah', name: 'Hannah Hub', aadObjectId: 'cccccccc-0000-0000-0000-00000000000c' }
const HUGO = { id: '29:hugo', name: 'Hugo Hill', aadObjectId: 'dddddddd-0000-0000-0000-00000000000d' }
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock, withoutSlack: true, env: { HUB_ADMINS: `${HANNAH.aadObjectId},${HUGO.aadObjectId}` } })
  for (const conversation of [CHANNEL, TEAM]) bot.connector.setMembers(conversation, [LARRY, ALICE, HANNAH])
  const groupId = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: CHANNEL, leadUserId: LARRY.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  const address = (m: typeof ALICE) => ({ id: m.id, serviceUrl: `${bot.connector.url}/`, botId: channelMention.recipient.id })
  await addParticipants(bot.db, ref(groupId), [LARRY, ALICE].map((m) => ({ userId: m.aadObjectId, name: m.name, address: address(m) })), 'channel')
})
afterAll(async () => {
  await bot?.stop()
})

const from = (who: typeof ALICE) => ({ id: who.id, name: who.name, aadObjectId: who.aadObjectId })
const say = async (who: typeof ALICE, text: string) => {
  const activity = { ...channelMention, id: `teams-${++n}`, from: from(who), text: `<at>TestBot</at> workgroups ${text}`, serviceUrl: `${bot.connector.url}/` }
  await postActivity(bot.url, activity)
  return activity.id
}
/** The cards the bot sent since `count` calls, wherever they went. */
const cardsSince = (count: number) =>
  bot.connector
    .calls()
    .slice(count)
    .filter((c) => c.method === 'POST' && c.body?.attachments)
    .map((c) => cardOf(c.body))
/** A click in the group's channel by this person, as a dialog's invoke carries it. */
const turnOf = (who: typeof ALICE) => ({ serviceUrl: `${bot.connector.url}/`, from: from(who), conversation: channelMention.conversation, recipient: channelMention.recipient, channelData: channelMention.channelData })
const mentionOf = (who: typeof ALICE) => ({ type: 'mention', text: `<at>${who.name}</at>`, mentioned: { id: who.aadObjectId, name: who.name } })

it('a participant who may not hand over is told who the Lead is, by name, as a mention', async () => {
  const before = bot.connector.calls().length
  await say(ALICE, 'lead')
  const [card] = cardsSince(before)
  expect(cardTexts(card).join('\n')).toContain(`Only the Work Group Lead, <at>${LARRY.name}</at>, or a hub administrator can hand the Work Group over.`)
  expect(card.msteams.entities).toEqual([mentionOf(LARRY)])
})

it('hub administrators are listed by name: from the team, or from their own chat with the bot', async () => {
  const chat = { ...personalMessage, id: `teams-${++n}`, from: from(HUGO), conversation: { ...personalMessage.conversation, id: 'a:hugo-chat', tenantId: TENANT }, channelData: { tenant: { id: TENANT } }, text: 'hello', serviceUrl: `${bot.connector.url}/` }
  await postActivity(bot.url, chat)
  const before = bot.connector.calls().length
  await say(HANNAH, 'admins')
  const [launcher] = cardsSince(before)
  const form = dialogCard(await fetchDialog(bot.url, turnOf(HANNAH), dialogButtonOf(launcher, 'Open the form')))
  const text = cardTexts(form).join('\n')
  expect(text).toContain(`Now: <at>${HANNAH.name}</at> (from configuration), <at>${HUGO.name}</at> (from configuration).`)
  expect(text).not.toMatch(/\badministrator \(from/)
  expect(form.msteams.entities).toEqual([mentionOf(HANNAH), mentionOf(HUGO)])
})

it('the handover names the old and new Lead, and the new Lead is told in a 1:1 chat who handed it over and what they can do', async () => {
  const before = bot.connector.calls().length
  await say(LARRY, 'lead')
  const [launcher] = cardsSince(before)
  const form = dialogCard(await fetchDialog(bot.url, turnOf(LARRY), dialogButtonOf(launcher, 'Open the form')))
  expect(cardTexts(form).join('\n')).toContain(`<at>${LARRY.name}</at> leads the Mastery Readiness Work Group now.`)
  expect(form.msteams.entities).toEqual([mentionOf(LARRY)])

  // The dialog closes with a sentence (Teams shows it as text): the new Lead by name.
  const closing = dialogMessage(await submitDialog(bot.url, turnOf(LARRY), form, { lead: ALICE.aadObjectId }))
  expect(closing).toContain(`Done: ${ALICE.name} now leads the Mastery Readiness Work Group, and I’ve told them in a direct message. You stay a participant while you’re in the channel.`)

  const sent = bot.connector.calls().length
  expect(await bot.jobs.deliver()).toMatchObject({ sent: 1 })
  expect(bot.connector.created().at(-1).members).toEqual([{ id: ALICE.id }])
  const [told] = cardsSince(sent)
  const text = cardTexts(told).join('\n')
  expect(text).toContain('You now lead the Mastery Readiness Work Group')
  expect(text).toContain(`<at>${LARRY.name}</at> handed the Work Group over to you. As its Lead you can:`)
  expect(text).toContain('see who is coming (“roster”)')
  expect(told.msteams.entities).toEqual([mentionOf(LARRY)])
})
