// `npm run build`: compiles the bot to JavaScript in dist/ for `npm run start:prod`, and copies
// beside it the files the code reads by path (migrations are compiled; the bundled catalogue
// and the Slack manifest are copied), so the built tree runs with plain `node`. It also writes a
// migrated embedded database for new DATA_DIRs to start from.
import { execFile } from 'node:child_process'
import { cp, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../src/db/database.js'
import { EMBEDDED_TEMPLATE_FILE } from '../src/db/embedded-template.js'
import { migrateToLatest } from '../src/db/migrate.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
/** Read at run time relative to the compiled code (src/features/catalogue, adapters/slack). */
const ASSETS = ['catalogue', 'manifest.json']

export interface BuildOptions {
  /** Inside the project, so the built code finds node_modules and package.json ("type": "module"). */
  outDir: string
  /** Off only where the type check has already run (tests, CI after `npm run typecheck`). */
  typeCheck: boolean
}

export async function build(options: BuildOptions): Promise<void> {
  const outDir = path.resolve(ROOT, options.outDir)
  await rm(outDir, { recursive: true, force: true })
  await promisify(execFile)(process.execPath, [TSC, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir, ...(options.typeCheck ? [] : ['--noCheck'])], { cwd: ROOT })
  for (const asset of ASSETS) await cp(path.join(ROOT, asset), path.join(outDir, asset), { recursive: true })
  await writeEmbeddedTemplate(path.join(outDir, EMBEDDED_TEMPLATE_FILE))
}

/** An initialised, migrated embedded database, so a new DATA_DIR skips WASM initdb (embedded-template.ts). */
export async function writeEmbeddedTemplate(file: string): Promise<void> {
  const pglite = await PGlite.create()
  try {
    const database = await openDatabase({ pglite })
    await migrateToLatest(database.db)
    await database.close()
    const dump = await pglite.dumpDataDir('gzip')
    await writeFile(file, Buffer.from(await dump.arrayBuffer()))
  } finally {
    await pglite.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now()
  build({ outDir: 'dist', typeCheck: !process.argv.includes('--no-check') }).then(
    () => console.log(`Built dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s; run it with npm run start:prod.`),
    (error: { stdout?: string; message: string }) => {
      // tsc reports type errors on stdout, one per line: those are what a person needs.
      console.error(error.stdout?.trim() || error.message)
      process.exit(1)
    },
  )
}
