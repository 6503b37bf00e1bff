// The hub's evaluation on Slack, through signed slash commands and clicks into the real Bolt
// receiver and the Web API double: a hub administrator gets the year's figures per project by
// session number and by school, with every figure from fewer than five people held back
// (a small group's session, a small school, 'me' answers and held-back anonymous ones never
// read); the spreadsheet comes privately with the same suppression; a project filter and a
// year; everyone else refused; another workspace's groups never counted, whatever ids are sent.
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup } from '../support/work-group-fixture.js'
import { HELD_ANON, OTHER_WORKSPACE_TEXT, SECRET_ME, seedEvaluation } from './evaluation-fixture.js'

const TEAM = 'T0001'
const OTHER_TEAM = 'T0002'
const ADMIN = 'U0HUBADMIN'
const clock = createFakeClock('2026-12-10T09:00:00Z')
const PUBLIC_URL = 'https://bot.example.org'
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: ADMIN, PUBLIC_URL } })
  slack = slackWorkspace(bot, TEAM, 'C0A1')
  await seedEvaluation(bot.db, { platform: 'slack', workspaceId: TEAM, otherWorkspaceId: OTHER_TEAM, id: (key) => `U0${key.toUpperCase()}`, channel: (key) => `C0${key.toUpperCase()}` })
})
afterAll(async () => {
  await bot?.stop()
})

const answeredOn = (path: string) => eventually(() => bot.slackApi.requests.findLast((r) => r.path.endsWith(`/${path}`))?.body)
const buttonsOf = (blocks: any[]) => blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button')
const sections = (blocks: any[]) => blocks.filter((b: any) => b.type === 'section').map((b: any) => b.text.text as string)
const evaluation = async (text: string, user = ADMIN, channel = 'C0A1') => (await slack.slash(text, user, channel)).json

