// Issue 13, on the wire: what people type reaches others as typed, never as a ping, a
// mention or a disguised link. Signed Slack requests and Bot Framework activities go through
// the real receivers; what the bot sends back (the HTTP answer, the response_url post, the
// outbox's chat.postMessage, the Teams card) is read as each platform would read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { blockActionsPayload, slashCommandFields } from '../fixtures/slack-payloads.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { cardOf } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { dmChannelOf, interaction, postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const BAIT = '[Claim your bursary](https://evil.example/phish) [x](mention:U1%3E%20%3C!channel) <!channel> <!here> <@U0VICTIM> <https://evil.example|Click> <at>Everyone</at>'
const QUESTION = `secondary fractions ${BAIT}`
const clock = createFakeClock('2026-11-02T09:00:00Z')
let bot: TestBot
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
})
afterAll(async () => {
  await bot?.stop()
})

/** The parts of a Slack body Slack reads markup in: `text` and every mrkdwn object. */
function slackMarkup(body: unknown): string {
  const found: string[] = []
  JSON.stringify(body, (key, v) => {
    if (key === 'text' && typeof v === 'string') found.push(v)
    if (v && typeof v === 'object' && v.type === 'mrkdwn') found.push(v.text)
    return v
  })
  return found.join('\n')
}

function expectNoSlackBait(body: unknown, resolved: string[]) {
  const markup = slackMarkup(body)
  expect(markup).not.toMatch(/<!(channel|here|everyone)/)
  expect(markup).not.toMatch(/<https?:\/\/evil\.example/)
  for (const [, id] of markup.matchAll(/<@([^>|]*)/g)) expect(resolved).toContain(id)
}

function expectNoTeamsBait(activity: any) {
  const raw = JSON.stringify(activity)
  expect(raw).not.toMatch(/\]\(https?:\/\/evil\.example/)
  expect(raw).not.toMatch(/(?<!\\)<at>/)
  // Only the bot's own mentions become entities; none came from the text.
  const entities = [...(activity.entities ?? []), ...(cardOf(activity)?.msteams?.entities ?? [])].filter((e: any) => e.type === 'mention')
  expect(entities).toEqual([])
}

describe('on Slack', () => {
  const user = { id: slashCommandFields.user_id, team: slashCommandFields.team_id }

  it('a catalogue answer quotes the question as typed, and sharing it to the channel pings no one', async () => {
    const res = await postToSlackEndpoint(bot.url, slashCommand({ ...slashCommandFields, command: '/workgroups', text: QUESTION, trigger_id: `bait.${++n}` }))
    expect(res.status).toBe(200)
    expectNoSlackBait(res.json, [])
    const shown = JSON.stringify(res.json).replace(/\\u200b|\u200b/g, '')
    expect(shown).toContain('Claim your bursary')

    const share = res.json.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements).find((e: any) => e.action_id === 'catalogue.share-answer')
    expect(share).toBeDefined()
    const path = `bait-share-${++n}`
    await postToSlackEndpoint(
      bot.url,
      interaction({
        ...blockActionsPayload,
        trigger_id: `bait.click.${n}`,
        team: { id: user.team, domain: 'example' },
        user: { id: user.id, username: 'someone', name: 'someone', team_id: user.team },
        channel: { id: slashCommandFields.channel_id, name: 'test' },
        response_url: bot.slackApi.responseUrl(path),
        actions: [{ ...blockActionsPayload.actions[0], action_id: 'catalogue.share-answer', value: share.value }],
      }),
    )
    const shared = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/${path}`) && r.body.response_type === 'in_channel')?.body)
    // The sharer is named by the id Slack gave the bot, and nobody else.
    expectNoSlackBait(shared, [user.id])
    expect(slackMarkup(shared)).toContain(`<@${user.id}>`)
  })

  it('a session title and place typed into the Lead’s form reach every participant’s reminder as text', async () => {
    const slack = slackWorkspace(bot, 'T0BAIT', 'C0BAIT')
    bot.slackApi.setMembers('C0BAIT', ['U0BAITLEAD', 'U0BAITANNA'])
    await slack.slash('setup', 'U0BAITLEAD')
    // A hub name is at most 80 characters: the worst of the bait that fits.
    const setup = await slack.submit(slack.lastView(), 'U0BAITLEAD', { project: { select: 'secondary-tfm-development' }, hub: { text: 'Hub <!channel> [Claim](https://evil.example/p) <@U0VICTIM>' }, year: { select: '2026/27' } })
    expect(setup.body).toBe('')
    await slack.slash('add session', 'U0BAITLEAD')
    const added = await slack.submit(slack.lastView(), 'U0BAITLEAD', { title: { text: 'Session [Claim your bursary](https://evil.example/phish) <!channel> <@U0VICTIM> <at>All</at>' }, date: { date: '2026-11-16' }, start: { time: '16:00' }, end: { time: '17:00' }, place: { text: `Room ${BAIT}` }, prepare: { text: `Read ${BAIT}` } })
    expect(added.body).toBe('')
    clock.set('2026-11-09T16:00:00Z')
    await bot.jobs.tick()
    await bot.jobs.deliver()
    const reminder = bot.slackApi.posted(dmChannelOf('U0BAITANNA')).find((m) => String(m.metadata?.event_payload.key).startsWith('reminder:'))
    expect(reminder).toBeDefined()
    expectNoSlackBait(reminder, [])
    expect(JSON.stringify(reminder!.blocks)).toContain('Claim your bursary')
  })
})

describe('on Teams', () => {
  it('a question in a 1:1 chat is quoted back with no link, no tag and no mention from its text', async () => {
    const activity = { ...personalMessage, id: `bait-teams-${++n}`, text: QUESTION, serviceUrl: `${bot.connector.url}/` }
    const res = await postActivity(bot.url, activity)
    expect(res.status).toBeLessThan(300)
    const reply = await eventually(() => bot.connector.calls().find((c) => c.activityId === activity.id)?.body)
    expectNoTeamsBait(reply)
    expect(JSON.stringify(reply)).toContain('Claim your bursary')
  })
})
