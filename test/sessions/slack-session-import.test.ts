// Importing sessions from a file on Slack: the Lead uploads it in a modal (Slack's file input),
// the bot fetches it from Slack's file host with the bot token, and the file is taken whole or
// refused whole. A file sent to the bot in a DM works too.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { type SlackFileObject, slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0IMPORT'
const LEAD = 'U0LEAD'
const PARTICIPANT = 'U0ALICE'
const clock = createFakeClock('2026-01-15T09:00:00Z')
const fixture = (name: string) => readFileSync(new URL(`../fixtures/sessions/${name}`, import.meta.url))

let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let groupId: string
let fileCount = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  groupId = await seedWorkGroup(bot.db, {
    platform: 'slack',
    workspaceId: TEAM,
    conversationId: CHANNEL,
    leadUserId: LEAD,
    hub: 'Matrix Maths Hub',
    projectTitle: 'Teaching for Mastery Development',
    schoolYear: '2025/26',
  })
})
afterAll(async () => {
  await bot?.stop()
})
beforeEach(async () => {
  await bot.db.deleteFrom('sessions').execute()
})

/** A file uploaded to Slack, as the file input or a file_share message hands it over. */
function upload(name: string, content: string | Buffer): SlackFileObject {
  const url = bot.slackApi.serveFile(name, content)
  return { id: `F${++fileCount}`, name, size: Buffer.byteLength(content), url_private_download: url }
}
const sessionCount = async () => (await bot.db.selectFrom('sessions').select('id').where('work_group_id', '=', groupId).execute()).length
const ephemeralTo = (user: string, startsWith: string) =>
  eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => c.user === user && String(c.text).startsWith(startsWith)))
async function openImportForm() {
  const res = await slack.slash('import sessions', LEAD)
  expect(res.status).toBe(200)
  return slack.lastView()
}

