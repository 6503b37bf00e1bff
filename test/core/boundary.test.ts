// The core never imports a platform SDK or an adapter: only the composition root may.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('../../src', import.meta.url))
const COMPOSITION_ROOT = path.join(SRC, 'main.ts')
const FORBIDDEN = [/^@slack\//, /^botbuilder/, /^botframework/, /(^|\/)adapters\//]

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  )
  return nested.flat().filter((f) => f.endsWith('.ts'))
}

function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)]
  return specifiers.map((m) => m[1] ?? m[2] ?? m[3] ?? '')
}

describe('architecture boundary', () => {
  it('src/ imports no Slack or Teams SDK and no adapter outside the composition root', async () => {
    const violations: string[] = []
    for (const file of await sourceFiles(SRC)) {
      if (file === COMPOSITION_ROOT) continue
      for (const specifier of importsOf(await readFile(file, 'utf8'))) {
        if (FORBIDDEN.some((pattern) => pattern.test(specifier))) violations.push(`${path.relative(SRC, file)} imports ${specifier}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('the check itself catches an adapter import', () => {
    const caught = importsOf("import { x } from '../../adapters/slack/slack-adapter.js'\nimport type { App } from '@slack/bolt'")
    expect(caught.filter((s) => FORBIDDEN.some((p) => p.test(s)))).toHaveLength(2)
  })

  it('only botbuilder code lives in adapters/teams', async () => {
    const adapters = fileURLToPath(new URL('../../adapters', import.meta.url))
    const leaks: string[] = []
    for (const file of await sourceFiles(adapters)) {
      if (file.includes(`${path.sep}teams${path.sep}`)) continue
      if (importsOf(await readFile(file, 'utf8')).some((s) => /^botbuilder|^botframework/.test(s))) leaks.push(file)
    }
    expect(leaks).toEqual([])
  })
})
