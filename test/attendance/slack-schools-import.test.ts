// Schools from a list on Slack, through signed requests into the real Bolt receiver and the Web
// API double: the Lead shares a CSV of names and schools in the group's channel, mentioning the
// bot, and gets a preview only they see (matched by stored and Slack names, whatever the
// capitals and spacing; unusable lines by number); Save writes exactly that, and again changes
// nothing; a preview made stale by someone's own answer saves nothing; Cancel; a participant is
// refused; and a CSV that is not a schools list still reaches session import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { saveSchool } from '../../src/domain/schools.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { appMentionEnvelope } from '../fixtures/slack-payloads.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf, eventCallback, postToSlackEndpoint } from '../support/slack-double.js'
import { type SlackFileObject, slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0SCHOOLS'
const LEAD = 'U0LEAD'
const [ALICE, BEN, CHLOE, DEV] = ['U0ALICE', 'U0BEN', 'U0CHLOE', 'U0DEV'] as const
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  const groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  // Alice's name is stored; the others' only Slack knows (channel members come as ids).
  await addParticipants(bot.db, ref(groupId), [{ userId: LEAD, name: 'Lara Lead' }, { userId: ALICE, name: 'Alice Adams' }, { userId: BEN }, { userId: CHLOE }, { userId: DEV }], 'channel')
  bot.slackApi.setUser(BEN, { name: 'ben', real_name: 'Ben Brown' })
  bot.slackApi.setUser(CHLOE, { name: 'chloe', real_name: 'Chloe Clark' })
  bot.slackApi.setUser(DEV, { name: 'dev', real_name: 'Dev Desai' })
})
afterAll(async () => {
  await bot?.stop()
})

const upload = (name: string, content: string): SlackFileObject => ({ id: `F${++n}`, name, size: Buffer.byteLength(content), url_private_download: bot.slackApi.serveFile(name, content) })
/** A file shared in the channel with a mention of the bot, as Slack sends it (app_mention with files). */
async function shareInChannel(user: string, name: string, content: string) {
  const before = bot.slackApi.calls('chat.postEphemeral').length
  const res = await postToSlackEndpoint(
    bot.url,
    eventCallback({
      ...appMentionEnvelope,
      team_id: TEAM,
      event_id: `EvSchools${++n}`,
      event: { ...appMentionEnvelope.event, user, channel: CHANNEL, text: '<@U0LAN0Z89> schools', ts: `1700000100.${String(n).padStart(6, '0')}`, files: [upload(name, content)] },
    }),
  )
  expect(res.status).toBe(200)
  return eventually(() => bot.slackApi.calls('chat.postEphemeral').slice(before).find((c) => c.user === user))
}
async function sendInDm(user: string, name: string, content: string) {
  const before = bot.slackApi.posted(dmChannelOf(user)).length
  await slack.directMessage(user, '', [upload(name, content)])
  return eventually(() => bot.slackApi.posted(dmChannelOf(user))[before])
}
const shown = (message: { blocks?: any[]; text?: string }) => JSON.stringify(message.blocks ?? message.text)
const buttonsOf = (blocks: any[] = []) => blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button')
const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)
const schools = async () => Object.fromEntries((await bot.db.selectFrom('person_schools').selectAll().execute()).map((r) => [r.user_id, `${r.school} (${r.given_by})`]))

const LIST = [
  'Name,School,Email',
  'alice   ADAMS,Oakfield Primary,alice@example.org',
  'Ben Brown,"St Mary’s C of E Primary, Leeds",',
  'Dan Smith,Nowhere School,',
  ',Orphan School,',
  'Alice Adams,Other School,',
  'Lara Lead,Lead School,',
  'Chloe Clark,,',
].join('\n')

