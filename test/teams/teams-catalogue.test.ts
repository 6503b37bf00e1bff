// "workgroups secondary" on Teams: Bot Framework activities, shaped like Microsoft's
// documented examples, posted into the real CloudAdapter; replies land at a local connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findConversationReference, findDirectConversation } from '../../src/core/conversation-references.js'
import {
  adaptiveCardActionInvoke,
  botAddedToTeam,
  channelMention,
  installedPersonally,
  personalMessage,
} from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let bot: TestBot
let ids = 0

beforeAll(async () => {
  bot = await startTestBot()
})
afterAll(async () => {
  await bot?.stop()
})

const withConnector = <T extends object>(activity: T, overrides: Record<string, unknown> = {}) => ({
  ...activity,
  id: `activity-${++ids}`,
  serviceUrl: `${bot.connector.url}/`,
  ...overrides,
})

const repliesTo = (activityId: string) => bot.connector.calls().filter((c) => c.method === 'POST' && c.activityId === activityId)

describe('in a 1:1 chat', () => {
  it('answers "workgroups secondary" with the secondary projects as an Adaptive Card', async () => {
    const activity = withConnector(personalMessage, { text: 'workgroups secondary' })
    const res = await postActivity(bot.url, activity)
    expect(res.status).toBe(200)
    const [reply] = repliesTo(activity.id)
    expect(reply?.conversationId).toBe(personalMessage.conversation.id)
    const card = cardOf(reply!.body)
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' })
    const texts = cardTexts(card)
    const text = texts.join('\n')
    expect(texts[0]).toBe('Secondary projects')
    expect(texts.indexOf('**For teachers**')).toBeLessThan(texts.indexOf('**Mathematical Thinking for GCSE**'))
    expect(texts.indexOf('**Mathematical Thinking for GCSE**')).toBeLessThan(texts.indexOf('**For leaders, specialists and networks**'))
    // Two lines: the title, then whom it is for.
    const subjectLeadership = texts.indexOf('**Secondary Subject Leadership** · _New this year_')
    expect(texts[subjectLeadership + 1]).toBe('Heads of department and subject leaders')
    expect(text).not.toContain('Developing A Level Pedagogy')
    // Private already: no "share to channel", but each group's details.
    const details = cardActions(card)
    expect(details.map((a) => [a.title, a.verb, a.data.mhb_value])).toEqual([
      ['Details: for teachers', 'catalogue.details', 'secondary|teachers'],
      ['Details: leaders and networks', 'catalogue.details', 'secondary|leaders'],
    ])
    // The details replace the list in place, with who it's for, entry point and format.
    const click = withConnector(adaptiveCardActionInvoke, { value: { action: { type: 'Action.Execute', verb: details[1].verb, data: details[1].data }, trigger: 'manual' } })
    const clicked = await postActivity(bot.url, click)
    expect(clicked.status).toBe(200)
    const inFull = clicked.body.value
    expect(cardTexts(inFull)[0]).toBe('Secondary projects: for leaders, specialists and networks')
    const facts = cardTexts(inFull).join('\n')
    expect(facts).toContain('**Secondary Subject Leadership** · _New this year_')
    expect(facts).toContain('Who it’s for: Heads of department and subject leaders')
    expect(cardActions(inFull).map((a) => a.title)).toEqual(['Back to the list'])
    // The reply goes back as the bot, to the user, replying to their message.
    expect(reply!.body).toMatchObject({ type: 'message', replyToId: activity.id, recipient: { id: personalMessage.from.id } })
  })

  it('understands a bare phase, typos and synonyms', async () => {
    for (const [text, heading] of [
      ['secondry', 'Secondary projects'],
      ['sixth form', 'Post-16 projects'],
      ['/workgroups EYFS', 'Early years projects'],
    ]) {
      const activity = withConnector(personalMessage, { text })
      await postActivity(bot.url, activity)
      expect(cardTexts(cardOf(repliesTo(activity.id)[0]!.body))[0]).toBe(heading)
    }
  })

  it('offers phase buttons for "workgroups" alone', async () => {
    const activity = withConnector(personalMessage, { text: 'workgroups' })
    await postActivity(bot.url, activity)
    const actions = cardActions(cardOf(repliesTo(activity.id)[0]!.body))
    expect(actions.map((a) => [a.type, a.title, a.verb, a.data.mhb_value])).toEqual([
      ['Action.Execute', 'Early years', 'catalogue.phase', 'early years'],
      ['Action.Execute', 'Primary', 'catalogue.phase', 'primary'],
      ['Action.Execute', 'Secondary', 'catalogue.phase', 'secondary'],
      ['Action.Execute', 'Post-16', 'catalogue.phase', 'post-16'],
    ])
  })

  it('answers text it cannot read kindly (Microsoft’s own "Hello World")', async () => {
    const activity = withConnector(personalMessage)
    await postActivity(bot.url, activity)
    const text = cardTexts(cardOf(repliesTo(activity.id)[0]!.body)).join('\n')
    expect(text).toContain('You asked: “Hello World”')
    expect(text).toContain('I couldn’t match your question to any project')
    expect(text).toContain('**workgroups secondary**')
  })

  it('stores the conversation reference for proactive messages later', async () => {
    const stored = await findConversationReference(bot.db, { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, personalMessage.conversation.id)
    expect(stored).toMatchObject({
      kind: 'direct',
      workspaceId: personalMessage.channelData.tenant.id,
      userId: personalMessage.from.aadObjectId,
      reference: { serviceUrl: `${bot.connector.url}/`, conversation: { id: personalMessage.conversation.id }, bot: { id: personalMessage.recipient.id } },
    })
  })

  it('a re-delivered activity (Teams retries slow turns) is answered once', async () => {
    const activity = withConnector(personalMessage, { text: 'primary' })
    await postActivity(bot.url, activity)
    await postActivity(bot.url, activity)
    expect(repliesTo(activity.id)).toHaveLength(1)
  })
})

describe('in a channel', () => {
  const CHANNEL = '19:253b1f341670408fb6fe51050b6e5ceb@thread.skype'
  let privateCard: any

  it('answers an @mention privately in a new 1:1 chat, and says so in the thread', async () => {
    const activity = withConnector(channelMention, { text: '<at>TestBot</at> workgroups secondary' })
    const res = await postActivity(bot.url, activity)
    expect(res.status).toBe(200)
    const [created] = bot.connector.created()
    expect(created).toMatchObject({
      isGroup: false,
      bot: { id: channelMention.recipient.id },
      members: [{ id: channelMention.from.id }],
      tenantId: channelMention.channelData.tenant.id,
    })
    const privately = bot.connector.calls().find((c) => c.conversationId.startsWith('a:created-') && c.method === 'POST')!
    privateCard = cardOf(privately.body)
    expect(cardTexts(privateCard)[0]).toBe('Secondary projects')
    expect(cardActions(privateCard).map((a) => a.title)).toEqual(['Details: for teachers', 'Details: leaders and networks', 'Share to channel'])
    const [notice] = repliesTo(activity.id)
    expect(notice?.conversationId).toBe(channelMention.conversation.id)
    expect(notice?.body.text).toBe('I’ve sent you my answer in a private chat with me.')
  })

  it('stores the channel itself (not the message thread) as the place to post later, and the new 1:1 chat', async () => {
    const stored = await findConversationReference(bot.db, { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, CHANNEL)
    expect(stored?.kind).toBe('channel')
    expect((stored?.reference as any).conversation.id).toBe(CHANNEL)
    const direct = await findDirectConversation(bot.db, 'teams', channelMention.channelData.tenant.id, channelMention.from.aadObjectId)
    expect(direct?.conversationId).toMatch(/^a:created-/)
  })

  it('reuses that 1:1 chat for the next private answer', async () => {
    await postActivity(bot.url, withConnector(channelMention, { text: '<at>TestBot</at> primary' }))
    expect(bot.connector.created()).toHaveLength(1)
  })

  it('shares from the 1:1 chat into the thread the question came from', async () => {
    const share = cardActions(privateCard).find((a) => a.title === 'Share to channel')
    const click = withConnector(adaptiveCardActionInvoke, {
      from: channelMention.from,
      conversation: { conversationType: 'personal', tenantId: channelMention.channelData.tenant.id, id: 'a:created-1' },
      channelData: { tenant: channelMention.channelData.tenant },
      value: { action: { type: 'Action.Execute', verb: share.verb, data: share.data }, trigger: 'manual' },
    })
    const before = bot.connector.calls().length
    const res = await postActivity(bot.url, click)
    expect(res.status).toBe(200)
    // Posted proactively into the question's thread in the channel.
    const posted = bot.connector.calls().slice(before).find((c) => c.method === 'POST' && c.conversationId === channelMention.conversation.id)!
    const text = cardTexts(cardOf(posted.body)).join('\n')
    expect(text).toContain('Secondary projects')
    // A real mention: the name in an <at> tag, with its entity on the card.
    expect(text).toContain('Shared by <at>Larry Jin</at>')
    expect(cardOf(posted.body).msteams.entities).toEqual([{ type: 'mention', text: '<at>Larry Jin</at>', mentioned: { id: channelMention.from.aadObjectId, name: 'Larry Jin' } }])
  })

  it('ignores a forged origin: the click stays in the 1:1 chat', async () => {
    const share = cardActions(privateCard).find((a) => a.title === 'Share to channel')
    const before = bot.connector.calls().filter((c) => c.conversationId.startsWith('19:')).length
    const forged = { ...share.data, mhb_origin: share.data.mhb_origin.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')) }
    await postActivity(
      bot.url,
      withConnector(adaptiveCardActionInvoke, {
        from: channelMention.from,
        conversation: { conversationType: 'personal', tenantId: channelMention.channelData.tenant.id, id: 'a:created-1' },
        channelData: { tenant: channelMention.channelData.tenant },
        value: { action: { type: 'Action.Execute', verb: share.verb, data: forged }, trigger: 'manual' },
      }),
    )
    expect(bot.connector.calls().filter((c) => c.conversationId.startsWith('19:'))).toHaveLength(before)
  })

  it('answers in the thread when no 1:1 chat can be opened', async () => {
    bot.connector.refuseNewConversations(true)
    try {
      const someoneNew = { ...channelMention.from, id: '29:someone-new', aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001' }
      const activity = withConnector(channelMention, { from: someoneNew, text: '<at>TestBot</at> post-16' })
      await postActivity(bot.url, activity)
      const [reply] = repliesTo(activity.id)
      expect(cardTexts(cardOf(reply!.body))[0]).toBe('Post-16 projects')
    } finally {
      bot.connector.refuseNewConversations(false)
    }
  })
})

describe('card buttons', () => {
  it('answers an Action.Execute click in the invoke response, replacing the card', async () => {
    const activity = withConnector(adaptiveCardActionInvoke, {
      value: {
        action: { type: 'Action.Execute', title: 'Post-16', verb: 'catalogue.phase', data: { mhb_action: 'catalogue.phase', mhb_value: 'post-16' } },
        trigger: 'manual',
      },
    })
    const res = await postActivity(bot.url, activity)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' })
    const text = cardTexts(res.body.value).join('\n')
    expect(text).toContain('Post-16 projects')
    expect(text).toContain('Supporting Post-16 GCSE Resit')
    // Nothing else is posted: the card is updated in place.
    expect(bot.connector.calls().filter((c) => c.activityId === activity.id)).toHaveLength(0)
  })

  it('answers an Action.Submit click (a message with a value) by updating the card', async () => {
    const activity = withConnector(personalMessage, {
      text: undefined,
      replyToId: 'card-message-1',
      value: { mhb_action: 'catalogue.phase', mhb_value: 'primary' },
    })
    await postActivity(bot.url, activity)
    const update = await eventually(() => bot.connector.calls().find((c) => c.method === 'PUT' && c.activityId === 'card-message-1'))
    expect(cardTexts(cardOf(update.body))[0]).toBe('Primary projects')
  })

  it('gives an invoke with an unknown verb a proper response, not an error', async () => {
    const activity = withConnector(adaptiveCardActionInvoke)
    const res = await postActivity(bot.url, activity)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ statusCode: 200 })
  })

  it('answers invokes it does not support with 501, as botbuilder does', async () => {
    const res = await postActivity(bot.url, withConnector(adaptiveCardActionInvoke, { name: 'task/fetch', value: {} }))
    expect(res.status).toBe(501)
  })
})

describe('installation', () => {
  it('stores the team channel when the bot is added to a team', async () => {
    const res = await postActivity(bot.url, withConnector(botAddedToTeam))
    expect(res.status).toBe(200)
    const stored = await findConversationReference(bot.db, { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, botAddedToTeam.conversation.id)
    expect(stored).toMatchObject({ kind: 'channel', workspaceId: botAddedToTeam.channelData.tenant.id })
  })

  it('stores the 1:1 chat when installed personally', async () => {
    const conversationId = 'a:installed-personally'
    await postActivity(bot.url, withConnector(installedPersonally, { conversation: { ...installedPersonally.conversation, id: conversationId } }))
    const stored = await findConversationReference(bot.db, { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, conversationId)
    expect(stored).toMatchObject({ kind: 'direct', userId: installedPersonally.from.aadObjectId })
  })
})

describe('bad input', () => {
  it('answers a body that is not JSON with 400 and a sentence', async () => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'bad_request' })
  })
})
