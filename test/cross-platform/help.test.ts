// `help` on a phone: one screen, what this person does most first (a participant, a Lead in
// their group's channel, a hub administrator), with buttons that do what typing the command
// does; `help all` is every command grouped by role. The same on Slack (signed slash commands
// and block actions into the real Bolt receiver) and Teams (activities and card invokes into
// the real CloudAdapter).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { adaptiveCardActionInvoke, channelMention, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { ref, seedWorkGroup } from '../support/work-group-fixture.js'

const TEAM = 'T0HELP'
const CHANNEL = 'C0HELPWG'
const LEAD = 'U0HELPLEAD'
const TEACHER = 'U0HELPTEACHER'
const ADMIN = 'U0HELPADMIN'
const TENANT = personalMessage.channelData.tenant.id
const TEAMS_CHANNEL = '19:help@thread.skype'

const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: `${TEAM}/${ADMIN}` } })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  const group = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, leadUserId: LEAD, hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(group), [{ userId: LEAD }, { userId: TEACHER }, { userId: ADMIN }], 'channel')
  await addSessions(bot.db, ref(group), [{ title: 'Bar models', startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'), place: 'Room 4' }], LEAD, new Date('2026-09-01T09:00:00Z'))
  const teamsGroup = await seedWorkGroup(bot.db, { platform: 'teams', workspaceId: TENANT, conversationId: TEAMS_CHANNEL, leadUserId: channelMention.from.aadObjectId, hub: 'Great North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(teamsGroup), [{ userId: channelMention.from.aadObjectId }], 'channel')
})
afterAll(async () => {
  await bot?.stop()
})

/** What a Slack reader sees, a line at a time: the header, each line of text, the small print. */
const slackLines = (blocks: any[]): string[] =>
  blocks.flatMap((b) => (b.type === 'header' ? [b.text.text] : b.type === 'section' ? b.text.text.split('\n') : b.type === 'context' ? b.elements.map((e: any) => e.text) : []))
const slackButtons = (blocks: any[]): any[] => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements)
const labels = (blocks: any[]) => slackButtons(blocks).map((b) => b.text.text)
const chars = (lines: string[]) => lines.join('\n').length

describe('Slack', () => {
  it('a participant’s help fits one phone screen, their everyday uses first, with buttons', async () => {
    const res = await slack.slash('help', TEACHER)
    expect(res.json.response_type).toBe('ephemeral')
    const lines = slackLines(res.json.blocks)
    expect(lines.length).toBeLessThanOrEqual(8)
    expect(chars(lines)).toBeLessThan(450)
    expect(lines[0]).toBe('What you can do')
    expect(lines[1]).toBe('• Your next sessions: `/workgroups sessions`')
    expect(lines[2]).toBe('• Reflect on your last session: `/workgroups reflect`')
    expect(lines.join('\n')).toContain('`/workgroups resources fractions`')
    expect(lines.join('\n')).toContain('`/workgroups secondary`')
    expect(labels(res.json.blocks)).toEqual(['Next sessions', 'Reflect', 'Projects for my school', 'More commands'])
    // Nothing of a Lead's or an administrator's.
    for (const other of ['add session', 'roster', 'admins', 'unanswered']) expect(lines.join('\n')).not.toContain(`/workgroups ${other}`)
  })

  it('a button does what typing the command does', async () => {
    const help = await slack.slash('help', TEACHER)
    const sessions = slackButtons(help.json.blocks).find((b) => b.text.text === 'Next sessions')
    const typed = await slack.slash('sessions', TEACHER)
    const path = await slack.click(sessions.action_id, sessions.value, TEACHER, CHANNEL)
    const clicked = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/${path}`))?.body)
    expect(typed.json.blocks.length).toBeGreaterThan(0)
    expect(JSON.stringify(typed.json.blocks)).toContain('Bar models')
    expect(clicked.blocks).toEqual(typed.json.blocks)
    expect(clicked.response_type).toBe('ephemeral')
  })

  it('a Lead in their group’s channel sees adding sessions, the roster and reflections first; Add session opens the form', async () => {
    const res = await slack.slash('help', LEAD)
    const lines = slackLines(res.json.blocks)
    expect(lines.length).toBeLessThanOrEqual(8)
    expect(lines[0]).toBe('What you can do as a Lead')
    expect(lines.slice(1, 4)).toEqual([
      '• Add a session: `/workgroups add session`',
      '• Who’s coming: `/workgroups roster`',
      '• What people said after a session: `/workgroups reflections`',
    ])
    expect(labels(res.json.blocks)).toEqual(['Add session', 'Roster', 'Reflections', 'Next sessions', 'Projects for my school', 'More commands'])

    const addSession = slackButtons(res.json.blocks).find((b) => b.text.text === 'Add session')
    const before = bot.slackApi.calls('views.open').length
    await slack.click(addSession.action_id, addSession.value, LEAD, CHANNEL)
    const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined))
    expect(view.callback_id).toBe('workgroup.session')
  })

  it('outside a Work Group’s channel, a Lead is told where their commands work, with no button that would fail there', async () => {
    const res = await slack.slash('help', LEAD, 'C0NOTAGROUP')
    const text = slackLines(res.json.blocks).join('\n')
    expect(text).toContain('• Add a session: `/workgroups add session` (in your group’s channel)')
    expect(labels(res.json.blocks)).toEqual(['Projects for my school', 'More commands'])
  })

  it('a hub administrator also gets their own commands, in one line and two buttons', async () => {
    const res = await slack.slash('help', ADMIN)
    const lines = slackLines(res.json.blocks)
    expect(lines.length).toBeLessThanOrEqual(8)
    expect(lines).toContain('• Hub administrators: `/workgroups admins`; unanswered questions: `/workgroups unanswered`')
    expect(labels(res.json.blocks)).toEqual(['Next sessions', 'Reflect', 'Projects for my school', 'More commands', 'Hub administrators', 'Unanswered questions'])
  })

  it('“More commands” is `help all`: every command, grouped by role; administrators’ only for administrators', async () => {
    const help = await slack.slash('help', TEACHER)
    const more = slackButtons(help.json.blocks).find((b) => b.text.text === 'More commands')
    const path = await slack.click(more.action_id, more.value, TEACHER, CHANNEL)
    const clicked = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/${path}`))?.body)
    const typed = await slack.slash('help all', TEACHER)
    expect(clicked.blocks).toEqual(typed.json.blocks)
    const sections = typed.json.blocks.filter((b: any) => b.type === 'section').map((b: any) => b.text.text.split('\n')[0])
    expect(sections).toEqual(['*For everyone*', '*For Work Group Leads* (in the group’s channel)'])
    const lead = typed.json.blocks.find((b: any) => b.text?.text?.startsWith('*For Work Group Leads*')).text.text
    for (const command of ['setup', 'add session', 'import sessions', 'roster', 'cancel', 'reminders', 'reflections', 'lead', 'add people']) expect(lead).toContain(`\`/workgroups ${command}\``)
    expect(JSON.stringify(typed.json)).not.toContain('/workgroups admins')

    const forAdmin = await slack.slash('help all', ADMIN)
    const adminSection = forAdmin.json.blocks.find((b: any) => b.text?.text?.startsWith('*For hub administrators*')).text.text
    for (const command of ['admins', 'subgroup', 'subgroup remove', 'unanswered']) expect(adminSection).toContain(`\`/workgroups ${command}\``)
  })

  it('“help” followed by a question is still a question', async () => {
    const res = await slack.slash('help with transition from year 6 to year 7', TEACHER)
    expect(JSON.stringify(res.json)).not.toContain('What you can do')
  })
})