describe('a schools list shared in the channel', () => {
  let preview: any
  it('a participant is refused, and nothing is held', async () => {
    const answer = await shareInChannel(ALICE, 'schools.csv', LIST)
    expect(answer.text).toBe('Only the Work Group Lead, <@U0LEAD>, or a hub administrator can fill in its schools.')
    expect(await bot.db.selectFrom('held_files').select('id').execute()).toEqual([])
  })

  it('the Lead gets a preview only they see: schools matched by stored and Slack names, unusable lines by number', async () => {
    preview = await shareInChannel(LEAD, 'schools.csv', LIST)
    expect(preview.channel).toBe(CHANNEL)
    expect(preview.text).toBe('2 schools from “schools.csv” ready to save.')
    const text = shown(preview)
    expect(text).toContain('*2 schools from “schools.csv” ready to save* for the Mastery Readiness Work Group.')
    expect(text).toContain('• Alice Adams: Oakfield Primary')
    expect(text).toContain('• Ben Brown: St Mary’s C of E Primary, Leeds')
    expect(text).toContain('*Not used (5):*')
    expect(text).toContain('• line 4: nobody called “Dan Smith” is in the group')
    expect(text).toContain('• line 5: no name')
    expect(text).toContain('• line 6: Alice Adams again (first on line 2); only line 2 is used')
    expect(text).toContain('• line 7: Lara Lead leads the group, so is not on its register')
    expect(text).toContain('• line 8: no school for Chloe Clark')
    expect(buttonsOf(preview.blocks).map((b: any) => [b.action_id, b.text.text])).toEqual([
      ['attendance.save-schools', 'Save 2 schools'],
      ['attendance.cancel-schools', 'Cancel'],
    ])
    expect(await schools()).toEqual({})
  })

  it('Save writes exactly what the preview showed; the same click again changes nothing', async () => {
    const save = buttonsOf(preview.blocks)[0]
    const answer = await answeredOn(await slack.click(save.action_id, save.value, LEAD, CHANNEL))
    expect(answer.text).toBe('Saved 2 schools for the Mastery Readiness Work Group. The attendance view counts them by school from now on.')
    expect(await schools()).toEqual({ [ALICE]: `Oakfield Primary (${LEAD})`, [BEN]: `St Mary’s C of E Primary, Leeds (${LEAD})` })
    const again = await answeredOn(await slack.click(save.action_id, save.value, LEAD, CHANNEL))
    expect(again.text).toContain('Nothing is waiting to be saved')
    expect(Object.keys(await schools())).toHaveLength(2)
  })
})

describe('a schools list sent in a direct chat', () => {
  const NEXT = ['Teacher,Setting', 'Chloe Clark,Hillside Academy', 'Dev Desai,Hillside Academy', 'Alice Adams,Oakfield Primary'].join('\r\n')

  it('goes to the Lead’s one group; what is saved already is counted, not offered again', async () => {
    const preview = await sendInDm(LEAD, 'more-schools.csv', NEXT)
    expect(preview.text).toBe('2 schools from “more-schools.csv” ready to save.')
    expect(shown(preview)).toContain('(1 more as they were)')
  })

  it('a preview made stale (someone gave their own school meanwhile) saves nothing', async () => {
    const preview = await sendInDm(LEAD, 'more-schools.csv', NEXT)
    await saveSchool(bot.db, { platform: 'slack', workspaceId: TEAM, userId: DEV }, 'Hillside Primary', DEV, clock.now())
    const save = buttonsOf(preview.blocks)[0]
    const answer = await answeredOn(await slack.click(save.action_id, save.value, LEAD))
    expect(answer.text).toBe('Not saved: the group or its schools changed since this preview. Send the list again to see it as it is now.')
    expect((await schools())[DEV]).toBe(`Hillside Primary (${DEV})`)
    expect(await schools()).not.toHaveProperty(CHLOE)
  })

  it('Cancel saves nothing, and Save on the cancelled preview finds nothing waiting', async () => {
    const preview = await sendInDm(LEAD, 'more-schools.csv', NEXT)
    const [save, cancel] = buttonsOf(preview.blocks)
    expect((await answeredOn(await slack.click(cancel.action_id, cancel.value, LEAD))).text).toBe('Cancelled: no school was saved from the list.')
    expect((await answeredOn(await slack.click(save.action_id, save.value, LEAD))).text).toContain('Nothing is waiting to be saved')
    expect(await schools()).not.toHaveProperty(CHLOE)
  })

  it('someone else cannot use the Lead’s preview, even with its button value', async () => {
    const preview = await sendInDm(LEAD, 'more-schools.csv', NEXT)
    const save = buttonsOf(preview.blocks)[0]
    expect((await answeredOn(await slack.click(save.action_id, save.value, ALICE))).text).toContain('can fill in its schools')
    expect(await schools()).not.toHaveProperty(CHLOE)
  })

  it('a CSV that is not a schools list still goes to session import', async () => {
    const answer = await sendInDm(ALICE, 'sessions.csv', 'date,start,end,title\n2026-12-09,16:00,17:30,Fractions\n')
    expect(answer.text).toContain('I read session files from Work Group Leads')
  })
})

describe('a Lead of two groups', () => {
  it('a list in the direct chat goes to the group its names fit; one that fits neither is not guessed', async () => {
    const other = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: 'C0FLUENCY', leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Fluency' })
    await addParticipants(bot.db, ref(other), [{ userId: LEAD, name: 'Lara Lead' }, { userId: 'U0ZARA', name: 'Zara Zed' }], 'channel')
    const fits = await sendInDm(LEAD, 'fluency.csv', 'Name,School\nZara Zed,Brook School\n')
    expect(shown(fits)).toContain('for the Fluency Work Group')
    const neither = await sendInDm(LEAD, 'who.csv', 'Name,School\nNobody Known,Brook School\n')
    expect(neither.text).toBe('You lead 2 Work Groups, and I can’t tell from the names which this list is for. Send it in the group’s channel, mentioning me, or use `/workgroups attendance` there and Fill in schools.')
  })
})
