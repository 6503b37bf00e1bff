// The catalogue the bot answers from is cached, and a newly imported year replaces it once the
// cache expires (an import by another process against a shared Postgres server).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCatalogueFeature } from '../../src/features/catalogue/catalogue-feature.js'
import { replaceCatalogueYear } from '../../src/domain/catalogue-store.js'
import { createCurrentCatalogue } from '../../src/domain/current-catalogue.js'
import { importBundledCataloguesIfEmpty } from '../../src/features/catalogue/import-catalogue.js'
import type { Message } from '../../src/core/messages.js'
import { silentLogger } from '../../src/core/logger.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
  await importBundledCataloguesIfEmpty(database.db)
})
afterAll(async () => {
  await database?.close()
})

it('serves one load to concurrent readers, and the new year after expiry', async () => {
  let clock = 0
  const current = createCurrentCatalogue(database.db, { maxAgeMs: 60_000, now: () => clock })
  const [a, b] = await Promise.all([current.get(), current.get()])
  expect(a).toBe(b)
  expect(a?.schoolYear).toBe('2021/22')

  await replaceCatalogueYear(
    database.db,
    {
      schoolYear: '2022/23',
      projects: [{ id: 'p', title: 'Next year’s project', phases: ['secondary'], audience: ['teachers'], entryPoint: 'Anyone', format: 'work group', isNew: true, summary: 'New.', keywords: [] }],
    },
    'test',
  )
  clock = 59_000
  expect((await current.get())?.schoolYear).toBe('2021/22')
  clock = 61_000
  expect((await current.get())?.schoolYear).toBe('2022/23')

  // The feature's remembered answers follow the catalogue they were built from.
  const feature = createCatalogueFeature({ catalogue: current, db: database.db, log: silentLogger(), isAdmin: async () => false })
  const sent: Message[] = []
  const ctx = {
    reply: { commandPrefix: '/workgroups', send: async (m: Message) => void sent.push(m), sendPrivate: async (m: Message) => void sent.push(m) },
    log: silentLogger(),
    hint: (a: string) => `/workgroups ${a}`,
  }
  const event = { kind: 'command' as const, id: 'x', redeliverable: false, text: 'secondary', actor: { platform: 'slack' as const, workspaceId: 'T', userId: 'U' }, place: { conversationId: 'C', kind: 'channel' as const } }
  await feature.commands!['']!(event, 'secondary', ctx)
  await feature.commands!['']!(event, 'secondary', ctx)
  expect(sent[0]).toBe(sent[1])
  expect(JSON.stringify(sent[0])).toContain('Next year’s project')
  expect(JSON.stringify(sent[0])).toContain('2022/23')
})

it('reload (after an import in chat) shows the new catalogue at once, before the cache would expire', async () => {
  const current = createCurrentCatalogue(database.db, { maxAgeMs: 60_000, now: () => 0 })
  const before = await current.get()
  await replaceCatalogueYear(
    database.db,
    {
      schoolYear: '2023/24',
      projects: [{ id: 'q', title: 'Imported in chat', phases: ['primary'], audience: ['teachers'], entryPoint: 'Anyone', format: 'work group', isNew: true, summary: 'New.', keywords: [] }],
    },
    'test',
  )
  expect((await current.get())).toBe(before)
  expect((await current.reload())?.schoolYear).toBe('2023/24')
  expect((await current.get())?.schoolYear).toBe('2023/24')
})
