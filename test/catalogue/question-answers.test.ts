// Free-text answers on the wire (rules only, no model): private with share and feedback
// buttons that only the asker can use, whatever a forged or replayed click says, and the
// unanswered questions hub staff review, without names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blockActionsPayload, slashCommandFields } from '../fixtures/slack-payloads.js'
import { adaptiveCardActionInvoke, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { interaction, postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let bot: TestBot
let n = 0
beforeAll(async () => {
  bot = await startTestBot({ env: { HUB_ADMINS: slashCommandFields.user_id } })
})
afterAll(async () => {
  await bot?.stop()
})

const ASKER = { id: slashCommandFields.user_id, team: slashCommandFields.team_id }
const ask = (text: string, overrides: Record<string, string> = {}) =>
  postToSlackEndpoint(bot.url, slashCommand({ ...slashCommandFields, command: '/workgroups', text, trigger_id: `q.${++n}`, ...overrides }))
const buttons = (blocks: any[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements)
const click = (actionId: string, value: string, user = ASKER) => {
  const responsePath = `click-${++n}`
  return postToSlackEndpoint(
    bot.url,
    interaction({
      ...blockActionsPayload,
      trigger_id: `click.${n}`,
      team: { id: user.team, domain: 'example' },
      user: { id: user.id, username: 'someone', name: 'someone', team_id: user.team },
      channel: { id: slashCommandFields.channel_id, name: 'test' },
      response_url: bot.slackApi.responseUrl(responsePath),
      actions: [{ ...blockActionsPayload.actions[0], action_id: actionId, value }],
    }),
  ).then(() => responsePath)
}
const postsTo = (path: string, count = 1) =>
  eventually(() => {
    const found = bot.slackApi.requests.filter((r) => r.path.endsWith(`/${path}`)).map((r) => r.body)
    return found.length >= count ? found : undefined
  })
const feedbackRows = () => bot.db.selectFrom('catalogue_answer_feedback').selectAll().execute()

describe('on Slack', () => {
  let questionId: string

  it('answers privately, explains why, and offers share and feedback buttons', async () => {
    const res = await ask('we’re a primary new to mastery, where do we start?')
    expect(res.json.response_type).toBe('ephemeral')
    const text = JSON.stringify(res.json.blocks)
    expect(text).toContain('Mastery Readiness')
    expect(text).toContain('_Why:_ for primary')
    expect(text).toContain('Not suggested: Embedding teaching for mastery (primary) follows Teaching for Mastery Development (primary), so it is for a later year.')
    expect(text).not.toContain('is for secondary')
    expect(text).toContain('From the Maths Hubs 2021/22 projects catalogue. Matched to your words by rules.')
    const actions = buttons(res.json.blocks)
    expect(actions.map((b: any) => b.text.text)).toEqual(['Share to channel', 'Helpful', 'Not helpful'])
    questionId = actions[0].value
    const stored = await bot.db.selectFrom('catalogue_questions').selectAll().where('id', '=', questionId).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ outcome: 'answered', answered_by: 'rules', user_id: ASKER.id, project_ids: expect.arrayContaining(['primary-mastery-readiness']) })
  })

  it('records the asker’s "helpful" and says thanks in place', async () => {
    const [update] = await postsTo(await click('catalogue.helpful', questionId))
    expect(update.replace_original).toBe(true)
    expect(JSON.stringify(update.blocks)).toContain('Thanks: noted as helpful.')
    expect(await feedbackRows()).toEqual([expect.objectContaining({ question_id: questionId, user_id: ASKER.id, helpful: true })])
  })

  it('lets the asker change their mind, keeping one verdict', async () => {
    await postsTo(await click('catalogue.not-helpful', questionId))
    expect(await feedbackRows()).toEqual([expect.objectContaining({ helpful: false })])
  })

  it.each([
    ['another user in the same workspace', { id: 'U0OTHER', team: ASKER.team }],
    ['the same user id in another workspace', { id: ASKER.id, team: 'T0THER' }],
  ])('refuses feedback and sharing from %s', async (_who, user) => {
    const [refusal] = await postsTo(await click('catalogue.helpful', questionId, user))
    expect(refusal.text).toBe('Only the person who asked can rate this answer.')
    const [shareRefusal] = await postsTo(await click('catalogue.share-answer', questionId, user))
    expect(shareRefusal.text).toBe('Only the person who asked can share this answer.')
    expect(await feedbackRows()).toEqual([expect.objectContaining({ user_id: ASKER.id, helpful: false })])
  })

  it.each(['not-a-uuid', "'; drop table catalogue_questions; --", '00000000-0000-0000-0000-000000000000'])(
    'treats a forged button value (%s) as someone else’s answer',
    async (value) => {
      const [refusal] = await postsTo(await click('catalogue.share-answer', value))
      expect(refusal.text).toBe('Only the person who asked can share this answer.')
    },
  )

  it('shares exactly what the asker saw, saying who shared it, and removes the private copy', async () => {
    const [shared, removed] = await postsTo(await click('catalogue.share-answer', questionId), 2)
    expect(shared).toMatchObject({ response_type: 'in_channel', replace_original: false })
    const text = JSON.stringify(shared.blocks)
    expect(text).toContain('Mastery Readiness')
    expect(text).toContain(`Shared by <@${ASKER.id}>`)
    expect(buttons(shared.blocks)).toHaveLength(0)
    expect(removed).toEqual({ delete_original: true })
  })

  it('says plainly when nothing fits, points to the local hub, and keeps the question for hub staff', async () => {
    const res = await ask('any phonics training for our reception staff?')
    const text = JSON.stringify(res.json.blocks)
    expect(text).toContain('Nothing in the catalogue fits')
    expect(text).toContain('there is nothing for phonics')
    expect(text).toContain('ncetm.org.uk/mathshubs')

    // Only hub administrators see the list.
    const refused = await ask('unanswered', { user_id: 'U0NOTADMIN' })
    expect(JSON.stringify(refused.json)).toContain('Only a hub administrator can see the unanswered questions.')
    const list = await ask('unanswered')
    const listed = JSON.stringify(list.json.blocks)
    expect(listed).toContain('“any phonics training for our reception staff?”')
    expect(listed).toContain('another subject')
    expect(listed).toContain('primary new to mastery') // marked not helpful above
    expect(listed).not.toContain(ASKER.id)
    expect(listed).not.toContain('Steve')
  })
})

describe('on Teams', () => {
  it('answers a question in a 1:1 chat with feedback buttons, and a click updates the card', async () => {
    const activity = { ...personalMessage, id: `q-teams-${++n}`, text: 'I’m a TA in a primary school', serviceUrl: `${bot.connector.url}/` }
    await postActivity(bot.url, activity)
    const card = cardOf(bot.connector.calls().find((c) => c.activityId === activity.id)!.body)
    expect(cardTexts(card).join('\n')).toContain('Primary teaching assistants')
    const actions = cardActions(card)
    // Already private in a 1:1 chat: nothing to share.
    expect(actions.map((a) => a.title)).toEqual(['Helpful', 'Not helpful'])

    const invoke = {
      ...adaptiveCardActionInvoke,
      id: `q-teams-click-${n}`,
      serviceUrl: `${bot.connector.url}/`,
      value: { action: { type: 'Action.Execute', verb: actions[0].verb, data: actions[0].data }, trigger: 'manual' },
    }
    const res = await postActivity(bot.url, invoke)
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive')
    expect(cardTexts(res.body.value).join('\n')).toContain('Thanks: noted as helpful.')
  })
})
