// Importing sessions on Teams, where cards cannot carry files: the Lead asks in the channel, the
// bot asks for the file in their 1:1 chat, and the file arrives there as a `file.download.info`
// attachment whose pre-authorised downloadUrl the bot fetches.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { channelMention, personalMessage } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually, type HttpDouble, startHttpDouble } from '../support/http-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup } from '../support/work-group-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL_A = '19:253b1f341670408fb6fe51050b6e5ceb@thread.skype'
const CHANNEL_B = '19:0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b@thread.skype'
const LEAD = channelMention.from
const clock = createFakeClock('2026-01-15T09:00:00Z')
const fixture = (name: string) => readFileSync(new URL(`../fixtures/sessions/${name}`, import.meta.url))

let bot: TestBot
let oneDrive: HttpDouble
const files = new Map<string, Buffer>()
const groups: Record<string, string> = {}
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  // The sender's OneDrive, serving pre-authorised download links.
  oneDrive = await startHttpDouble((request, res) => {
    const file = files.get(request.path)
    res.writeHead(file ? 200 : 404, { 'content-type': 'application/octet-stream' })
    res.end(file ?? '')
  })
  for (const [channel, title] of [
    [CHANNEL_A, 'Mastery Readiness'],
    [CHANNEL_B, 'Mathematical Thinking for GCSE'],
  ] as const) {
    groups[channel] = await seedWorkGroup(bot.db, {
      platform: 'teams',
      workspaceId: TENANT,
      conversationId: channel,
      leadUserId: LEAD.aadObjectId,
      hub: 'Great North Maths Hub',
      projectTitle: title,
      schoolYear: '2025/26',
    })
  }
})
afterAll(async () => {
  await Promise.all([bot?.stop(), oneDrive?.close()])
})
beforeEach(async () => {
  await bot.db.deleteFrom('sessions').execute()
  await bot.db.deleteFrom('pending_uploads').execute()
})

const inChannel = (channel: string, text: string) => ({
  ...channelMention,
  id: `teams-${++n}`,
  text: `<at>TestBot</at> ${text}`,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, id: `${channel};messageid=${n}` },
  channelData: { ...channelMention.channelData, channel: { id: channel } },
})

/** A file attached in the 1:1 chat, as Teams delivers it to a bot with supportsFiles. */
function fileMessage(from: { id: string; name: string; aadObjectId: string }, name: string, content: Buffer) {
  const path = `/personal/drive/${++n}/${name}`
  files.set(path, content)
  return {
    ...personalMessage,
    id: `file-${n}`,
    text: '',
    serviceUrl: `${bot.connector.url}/`,
    from,
    conversation: { ...personalMessage.conversation, id: `a:personal-${from.aadObjectId}` },
    // https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4#receive-files-in-personal-chat
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://contoso-my.sharepoint.com/personal/drive/${name}`,
        name,
        content: { downloadUrl: `${oneDrive.url}${path}`, uniqueId: `1150D938-${n}`, fileType: name.split('.').pop() },
      },
    ],
  }
}

/** Everything the bot said in a conversation, as text. */
const saidIn = (conversationId: string) =>
  bot.connector
    .calls()
    .filter((c) => c.conversationId === conversationId && c.method === 'POST' && c.body?.attachments)
    .flatMap((c) => cardTexts(cardOf(c.body)))
    .join('\n')
const sessionsOf = async (channel: string) =>
  bot.db.selectFrom('sessions').select(['starts_at', 'place']).where('work_group_id', '=', groups[channel]!).orderBy('starts_at').execute()

it('asked in the channel, the bot asks for the file in the Lead’s 1:1 chat', async () => {
  await postActivity(bot.url, inChannel(CHANNEL_A, 'workgroups import sessions'))
  const [created] = await eventually(() => (bot.connector.created().length ? bot.connector.created() : undefined))
  expect(created.members).toEqual([{ id: LEAD.id }])
  const privateChat = 'a:created-1'
  const asked = await eventually(() => saidIn(privateChat) || undefined)
  expect(asked).toContain('Attach the sessions file for the **Mastery Readiness** Work Group to a message in this chat within 30 minutes')
})

