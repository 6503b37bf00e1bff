// A new embedded database normally starts with PGlite's WASM initdb: about 4 s and 850 MB of
// memory. `npm run build` instead ships an already initialised and migrated data directory
// beside the compiled code. A new DATA_DIR is unpacked from it here, by Node, before PGlite
// starts: PGlite's own loadDataDir unpacks through its WASM memory, which grows by about
// 100 MB for it and never shrinks, so the first start would idle that much heavier than a
// restart. Unpacked first, a first start is a restart.
import { access } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tar from 'tar'

/** Where the build writes it: the top of dist/, two levels above this file once compiled. */
export const EMBEDDED_TEMPLATE_FILE = 'embedded-template.tar.gz'
const TEMPLATE = fileURLToPath(new URL(`../../${EMBEDDED_TEMPLATE_FILE}`, import.meta.url))
/** Postgres writes it first and reads it first: here it is unpacked last, so it means "complete". */
const VERSION_FILE = 'PG_VERSION'

/**
 * Unpacks the shipped template into dataDir when that holds no database yet (and the template
 * exists: `npm start` from source has none, and PGlite runs initdb instead). An unpacking cut
 * short leaves no PG_VERSION, so the next start unpacks again over what it left.
 */
export async function unpackEmbeddedTemplate(dataDir: string, template = TEMPLATE): Promise<boolean> {
  if (await exists(path.join(dataDir, VERSION_FILE))) return false
  if (!(await exists(template))) return false
  const isVersionFile = (entry: string) => entry.replace(/^\/+/, '') === VERSION_FILE
  // PGlite writes the entries with a leading "/": tar strips it and says so, which is no news.
  // Anything else it warns about (a file it could not write) means the copy is not whole.
  const problems: string[] = []
  const onwarn = (code: string, message: string) => {
    if (code !== 'TAR_ENTRY_INFO') problems.push(message)
  }
  await tar.x({ file: template, cwd: dataDir, filter: (entry) => !isVersionFile(entry), onwarn })
  if (problems.length === 0) await tar.x({ file: template, cwd: dataDir, filter: isVersionFile, onwarn })
  if (problems.length) throw new Error(`The embedded database template could not be unpacked into ${dataDir}: ${problems[0]}`)
  return true
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
