// Free-text answers with an OpenAI-compatible model configured, against a local stub: the
// model may rank and explain, but only catalogue projects survive, and whenever it fails,
// is slow or proposes nothing valid, the rules answer goes out, marked as such.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { slashCommandFields } from '../fixtures/slack-payloads.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { type OpenAiStub, ranking, startOpenAiStub } from '../support/openai-stub.js'
import { postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let stub: OpenAiStub
let bot: TestBot
let n = 0

beforeAll(async () => {
  stub = await startOpenAiStub()
  bot = await startTestBot({ env: { OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'stub-model' } })
})
afterAll(async () => {
  await bot?.stop()
  await stub?.close()
})
beforeEach(() => {
  n += 1
})

const QUESTION = 'We’re a primary new to mastery, where do we start?'
const ask = (text = QUESTION) =>
  postToSlackEndpoint(
    bot.url,
    slashCommand({ ...slashCommandFields, command: '/workgroups', text, trigger_id: `ai.${n}`, response_url: bot.slackApi.responseUrl(`ai-${n}`) }),
  )
const allText = (blocks: any[]) => JSON.stringify(blocks)

describe('with a model configured', () => {
  it('shows the model’s ranking and explanations, labelled, and asks for catalogue ids through structured output', async () => {
    stub.reply(
      ranking([
        { id: 'primary-tfm-development', title: 'Teaching for Mastery Development (primary)', why: 'It is one of the two ways in for a primary school new to mastery.' },
        { id: 'primary-mastery-readiness', title: 'Mastery Readiness (primary teaching for mastery)', why: 'It prepares a school to start.' },
      ]),
    )
    const res = await ask()
    expect(res.status).toBe(200)
    const text = allText(res.json.blocks)
    expect(text).toContain('_AI-written:_ It is one of the two ways in for a primary school new to mastery.')
    expect(text).toContain('Ranked and explained by an AI model, from catalogue entries only')
    // The model's order wins.
    expect(text.indexOf('Teaching for Mastery Development (primary)')).toBeLessThan(text.indexOf('Mastery Readiness'))

    const request = stub.completions().at(-1)!
    expect(request.headers.authorization).toBe('Bearer sk-test')
    expect(request.body.model).toBe('stub-model')
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } })
    const sent = JSON.parse(request.body.messages.at(-1).content)
    expect(sent.question).toBe(QUESTION)
    expect(sent.catalogue.map((p: any) => p.id)).toContain('primary-tfm-development')
  })

  it('drops a project the model invented, or gave the wrong title, and keeps the real ones', async () => {
    stub.reply(
      ranking([
        { id: 'maths-magic-club', title: 'Maths Magic Club', why: 'Great fun.' },
        { id: 'primary-tfm-embedding', title: 'Primary Mastery Masterclass', why: 'Wrong title for a real id.' },
        { id: 'sktm-primary-tas', title: 'Specialist Knowledge for Teaching Mathematics: Primary teaching assistants', why: 'For TAs.' },
      ]),
    )
    const res = await ask('I’m a TA in a primary school')
    const text = allText(res.json.blocks)
    expect(text).not.toContain('Maths Magic Club')
    expect(text).not.toContain('Masterclass')
    expect(text).not.toContain('Embedding teaching for mastery')
    expect(text).toContain('Primary teaching assistants')
    expect(text).toContain('_AI-written:_ For TAs.')
  })

  it.each([
    ['invents every project', ranking([{ id: 'nope', title: 'Nope', why: 'x' }]), 'the AI assistant proposed nothing from the catalogue'],
    ['returns text that is not JSON', { content: 'Sure! I recommend Teaching for Mastery {' }, 'the AI assistant proposed nothing from the catalogue'],
    ['returns JSON of the wrong shape', { content: JSON.stringify({ answer: 'primary-tfm-development' }) }, 'the AI assistant proposed nothing from the catalogue'],
    ['fails with a 500', { status: 500, error: 'upstream exploded' }, 'the AI assistant was unavailable'],
  ])('when the model %s, the rules answer goes out, marked', async (_case, reply, note) => {
    stub.reply(reply)
    const res = await ask()
    expect(res.status).toBe(200)
    const text = allText(res.json.blocks)
    expect(text).toContain(`Matched to your words by rules (${note})`)
    expect(text).not.toContain('AI-written')
    expect(text).toContain('Mastery Readiness')
    expect(text).toContain('Teaching for Mastery Development (primary)')
  })

  it('when the model is slow, Slack is still acknowledged within 3 s and the rules answer follows through response_url', async () => {
    stub.reply({ ...ranking([{ id: 'primary-tfm-development', title: 'Teaching for Mastery Development (primary)', why: 'Late.' }]), delayMs: 10_000 })
    const started = Date.now()
    const res = await ask()
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(res.body).toBe('')
    const answer = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/ai-${n}`))?.body, 6_000)
    expect(answer.response_type).toBe('ephemeral')
    expect(allText(answer.blocks)).toContain('Matched to your words by rules (the AI assistant took too long)')
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  it('leaves questions the rules know are out of scope alone: no model call', async () => {
    const before = stub.completions().length
    const res = await ask('We’re a school in Cardiff, can we join?')
    expect(allText(res.json.blocks)).toContain('Maths Hubs work with schools in England')
    expect(stub.completions()).toHaveLength(before)
  })

  it('works the same on Teams', async () => {
    stub.reply(ranking([{ id: 'years-5-8-continuity', title: 'Years 5 to 8 Continuity', why: 'It brings Year 6 and Year 7 teachers together.' }]))
    const activity = { ...personalMessage, id: `ai-teams-${n}`, text: 'help with transition from year 6 to 7', serviceUrl: `${bot.connector.url}/` }
    await postActivity(bot.url, activity)
    const reply = bot.connector.calls().find((c) => c.activityId === activity.id)!
    const text = cardTexts(cardOf(reply.body)).join('\n')
    expect(text).toContain('_AI-written:_ It brings Year 6 and Year 7 teachers together.')
    expect(text).toContain('Years 5 to 8 Continuity')
  })
})
