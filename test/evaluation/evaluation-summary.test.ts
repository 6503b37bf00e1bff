// The optional model summary of the evaluation (not yet wired in main.ts): the feature hands
// the summariser only answers an administrator may read (never 'me' ones, held-back anonymous
// ones or a small group's session's), shows what it wrote as user text, and a summariser that
// fails leaves the figures and themes standing.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { HandlerContext } from '../../src/core/bot.js'
import { createFakeClock } from '../../src/core/clock.js'
import type { CommandEvent } from '../../src/core/events.js'
import { silentLogger } from '../../src/core/logger.js'
import type { Message } from '../../src/core/messages.js'
import type { Db } from '../../src/db/database.js'
import { workspaceGuard } from '../../src/db/workspace-guard.js'
import { createEvaluationFeature, type EvaluationSummaryInput } from '../../src/features/evaluation/evaluation-feature.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'
import { HELD_ANON, OTHER_WORKSPACE_TEXT, SECRET_ME, seedEvaluation } from './evaluation-fixture.js'

const ADMIN = 'U0ADMIN'
let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await createTestDatabase()
  db = database.db.withPlugin(workspaceGuard())
  await seedEvaluation(database.db, { platform: 'slack', workspaceId: 'T0001', otherWorkspaceId: 'T0002', id: (key) => `U0${key.toUpperCase()}`, channel: (key) => `C0${key.toUpperCase()}` })
})
afterAll(async () => {
  await database?.close()
})

async function ask(summarise: (input: EvaluationSummaryInput) => Promise<string | undefined>): Promise<Message> {
  const feature = createEvaluationFeature({ db, clock: createFakeClock('2026-12-10T09:00:00Z'), zone: 'Europe/London', log: silentLogger(), isAdmin: async (actor) => actor.userId === ADMIN, summarise })
  let said: Message | undefined
  const ctx: HandlerContext = { reply: { commandPrefix: '/workgroups', send: async (m) => void (said = m) }, log: silentLogger(), hint: (a) => `/workgroups ${a}` }
  const event: CommandEvent = { kind: 'command', id: 'e1', redeliverable: false, actor: { platform: 'slack', workspaceId: 'T0001', userId: ADMIN }, place: { conversationId: 'D0ADMIN', kind: 'direct' }, text: 'evaluation' }
  await feature.commands!.evaluation!(event, '', ctx)
  return said!
}

it('gives the model only readable answers and shows its summary as text, never markup', async () => {
  const given: string[][] = []
  const names: string[][] = []
  const shown = await ask(async (input) => {
    given.push(input.texts)
    names.push(input.forbiddenNames)
    return 'Most will try **bar models** [here](https://evil.example).'
  })
  const all = given.flat().join('\n')
  expect(all).toContain('Bar models for fractions')
  expect(all).toContain('Number talks every morning')
  for (const hidden of [SECRET_ME, HELD_ANON, 'Small group words', 'Stem sentences', OTHER_WORKSPACE_TEXT]) expect(all).not.toContain(hidden)
  // With every participant's name, so a summary naming one is not shown.
  expect(names.flat().length).toBeGreaterThan(0)
  const summary = shown.blocks.find((b) => b.type === 'text' && b.text.startsWith('**Summary'))
  expect(summary && 'text' in summary ? summary.text : '').toBe('**Summary (written by an AI model from the readable answers):** Most will try \\*\\*bar models\\*\\* \\[here\\]\\(https://evil.example\\).')
})

it('a failing model leaves the figures and themes standing', async () => {
  const shown = await ask(async () => {
    throw new Error('model down')
  })
  const texts = shown.blocks.map((b) => ('text' in b ? b.text : '')).join('\n')
  expect(texts).toContain('**Themes:** bar models (5), fractions (5)')
  expect(texts).not.toContain('Summary')
})
