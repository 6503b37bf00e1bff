// Sharing resources on Teams, through Bot Framework activities into the real botbuilder adapter
// and the connector double: the message action opens the share form as a dialog
// (composeExtension/fetchTask), the dialog's Action.Submit files the link once
// (composeExtension/submitAction), the resource is posted in the other sub-group's channel,
// a non-member's forged submission is refused in the dialog, and search answers in a chat,
// reading a site's name, a key stage written with a space and a typo.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { saveSubgroup } from '../../src/domain/subgroups.js'
import { readResourceUrl } from '../../src/features/resources/canonical-url.js'
import { shareResource } from '../../src/features/resources/resource-store.js'
import { adaptiveCardActionInvoke, channelMention, messageActionFetchTask, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TENANT = channelMention.channelData.tenant.id
const CHANNEL_A = '19:coherence@thread.skype'
const CHANNEL_B = '19:fractions@thread.skype'
const person = (key: string, name: string) => ({ id: `29:${key}`, name, aadObjectId: `${key.padEnd(8, '0')}-0000-0000-0000-000000000000` })
const ALICE = person('alice', 'Alice Adams')
const BOB = person('bob', 'Bob Brown')
const clock = createFakeClock('2026-11-04T10:00:00Z')
let bot: TestBot
let n = 0
const groups: Record<string, string> = {}

/** An activity from someone in a channel: `extra` gives its type and payload. */
const inChannel = (channel: string, from: typeof ALICE, extra: Record<string, unknown> = {}) => ({
  ...channelMention,
  id: `teams-${++n}`,
  ...extra,
  from,
  serviceUrl: `${bot.connector.url}/`,
  conversation: { ...channelMention.conversation, id: `${channel};messageid=${n}` },
  channelData: { ...channelMention.channelData, channel: { id: channel } },
})

beforeAll(async () => {
  bot = await startTestBot({ clock })
  bot.connector.setMembers(CHANNEL_A, [ALICE, BOB])
  bot.connector.setMembers(CHANNEL_B, [ALICE])
  for (const [channel, name] of [
    [CHANNEL_A, 'Secondary Coherence'],
    [CHANNEL_B, 'Primary Fractions'],
  ] as const) {
    const { subgroup } = await saveSubgroup(bot.db, { platform: 'teams', workspaceId: TENANT, name, conversationId: channel, createdBy: 'admin' })
    groups[name] = subgroup.id
    // The bot has heard from each channel, so it can post there later.
    await postActivity(bot.url, inChannel(channel, ALICE, { text: '<at>TestBot</at> workgroups subgroups' }))
  }
})
afterAll(async () => {
  await bot?.stop()
})

const openShare = (from: typeof ALICE, html: string) =>
  postActivity(
    bot.url,
    inChannel(CHANNEL_A, from, {
      ...messageActionFetchTask,
      id: `fetch-${++n}`,
      from,
      value: {
        ...messageActionFetchTask.value,
        commandId: 'resources.share-message',
        messagePayload: { ...messageActionFetchTask.value.messagePayload, id: '1700000001', body: { contentType: 'html', content: html } },
      },
    }),
  )
const submitDialog = (from: typeof ALICE, data: Record<string, unknown>) =>
  postActivity(
    bot.url,
    inChannel(CHANNEL_A, from, {
      type: 'invoke',
      name: 'composeExtension/submitAction',
      id: `submit-${++n}`,
      value: { commandId: 'resources.share-message', commandContext: 'message', data, context: { theme: 'default' } },
    }),
  )

let submit: any

it('the message action opens the share form as a dialog, prefilled from the message', async () => {
  const res = await openShare(ALICE, '<p>Great sequence on <a href="https://www.ncetm.org.uk/fractions/?utm_source=teams">fractions</a> for Year 7 #fractions #ks3</p>')
  expect(res.status).toBe(200)
  const task = res.body.task
  expect(task.type).toBe('continue')
  const card = task.value.card.content
  const inputs = Object.fromEntries(card.body.filter((b: any) => String(b.type).startsWith('Input.')).map((b: any) => [b.id, b]))
  expect(inputs.title.value).toBe('Great sequence on fractions for Year 7')
  expect(inputs.tags.value).toBe('ks3, fractions')
  expect(inputs.subgroups).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, value: groups['Secondary Coherence'] })
  submit = card.actions[0]
  expect(submit.type).toBe('Action.Submit')
})

it('a non-member’s forged choice is refused in the dialog, by field', async () => {
  const res = await submitDialog(BOB, { ...submit.data, title: 'Fractions', tags: 'fractions', subgroups: groups['Primary Fractions'] })
  const texts = cardTexts(res.body.task.value.card.content).join('\n')
  expect(texts).toContain('You can only share into sub-groups you are a member of.')
  expect(await bot.db.selectFrom('resources').selectAll().execute()).toEqual([])
})

