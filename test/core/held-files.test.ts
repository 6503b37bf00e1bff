// The held-files store against a real database: a file is handed over once, only to the person
// it was held for, never after it lapses, and lapsed offers are erased by housekeeping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HOLD_MINUTES, holdFile, purgeExpiredHeldFiles, takeHeldFile } from '../../src/core/held-files.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

const NOW = new Date('2026-12-03T10:00:00Z')
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000)
const owner = { platform: 'teams' as const, workspaceId: 'tenant-a', userId: 'user-1' }
const file = { name: 'my-data.csv', mimeType: 'text/csv', content: Buffer.from([0x61, 0x2c, 0x62, 0x0d, 0x0a, 0xff, 0x00]) }

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database?.close()
})

describe('held files', () => {
  it('hands the bytes over once, to their owner only', async () => {
    const id = await holdFile(database.db, owner, file, NOW)
    expect(await takeHeldFile(database.db, id, { ...owner, userId: 'user-2' }, NOW)).toEqual({ kind: 'not_yours' })
    // From another workspace it is as if there were no such file (and it stays for its owner).
    expect(await takeHeldFile(database.db, id, { ...owner, workspaceId: 'tenant-b' }, NOW)).toEqual({ kind: 'gone' })
    expect(await takeHeldFile(database.db, id, { ...owner, platform: 'slack' }, NOW)).toEqual({ kind: 'gone' })
    const taken = await takeHeldFile(database.db, id, owner, later(1))
    expect(taken.kind).toBe('taken')
    if (taken.kind !== 'taken') return
    expect(taken.file.name).toBe('my-data.csv')
    expect(taken.file.mimeType).toBe('text/csv')
    expect(Buffer.isBuffer(taken.file.content)).toBe(true)
    expect(taken.file.content.equals(file.content)).toBe(true)
    expect(await takeHeldFile(database.db, id, owner, later(2))).toEqual({ kind: 'gone' })
  })

  it('lets two accepts at once get the file only once', async () => {
    const id = await holdFile(database.db, owner, file, NOW)
    const results = await Promise.all([takeHeldFile(database.db, id, owner, NOW), takeHeldFile(database.db, id, owner, NOW)])
    expect(results.map((r) => r.kind).sort()).toEqual(['gone', 'taken'])
  })

  it('treats a lapsed offer, or an id that is not ours, as gone', async () => {
    const id = await holdFile(database.db, owner, file, NOW)
    expect(await takeHeldFile(database.db, id, { ...owner, userId: 'user-2' }, later(HOLD_MINUTES))).toEqual({ kind: 'gone' })
    expect(await takeHeldFile(database.db, id, owner, later(HOLD_MINUTES))).toEqual({ kind: 'gone' })
    expect(await takeHeldFile(database.db, 'x; drop table held_files', owner, NOW)).toEqual({ kind: 'gone' })
  })

  it('erases offers past their time and keeps the rest', async () => {
    await database.db.deleteFrom('held_files').execute()
    const old = await holdFile(database.db, owner, file, NOW)
    const fresh = await holdFile(database.db, owner, file, later(20))
    expect(await purgeExpiredHeldFiles(database.db, later(HOLD_MINUTES + 1))).toBe(1)
    const left = await database.db.selectFrom('held_files').select('id').execute()
    expect(left.map((r) => r.id)).toEqual([fresh])
    expect(left.map((r) => r.id)).not.toContain(old)
  })
})
