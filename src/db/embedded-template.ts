// A new embedded database normally starts with PGlite's WASM initdb: about 4 s and 850 MB of
// memory. `npm run build` instead ships an already initialised and migrated data directory
// beside the compiled code; a new DATA_DIR is unpacked from it (about 1 s, under 400 MB).
import { access, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the build writes it: the top of dist/, two levels above this file once compiled. */
export const EMBEDDED_TEMPLATE_FILE = 'embedded-template.tar.gz'
const TEMPLATE = fileURLToPath(new URL(`../../${EMBEDDED_TEMPLATE_FILE}`, import.meta.url))

/** PGlite options for opening dataDir: the shipped template when the folder holds no database yet. */
export async function embeddedTemplateFor(dataDir: string): Promise<{ loadDataDir?: Blob }> {
  if (await exists(path.join(dataDir, 'PG_VERSION'))) return {}
  if (!(await exists(TEMPLATE))) return {}
  return { loadDataDir: new Blob([await readFile(TEMPLATE)]) }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
