// After `npm install`: prepares the embedded database template for `npm start` (see
// write-template.ts). Never fails the install: without tsx (a production install) or on any
// error, `npm start` still works, only its first start is slower.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsx = `${root}node_modules/tsx/dist/cli.mjs`
if (existsSync(tsx) && existsSync(`${root}scripts/write-template.ts`)) {
  const run = spawnSync(process.execPath, [tsx, 'scripts/write-template.ts'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 })
  if (run.status !== 0) console.warn(`Could not prepare the embedded database template (${String(run.stderr ?? '').trim().split('\n')[0] || 'timed out'}); the first npm start will take longer.`)
}
