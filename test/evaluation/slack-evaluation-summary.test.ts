// The hub's evaluation with a model configured, through the real Bolt receiver and an
// OpenAI-compatible endpoint on localhost: the summary is written from the answers an
// administrator may read only, shown as text, and dropped when it names a participant.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { type OpenAiStub, startOpenAiStub } from '../support/openai-stub.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { HELD_ANON, SECRET_ME, seedEvaluation } from './evaluation-fixture.js'

const TEAM = 'T0001'
const ADMIN = 'U0ADMIN'
const clock = createFakeClock('2026-12-10T09:00:00Z')
let bot: TestBot
let ai: OpenAiStub

beforeAll(async () => {
  ai = await startOpenAiStub()
  bot = await startTestBot({ clock, env: { HUB_ADMINS: ADMIN, OPENAI_BASE_URL: ai.baseURL, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'stub-model' } })
  await seedEvaluation(bot.db, { platform: 'slack', workspaceId: TEAM, otherWorkspaceId: 'T0002', id: (key) => `U0${key.toUpperCase()}`, channel: (key) => `C0${key.toUpperCase()}` })
})
afterAll(async () => {
  await Promise.all([bot?.stop(), ai?.close()])
})

const evaluation = async () => JSON.stringify((await slackWorkspace(bot, TEAM, 'C0A1').slash('evaluation mastery readiness', ADMIN)).json)

it('a summary from the readable answers only, shown as written by a model', async () => {
  ai.reply({ content: 'Most teachers will try bar models for fractions and notice more reasoning.' })
  const shown = await evaluation()
  expect(shown).toContain('Summary (written by an AI model from the readable answers):* Most teachers will try bar models for fractions and notice more reasoning.')
  const asked = JSON.stringify(ai.completions().at(-1))
  expect(asked).toContain('Bar models for fractions')
  for (const hidden of [SECRET_ME, HELD_ANON]) expect(asked).not.toContain(hidden)
})

it('a summary that names a participant is not shown; the themes stand alone', async () => {
  const named = (await bot.db.selectFrom('participants').select('name').where('workspace_id', '=', TEAM).where('name', 'is not', null).executeTakeFirstOrThrow()).name!
  ai.reply({ content: `${named} will try bar models.` })
  const shown = await evaluation()
  expect(shown).not.toContain('Summary (written by an AI model')
  expect(shown).not.toContain(named)
  expect(shown).toContain('Themes:')
})