it('submitting files it once and posts it in the other sub-group’s channel, with a link back', async () => {
  const res = await submitDialog(ALICE, { ...submit.data, title: 'Fractions sequence (NCETM)', tags: 'fractions, ks3', subgroups: `${groups['Secondary Coherence']},${groups['Primary Fractions']}` })
  expect(res.body.task).toEqual({ type: 'message', value: 'Shared “Fractions sequence (NCETM)”. Sent to Primary Fractions, Secondary Coherence.' })
  clock.advance(2_000)
  await bot.jobs.tick()
  await bot.jobs.deliver()
  const posts = bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments && cardTexts(cardOf(c.body)).join(' ').includes('Fractions sequence (NCETM)'))
  expect(posts.map((p) => p.conversationId)).toEqual([CHANNEL_B])
  expect(cardTexts(cardOf(posts[0]!.body)).join(' ')).toContain('the original discussion')
  const rows = await bot.db.selectFrom('resources').select(['canonical_url']).execute()
  expect(rows).toEqual([{ canonical_url: 'https://ncetm.org.uk/fractions' }])
})

it('search answers in a chat with the bot', async () => {
  const res = await postActivity(bot.url, { ...personalMessage, id: `dm-${++n}`, from: ALICE, text: 'workgroups resources fractions ks3', serviceUrl: `${bot.connector.url}/` })
  expect(res.status).toBe(200)
  const answer = bot.connector.calls().filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!
  expect(cardTexts(cardOf(answer.body)).join(' ')).toContain('Fractions sequence (NCETM)')
})

it('search reads what teachers type: a site by name, a key stage with a space, a typo', async () => {
  for (const [link, title, tags] of [
    ['https://nrich.maths.org/fraction-wall', 'Fraction wall tasks', ['fractions', 'ks2']],
    ['https://nrich.maths.org/ratio-tables', 'Ratio tables', ['ratio', 'ks3']],
  ] as const) {
    const read = readResourceUrl(link)
    if (!read.ok) throw new Error(read.problem)
    await shareResource(bot.db, {
      platform: 'teams',
      workspaceId: TENANT,
      url: read.url,
      canonicalUrl: read.canonical,
      host: read.host,
      title,
      tags: [...tags],
      sharedBy: ALICE.aadObjectId,
      sharedByName: ALICE.name,
      from: { conversationId: CHANNEL_A },
      subgroupIds: [],
      at: clock.now(),
    })
  }
  const ask = async (text: string) => {
    const before = bot.connector.calls().length
    const res = await postActivity(bot.url, { ...personalMessage, id: `dm-${++n}`, from: ALICE, text: `workgroups resources ${text}`, serviceUrl: `${bot.connector.url}/` })
    expect(res.status).toBe(200)
    const answer = bot.connector.calls().slice(before).filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)
    return cardTexts(cardOf(answer!.body)).join('\n')
  }
  const nrich = await ask('nrich')
  expect(nrich).toContain('Fraction wall tasks')
  expect(nrich).toContain('Ratio tables')
  expect(nrich).not.toContain('Fractions sequence (NCETM)')
  const ks3 = await ask('KS 3 fractions')
  // The one with both first; those with one of them after it.
  expect(ks3.indexOf('Fractions sequence (NCETM)')).toBeGreaterThan(-1)
  expect(ks3.indexOf('Fractions sequence (NCETM)')).toBeLessThan(ks3.indexOf('Ratio tables'))
  expect(ks3.indexOf('Fractions sequence (NCETM)')).toBeLessThan(ks3.indexOf('Fraction wall tasks'))
  const typo = await ask('fractons')
  expect(typo).toContain('Fractions sequence (NCETM)')
  expect(typo).toContain('Fraction wall tasks')
  expect(typo).not.toContain('Ratio tables')
})

it('search shows five at a time; “Show more” on the card brings the next ones', async () => {
  for (let i = 1; i <= 6; i++) {
    const read = readResourceUrl(`https://example.org/ratio-${i}`)
    if (!read.ok) throw new Error(read.problem)
    await shareResource(bot.db, {
      platform: 'teams',
      workspaceId: TENANT,
      url: read.url,
      canonicalUrl: read.canonical,
      host: read.host,
      title: `Ratio problems, set ${i}`,
      tags: ['ratio'],
      sharedBy: ALICE.aadObjectId,
      sharedByName: ALICE.name,
      from: { conversationId: CHANNEL_A },
      subgroupIds: [],
      at: new Date(clock.now().getTime() + i * 1000),
    })
  }
  const before = bot.connector.calls().length
  await postActivity(bot.url, { ...personalMessage, id: `dm-${++n}`, from: ALICE, text: 'workgroups resources ratio', serviceUrl: `${bot.connector.url}/` })
  const card = cardOf(bot.connector.calls().slice(before).filter((c) => c.method === 'POST' && c.body?.attachments).at(-1)!.body)
  expect(cardTexts(card).join('\n')).toContain('Showing 1–5 of 7.')
  const more = cardActions(card).find((a) => a.title === 'Show more')
  const clicked = bot.connector.calls().length
  const res = await postActivity(bot.url, {
    ...adaptiveCardActionInvoke,
    id: `click-${++n}`,
    from: ALICE,
    serviceUrl: `${bot.connector.url}/`,
    value: { action: { type: 'Action.Execute', verb: more.verb, data: more.data }, trigger: 'manual' },
  })
  expect(res.status).toBe(200)
  // Teams replaces the card it was clicked on with the invoke's answer.
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive')
  expect(bot.connector.calls().slice(clicked)).toEqual([])
  const next = cardTexts(res.body.value).join('\n')
  expect(next).toContain('Showing 6–7 of 7.')
  expect(next).toContain('Ratio problems, set 1')
  expect(next).toContain('Ratio tables')
  expect(next).not.toContain('Ratio problems, set 6')
})
