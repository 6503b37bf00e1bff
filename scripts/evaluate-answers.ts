// npm run catalogue:eval -- [questions.csv]
// Runs the deterministic question matcher over a questions file (default: the bundled set for
// the current catalogue) and prints the score and every answer that was not exactly right.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { evaluate, parseEvalFile } from '../src/features/catalogue/evaluate-answers.js'
import { BUNDLED_CATALOGUE_DIR } from '../src/features/catalogue/import-catalogue.js'
import { parseCatalogueFile } from '../src/features/catalogue/parse-catalogue-file.js'

const args = process.argv.slice(2).filter((a) => a !== '--')
const questionsFile = args[0] ?? path.join(BUNDLED_CATALOGUE_DIR, 'eval', '2021-22-questions.csv')
const catalogueFile = args[1] ?? path.join(BUNDLED_CATALOGUE_DIR, '2021-22.csv')

const parsed = parseCatalogueFile(await readFile(catalogueFile, 'utf8'))
if (!parsed.ok) {
  console.error(`${catalogueFile} has problems; run npm run catalogue:import on it to see them.`)
  process.exit(1)
}
const report = evaluate(parseEvalFile(await readFile(questionsFile, 'utf8'), parsed.catalogue), parsed.catalogue)
for (const o of report.outcomes.filter((o) => !o.exact)) {
  console.log(`✗ line ${o.line}: ${o.question}\n    expected: ${o.expected.join(', ') || '(nothing fits)'}\n    answered: ${o.answered.join(', ') || `(nothing fits: ${o.result.kind === 'nothing' ? o.result.reason.kind : ''})`}`)
}
const pct = (n: number) => `${(n * 100).toFixed(1)}%`
console.log(
  `\n${report.total} questions from ${questionsFile} against the ${parsed.catalogue.schoolYear} catalogue (rules only, no AI)\n` +
    `exactly right ${pct(report.exact)} · recall ${pct(report.recall)} · precision ${pct(report.precision)} · "nothing fits" when nothing does ${pct(report.nothingFits)}`,
)
