// npm run catalogue:import -- <file.csv> [more.csv]
// Checks each catalogue file completely and imports it in one transaction, or reports every
// problem by line and column and changes nothing.
import { migrateToLatest } from '../src/db/migrate.js'
import { loadCurrentCatalogue } from '../src/domain/catalogue-store.js'
import { importCatalogueFile } from '../src/features/catalogue/import-catalogue.js'
import { CATALOGUE_COLUMNS, describeProblems } from '../src/features/catalogue/parse-catalogue-file.js'
import { runCli } from './cli.js'

const files = process.argv.slice(2).filter((a) => a !== '--')
if (files.length === 0) {
  console.error(
    `Usage: npm run catalogue:import -- <file.csv> [more.csv]\nA catalogue file is a CSV with one project a row and these columns: ${CATALOGUE_COLUMNS.join(', ')}.\nSee catalogue/2021-22.csv for an example.`,
  )
  process.exitCode = 2
} else {
  await runCli('npm run catalogue:import', async ({ db }) => {
    await migrateToLatest(db)
    let failures = 0
    for (const file of files) {
      const result = await importCatalogueFile(db, file)
      if (result.ok) {
        const replaced = result.replaced > 0 ? `, replacing the ${result.replaced} imported before` : ''
        console.log(`Imported ${result.projects} projects for ${result.schoolYear} from ${file}${replaced}.`)
      } else {
        failures += 1
        console.error(`Nothing imported from ${file}; fix these and try again:\n  ${describeProblems(result.problems).join('\n  ')}`)
      }
    }
    const current = await loadCurrentCatalogue(db)
    if (current) console.log(`The bot answers from the ${current.schoolYear} catalogue (${current.projects.length} projects).`)
    return failures === 0 ? 0 : 1
  })
}