describe('the hub’s evaluation', () => {
  let shown: any

  it('a participant, or a Lead, is refused in one sentence', async () => {
    for (const who of ['U0P1', 'U0LEAD']) {
      const res = await evaluation('evaluation', who)
      expect(res.text).toBe('Only hub administrators can see the hub’s evaluation across Work Groups; an administrator can make you one with “admins”.')
      expect(JSON.stringify(res)).not.toContain('reflected')
    }
  })

  it('an administrator gets each project by session number, readable on a phone, only to them', async () => {
    shown = await evaluation('evaluation')
    expect(shown.response_type).toBe('ephemeral')
    expect(shown.blocks[0].text.text).toBe('Evaluation: Matrix Maths Hub, 2026/27')
    const text = sections(shown.blocks)
    expect(text).toContain('*Mastery Readiness*\n2 Work Groups, 11 participants.')
    // Session 1: A1's five named answers are shown; A2's two (a group of fewer than five) are in
    // no rating, though everyone who reflected counts in the response rate.
    expect(text).toContain(
      [
        '*Session 1* (2 groups): 9 of 11 reflected (82%); rated 4.2 of 5 (2 gave 5, 2 gave 4, 1 gave 3, 0 gave 2, 0 gave 1); 5 of 5 attended (100%)',
        '*Session 2* (1 group): 3 of 7 reflected (43%); rating: fewer than 5; 4 of 5 attended (80%)',
      ].join('\n'),
    )
    expect(text).toContain('*Mathematical Thinking for GCSE*\n1 Work Group, 6 participants.')
    expect(text).toContain('*Session 1* (1 group): 6 of 6 reflected (100%); rated 4.0 of 5 (0 gave 5, 6 gave 4, 0 gave 3, 0 gave 2, 0 gave 1); 6 of 6 attended (100%)')
  })

  it('each project with two or more sessions to draw has its chart: an image the bot serves, the numbers in its alt text', async () => {
    const images = shown.blocks.filter((b: any) => b.type === 'image')
    // Mastery Readiness has two session numbers with figures; the GCSE project only one.
    expect(images).toHaveLength(1)
    expect(images[0].alt_text).toBe('Turnout and average rating by session number. Session 1: 100% attended, rated 4.2; Session 2: 80% attended, rating fewer than 5.')
    const served = await fetch(images[0].image_url.replace(PUBLIC_URL, bot.url))
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
  })

  it('attendance by school: Oakfield’s five (two spellings) are shown; St Mary’s two and one without a school are too few, even pooled', async () => {
    const text = sections(shown.blocks)
    expect(text).toContain('*Attendance by school*\n*Oakfield Primary School* (5 people): 9 of 10 attended (90%)')
    expect(text).toContain('*Attendance by school*\n*School not given* (6 people): 6 of 6 attended (100%)')
    const all = JSON.stringify(shown)
    expect(all).not.toContain('St Mary')
    expect(all).toContain('Not in these figures, to keep people unidentifiable: 7 reflections kept private, held back as anonymous, or from a group’s session with fewer than 5 readable answers; 6 people’s attendance, from a small school or register.')
  })

  it('themes come only from answers an administrator may read: never a “me” answer, a held-back anonymous one or a small group’s', async () => {
    const text = sections(shown.blocks)
    expect(text).toContain('*Themes:* bar models (5), fractions (5)')
    expect(text).toContain('*Themes:* morning (6), number talks (6)')
    const all = JSON.stringify(shown)
    for (const hidden of [SECRET_ME, HELD_ANON, 'Small group words', 'Stem sentences', OTHER_WORKSPACE_TEXT]) expect(all).not.toContain(hidden)
  })

  it('words from a project’s title keep to that project; a year picks that year; an unknown project lists the hub’s', async () => {
    const one = await evaluation('evaluation mastery ready')
    expect(sections(one.blocks).join('\n')).toContain('*Mastery Readiness*')
    expect(JSON.stringify(one)).not.toContain('Mathematical Thinking')
    const earlier = await evaluation('evaluation Mastery Readiness 2025/26')
    expect(earlier.blocks[0].text.text).toBe('Evaluation: Matrix Maths Hub, 2025/26')
    expect(sections(earlier.blocks)).toContain('*Mastery Readiness*\n1 Work Group, 0 participants.')
    expect(sections(earlier.blocks)).toContain('No session has taken place yet.')
    const unknown = await evaluation('evaluation geometry')
    expect(unknown.text).toBe('Matrix Maths Hub has no project matching “geometry” in 2026/27. Its projects are: Mastery Readiness; Mathematical Thinking for GCSE.')
    expect((await evaluation('evaluation 2026/28')).text).toBe('“2026/28” is not a school year I can read: write it like 2026/27.')
  })

  it('the spreadsheet comes as a file in the administrator’s DM, with the same figures held back', async () => {
    const [button] = buttonsOf(shown.blocks).filter((b: any) => b.action_id === 'evaluation.send-spreadsheet')
    const path = await slack.click('evaluation.send-spreadsheet', button.value, ADMIN, 'C0A1')
    expect((await answeredOn(path)).text).toBe('I’ve sent you evaluation-2026-27-2026-12-10.csv in our direct chat.')
    const [file] = bot.slackApi.uploads()
    expect(file).toMatchObject({ name: 'evaluation-2026-27-2026-12-10.csv', channel: dmChannelOf(ADMIN) })
    const text = file!.bytes.toString('utf8')
    for (const hidden of [SECRET_ME, HELD_ANON, 'St Mary', OTHER_WORKSPACE_TEXT]) expect(text).not.toContain(hidden)
    const rows: string[][] = parse(text.slice(1), { relax_column_count: true })
    expect(rows).toContainEqual(['Mastery Readiness', '1', '2', '11', '9', '0.818', '0', '0', '1', '2', '2', '4.2', '5', '5', '1.000'])
    expect(rows).toContainEqual(['Mastery Readiness', '2', '1', '7', '3', '0.429', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5', '5', '4', '0.800'])
    expect(rows).toContainEqual(['Mastery Readiness', 'Oakfield Primary School', '5', '10', '9', '0.900'])
    expect(rows).toContainEqual(['Mathematical Thinking for GCSE', 'number talks', '6'])
  })

  it('a forged click is refused: by someone who is not an administrator, or with another workspace’s hub', async () => {
    const [button] = buttonsOf(shown.blocks).filter((b: any) => b.action_id === 'evaluation.send-spreadsheet')
    const before = bot.slackApi.uploads().length
    expect((await answeredOn(await slack.click('evaluation.send-spreadsheet', button.value, 'U0P1'))).text).toContain('Only hub administrators')
    const other = slackWorkspace(bot, OTHER_TEAM, 'C0X1')
    expect((await answeredOn(await other.click('evaluation.send-spreadsheet', button.value, ADMIN))).text).toBe('I can’t find that hub any more. Ask me for the evaluation again.')
    expect(bot.slackApi.uploads()).toHaveLength(before)
  })

  it('another workspace’s hub of the same name counts only its own groups', async () => {
    const other = slackWorkspace(bot, OTHER_TEAM, 'C0X1')
    const res = (await other.slash('evaluation', ADMIN)).json
    const text = sections(res.blocks)
    expect(text).toContain('*Mastery Readiness*\n1 Work Group, 12 participants.')
    expect(JSON.stringify(res)).not.toContain('Mathematical Thinking')
    expect(JSON.stringify(res)).not.toContain('Oakfield')
  })

  it('is listed in help for administrators only', async () => {
    expect(JSON.stringify((await slack.slash('help all', ADMIN)).json)).toContain('evaluation')
    expect(JSON.stringify((await slack.slash('help all', 'U0P1')).json)).not.toContain('evaluation')
  })

  it('with several hubs in the workspace: the channel’s Work Group says which, a hub can be named, and otherwise there is a button for each', async () => {
    await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: 'C0OTHERHUB', leadUserId: 'U0LEAD2', hub: 'Other Maths Hub', projectTitle: 'Early Years Mastery' })
    const inChannel = await evaluation('evaluation')
    expect(inChannel.blocks[0].text.text).toBe('Evaluation: Matrix Maths Hub, 2026/27')
    const named = await evaluation('evaluation other maths hub', ADMIN, 'D0ADMIN')
    expect(named.blocks[0].text.text).toBe('Evaluation: Other Maths Hub, 2026/27')
    expect(sections(named.blocks)).toContain('*Early Years Mastery*\n1 Work Group, 0 participants.')
    const asked = await evaluation('evaluation', ADMIN, 'D0ADMIN')
    expect(asked.text).toBe('This workspace has 2 hubs. Which hub’s evaluation would you like? You can also name it after evaluation.')
    const buttons = buttonsOf(asked.blocks).map((b: any) => [b.text.text, b.value])
    expect(buttons).toEqual([
      ['Matrix Maths Hub', 'workgroups evaluation Matrix Maths Hub'],
      ['Other Maths Hub', 'workgroups evaluation Other Maths Hub'],
    ])
    const chosen = await answeredOn(await slack.click('command', buttons[0]![1], ADMIN))
    expect(chosen.blocks[0].text.text).toBe('Evaluation: Matrix Maths Hub, 2026/27')
  })

  it('a hub with many projects gets a short list with a button each, and a button shows that project', async () => {
    for (const [i, projectTitle] of ['Number Sense', 'Reasoning in KS2', 'Secondary Mastery Specialists'].entries())
      await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: `C0OTHER${i}`, leadUserId: 'U0LEAD2', hub: 'Other Maths Hub', projectTitle })
    const listed = await evaluation('evaluation other maths hub', ADMIN, 'D0ADMIN')
    expect(listed.text).toBe('Other Maths Hub has 4 projects in 2026/27. Choose one to see its evaluation, or name it: evaluation followed by words from its title.')
    const buttons = buttonsOf(listed.blocks).map((b: any) => [b.text.text, b.value])
    expect(buttons.map(([label]: string[]) => label)).toEqual(['Early Years Mastery', 'Number Sense', 'Reasoning in KS2', 'Secondary Mastery Specialists'])
    expect(buttons[1]![1]).toBe('workgroups evaluation Other Maths Hub Number Sense 2026/27')
    const chosen = await answeredOn(await slack.click('command', buttons[1]![1], ADMIN))
    expect(chosen.blocks[0].text.text).toBe('Evaluation: Other Maths Hub, 2026/27')
    expect(JSON.stringify(chosen.blocks)).toContain('*Number Sense*')
    expect(JSON.stringify(chosen.blocks)).not.toContain('Early Years')
  })
})
