// Files sent to the bot go to the features that register a file handler, in the order the
// features are listed: the first that does not pass takes them, each file is downloaded once
// however many handlers read it, and a file nobody takes gets one sentence.
import { expect, it } from 'vitest'
import { createBot, type Feature } from '../../src/core/bot.js'
import type { MessageEvent, SharedFile } from '../../src/core/events.js'
import { silentLogger } from '../../src/core/logger.js'
import type { Message } from '../../src/core/messages.js'
import type { EventLedger } from '../../src/core/processed-events.js'
import type { Reply } from '../../src/core/reply.js'

const ledger: EventLedger = { claim: async () => true, finish: async () => {}, once: async () => true, release: async () => {} }
function reply(): Reply & { texts: string[] } {
  const texts: string[] = []
  return { commandPrefix: 'workgroups', texts, send: async (m: Message) => void texts.push(m.text) }
}
let downloads = 0
const file: SharedFile = { name: 'a.csv', read: async () => (downloads++, Buffer.from('school_year,id')) }
const message = (kind: 'direct' | 'channel'): MessageEvent => ({
  kind: 'message',
  id: `m-${kind}-${Math.random()}`,
  redeliverable: false,
  text: '',
  files: [file],
  actor: { platform: 'slack', workspaceId: 'T', userId: 'U' },
  place: { conversationId: 'C', kind },
})

it('asks each feature in turn; the first that does not pass takes the file, read once', async () => {
  const took: string[] = []
  const catalogue: Feature = {
    name: 'narrow',
    files: async (event, ctx) => {
      await event.files[0]!.read(1000)
      if (event.place.kind !== 'direct') return 'pass'
      took.push('narrow')
      await ctx.reply.send({ text: 'narrow', blocks: [] })
    },
  }
  const rest: Feature = {
    name: 'rest',
    files: async (event) => {
      await event.files[0]!.read(1000)
      took.push('rest')
    },
  }
  const bot = createBot({ features: [catalogue, rest, { name: 'text', commands: { '': async () => {} } }], events: ledger, log: silentLogger() })
  downloads = 0
  await bot.handle(message('direct'), reply())
  await bot.handle(message('channel'), reply())
  expect(took).toEqual(['narrow', 'rest'])
  // Two messages, one download each, although the second was read by both handlers.
  expect(downloads).toBe(2)
})

it('says so when no feature takes the file', async () => {
  const bot = createBot({ features: [{ name: 'never', files: async () => 'pass' }, { name: 'text', commands: { '': async () => {} } }], events: ledger, log: silentLogger() })
  const r = reply()
  await bot.handle(message('direct'), r)
  expect(r.texts).toEqual(['I don’t know what to do with that file here. Type “help” to see what I can do.'])
})