it('the attached file is imported into that Work Group, and the Lead is told', async () => {
  await postActivity(bot.url, inChannel(CHANNEL_B, 'workgroups import sessions'))
  const message = fileMessage(LEAD, 'autumn.csv', fixture('work-group-sessions.csv'))
  const res = await postActivity(bot.url, message)
  expect(res.status).toBe(200)
  expect((await sessionsOf(CHANNEL_B)).length).toBe(4)
  expect(await sessionsOf(CHANNEL_A)).toEqual([])
  expect(saidIn(message.conversation.id)).toContain('Imported 4 sessions into the Mathematical Thinking for GCSE Work Group')
  // Teams' link is pre-authorised: no bot token travels with it.
  expect(oneDrive.requests.at(-1)?.headers.authorization).toBeUndefined()
})

it('a bad file is refused whole, each problem named, and can be sent again fixed', async () => {
  await postActivity(bot.url, inChannel(CHANNEL_A, 'workgroups import sessions'))
  const bad = fileMessage(LEAD, 'spring.ics', fixture('hand-edited-bad-start.ics'))
  await postActivity(bot.url, bad)
  const said = saidIn(bad.conversation.id)
  expect(said).toContain('**Nothing was imported from “spring.ics”.**')
  expect(said).toMatch(/• line \d+, start: /)
  expect(await sessionsOf(CHANNEL_A)).toEqual([])
  // Still expected: the fixed file goes to the same group.
  await postActivity(bot.url, fileMessage(LEAD, 'spring.csv', fixture('work-group-sessions.csv')))
  expect((await sessionsOf(CHANNEL_A)).length).toBe(4)
})

it('a photo or Word document is refused by its name, without being downloaded', async () => {
  await postActivity(bot.url, inChannel(CHANNEL_A, 'workgroups import sessions'))
  const before = oneDrive.requests.length
  const photo = fileMessage(LEAD, 'IMG_2041.jpg', Buffer.from('\xff\xd8\xff\xe0', 'latin1'))
  await postActivity(bot.url, photo)
  expect(saidIn(photo.conversation.id)).toContain('I can only read .csv or .ics files, and "IMG_2041.jpg" is neither.')
  expect(oneDrive.requests.length).toBe(before)
  expect(await sessionsOf(CHANNEL_A)).toEqual([])
})

it('without asking first, a Lead of two groups is asked which group the file is for', async () => {
  const message = fileMessage(LEAD, 'autumn.csv', fixture('work-group-sessions.csv'))
  await postActivity(bot.url, message)
  expect(saidIn(message.conversation.id)).toContain('You lead 2 Work Groups, so I can’t tell which this file is for. Run **workgroups import sessions** in that group’s channel')
  expect(await bot.db.selectFrom('sessions').select('id').execute()).toEqual([])
})

it('the request expires after 30 minutes', async () => {
  await postActivity(bot.url, inChannel(CHANNEL_A, 'workgroups import sessions'))
  clock.advance(31 * 60_000)
  const message = fileMessage(LEAD, 'autumn.csv', fixture('work-group-sessions.csv'))
  await postActivity(bot.url, message)
  expect(saidIn(message.conversation.id)).toContain('You lead 2 Work Groups')
})

it('someone who leads no Work Group is told what session files are for', async () => {
  const teacher = { id: '29:alice', name: 'Alice Adams', aadObjectId: 'aaaaaaaa-0000-0000-0000-00000000000a' }
  const message = fileMessage(teacher, 'mine.csv', fixture('work-group-sessions.csv'))
  await postActivity(bot.url, message)
  expect(saidIn(message.conversation.id)).toContain('I read session files from Work Group Leads, and you don’t lead a Work Group here.')
  expect(await bot.db.selectFrom('sessions').select('id').execute()).toEqual([])
})
