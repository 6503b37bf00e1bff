// The hub's evaluation on Teams, through Bot Framework activities into the real botbuilder
// adapter and the connector double: `workgroups evaluation` in a Work Group's channel is
// answered in the administrator's 1:1 chat, never in the channel, with the same figures as on
// Slack (small groups' sessions, small schools, 'me' and held-back anonymous answers in none);
// a participant is refused; the spreadsheet button offers the file in the 1:1 chat, and the
// file held for them has the same figures held back.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FILE_CONSENT_CARD } from '../../adapters/teams/teams-file-consent.js'
import { createFakeClock } from '../../src/core/clock.js'
import { adaptiveCardActionInvoke, channelMention } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { HELD_ANON, OTHER_WORKSPACE_TEXT, SECRET_ME, seedEvaluation } from './evaluation-fixture.js'

const TENANT = channelMention.channelData.tenant.id
const OTHER_TENANT = '00000000-0000-4000-8000-0000000000ff'
// Entra object ids, one per short key ("p1", "x10").
const teamsId = (key: string) => `00000000-0000-4000-8000-${Buffer.from(key).toString('hex').padStart(12, '0')}`
const channel = (key: string) => `19:${key}@thread.skype`
const ADMIN = { id: '29:hana', name: 'Hana Hub', aadObjectId: teamsId('hana') }
const PARTICIPANT = { id: '29:p1', name: 'Pat One', aadObjectId: teamsId('p1') }
const clock = createFakeClock('2026-12-10T09:00:00Z')
let bot: TestBot
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: ADMIN.aadObjectId } })
  await seedEvaluation(bot.db, { platform: 'teams', workspaceId: TENANT, otherWorkspaceId: OTHER_TENANT, id: teamsId, channel })
})
afterAll(async () => {
  await bot?.stop()
})

const inChannel = (from: typeof ADMIN, text: string, tenant = TENANT, where = channel('a1')) => ({
  ...channelMention,
  id: `teams-${++n}`,
  from,
  text: `<at>TestBot</at> ${text}`,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, tenantId: tenant, id: where },
  channelData: { ...channelMention.channelData, tenant: { id: tenant }, channel: { id: where } },
})
const invokeIn = (from: typeof ADMIN, conversationId: string, data: Record<string, unknown>, verb: string) =>
  postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id: `invoke-${++n}`,
    serviceUrl: `${bot.connector.url}/`,
    from,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: conversationId },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  })
const cardsSince = (before: number) => bot.connector.calls().slice(before).filter((c) => c.method === 'POST' && c.body?.attachments)
let view: { conversationId: string; card: any }

it('a participant asking in the channel is refused, and sees no figure', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(PARTICIPANT, 'workgroups evaluation'))
  const said = JSON.stringify(bot.connector.calls().slice(before))
  expect(said).toContain('Only hub administrators can see the hub’s evaluation across Work Groups')
  expect(said).not.toContain('reflected')
})

it('an administrator asking in the channel gets the evaluation in their 1:1 chat, never in the channel', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ADMIN, 'workgroups evaluation'))
  const sent = cardsSince(before)
  expect(sent).toHaveLength(1)
  expect(sent[0]!.conversationId).toMatch(/^a:created-/)
  expect(JSON.stringify(bot.connector.calls().slice(before).filter((c) => c.conversationId.startsWith(channel('a1'))))).not.toContain('reflected')
  view = { conversationId: sent[0]!.conversationId, card: cardOf(sent[0]!.body) }
  const texts = cardTexts(view.card).join('\n')
  expect(texts).toContain('Evaluation: Matrix Maths Hub, 2026/27')
  expect(texts).toContain('**Mastery Readiness**\n2 Work Groups, 11 participants.')
  expect(texts).toContain('**Session 1** (2 groups): 9 of 11 reflected (82%); rated 4.2 of 5 (2 gave 5, 2 gave 4, 1 gave 3, 0 gave 2, 0 gave 1); 5 of 5 attended (100%)')
  expect(texts).toContain('**Session 2** (1 group): 3 of 7 reflected (43%); rating: fewer than 5; 4 of 5 attended (80%)')
  expect(texts).toContain('**Oakfield Primary School** (5 people): 9 of 10 attended (90%)')
  expect(texts).toContain('**Themes:** bar models (5), fractions (5)')
  for (const hidden of [SECRET_ME, HELD_ANON, 'St Mary', 'Small group words', OTHER_WORKSPACE_TEXT]) expect(texts).not.toContain(hidden)
})

