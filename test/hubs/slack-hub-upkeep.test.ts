// Keeping a hub in chat on Slack, through signed requests into the real Bolt receiver: a hub
// administrator creates the hub before any Work Group exists, changes its settings in a modal
// (bad quiet hours refused by field, a form opened before someone else's change refused), and
// sends term dates in their DM: problems by line and field with nothing stored, a preview with
// what it replaces, Import storing them once, a replayed click changing nothing; anyone else is
// refused. A Work Group's sessions file still goes to session import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { type SlackFileObject, slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TEAM = 'T0001'
const ADMIN = 'U0HUBADMIN'
const TEACHER = 'U0TEACHER'
const clock = createFakeClock('2026-06-01T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let files = 0

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: ADMIN } })
  slack = slackWorkspace(bot, TEAM, 'C0GENERAL')
})
afterAll(async () => {
  await bot?.stop()
})

const TERM_DATES = Buffer.from('Start,End,Name\n26/10/2026,30/10/2026,Half term\n21/12/2026,01/01/2027,Christmas\n', 'utf8')
const BROKEN = Buffer.from('Start,End,Name\n26/10/2026,30/10/2026,Half term\n31/02/2027,05/03/2027,Oops\n', 'utf8')

function upload(name: string, content: Buffer): SlackFileObject {
  return { id: `F${++files}`, name, size: content.length, url_private_download: bot.slackApi.serveFile(name, content) }
}
async function send(user: string, name: string, content: Buffer) {
  const before = bot.slackApi.posted(dmChannelOf(user)).length
  expect((await slack.directMessage(user, '', [upload(name, content)])).status).toBe(200)
  return eventually(() => bot.slackApi.posted(dmChannelOf(user))[before])
}
const shown = (message: { text?: string; blocks?: any[] }) => JSON.stringify(message.blocks ?? message.text).replace(/\u200b/g, '')
const buttonsOf = (blocks: any[] = []) => blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button')
const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)
const hubs = () => bot.db.selectFrom('hubs').select(['id', 'name', 'notice_hours', 'quiet_start', 'quiet_end', 'quiet_weekends']).where('workspace_id', '=', TEAM).execute()
const holidays = () => bot.db.selectFrom('hub_holidays').select(['starts_on', 'ends_on', 'label']).where('workspace_id', '=', TEAM).orderBy('starts_on').execute()

