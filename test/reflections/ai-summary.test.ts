// The optional AI summary against a local OpenAI-compatible stub: the model sees words only,
// and what it writes is shown only if it is timely, plain, short and names no one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  checkSummary,
  createOpenAiSummariser,
  namesSomeone,
  type ReflectionSummariser,
  summariseWithin,
  summaryInputFor,
} from '../../src/features/reflections/ai-summary.js'
import { collateReflections } from '../../src/domain/collate-reflections.js'
import type { Reflection, Visibility } from '../../src/domain/reflections.js'
import { type OpenAiStub, startOpenAiStub } from '../support/openai-stub.js'

let stub: OpenAiStub
let summariser: ReflectionSummariser

beforeAll(async () => {
  stub = await startOpenAiStub()
  summariser = createOpenAiSummariser({ apiKey: 'sk-test', baseURL: stub.baseURL, model: 'stub-model', timeoutMs: 10_000 })
})
afterAll(async () => {
  await stub?.close()
})

const reflection = (userId: string, visibility: Visibility, tryInClass: string, noticed?: string): Reflection => ({
  sessionId: 's1',
  version: 1,
  workGroupId: 'g1',
  userId,
  rating: 4,
  tryInClass,
  ...(noticed ? { noticed } : {}),
  visibility,
  submittedAt: new Date('2026-11-04T18:00:00Z'),
  updatedAt: new Date('2026-11-04T18:00:00Z'),
})

const names = new Map([
  ['U_PRIYA', 'Priya Shah'],
  ['U_WILL', 'Will Turner'],
  ['U_PRIVATE', 'Sam Secret'],
])
const everyone = [...names.values()]
const collated = collateReflections({
  reflections: [
    reflection('U_PRIYA', 'lead', 'Bar models for fractions', 'They talked more'),
    reflection('U_WILL', 'lead', 'Stem sentences', 'Reasoning improved'),
    reflection('U_PRIVATE', 'me', 'Something private'),
  ],
  names,
  expected: 3,
})
const input = summaryInputFor(collated, 'Mastery Readiness')
const GOOD = 'Most teachers will try bar models and stem sentences. They noticed pupils talked and reasoned more.'

describe('summariseWithin, with a model at a local stub', () => {
  it('returns a good summary, having sent the answers’ words and no names or user ids', async () => {
    stub.reply({ content: GOOD })
    const summary = await summariseWithin(summariser, input, { budgetMs: 2_000, forbiddenNames: everyone })
    expect(summary).toEqual({ kind: 'ai', text: GOOD })

    const request = stub.completions().at(-1)!
    expect(request.headers.authorization).toBe('Bearer sk-test')
    expect(request.body.model).toBe('stub-model')
    expect(request.body.messages[0].role).toBe('system')
    expect(request.body.messages[0].content).toMatch(/3 to 5 plain sentences of British English/)
    expect(request.body.messages[0].content).toMatch(/Never name/)
    const sent = JSON.parse(request.body.messages.at(-1).content)
    expect(sent).toEqual({
      project: 'Mastery Readiness',
      answers: [
        { try_in_class: 'Bar models for fractions', noticed: 'They talked more' },
        { try_in_class: 'Stem sentences', noticed: 'Reasoning improved' },
      ],
    })
    const wire = JSON.stringify(request.body)
    for (const secret of ['U_PRIYA', 'U_WILL', 'Priya', 'Turner', 'Something private', 'U_PRIVATE']) expect(wire).not.toContain(secret)
  })

  it('sends only the words even when handed objects that carry ids and names, and takes names out of the answers', async () => {
    stub.reply({ content: GOOD })
    const smuggled = {
      projectTitle: 'Mastery Readiness',
      answers: [
        { userId: 'U_PRIYA', name: 'Priya Shah', tryInClass: 'Pair work, as Priya Shah suggested', noticed: 'Will Turner and priya both saw it' },
        { userId: 'U_X', tryInClass: '   ', noticed: '' },
      ],
    }
    await summariseWithin(summariser, smuggled, { budgetMs: 2_000, forbiddenNames: everyone })
    const sent = JSON.parse(stub.completions().at(-1)!.body.messages.at(-1).content)
    expect(sent.answers).toEqual([{ try_in_class: 'Pair work, as a colleague suggested', noticed: 'a colleague and a colleague both saw it' }])
    expect(JSON.stringify(sent)).not.toMatch(/U_PRIYA|U_X|Priya|Shah|Turner/i)
  })

  it('strips links, markup and @-mentions from the reply', async () => {
    stub.reply({ content: '## Summary\n**Most** teachers will try [bar models](https://example.com/x) and _stem sentences_. See https://evil.example @channel' })
    const summary = await summariseWithin(summariser, input, { budgetMs: 2_000, forbiddenNames: everyone })
    expect(summary).toEqual({ kind: 'ai', text: 'Summary Most teachers will try bar models and stem sentences. See channel' })
  })

  it.each([
    ['a full name', 'Priya Shah will try bar models; others will try stem sentences.'],
    ['a first name, in any case', 'PRIYA noticed more talk. Others will try stem sentences.'],
    ['a surname with a possessive', 'Turner’s pupils reasoned more.'],
    ['a name that is also a word, capitalised mid-sentence', 'As Will said, pupils talked more.'],
  ])('rejects a reply naming a participant (%s)', async (_case, content) => {
    stub.reply({ content })
    const summary = await summariseWithin(summariser, input, { budgetMs: 2_000, forbiddenNames: everyone })
    expect(summary).toEqual({ kind: 'unavailable', reason: 'the AI summary mentioned a participant, so it is not shown', attempted: true })
  })

  it('is unavailable, without retrying, when the model fails with a 500', async () => {
    stub.reply({ status: 500, error: 'upstream exploded' })
    const before = stub.completions().length
    const summary = await summariseWithin(summariser, input, { budgetMs: 2_000, forbiddenNames: everyone })
    expect(summary).toEqual({ kind: 'unavailable', reason: 'the AI model was unavailable', attempted: true })
    expect(stub.completions()).toHaveLength(before + 1)
  })

  it('gives up when the model is slower than the budget, within about the budget', async () => {
    stub.reply({ content: GOOD, delayMs: 5_000 })
    const started = performance.now()
    const summary = await summariseWithin(summariser, input, { budgetMs: 300, forbiddenNames: everyone })
    const elapsed = performance.now() - started
    expect(summary).toEqual({ kind: 'unavailable', reason: 'the AI model took too long', attempted: true })
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(1_000)
  })

  it('rejects an empty reply and one too long to be a short summary', async () => {
    stub.reply({ content: '  ** ' })
    expect(await summariseWithin(summariser, input, { budgetMs: 2_000, forbiddenNames: everyone })).toEqual({
      kind: 'unavailable',
      reason: 'the AI model returned no summary',
      attempted: true,
    })
    stub.reply({ content: 'Teachers will try bar models. '.repeat(50) })
    expect(await summariseWithin(summariser, input, { budgetMs: 2_000, forbiddenNames: everyone })).toEqual({
      kind: 'unavailable',
      reason: 'the AI summary was too long',
      attempted: true,
    })
  })
})