it('the chart rides in the card as a picture, with its numbers in the alt text', () => {
  const images = JSON.stringify(view.card.body).match(/"type":"Image"[^}]*/g) ?? []
  expect(images).toHaveLength(1)
  const image = (view.card.body as any[]).flatMap(function all(e: any): any[] { return [e, ...(e.items ?? []).flatMap(all)] }).find((e) => e.type === 'Image')
  expect(image.altText).toBe('Turnout and average rating by session number. Session 1: 100% attended, rated 4.2; Session 2: 80% attended, rating fewer than 5.')
  const png = Buffer.from(image.url.replace(/^data:image\/png;base64,/, ''), 'base64')
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
})

it('the spreadsheet button offers the file in the 1:1 chat; the file has the same figures held back', async () => {
  const button = cardActions(view.card).find((a) => a.title === 'Send me the spreadsheet (CSV)')!
  const before = bot.connector.calls().length
  await invokeIn(ADMIN, view.conversationId, button.data, button.verb)
  const offers = bot.connector
    .calls()
    .slice(before)
    .flatMap((c) => (c.method === 'POST' ? (c.body?.attachments ?? []).filter((a: any) => a.contentType === FILE_CONSENT_CARD).map((card: any) => ({ c, card })) : []))
  expect(offers).toHaveLength(1)
  expect(offers[0]!.c.conversationId).toBe(view.conversationId)
  expect(offers[0]!.card.name).toBe('evaluation-2026-27-2026-12-10.csv')
  const [held] = await bot.db.selectFrom('held_files').selectAll().execute()
  expect(held!.user_id).toBe(ADMIN.aadObjectId)
  const csv = Buffer.from(held!.content).toString('utf8')
  expect(csv).toContain('Mastery Readiness,2,1,7,3,0.429,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5,fewer than 5,5,4,0.800')
  expect(csv).toContain('Mastery Readiness,Oakfield Primary School,5,10,9,0.900')
  for (const hidden of [SECRET_ME, HELD_ANON, 'St Mary', OTHER_WORKSPACE_TEXT]) expect(csv).not.toContain(hidden)
})

it('a participant’s forged click gets no file', async () => {
  const button = cardActions(view.card).find((a) => a.title === 'Send me the spreadsheet (CSV)')!
  const before = (await bot.db.selectFrom('held_files').select('id').execute()).length
  await invokeIn(PARTICIPANT, 'a:participant-chat', button.data, button.verb)
  expect(await bot.db.selectFrom('held_files').select('id').execute()).toHaveLength(before)
})

it('words from a project’s title keep to that project', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ADMIN, 'workgroups evaluation mathematical thinking'))
  const texts = cardTexts(cardOf(cardsSince(before)[0]!.body)).join('\n')
  expect(texts).toContain('**Mathematical Thinking for GCSE**\n1 Work Group, 6 participants.')
  expect(texts).toContain('**Session 1** (1 group): 6 of 6 reflected (100%); rated 4.0 of 5 (0 gave 5, 6 gave 4, 0 gave 3, 0 gave 2, 0 gave 1); 6 of 6 attended (100%)')
  expect(texts).not.toContain('Mastery Readiness')
})

it('another tenant’s hub of the same name counts only its own groups', async () => {
  const before = bot.connector.calls().length
  await postActivity(bot.url, inChannel(ADMIN, 'workgroups evaluation', OTHER_TENANT, channel('x1')))
  const said = JSON.stringify(bot.connector.calls().slice(before))
  expect(said).toContain('1 Work Group, 12 participants.')
  expect(said).not.toContain('Mathematical Thinking')
  expect(said).not.toContain('Oakfield')
})
