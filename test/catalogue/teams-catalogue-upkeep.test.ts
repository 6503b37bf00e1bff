// Catalogue upkeep in chat on Teams: a hub administrator attaches next year's catalogue CSV in
// their 1:1 chat with the bot (a `file.download.info` attachment the bot fetches), through the
// real botbuilder adapter and the connector double. Problems by line and column, a preview
// with Import it / Cancel, the import seen at once by `workgroups secondary`, a click sent
// again changing nothing, and anyone else refused; a Work Group's sessions file still goes to
// session import.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { listCatalogueYears } from '../../src/domain/catalogue-store.js'
import { adaptiveCardActionInvoke, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { type HttpDouble, startHttpDouble } from '../support/http-double.js'
import { brokenCatalogue, NEW_PROJECT_TITLE, nextYearCatalogue, RENAMED_TITLE } from '../support/next-catalogue.js'
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

const chatOf = (from: { aadObjectId: string }) => `a:personal-${from.aadObjectId}`
const inChat = (from: typeof ADMIN, extra: Record<string, unknown>) => ({
  ...personalMessage,
  id: `teams-${++n}`,
  serviceUrl: `${bot.connector.url}/`,
  from,
  conversation: { ...personalMessage.conversation, id: chatOf(from) },
  ...extra,
})
/** A file attached in the 1:1 chat, as Teams delivers it to a bot with supportsFiles. */
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
        content: { downloadUrl: `${oneDrive.url}${path}`, uniqueId: `CAT-${n}`, fileType: name.split('.').pop() },
      },
    ],
  })
}
/** The card the bot answered a message with, in the sender's chat. */
async function answerTo(activity: { id: string; conversation: { id: string } }) {
  const res = await postActivity(bot.url, activity)
  expect(res.status).toBe(200)
  const reply = bot.connector.calls().find((c) => c.method === 'POST' && c.activityId === activity.id && c.body?.attachments)
  if (!reply) throw new Error(`No reply to ${activity.id}`)
  expect(reply.conversationId).toBe(activity.conversation.id)
  return cardOf(reply.body)
}
const click = (from: typeof ADMIN, action: any) =>
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
const button = (card: any, title: string) => cardActions(card).find((a) => a.title === title)!
const stored = () => bot.db.selectFrom('catalogue_years').select(['school_year', 'imported_at']).orderBy('start_year').execute()

it('a file with mistakes: every problem by line and column, nothing stored', async () => {
  const text = textOf(await answerTo(fileMessage(ADMIN, 'next-year.csv', brokenCatalogue())))
  expect(text).toContain('**Nothing was imported from “next-year.csv”.** Fix these 3 problems and send it again:')
  expect(text).toContain('• line 3, phases: "primray" is not a phase. Did you mean "primary"?')
  expect(text).toContain('• line 5, new_this_year: must be "yes" or "no", not "perhaps"')
  expect(await listCatalogueYears(bot.db)).toEqual(['2021/22'])
})

it('someone who is not a hub administrator is refused in a friendly sentence', async () => {
  const text = textOf(await answerTo(fileMessage(TEACHER, 'next-year.csv', nextYearCatalogue())))
  expect(text).toBe('Only a hub administrator can update the projects catalogue. An administrator can make you one with “admins”.')
  expect(await bot.db.selectFrom('held_files').select('id').execute()).toEqual([])
})

let preview: any
it('a good file: a preview with new, retired and changed projects, and Import it / Cancel', async () => {
  preview = await answerTo(fileMessage(ADMIN, 'next-year.csv', nextYearCatalogue()))
  const text = textOf(preview)
  expect(text).toContain('**The 2022/23 catalogue in “next-year.csv” is ready to import: 27 projects.**')
  expect(text).toContain(`• **New (1):** ${NEW_PROJECT_TITLE}`)
  expect(text).toContain('• **Retired (1):** Years 5 to 8 Continuity')
  expect(text).toContain(`${RENAMED_TITLE} (mathematical-thinking-gcse): title “Mathematical Thinking for GCSE” → “${RENAMED_TITLE}”`)
  expect(text).toContain('Secondary Maths MAT Leads (secondary-mat-leads): format Programme → Network')
  expect(cardActions(preview).map((a) => a.title)).toEqual(['Import it', 'Cancel'])
  expect(await listCatalogueYears(bot.db)).toEqual(['2021/22'])
})

it('Import it imports it, and the next `workgroups secondary` answers from the new catalogue', async () => {
  const done = await click(ADMIN, button(preview, 'Import it'))
  expect(textOf(done.body.value)).toContain('✓ Imported the 2022/23 catalogue from “next-year.csv”: 27 projects. Catalogue answers and phase lists now come from it.')
  expect(await listCatalogueYears(bot.db)).toEqual(['2021/22', '2022/23'])
  const secondary = textOf(await answerTo(inChat(ADMIN, { text: 'workgroups secondary' })))
  expect(secondary).toContain(NEW_PROJECT_TITLE)
  expect(secondary).toContain(RENAMED_TITLE)
  expect(secondary).not.toContain('Years 5 to 8 Continuity')
})

it('the same Import click sent again changes nothing', async () => {
  const before = await stored()
  const again = await click(ADMIN, button(preview, 'Import it'))
  expect(textOf(again.body.value)).toContain('That preview has expired or was already used, so nothing changed.')
  expect(await stored()).toEqual(before)
})

it('a sessions file from someone who leads no Work Group still goes to session import', async () => {
  const sessions = Buffer.from('date,start,end,place\r\n2026-10-01,16:00,17:30,Room 4\r\n')
  const text = textOf(await answerTo(fileMessage(TEACHER, 'autumn.csv', sessions)))
  expect(text).toContain('I read session files from Work Group Leads, and you don’t lead a Work Group here.')
})