describe('importing sessions in a Slack modal', () => {
  it('opens a modal with a file input for .csv and .ics files', async () => {
    const view = await openImportForm()
    expect(view.callback_id).toBe('sessions.import')
    const input = view.blocks.find((b: any) => b.block_id === 'file')
    expect(input.element).toEqual({ type: 'file_input', action_id: 'file', filetypes: ['csv', 'ics'], max_files: 1 })
    expect(JSON.stringify(view.blocks[0])).toContain('nothing is ever half-imported')
  })

  it('refuses anyone but the Lead, and says who can', async () => {
    const res = await slack.slash('import sessions', PARTICIPANT)
    expect(JSON.stringify(res.json)).toContain(`Only the Work Group Lead, <@${LEAD}>, can import sessions.`)
  })

  it('imports every session in a good file, fetched with the bot token', async () => {
    const view = await openImportForm()
    const res = await slack.submit(view, LEAD, { file: { file: upload('autumn.csv', fixture('work-group-sessions.csv')) } })
    expect(res.body).toBe('')
    const sessions = await bot.db.selectFrom('sessions').selectAll().where('work_group_id', '=', groupId).orderBy('starts_at').execute()
    expect(sessions.map((s) => new Date(s.starts_at).toISOString())).toEqual([
      '2026-03-26T16:00:00.000Z',
      '2026-04-02T15:00:00.000Z', // 16:00 BST
      '2026-10-22T15:00:00.000Z',
      '2026-11-05T16:00:00.000Z',
    ])
    expect(sessions[1]).toMatchObject({ place: 'Kingsbridge Academy, Room M4, Leeds LS1 2AB', created_by: LEAD })
    const told = await ephemeralTo(LEAD, 'Imported 4 sessions')
    expect(told.text).toContain('from Thu 26 Mar 16:00 to Thu 5 Nov 16:00 (UK time)')
    expect(told.text).toContain('reminded a week, a day, an hour before each')
    const download = bot.slackApi.requests.find((r) => r.path.includes('/download/autumn.csv'))
    expect(download?.headers.authorization).toBe('Bearer xoxb-test-token')
  })

  it('adds nothing when the same file comes again', async () => {
    const file = upload('autumn.csv', fixture('work-group-sessions.csv'))
    await slack.submit(await openImportForm(), LEAD, { file: { file } })
    await slack.submit(await openImportForm(), LEAD, { file: { file } })
    expect(await sessionCount()).toBe(4)
    expect((await ephemeralTo(LEAD, 'Nothing new in')).text).toContain('all its sessions were already in the Teaching for Mastery Development Work Group')
  })

  it('refuses a bad file whole, listing every problem by line and field in the modal', async () => {
    const res = await slack.submit(await openImportForm(), LEAD, { file: { file: upload('spring.csv', fixture('work-group-sessions-bad.csv')) } })
    expect(res.json.response_action).toBe('update')
    const intro = res.json.view.blocks[0].text.text as string
    expect(intro).toContain('*Nothing was imported from “spring.csv”.* Fix these 16 problems and send it again:')
    expect(intro).toContain('• line 5, date: "31/02/2026" is not a date: February 2026 has no day 31')
    expect(intro).toContain('…and 1 more.')
    // The fresh form asks for the file again, and nothing at all was stored.
    expect(res.json.view.blocks.find((b: any) => b.block_id === 'file').element.type).toBe('file_input')
    expect(await sessionCount()).toBe(0)
  })

  it('reads a spreadsheet Excel saved as Windows-1252 CSV', async () => {
    const csv = 'date,start,end,place,title\r\n2026-02-05,16:00,17:30,Café Room £1 parking,Séance 1\r\n'
    await slack.submit(await openImportForm(), LEAD, { file: { file: upload('excel.csv', Buffer.from(csv, 'latin1')) } })
    const [session] = await bot.db.selectFrom('sessions').selectAll().where('work_group_id', '=', groupId).execute()
    expect(session).toMatchObject({ place: 'Café Room £1 parking', title: 'Séance 1' })
  })

  it('reads Excel’s “Unicode text” (UTF-16 with a byte order mark), curly quotes and all', async () => {
    const csv = 'date,start,end,place,title\r\n2026-02-12,16:00,17:30,Room “B”,Fractions – part 2\r\n'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])
    await slack.submit(await openImportForm(), LEAD, { file: { file: upload('unicode.csv', bytes) } })
    const [session] = await bot.db.selectFrom('sessions').selectAll().where('work_group_id', '=', groupId).execute()
    expect(session).toMatchObject({ place: 'Room “B”', title: 'Fractions – part 2' })
  })

  it('refuses a file of another kind on the form, by field', async () => {
    const res = await slack.submit(await openImportForm(), LEAD, { file: { file: upload('sessions.xlsx', 'PK\u0003\u0004') } })
    expect(res.json).toEqual({ response_action: 'errors', errors: { file: 'Please upload a .csv or .ics file.' } })
  })

  it('refuses a file that is too big without reading it all', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a')
    const res = await slack.submit(await openImportForm(), LEAD, { file: { file: upload('huge.csv', big) } })
    expect(res.json).toEqual({ response_action: 'errors', errors: { file: '“huge.csv” is too big for me: a file can be at most 2 MB.' } })
    expect(await sessionCount()).toBe(0)
  })

  it('never sends the bot token to a host that is not Slack’s', async () => {
    const elsewhere = { id: 'F999', name: 'trap.csv', url_private_download: 'http://127.0.0.1:9/steal-the-token.csv' }
    const res = await slack.submit(await openImportForm(), LEAD, { file: { file: elsewhere } })
    expect(res.json).toEqual({ response_action: 'errors', errors: { file: 'I couldn’t open “trap.csv”. Please upload it to Slack again.' } })
  })

  it('says so plainly when Slack will not hand the file over (files:read missing)', async () => {
    const file = upload('autumn.csv', fixture('work-group-sessions.csv'))
    const res = await slack.submit(await openImportForm(), LEAD, { file: { file: { ...file, url_private_download: file.url_private_download.replace('/download/', '/download/missing-') } } })
    expect(res.json.errors.file).toContain('I wasn’t allowed to open “autumn.csv”')
  })
})

describe('sending the file in a direct message', () => {
  it('imports it into the one Work Group the sender leads', async () => {
    await slack.directMessage(LEAD, '', [upload('calendar.ics', fixture('outlook-export.ics'))])
    const reply = await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === dmChannelOf(LEAD) && /^Imported|^\*Nothing/.test(String(c.text))))
    expect(reply.text).toMatch(/^Imported \d+ sessions into the Teaching for Mastery Development Work Group/)
    expect(await sessionCount()).toBeGreaterThan(0)
  })

  it('tells someone who leads no Work Group what the files are for', async () => {
    await slack.directMessage(PARTICIPANT, '', [upload('mine.csv', fixture('work-group-sessions.csv'))])
    const reply = await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => c.channel === dmChannelOf(PARTICIPANT)))
    expect(reply.text).toContain('I read session files from Work Group Leads')
    expect(await sessionCount()).toBe(0)
  })
})