describe('summariseWithin, without a model or answers', () => {
  it('is unavailable, and not marked as a failure, when no model is configured', async () => {
    expect(await summariseWithin(undefined, input, { forbiddenNames: everyone })).toEqual({ kind: 'unavailable', reason: 'no AI model is configured' })
  })

  it('does not call the model when there are no answers with words', async () => {
    const before = stub.completions().length
    const empty = { projectTitle: 'Mastery Readiness', answers: [{}, { tryInClass: ' ', noticed: '' }] }
    expect(await summariseWithin(summariser, empty, { forbiddenNames: everyone })).toEqual({ kind: 'unavailable', reason: 'there are no answers to summarise' })
    expect(stub.completions()).toHaveLength(before)
  })

  it('never throws, even for a summariser that throws at once or ignores its signal', async () => {
    const throwing: ReflectionSummariser = {
      summarise: () => {
        throw new Error('boom')
      },
    }
    expect(await summariseWithin(throwing, input, { forbiddenNames: [] })).toEqual({ kind: 'unavailable', reason: 'the AI model was unavailable', attempted: true })

    const deaf: ReflectionSummariser = { summarise: () => new Promise((resolve) => setTimeout(() => resolve(GOOD), 3_000)) }
    const started = performance.now()
    expect(await summariseWithin(deaf, input, { budgetMs: 200, forbiddenNames: [] })).toMatchObject({ kind: 'unavailable', reason: 'the AI model took too long' })
    expect(performance.now() - started).toBeLessThan(800)
  })

  it('passes an abort signal that fires when the budget runs out', async () => {
    let seen: AbortSignal | undefined
    const watching: ReflectionSummariser = {
      summarise: (_input, signal) => {
        seen = signal
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))
      },
    }
    await summariseWithin(watching, input, { budgetMs: 100, forbiddenNames: [] })
    expect(seen?.aborted).toBe(true)
  })
})

describe('namesSomeone and checkSummary', () => {
  it('matches whole words only, and everyday words only when written as a name', () => {
    expect(namesSomeone('Teachers will try it and mark it.', ['Will Mark'])).toBe(false)
    expect(namesSomeone('Will they try it? Most will.', ['Will Mark'])).toBe(false)
    expect(namesSomeone('Ideas from Will were popular.', ['Will Mark'])).toBe(true)
    expect(namesSomeone('Pupils in Annabel’s school', ['Anna Lee'])).toBe(false)
    expect(namesSomeone('As zoë noticed', ['Zoë Brown'])).toBe(true)
    expect(namesSomeone('As Zoe noticed', ['Zoë Brown'])).toBe(false)
  })

  it('checks the reply as shown and as sent, so a name hidden in a link still counts', () => {
    expect(checkSummary('See [this](https://x.example/priya)', ['Priya Shah'])).toMatchObject({ kind: 'unavailable' })
    expect(checkSummary({ not: 'text' }, [])).toMatchObject({ kind: 'unavailable', reason: 'the AI model returned no summary' })
  })
})
