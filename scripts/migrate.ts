// npm run migrate: bring the database schema up to date (the bot also does this at start).
import { migrateToLatest } from '../src/db/migrate.js'
import { runCli } from './cli.js'

await runCli('npm run migrate', async ({ db, kind }) => {
  const applied = await migrateToLatest(db)
  console.log(
    applied.length > 0
      ? `Applied ${applied.length} migration(s) to the ${kind} database: ${applied.join(', ')}.`
      : `The ${kind} database is up to date.`,
  )
  return 0
})
