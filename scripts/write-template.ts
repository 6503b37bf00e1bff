// Run by `npm install` (scripts/postinstall.mjs): writes the migrated embedded database that a
// new DATA_DIR starts from, at the project's top, where `npm start` finds it. Without it the
// first `npm start` runs PGlite's WASM initdb: about 12 s and 900 MB instead of about 3 s and
// 320 MB. A template older than the newest migrations is fine: the bot migrates at start.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { EMBEDDED_TEMPLATE_FILE } from '../src/db/embedded-template.js'
import { writeEmbeddedTemplate } from './build.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
await writeEmbeddedTemplate(path.join(ROOT, EMBEDDED_TEMPLATE_FILE))
