// What the core promises when things fail: an event that was acknowledged is answered (the
// apology when the store is down), a failed event's retry runs again, a repeat of a handled
// one has no effect, and one person flooding commands is slowed with one sentence.
import { expect, it } from 'vitest'
import { ACTION_RUN_COMMAND, commandButton, createBot, type Feature } from '../../src/core/bot.js'
import type { ActionEvent, CommandEvent, MessageEvent } from '../../src/core/events.js'
import { silentLogger } from '../../src/core/logger.js'
import { type Message, textMessage } from '../../src/core/messages.js'
import type { EventLedger } from '../../src/core/processed-events.js'
import { createRateLimiter, RATE_LIMITED_SENTENCE } from '../../src/core/rate-limit.js'
import type { Reply } from '../../src/core/reply.js'

const APOLOGY = /something went wrong on our side/

function memoryLedger(): EventLedger & { down: boolean } {
  const state = new Map<string, 'claimed' | 'done'>()
  const ledger = {
    down: false,
    claim: async (key: string) => {
      if (ledger.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432')
      if (state.has(key)) return false
      state.set(key, 'claimed')
      return true
    },
    finish: async (key: string) => void state.set(key, 'done'),
    once: async (key: string) => {
      if (ledger.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432')
      if (state.has(key)) return false
      state.set(key, 'done')
      return true
    },
    release: async (key: string) => {
      if (state.get(key) === 'claimed') state.delete(key)
    },
  }
  return ledger
}

function recordingReply(): Reply & { texts: string[] } {
  const texts: string[] = []
  const text = (m: Message) => m.text
  return { commandPrefix: '/workgroups', texts, send: async (m) => void texts.push(text(m)), sendPrivate: async (m) => void texts.push(text(m)) }
}

/** A direct message, which Slack's Events API and Teams may deliver again. */
const message = (id: string, text = 'count'): MessageEvent => ({
  kind: 'message',
  id,
  redeliverable: true,
  actor: { platform: 'slack', workspaceId: 'T1', userId: 'U1' },
  place: { conversationId: 'D1', kind: 'direct' },
  text,
})

const command = (id: string, text = 'count', userId = 'U1'): CommandEvent => ({
  kind: 'command',
  id,
  redeliverable: true,
  actor: { platform: 'slack', workspaceId: 'T1', userId },
  place: { conversationId: 'C1', kind: 'channel' },
  text,
})

function counterFeature(): Feature & { runs: number; failNext: boolean } {
  const feature = {
    name: 'counter',
    runs: 0,
    failNext: false,
    commands: {
      count: async (_e: unknown, _a: string, ctx: { reply: Reply }) => {
        if (feature.failNext) {
          feature.failNext = false
          throw new Error('relation "x" does not exist')
        }
        feature.runs += 1
        await ctx.reply.send(textMessage(`counted ${feature.runs}`))
      },
      '': async () => {},
    },
  }
  return feature as Feature & { runs: number; failNext: boolean }
}

it('answers with the apology when the ledger cannot be reached, instead of acknowledging and saying nothing', async () => {
  const events = memoryLedger()
  const feature = counterFeature()
  const bot = createBot({ features: [feature], events, log: silentLogger() })
  events.down = true
  const reply = recordingReply()
  await bot.handle(command('t.down'), reply)
  expect(feature.runs).toBe(0)
  expect(reply.texts).toHaveLength(1)
  expect(reply.texts[0]).toMatch(APOLOGY)
})

it('runs a retry of an event whose handling failed, and ignores a repeat of one that succeeded', async () => {
  const events = memoryLedger()
  const feature = counterFeature()
  const bot = createBot({ features: [feature], events, log: silentLogger() })
  feature.failNext = true
  const first = recordingReply()
  await bot.handle(message('Ev-retry'), first)
  expect(first.texts[0]).toMatch(APOLOGY)
  const retry = recordingReply()
  await bot.handle(message('Ev-retry'), retry)
  expect(retry.texts).toEqual(['counted 1'])
  const replay = recordingReply()
  await bot.handle(message('Ev-retry'), replay)
  expect(replay.texts).toEqual([])
  expect(feature.runs).toBe(1)
})

it('a replayed slash command (the same trigger id) has no second effect', async () => {
  const feature = counterFeature()
  const bot = createBot({ features: [feature], events: memoryLedger(), log: silentLogger() })
  const first = recordingReply()
  await bot.handle(command('trigger-1'), first)
  const replay = recordingReply()
  await bot.handle(command('trigger-1'), replay)
  expect(first.texts).toEqual(['counted 1'])
  expect(replay.texts).toEqual([])
  expect(feature.runs).toBe(1)
})

it('slows one person flooding commands with one sentence, and not anyone else', async () => {
  let now = 0
  const feature = counterFeature()
  const bot = createBot({ features: [feature], events: memoryLedger(), log: silentLogger(), rateLimiter: createRateLimiter({ limit: 3, now: () => now }) })
  const answers: string[] = []
  for (let i = 0; i < 5; i++) {
    const reply = recordingReply()
    await bot.handle(command(`t.flood.${i}`), reply)
    answers.push(...reply.texts)
  }
  expect(answers).toEqual(['counted 1', 'counted 2', 'counted 3', RATE_LIMITED_SENTENCE, RATE_LIMITED_SENTENCE])
  const other = recordingReply()
  await bot.handle(command('t.other', 'count', 'U2'), other)
  expect(other.texts).toEqual(['counted 4'])
  now += 61_000
  const later = recordingReply()
  await bot.handle(command('t.later'), later)
  expect(later.texts).toEqual(['counted 5'])
})

it('a command button counts against the same per-person limit as typing, and no feature can take its action id', async () => {
  const feature = counterFeature()
  const bot = createBot({ features: [feature], events: memoryLedger(), log: silentLogger(), rateLimiter: createRateLimiter({ limit: 2, now: () => 0 }) })
  const button = commandButton('Count', 'count')
  const click = (id: string): ActionEvent => ({ ...command(id), kind: 'action', actionId: button.id, value: button.value })
  const answers: string[] = []
  for (const id of ['click-1', 'click-2', 'click-3']) {
    const reply = recordingReply()
    await bot.handle(click(id), reply)
    answers.push(...reply.texts)
  }
  expect(answers).toEqual(['counted 1', 'counted 2', RATE_LIMITED_SENTENCE])
  expect(() => createBot({ features: [{ name: 'greedy', actions: { [ACTION_RUN_COMMAND]: async () => {} } }], events: memoryLedger(), log: silentLogger() })).toThrow(/router's own/)
})