describe('a hub kept in chat, before any Work Group exists', () => {
  it('`hub` with no hub yet says how to create one; a teacher is refused', async () => {
    const none = await slack.slash('hub', ADMIN)
    expect(none.json.text).toContain('No Maths Hub is set up here yet. Create one with `/workgroups hub new Matrix Maths Hub`')
    const teacher = await slack.slash('hub new Pretend Hub', TEACHER)
    expect(teacher.json.text).toContain('Only a hub administrator can keep the hub’s settings and term dates.')
    expect(await hubs()).toEqual([])
  })

  it('term dates sent before the hub exists: told to create it first, nothing held', async () => {
    const reply = await send(ADMIN, 'term-dates.csv', TERM_DATES)
    expect(reply.text).toContain('These look like term dates, but no Maths Hub is set up here yet.')
    expect(await bot.db.selectFrom('held_files').select('id').execute()).toEqual([])
  })

  it('`hub new <name>` creates the hub with the default settings; again, it says it is there already', async () => {
    const created = await slack.slash('hub new Matrix Maths Hub', ADMIN)
    expect(created.json.text).toContain('Created Matrix Maths Hub.')
    expect(created.json.text).toContain('Quiet hours: 21:00 to 07:00 and weekends')
    const again = await slack.slash('hub new  matrix maths hub ', ADMIN)
    expect(again.json.text).toContain('Matrix Maths Hub is already set up here.')
    expect((await hubs()).map((h) => h.name)).toEqual(['Matrix Maths Hub'])
  })

  it('settings change in a modal: a bad quiet-hours value is refused by field, a good one saved and reported', async () => {
    const overview = await slack.slash('hub', ADMIN)
    expect(shown(overview.json)).toContain('**Matrix Maths Hub** · 0 Work Groups'.replace(/\*\*/g, '*'))
    const change = buttonsOf(overview.json.blocks).find((b: any) => b.text.text === 'Change settings')
    await slack.click(change.action_id, change.value, ADMIN, 'C0GENERAL')
    const view = await eventually(() => bot.slackApi.calls('views.open').at(-1)?.view)
    expect(view.title.text).toBe('Hub settings')
    const bad = await slack.submit(view, ADMIN, { notice: { text: '72' }, quiet: { text: 'after school' }, weekends: { select: 'no' } })
    expect(bad.json).toEqual({ response_action: 'errors', errors: { quiet: expect.stringContaining('like 21:00-07:00') } })
    expect((await hubs())[0]).toMatchObject({ notice_hours: 48, quiet_weekends: true })
    const good = await slack.submit(view, ADMIN, { notice: { text: '72' }, quiet: { text: '22:00-06:30' }, weekends: { select: 'no' } })
    expect(good.status).toBe(200)
    expect((await hubs())[0]).toMatchObject({ notice_hours: 72, quiet_start: '22:00', quiet_end: '06:30', quiet_weekends: false })
    const notice = await eventually(() => bot.slackApi.calls('chat.postMessage').find((c: any) => c.channel === ADMIN && String(c.text).startsWith('Saved for Matrix Maths Hub')))
    expect(notice.text).toBe('Saved for Matrix Maths Hub: notice hours 48 → 72; quiet hours 21:00 to 07:00 → 22:00 to 06:30; quiet weekends yes → no.')
    // The same form sent again was opened before that change: refused, nothing changes.
    const stale = await slack.submit(view, ADMIN, { notice: { text: '5' }, quiet: { text: 'none' }, weekends: { select: 'yes' } })
    expect(stale.status).toBe(200)
    await eventually(() => bot.slackApi.calls('chat.postMessage').find((c: any) => c.channel === ADMIN && String(c.text).startsWith('This hub’s settings changed after you opened the form')))
    expect((await hubs())[0]).toMatchObject({ notice_hours: 72, quiet_weekends: false })
  })

  it('a term-dates file with a mistake: every problem by line and field, nothing stored', async () => {
    const reply = await send(ADMIN, 'term-dates.csv', BROKEN)
    expect(reply.text).toContain('Nothing was imported from “term-dates.csv”.')
    expect(shown(reply)).toMatch(/line 3, start: /)
    expect(await holidays()).toEqual([])
  })

  it('a teacher sending term dates is refused', async () => {
    const reply = await send(TEACHER, 'term-dates.csv', TERM_DATES)
    expect(reply.text).toBe('Only a hub administrator can import a hub’s term dates. An administrator can make you one with “admins”.')
  })

  let preview: any
  it('a good file: a preview listing the holidays, with Import them / Cancel; nothing stored yet', async () => {
    preview = await send(ADMIN, 'term-dates.csv', TERM_DATES)
    const text = shown(preview)
    expect(preview.text).toContain('“term-dates.csv” has 2 holidays, Mon 26 Oct 2026 to Fri 1 Jan 2027')
    expect(text).toContain('• Mon 26 Oct 2026 to Fri 30 Oct 2026 · Half term')
    expect(text).toContain('Matrix Maths Hub has no holidays in those dates yet.')
    expect(buttonsOf(preview.blocks).map((b: any) => b.text.text)).toEqual(['Import them', 'Cancel'])
    expect(await holidays()).toEqual([])
  })

  it('Import them stores them in one go; the same click again changes nothing', async () => {
    const importIt = buttonsOf(preview.blocks)[0]
    const answer = await answeredOn(await slack.click(importIt.action_id, importIt.value, ADMIN))
    expect(answer.text).toBe('Imported 2 holidays for Matrix Maths Hub. No reminders are sent for sessions on those days.')
    expect((await holidays()).map((h) => h.label)).toEqual(['Half term', 'Christmas'])
    const replay = await answeredOn(await slack.click(importIt.action_id, importIt.value, ADMIN))
    expect(replay.text).toContain('The hub’s holidays changed since this preview, so nothing was imported.')
    expect(await holidays()).toHaveLength(2)
    const overview = shown((await slack.slash('hub', ADMIN)).json)
    expect(overview).toContain('School holidays: 2, Mon 26 Oct 2026 to Fri 1 Jan 2027')
  })

  it('a second preview, cancelled: nothing imported, and its Import after that does nothing', async () => {
    const again = await send(ADMIN, 'term-dates.csv', TERM_DATES)
    expect(shown(again)).toContain('It replaces the 2 holidays Matrix Maths Hub has in those dates; the others are kept.')
    const [importIt, cancel] = buttonsOf(again.blocks)
    expect((await answeredOn(await slack.click(cancel.action_id, cancel.value, ADMIN))).text).toBe('Cancelled: nothing was imported.')
    expect((await answeredOn(await slack.click(importIt.action_id, importIt.value, ADMIN))).text).toContain('Nothing is waiting to be imported')
    expect(await holidays()).toHaveLength(2)
  })

  it('a Work Group’s sessions file is not taken for term dates', async () => {
    const sessions = Buffer.from('Date,Start,End,Title\n05/10/2026,16:00,17:30,Session 1\n', 'utf8')
    const reply = await send(ADMIN, 'sessions.csv', sessions)
    expect(reply.text ?? '').not.toContain('term dates')
    expect(reply.text ?? '').not.toContain('Term dates')
    expect(await holidays()).toHaveLength(2)
  })
})
