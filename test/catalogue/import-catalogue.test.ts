// Importing catalogues into the database: whole files or nothing; the newest year is current.
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCatalogueYears, loadCurrentCatalogue } from '../../src/domain/catalogue-store.js'
import { importBundledCataloguesIfEmpty, importCatalogueFile } from '../../src/features/catalogue/import-catalogue.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

let database: TestDatabase
let dir: string
beforeAll(async () => {
  database = await createTestDatabase()
  dir = await mkdtemp(path.join(tmpdir(), 'mhb-catalogue-'))
})
afterAll(async () => {
  await database?.close()
})

const HEADER = 'school_year,id,title,strand,phases,audience,entry_point,follows,format,new_this_year,partner,summary'
async function file(name: string, lines: string[]): Promise<string> {
  const target = path.join(dir, name)
  await writeFile(target, [HEADER, ...lines].join('\n'))
  return target
}

describe('catalogue import', () => {
  it('loads the bundled catalogue into an empty database, and only then', async () => {
    const results = await importBundledCataloguesIfEmpty(database.db)
    expect(results).toEqual([{ ok: true, schoolYear: '2021/22', projects: 27, replaced: 0 }])
    expect(await importBundledCataloguesIfEmpty(database.db)).toEqual([])
    expect((await loadCurrentCatalogue(database.db))?.projects).toHaveLength(27)
  })

  it('imports a second school year beside the first; the newest becomes current', async () => {
    const next = await file('2022-23.csv', [
      '2022/23,secondary-tfm-development,Teaching for Mastery Development,,secondary,teachers,First year,,work group,no,,Next year.',
      '2022/23,new-thing,A new thing,,primary,teachers,Anyone,,work group,yes,,Brand new.',
    ])
    expect(await importCatalogueFile(database.db, next)).toEqual({ ok: true, schoolYear: '2022/23', projects: 2, replaced: 0 })
    expect(await listCatalogueYears(database.db)).toEqual(['2021/22', '2022/23'])
    const current = await loadCurrentCatalogue(database.db)
    expect(current?.schoolYear).toBe('2022/23')
    expect(current?.projects.map((p) => p.id)).toEqual(['secondary-tfm-development', 'new-thing'])
  })

  it('rejects a bad file whole: the database is unchanged', async () => {
    const before = await loadCurrentCatalogue(database.db)
    const bad = await file('2022-23-bad.csv', [
      '2022/23,fine,Fine,,primary,teachers,Anyone,,work group,no,,Fine.',
      '2022/23,broken,Broken,,secondary,teachers,Anyone,,work group,perhaps,,Broken.',
    ])
    const result = await importCatalogueFile(database.db, bad)
    expect(result).toMatchObject({ ok: false, problems: [{ line: 3, field: 'new_this_year' }] })
    expect(await loadCurrentCatalogue(database.db)).toEqual(before)
  })

  it('re-importing a year replaces that year only', async () => {
    const again = await file('2022-23-again.csv', ['2022/23,only-one,Only one,,post-16,teachers,Anyone,,network,no,,One.'])
    expect(await importCatalogueFile(database.db, again)).toMatchObject({ ok: true, replaced: 2 })
    expect((await loadCurrentCatalogue(database.db))?.projects.map((p) => p.id)).toEqual(['only-one'])
    expect(await listCatalogueYears(database.db)).toEqual(['2021/22', '2022/23'])
  })

  it('says plainly when the file does not exist', async () => {
    const result = await importCatalogueFile(database.db, path.join(dir, 'missing.csv'))
    expect(result).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining('there is no such file') }] })
  })
})
