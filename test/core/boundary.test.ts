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

/**
 * The layers inside src/: features (src/features/<name>/) sit on the domain (src/domain/), which
 * sits on core, db, delivery, files, http and security. Only the composition root (main.ts) and
 * the minute tick that runs the features' planners (scheduling/) may import features.
 */
const MAY_IMPORT_FEATURES = [COMPOSITION_ROOT, path.join(SRC, 'scheduling')]

function featureOf(file: string): string | undefined {
  const relative = path.relative(path.join(SRC, 'features'), file)
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0]
}

function layeringProblem(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const target = path.resolve(path.dirname(file), specifier)
  const targetFeature = featureOf(target)
  if (targetFeature === undefined) return undefined
  const ownFeature = featureOf(file)
  if (ownFeature === targetFeature) return undefined
  if (MAY_IMPORT_FEATURES.some((allowed) => file === allowed || file.startsWith(`${allowed}${path.sep}`))) return undefined
  const who = ownFeature ?? path.relative(SRC, file).split(path.sep)[0]
  return `${path.relative(SRC, file)}: ${who} imports the ${targetFeature} feature (${specifier})`
}

async function layeringViolations(): Promise<string[]> {
  const problems: string[] = []
  for (const file of await sourceFiles(SRC)) {
    for (const specifier of importsOf(await readFile(file, 'utf8'))) {
      const problem = layeringProblem(file, specifier)
      if (problem) problems.push(problem)
    }
  }
  return problems
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

  it('a feature never imports another feature, and nothing below the features imports one', async () => {
    expect(await layeringViolations()).toEqual([])
  })

  it('the layering check itself catches a feature importing another, and the domain importing a feature', () => {
    const featureFile = path.join(SRC, 'features', 'home', 'home-feature.ts')
    const domainFile = path.join(SRC, 'domain', 'sessions.ts')
    expect(layeringProblem(featureFile, '../reflections/reflections-feature.js')).toMatch(/home imports the reflections feature/)
    expect(layeringProblem(featureFile, '../../domain/sessions.js')).toBeUndefined()
    expect(layeringProblem(featureFile, './render-home.js')).toBeUndefined()
    expect(layeringProblem(domainFile, '../features/reminders/plan-reminders.js')).toMatch(/domain imports the reminders feature/)
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
