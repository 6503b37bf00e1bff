// The rules that answer free-text questions: right projects, reasons in the catalogue's terms,
// what was left out and why, and a plain "nothing fits" rather than a stretched project.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { evaluate, parseEvalFile } from '../../src/features/catalogue/evaluate-answers.js'
import { BUNDLED_CATALOGUE_DIR } from '../../src/features/catalogue/import-catalogue.js'
import { answerQuestion } from '../../src/features/catalogue/match-projects.js'
import { parseCatalogueFile } from '../../src/features/catalogue/parse-catalogue-file.js'
import type { Catalogue } from '../../src/domain/projects.js'

let catalogue: Catalogue
beforeAll(async () => {
  const parsed = parseCatalogueFile(await readFile(path.join(BUNDLED_CATALOGUE_DIR, '2021-22.csv'), 'utf8'))
  if (!parsed.ok) throw new Error('bundled catalogue does not parse')
  catalogue = parsed.catalogue
})

const ids = (text: string) => {
  const result = answerQuestion(text, catalogue)
  return result.kind === 'matches' ? result.matches.map((m) => m.project.id) : []
}

describe('answers with reasons', () => {
  it('a primary new to mastery gets the two entry points, with why, and hears why Embedding is not for them yet', () => {
    const result = answerQuestion('We’re a primary new to mastery, where do we start?', catalogue)
    if (result.kind !== 'matches') throw new Error('expected matches')
    expect(result.matches.map((m) => m.project.id).sort()).toEqual(['primary-mastery-readiness', 'primary-tfm-development'])
    expect(result.matches[0]!.reasons).toEqual(expect.arrayContaining(['for primary', 'a starting point']))
    expect(result.leftOut.map((l) => l.reason)).toContain(
      'Embedding teaching for mastery (primary) follows Teaching for Mastery Development (primary), so it is for a later year',
    )
  })

  it('after a Development year comes Embedding, and the reason says so', () => {
    const result = answerQuestion('primary school, we did the development year last year', catalogue)
    if (result.kind !== 'matches') throw new Error('expected matches')
    expect(result.matches.map((m) => m.project.id)).toEqual(['primary-tfm-embedding'])
    expect(result.matches[0]!.reasons).toContain('follows Teaching for Mastery Development (primary)')
    expect(result.leftOut.map((l) => l.project.id)).toContain('primary-tfm-development')
  })

  it('a role the catalogue serves only in another phase gets nothing, and why', () => {
    const result = answerQuestion('I’m a TA in a secondary school', catalogue)
    expect(result.kind).toBe('nothing')
    expect(result.leftOut.map((l) => l.reason)).toContain('Specialist Knowledge for Teaching Mathematics: Primary teaching assistants is only for primary')
  })

  it.each([
    ['Is Mastering Number running?', 'other-year'],
    ['Can we have the 2023/24 list?', 'other-year'],
    ['phonics please', 'subject'],
    ['my daughter needs help with her homework', 'parent'],
    ['We’re a primary school in Swansea, Wales', 'outside-england'],
    ['how do I book the hall?', 'off-topic'],
    ['purple monkey dishwasher', 'no-match'],
  ])('"%s" → nothing fits (%s)', (text, kind) => {
    const result = answerQuestion(text, catalogue)
    expect(result.kind === 'nothing' && result.reason.kind).toBe(kind)
  })

  it('never names a project that is not in the catalogue', () => {
    const titles = new Set(catalogue.projects.map((p) => p.id))
    for (const text of ['everything please', 'asdf qwerty', 'A level further maths', 'mastery mastery mastery', 'ks3 ks4 ks5']) {
      for (const id of ids(text)) expect(titles.has(id)).toBe(true)
    }
  })

  it('a catalogue without keywords still answers from titles', () => {
    const bare: Catalogue = { ...catalogue, projects: catalogue.projects.map((p) => ({ ...p, keywords: [] })) }
    const result = answerQuestion('Core Maths pedagogy', bare)
    expect(result.kind === 'matches' && result.matches[0]!.project.id).toBe('developing-core-maths-pedagogy')
  })
})

describe('evaluation sets the rules were developed against', () => {
  it.each([
    ['2021-22-questions.csv', 0.95],
    ['2021-22-set-a.csv', 0.95],
    ['2021-22-set-b.csv', 0.95],
    ['2021-22-set-c.csv', 0.95],
  ])('%s stays at or above %d exactly right', async (file, bar) => {
    const questions = parseEvalFile(await readFile(path.join(BUNDLED_CATALOGUE_DIR, 'eval', file), 'utf8'), catalogue)
    expect(questions.length).toBeGreaterThanOrEqual(40)
    const report = evaluate(questions, catalogue)
    const misses = report.outcomes.filter((o) => !o.exact).map((o) => `${o.question} → ${o.answered.join(', ') || 'nothing'}`)
    expect(report.exact, misses.join('\n')).toBeGreaterThanOrEqual(bar)
    expect(report.nothingFits).toBeGreaterThanOrEqual(0.9)
  })
})