describe('Teams', () => {
  const inPersonalChat = (text: string) => ({ ...personalMessage, id: `help-${++n}`, text, serviceUrl: `${bot.connector.url}/` })
  const lastCard = () => cardOf(bot.connector.sent().at(-1))

  it('shows the same help as Slack, with the Teams command word, and buttons that run commands', async () => {
    await postActivity(bot.url, inPersonalChat('help'))
    const card = lastCard()
    const texts = cardTexts(card).filter((t) => !t.startsWith('['))
    expect(texts.length).toBeLessThanOrEqual(8)
    expect(texts[0]).toBe('What you can do')
    // In a 1:1 chat the Work Group commands are named, not offered as buttons.
    expect(texts[1]).toBe('• Your next sessions: **workgroups sessions** (in your group’s channel)')
    expect(cardActions(card).map((a) => [a.title, a.verb, a.data.mhb_value])).toEqual([
      ['Reflect', 'command', 'workgroups reflect'],
      ['Projects for my school', 'command', 'workgroups'],
      ['More commands', 'command', 'workgroups help all'],
    ])
  })

  it('a Lead in their group’s channel gets the Lead’s help, and a button click runs the command', async () => {
    const mention = { ...channelMention, id: `help-${++n}`, text: '<at>TestBot</at> workgroups help', serviceUrl: `${bot.connector.url}/`, conversation: { ...channelMention.conversation, id: TEAMS_CHANNEL }, channelData: { ...channelMention.channelData, channel: { id: TEAMS_CHANNEL } } }
    await postActivity(bot.url, mention)
    const card = cardOf(bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body)
    expect(cardTexts(card).slice(0, 2)).toEqual(['What you can do as a Lead', '• Add a session: **workgroups add session**'])
    const projects = cardActions(card).find((a) => a.title === 'Projects for my school')
    await postActivity(bot.url, {
      ...adaptiveCardActionInvoke,
      id: `invoke-${++n}`,
      serviceUrl: `${bot.connector.url}/`,
      from: channelMention.from,
      conversation: { conversationType: 'personal', tenantId: TENANT, id: 'a:created-1' },
      channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
      value: { action: { type: 'Action.Execute', verb: projects.verb, data: projects.data }, trigger: 'manual' },
    })
    const picker = await eventually(() => {
      const texts = bot.connector.calls().filter((c) => c.body?.attachments || c.body?.value).flatMap((c) => (c.body?.attachments ? cardTexts(cardOf(c.body)) : JSON.stringify(c.body.value)))
      return texts.find((t) => t.includes('Which phase are you interested in?'))
    })
    expect(picker).toBeDefined()
  })

  it('`help all` lists every command in the Teams command menu', async () => {
    await postActivity(bot.url, inPersonalChat('workgroups help all'))
    const text = cardTexts(lastCard()).join('\n')
    expect(text).toContain('**For everyone**')
    expect(text).toContain('• **workgroups reflect**: reflect on your latest session, or change your reflection')
  })
})
