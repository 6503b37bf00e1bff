// Schools from a list on Teams, through the real botbuilder adapter and the connector double:
// the Lead attaches a CSV in their 1:1 chat (a `file.download.info` attachment the bot fetches;
// Teams gives bots no files attached in channels), gets a preview card naming the lines it
// cannot use, and Save swaps in what was saved; the same click again changes nothing, and a
// participant's list is refused.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { adaptiveCardActionInvoke, channelMention, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { type HttpDouble, startHttpDouble } from '../support/http-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TENANT = personalMessage.channelData.tenant.id
const CHANNEL = '19:schools@thread.skype'
const LEAD = { ...personalMessage.from }
const person = (key: string, name: string) => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const [ALICE, BEN, CHLOE] = [person('alice', 'Alice Adams'), person('ben', 'Ben Brown'), person('chloe', 'Chloe Clark')]
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let oneDrive: HttpDouble
const files = new Map<string, Buffer>()
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  oneDrive = await startHttpDouble((request, res) => {
    const file = files.get(request.path)
    res.writeHead(file ? 200 : 404, { 'content-type': 'application/octet-stream' })
    res.end(file ?? '')
  })
  const groupId = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: CHANNEL, leadUserId: LEAD.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  const botId = channelMention.recipient.id
  await addParticipants(
    bot.db,
    ref(groupId),
    [LEAD, ALICE, BEN, CHLOE].map((p) => ({ userId: p.aadObjectId, name: p.name, address: { id: p.id, botId, tenantId: TENANT, serviceUrl: `${bot.connector.url}/` } })),
    'channel',
  )
})
afterAll(async () => {
  await Promise.all([bot?.stop(), oneDrive?.close()])
})

type Person = typeof ALICE
const chatOf = (from: { aadObjectId: string }) => `a:personal-${from.aadObjectId}`
/** A file attached in the 1:1 chat, as Teams delivers it to a bot with supportsFiles. */
function fileMessage(from: Person, name: string, content: string) {
  const path = `/personal/drive/${++n}/${name}`
  files.set(path, Buffer.from(content, 'utf8'))
  return {
    ...personalMessage,
    id: `teams-${++n}`,
    serviceUrl: `${bot.connector.url}/`,
    from,
    conversation: { ...personalMessage.conversation, id: chatOf(from) },
    text: '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://contoso-my.sharepoint.com/personal/drive/${name}`,
        name,
        content: { downloadUrl: `${oneDrive.url}${path}`, uniqueId: `SCH-${n}`, fileType: 'csv' },
      },
    ],
  }
}
async function answerTo(activity: { id: string; conversation: { id: string } }) {
  expect((await postActivity(bot.url, activity)).status).toBe(200)
  const reply = bot.connector.calls().find((c) => c.method === 'POST' && c.activityId === activity.id && c.body?.attachments)
  if (!reply) throw new Error(`No reply to ${activity.id}`)
  expect(reply.conversationId).toBe(activity.conversation.id)
  return cardOf(reply.body)
}
const click = (from: Person, action: any) =>
  postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id: `invoke-${++n}`,
    serviceUrl: `${bot.connector.url}/`,
    from,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: chatOf(from) },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
  })
const textOf = (card: any) => cardTexts(card).join('\n')
const schools = async () => Object.fromEntries((await bot.db.selectFrom('person_schools').selectAll().execute()).map((r) => [r.user_id, r.school]))
const LIST = ['First name,Surname,School', 'Alice,Adams,Oakfield Primary', 'ben,brown,Oakfield Primary', 'Zoe,Zed,Elsewhere', 'Ben,Brown,Hillside'].join('\n')

it('a participant’s list is refused', async () => {
  const card = await answerTo(fileMessage(ALICE, 'schools.csv', LIST))
  expect(textOf(card)).toBe('I read schools lists from Work Group Leads, and you don’t lead a Work Group here.')
})

let preview: any
it('the Lead’s list gets a preview card: first and last names matched, unusable lines by number, Save and Cancel', async () => {
  preview = await answerTo(fileMessage(LEAD, 'schools.csv', LIST))
  const text = textOf(preview)
  expect(text).toContain('**2 schools from “schools.csv” ready to save** for the Mastery Readiness Work Group.')
  expect(text).toContain('• Alice Adams: Oakfield Primary\n• Ben Brown: Oakfield Primary')
  expect(text).toContain('• line 4: nobody called “Zoe Zed” is in the group')
  expect(text).toContain('• line 5: Ben Brown again (first on line 3); only line 3 is used')
  expect(cardActions(preview).map((a) => a.title)).toEqual(['Save 2 schools', 'Cancel'])
  expect(await schools()).toEqual({})
})

it('Save swaps in what was saved; the same click again changes nothing', async () => {
  const save = cardActions(preview).find((a) => a.title === 'Save 2 schools')
  const done = await click(LEAD, save)
  expect(textOf(done.body.value)).toBe('Saved 2 schools for the Mastery Readiness Work Group. The attendance view counts them by school from now on.')
  expect(await schools()).toEqual({ [ALICE.aadObjectId]: 'Oakfield Primary', [BEN.aadObjectId]: 'Oakfield Primary' })
  const again = await click(LEAD, save)
  expect(textOf(again.body.value)).toContain('Nothing is waiting to be saved')
  expect(Object.keys(await schools())).toHaveLength(2)
})
