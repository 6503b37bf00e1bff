// A new DATA_DIR is unpacked from the shipped template by Node before PGlite starts, so a
// first start is a restart; an unpacking cut short is done again at the next start.
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { unpackEmbeddedTemplate } from '../../src/db/embedded-template.js'
import { TEMPLATE_DUMP_ENV } from '../support/test-database.js'

// The suite's own migrated template is a PGlite dump, as the build's is (only on PGlite runs).
const template = process.env[TEMPLATE_DUMP_ENV]
const dirs: string[] = []
const newDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mhb-unpack-'))
  dirs.push(dir)
  return dir
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

async function migrationsIn(dataDir: string): Promise<number> {
  const database = await openDatabase({ dataDir })
  try {
    const rows = await database.db.selectFrom('kysely_migration' as never).select('name' as never).execute()
    return rows.length
  } finally {
    await database.close()
  }
}

describe.skipIf(!template)('unpacking the embedded template', () => {
  it('a new data directory gets the migrated database, and only once', async () => {
    const dir = await newDir()
    expect(await unpackEmbeddedTemplate(dir, template!)).toBe(true)
    expect(await readFile(path.join(dir, 'PG_VERSION'), 'utf8')).toMatch(/^\d+/)
    expect(await migrationsIn(dir)).toBeGreaterThan(10)
    // A database already there is never unpacked over.
    expect(await unpackEmbeddedTemplate(dir, template!)).toBe(false)
  })

  it('an unpacking cut short (no PG_VERSION yet) is done again over what it left', async () => {
    const dir = await newDir()
    await unpackEmbeddedTemplate(dir, template!)
    await unlink(path.join(dir, 'PG_VERSION'))
    await writeFile(path.join(dir, 'global', 'pg_control'), 'half-written')
    expect(await unpackEmbeddedTemplate(dir, template!)).toBe(true)
    expect(await migrationsIn(dir)).toBeGreaterThan(10)
  })

  it('without a template (running from source) nothing is unpacked and PGlite creates the database', async () => {
    const dir = await newDir()
    expect(await unpackEmbeddedTemplate(dir, path.join(dir, 'no-such-template.tar.gz'))).toBe(false)
  })
})
