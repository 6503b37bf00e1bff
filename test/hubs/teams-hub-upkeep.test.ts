// Keeping a hub in chat on Teams, through the real botbuilder adapter and the connector double:
// a hub administrator creates the hub in their 1:1 chat, changes its settings in a dialog (bad
// quiet hours refused by field), and attaches term dates: a preview with Import them / Cancel,
// the import stored once, and anyone else refused.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { adaptiveCardActionInvoke, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { type HttpDouble, startHttpDouble } from '../support/http-double.js'
import { dialogButtonOf, dialogCard, dialogMessage, fetchDialog, submitDialog } from '../support/teams-dialogs.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TENANT = personalMessage.channelData.tenant.id
const ADMIN = personalMessage.from
const TEACHER = { id: '29:teacher', name: 'Tess Teacher', aadObjectId: 'bbbbbbbb-0000-0000-0000-00000000000b' }
const clock = createFakeClock('2026-06-01T09:00:00Z')
let bot: TestBot
let oneDrive: HttpDouble
const files = new Map<string, Buffer>()
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: ADMIN.aadObjectId } })
  oneDrive = await startHttpDouble((request, res) => {
    const file = files.get(request.path)
    res.writeHead(file ? 200 : 404, { 'content-type': 'application/octet-stream' })
    res.end(file ?? '')
  })
})
afterAll(async () => {
  await Promise.all([bot?.stop(), oneDrive?.close()])
})

const TERM_DATES = Buffer.from('Start,End,Name\n26/10/2026,30/10/2026,Half term\n21/12/2026,01/01/2027,Christmas\n', 'utf8')
const chatOf = (from: { aadObjectId: string }) => `a:personal-${from.aadObjectId}`
const inChat = (from: typeof ADMIN, extra: Record<string, unknown>) => ({
  ...personalMessage,
  id: `teams-${++n}`,
  serviceUrl: `${bot.connector.url}/`,
  from,
  conversation: { ...personalMessage.conversation, id: chatOf(from) },
  ...extra,
})
const turnOf = (from: typeof ADMIN) => ({
  serviceUrl: `${bot.connector.url}/`,
  from,
  conversation: { conversationType: 'personal', tenantId: TENANT, id: chatOf(from) },
  channelData: { tenant: { id: TENANT } },
})
function fileMessage(from: typeof ADMIN, name: string, content: Buffer) {
  const path = `/personal/drive/${++n}/${name}`
  files.set(path, content)
  return inChat(from, {
    text: '',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        contentUrl: `https://contoso-my.sharepoint.com/personal/drive/${name}`,
        name,
        content: { downloadUrl: `${oneDrive.url}${path}`, uniqueId: `TD-${n}`, fileType: name.split('.').pop() },
      },
    ],
  })
}
async function answerTo(activity: { id: string; conversation: { id: string } }) {
  const res = await postActivity(bot.url, activity)
  expect(res.status).toBe(200)
  const reply = bot.connector.calls().find((c) => c.method === 'POST' && c.activityId === activity.id && c.body?.attachments)
  if (!reply) throw new Error(`No reply to ${activity.id}`)
  return cardOf(reply.body)
}
const said = (from: typeof ADMIN, text: string) => answerTo(inChat(from, { text }))
const click = (from: typeof ADMIN, action: any) =>
  postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id: `invoke-${++n}`,
    ...turnOf(from),
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger: 'manual' },
  })
const textOf = (card: any) => cardTexts(card).join('\n')
const hubs = () => bot.db.selectFrom('hubs').select(['name', 'notice_hours', 'quiet_start', 'quiet_end', 'quiet_weekends']).where('workspace_id', '=', TENANT).execute()
const holidays = () => bot.db.selectFrom('hub_holidays').select(['starts_on', 'label']).where('workspace_id', '=', TENANT).orderBy('starts_on').execute()

it('a teacher cannot create a hub; an administrator can, before any Work Group exists', async () => {
  expect(textOf(await said(TEACHER, 'hub new Pretend Hub'))).toContain('Only a hub administrator can keep the hub’s settings and term dates.')
  expect(textOf(await said(ADMIN, 'hub new Matrix Maths Hub'))).toContain('Created Matrix Maths Hub.')
  expect((await hubs()).map((h) => h.name)).toEqual(['Matrix Maths Hub'])
})

it('settings change in a dialog: bad quiet hours refused by field, good ones saved', async () => {
  const overview = await said(ADMIN, 'hub')
  expect(textOf(overview)).toContain('**Matrix Maths Hub** · 0 Work Groups')
  const form = dialogCard(await fetchDialog(bot.url, turnOf(ADMIN), dialogButtonOf(overview, 'Change settings')))
  const bad = dialogCard(await submitDialog(bot.url, turnOf(ADMIN), form, { notice: '24', quiet: 'evenings', weekends: 'yes' }))
  expect(JSON.stringify(bad)).toContain('like 21:00-07:00')
  expect((await hubs())[0]).toMatchObject({ notice_hours: 48 })
  const saved = dialogMessage(await submitDialog(bot.url, turnOf(ADMIN), form, { notice: '24', quiet: 'none', weekends: 'yes' }))
  expect(saved).toBe('Saved for Matrix Maths Hub: notice hours 48 → 24; quiet hours 21:00 to 07:00 → none.')
  expect((await hubs())[0]).toMatchObject({ notice_hours: 24, quiet_start: '00:00', quiet_end: '00:00' })
})

it('term dates attached by a teacher are refused; by the administrator, previewed and imported once', async () => {
  expect(textOf(await answerTo(fileMessage(TEACHER, 'holidays.csv', TERM_DATES)))).toContain('Only a hub administrator can import a hub’s term dates.')
  const preview = await answerTo(fileMessage(ADMIN, 'holidays.csv', TERM_DATES))
  expect(textOf(preview)).toContain('“holidays.csv” has 2 holidays, Mon 26 Oct 2026 to Fri 1 Jan 2027')
  expect(textOf(preview)).toContain('• Mon 21 Dec 2026 to Fri 1 Jan 2027 · Christmas')
  const importIt = cardActions(preview).find((a) => a.title === 'Import them')!
  expect((await click(ADMIN, importIt)).status).toBe(200)
  expect((await holidays()).map((h) => h.label)).toEqual(['Half term', 'Christmas'])
  expect((await click(ADMIN, importIt)).status).toBe(200)
  expect(await holidays()).toHaveLength(2)
  expect(textOf(await said(ADMIN, 'hub'))).toContain('School holidays: 2, Mon 26 Oct 2026 to Fri 1 Jan 2027')
})
