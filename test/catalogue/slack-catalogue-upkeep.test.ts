// Catalogue upkeep in chat on Slack: a hub administrator sends next year's catalogue CSV in
// their DM with the bot, through signed requests into the real Bolt receiver and the Web API
// double. A broken file gets every problem by line and column and nothing is stored; a good
// one a preview of what changes, with Import it / Cancel; Import makes the next
// `/workgroups secondary` answer from the new catalogue at once; a replayed click changes
// nothing; anyone else is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { listCatalogueYears } from '../../src/domain/catalogue-store.js'
import { grantAdmins } from '../../src/domain/hub-admins.js'
import { eventually } from '../support/http-double.js'
import { brokenCatalogue, NEW_PROJECT_TITLE, nextYearCatalogue, RENAMED_TITLE } from '../support/next-catalogue.js'
import { dmChannelOf } from '../support/slack-double.js'
import { type SlackFileObject, slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup } from '../support/work-group-fixture.js'

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

function upload(name: string, content: Buffer): SlackFileObject {
  return { id: `F${++files}`, name, size: content.length, url_private_download: bot.slackApi.serveFile(name, content) }
}
/** Sends a file in the person's DM and returns the bot's answer there. */
async function send(user: string, name: string, content: Buffer) {
  const before = bot.slackApi.posted(dmChannelOf(user)).length
  const res = await slack.directMessage(user, '', [upload(name, content)])
  expect(res.status).toBe(200)
  return eventually(() => bot.slackApi.posted(dmChannelOf(user))[before])
}
const shown = (message: { text?: string; blocks?: any[] }) => JSON.stringify(message.blocks ?? message.text)
const buttonsOf = (blocks: any[] = []) => blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button')
const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)
const stored = () => bot.db.selectFrom('catalogue_years').select(['school_year', 'imported_at', 'source']).orderBy('start_year').execute()
const secondaryTitles = async () => JSON.stringify((await slack.slash('secondary', ADMIN)).json.blocks)

