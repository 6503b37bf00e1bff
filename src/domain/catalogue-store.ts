// Catalogue queries. A year's catalogue is replaced whole in one transaction, so readers see
// the old year or the new one, never a mixture.
import type { Db } from '../db/database.js'
import type { CatalogueProjectRow } from '../db/schema.js'
import { type Audience, type Catalogue, type Format, type Phase, type Project, schoolYearStart } from './projects.js'

/** Stores a year's catalogue in place of any earlier import of the same year. */
export async function replaceCatalogueYear(
  db: Db,
  catalogue: Catalogue,
  source: string,
): Promise<{ replaced: number }> {
  const startYear = schoolYearStart(catalogue.schoolYear)
  if (startYear === undefined) throw new Error(`Not a school year: ${catalogue.schoolYear}`)
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('catalogue_years')
      .values({ school_year: catalogue.schoolYear, start_year: startYear, source })
      .onConflict((oc) => oc.column('school_year').doUpdateSet({ source, imported_at: new Date() }))
      .execute()
    const deleted = await trx
      .deleteFrom('catalogue_projects')
      .where('school_year', '=', catalogue.schoolYear)
      .executeTakeFirst()
    await trx
      .insertInto('catalogue_projects')
      .values(
        catalogue.projects.map((p, position) => ({
          school_year: catalogue.schoolYear,
          id: p.id,
          position,
          title: p.title,
          strand: p.strand ?? null,
          phases: p.phases,
          audience: p.audience,
          entry_point: p.entryPoint,
          follows: p.follows ?? null,
          format: p.format,
          is_new: p.isNew,
          partner: p.partner ?? null,
          summary: p.summary,
          keywords: p.keywords,
        })),
      )
      .execute()
    return { replaced: Number(deleted.numDeletedRows) }
  })
}

/** A stored year's catalogue, with when it was imported (which changes with every import). */
export interface StoredCatalogue {
  catalogue: Catalogue
  importedAt: Date
}

/** The newest school year's catalogue: the one the bot answers from. */
export async function loadCurrentCatalogue(db: Db): Promise<Catalogue | undefined> {
  return (await loadStoredCatalogue(db))?.catalogue
}

/** One school year's catalogue as stored or, without a year, the newest one. */
export async function loadStoredCatalogue(db: Db, schoolYear?: string): Promise<StoredCatalogue | undefined> {
  let query = db.selectFrom('catalogue_years').select(['school_year', 'imported_at'])
  query = schoolYear === undefined ? query.orderBy('start_year', 'desc').limit(1) : query.where('school_year', '=', schoolYear)
  const year = await query.executeTakeFirst()
  if (!year) return undefined
  const rows = await db
    .selectFrom('catalogue_projects')
    .selectAll()
    .where('school_year', '=', year.school_year)
    .orderBy('position')
    .execute()
  return { catalogue: { schoolYear: year.school_year, projects: rows.map(toProject) }, importedAt: new Date(year.imported_at) }
}

export async function listCatalogueYears(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('catalogue_years').select('school_year').orderBy('start_year').execute()
  return rows.map((r) => r.school_year)
}

function toProject(row: CatalogueProjectRow): Project {
  return {
    id: row.id,
    title: row.title,
    ...(row.strand ? { strand: row.strand } : {}),
    phases: row.phases as Phase[],
    audience: row.audience as Audience[],
    entryPoint: row.entry_point,
    ...(row.follows ? { follows: row.follows } : {}),
    format: row.format as Format,
    isNew: row.is_new,
    ...(row.partner ? { partner: row.partner } : {}),
    summary: row.summary,
    keywords: row.keywords,
  }
}
