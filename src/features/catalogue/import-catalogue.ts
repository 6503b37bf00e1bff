// Importing a catalogue file: validate everything, then store it in one transaction. Used by
// `npm run catalogue:import` and, on a fresh database, to load the catalogues shipped in
// /catalogue so that the bot answers from the first start.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from '../../db/database.js'
import { listCatalogueYears, replaceCatalogueYear } from '../../domain/catalogue-store.js'
import { type CatalogueProblem, parseCatalogueFile } from './parse-catalogue-file.js'

export type ImportResult =
  | { ok: true; schoolYear: string; projects: number; replaced: number }
  | { ok: false; problems: CatalogueProblem[] }

export async function importCatalogueFile(db: Db, file: string): Promise<ImportResult> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : String(error)
    return { ok: false, problems: [{ line: 0, message: `cannot read ${file}: ${reason}` }] }
  }
  const parsed = parseCatalogueFile(text)
  if (!parsed.ok) return parsed
  const { replaced } = await replaceCatalogueYear(db, parsed.catalogue, path.basename(file))
  return { ok: true, schoolYear: parsed.catalogue.schoolYear, projects: parsed.catalogue.projects.length, replaced }
}

/** The catalogue files that ship with the bot. */
export const BUNDLED_CATALOGUE_DIR = fileURLToPath(new URL('../../../catalogue', import.meta.url))

/**
 * On a database with no catalogue at all, imports every bundled catalogue file. A database
 * that already has one is left alone: hub staff manage it with the import command.
 */
export async function importBundledCataloguesIfEmpty(db: Db, dir = BUNDLED_CATALOGUE_DIR): Promise<ImportResult[]> {
  if ((await listCatalogueYears(db)).length > 0) return []
  const files = (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()
  const results: ImportResult[] = []
  for (const file of files) results.push(await importCatalogueFile(db, path.join(dir, file)))
  return results
}