describe('a catalogue sent in a DM', () => {
  it('with mistakes: every problem by line and column, and nothing stored or held', async () => {
    const reply = await send(ADMIN, '2022-23.csv', brokenCatalogue())
    expect(reply.text).toContain('Nothing was imported from “2022-23.csv”.')
    const text = shown(reply)
    expect(text).toContain('Fix these 3 problems and send it again')
    expect(text).toContain('• line 3, phases: \\"primray\\" is not a phase. Did you mean \\"primary\\"?')
    // The misspelt phase leaves line 3 out, so line 4's project follows one that is not there.
    expect(text).toContain('• line 4, follows: \\"primary-tfm-development\\" is not the id of a project in this file')
    // Slack shows the column's underscores as typed (escaped with zero-width spaces).
    expect(text.replace(/\u200b/g, '')).toContain('• line 5, new_this_year: must be \\"yes\\" or \\"no\\", not \\"perhaps\\"')
    expect(await listCatalogueYears(bot.db)).toEqual(['2021/22'])
    expect(await bot.db.selectFrom('held_files').select('id').execute()).toEqual([])
  })

  it('too big, or not text: one clear sentence', async () => {
    const big = await send(ADMIN, 'huge.csv', Buffer.alloc(3 * 1024 * 1024, 'a'))
    expect(big.text).toBe('“huge.csv” is too big for me: a file can be at most 2 MB.')
    const workbook = await send(ADMIN, 'catalogue.csv', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 1)]))
    expect(workbook.text).toContain('I can’t read “catalogue.csv” as text')
    expect(workbook.text).toContain('“CSV UTF-8”')
    expect(await listCatalogueYears(bot.db)).toEqual(['2021/22'])
  })

  it('from someone who is not a hub administrator: refused in a friendly sentence, nothing held', async () => {
    const reply = await send(TEACHER, '2022-23.csv', nextYearCatalogue())
    expect(reply.text).toBe('Only a hub administrator can update the projects catalogue. An administrator can make you one with “admins”.')
    expect(await bot.db.selectFrom('held_files').select('id').execute()).toEqual([])
  })

  it('from an administrator named in chat, not in configuration: refused, since every workspace answers from it', async () => {
    const NAMED = 'U0NAMEDADMIN'
    await grantAdmins(bot.db, { platform: 'slack', workspaceId: TEAM }, [NAMED], ADMIN)
    const reply = await send(NAMED, '2022-23.csv', nextYearCatalogue())
    expect(reply.text).toContain('The projects catalogue is shared by every workspace this bot serves, so only the administrators named in its configuration (HUB_ADMINS) can replace it.')
    expect(await bot.db.selectFrom('held_files').select('id').execute()).toEqual([])
    expect(await listCatalogueYears(bot.db)).toEqual(['2021/22'])
  })

  let preview: any
  it('valid: a preview of the year, the projects and what changes, with Import it / Cancel; nothing stored yet', async () => {
    preview = await send(ADMIN, '2022-23.csv', nextYearCatalogue())
    expect(preview.text).toBe('The 2022/23 catalogue in “2022-23.csv” is ready to import: 27 projects.')
    const text = shown(preview)
    expect(text).toContain('There is no 2022/23 catalogue yet; against the newest one, 2021/22:')
    expect(text).toContain(`*New (1):* ${NEW_PROJECT_TITLE}`)
    expect(text).toContain('*Retired (1):* Years 5 to 8 Continuity')
    expect(text).toContain('*Changed (2)*:')
    expect(text).toContain(`${RENAMED_TITLE} (mathematical-thinking-gcse): title “Mathematical Thinking for GCSE” → “${RENAMED_TITLE}”`)
    expect(text).toContain('Secondary Maths MAT Leads (secondary-mat-leads): format Programme → Network')
    expect(text).toContain('*Unchanged:* 24')
    expect(buttonsOf(preview.blocks).map((b: any) => b.text.text)).toEqual(['Import it', 'Cancel'])
    expect(await listCatalogueYears(bot.db)).toEqual(['2021/22'])
    expect(await secondaryTitles()).not.toContain(NEW_PROJECT_TITLE)
  })

  it('Import it: stored in one go, and the next `/workgroups secondary` answers from it without a restart', async () => {
    const importIt = buttonsOf(preview.blocks).find((b: any) => b.text.text === 'Import it')
    const path = await slack.click(importIt.action_id, importIt.value, ADMIN)
    const answer = await answeredOn(path)
    expect(answer.text).toBe('✓ Imported the 2022/23 catalogue from “2022-23.csv”: 27 projects. Catalogue answers and phase lists now come from it.')
    expect(answer.replace_original).toBe(true)
    expect(await listCatalogueYears(bot.db)).toEqual(['2021/22', '2022/23'])
    expect((await stored())[1]?.source).toBe(`2022-23.csv (sent in chat on slack by ${ADMIN})`)
    const secondary = await secondaryTitles()
    expect(secondary).toContain(NEW_PROJECT_TITLE)
    expect(secondary).toContain(RENAMED_TITLE)
    expect(secondary).not.toContain('Years 5 to 8 Continuity')
    expect(secondary).toContain('2022/23')
  })

  it('the same Import click again (a replay, or a second tap) changes nothing', async () => {
    const before = await stored()
    clock.advance(60_000)
    const importIt = buttonsOf(preview.blocks).find((b: any) => b.text.text === 'Import it')
    const answer = await answeredOn(await slack.click(importIt.action_id, importIt.value, ADMIN))
    expect(answer.text).toContain('That preview has expired or was already used, so nothing changed.')
    expect(await stored()).toEqual(before)
  })

  it('sending it again compares with the stored 2022/23 catalogue; Cancel imports nothing, and a click after it nothing either', async () => {
    const again = await send(ADMIN, '2022-23.csv', nextYearCatalogue())
    const text = shown(again)
    expect(text).toMatch(/It replaces the 2022\/23 catalogue imported on \d{1,2} \w{3} \d{4}\. Against it:/)
    expect(text).toContain('*New (0):* none')
    expect(text).toContain('*Unchanged:* 27')
    const before = await stored()
    const [importIt, cancel] = buttonsOf(again.blocks)
    expect((await answeredOn(await slack.click(cancel.action_id, cancel.value, ADMIN))).text).toBe('Cancelled: nothing was imported. Send the file again whenever you are ready.')
    expect((await answeredOn(await slack.click(importIt.action_id, importIt.value, ADMIN))).text).toContain('nothing changed')
    expect(await stored()).toEqual(before)
  })

  it('a preview left for over 30 minutes has expired', async () => {
    const late = await send(ADMIN, '2022-23.csv', nextYearCatalogue())
    clock.advance(31 * 60_000)
    const importIt = buttonsOf(late.blocks).find((b: any) => b.text.text === 'Import it')
    const before = await stored()
    expect((await answeredOn(await slack.click(importIt.action_id, importIt.value, ADMIN))).text).toContain('has expired or was already used')
    expect(await stored()).toEqual(before)
  })

  it('a click by someone else on the administrator’s preview imports nothing', async () => {
    const mine = await send(ADMIN, '2022-23.csv', nextYearCatalogue())
    const importIt = buttonsOf(mine.blocks).find((b: any) => b.text.text === 'Import it')
    const before = await stored()
    const answer = await answeredOn(await slack.click(importIt.action_id, importIt.value, TEACHER))
    expect(JSON.stringify(answer)).toContain('Only a hub administrator can update the projects catalogue.')
    expect(await stored()).toEqual(before)
  })
})

describe('routing files between catalogue upkeep and session import', () => {
  it('`/workgroups update catalogue` tells an administrator how, and refuses anyone else', async () => {
    expect(JSON.stringify((await slack.slash('update catalogue', ADMIN)).json)).toContain('send me next year’s catalogue as a CSV file in this direct chat')
    expect(JSON.stringify((await slack.slash('update catalogue', TEACHER)).json)).toContain('Only a hub administrator can update the projects catalogue.')
  })

  it('an administrator who leads a Work Group still imports sessions by sending the file in a DM', async () => {
    const LEAD_ADMIN = ADMIN
    const groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: 'C0WG', leadUserId: LEAD_ADMIN, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness', schoolYear: '2025/26' })
    const reply = await send(LEAD_ADMIN, 'autumn.csv', Buffer.from('date,start,end,place\r\n2026-10-01,16:00,17:30,Room 4\r\n'))
    expect(reply.text).toMatch(/^Imported one session into the Mastery Readiness Work Group/)
    expect(await bot.db.selectFrom('sessions').select('id').where('work_group_id', '=', groupId).execute()).toHaveLength(1)
    // …while a catalogue from them still goes to catalogue upkeep.
    expect((await send(LEAD_ADMIN, '2022-23.csv', nextYearCatalogue())).text).toContain('is ready to import')
  })
})
