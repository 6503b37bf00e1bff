// Scores the question matcher against a set of questions with the projects a knowledgeable
// person would recommend (none, where nothing in the catalogue fits). Used by
// `npm run catalogue:eval` and by a test that keeps the score from slipping.
import { parse } from 'csv-parse/sync'
import { answerQuestion, type MatchResult } from './match-projects.js'
import type { Catalogue } from '../../domain/projects.js'

export interface EvalQuestion {
  line: number
  question: string
  /** Project ids; empty when nothing in the catalogue fits. */
  expected: string[]
}

export interface EvalOutcome extends EvalQuestion {
  answered: string[]
  exact: boolean
  result: MatchResult
}

export interface EvalReport {
  outcomes: EvalOutcome[]
  /** Answers exactly right (the same projects, or "nothing fits" when nothing does). */
  exact: number
  /** Over questions with an answer: share of expected projects found, and of answers expected. */
  recall: number
  precision: number
  /** Over questions where nothing fits: share answered with "nothing fits". */
  nothingFits: number
  total: number
}

/**
 * Reads a questions file: CSV with columns `question` and `expected` (project ids or titles,
 * separated by ";"; empty when nothing fits), and any others (notes) ignored.
 */
export function parseEvalFile(text: string, catalogue: Catalogue): EvalQuestion[] {
  const rows = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }) as {
    record: Record<string, string>
    info: { lines: number }
  }[]
  const byTitle = new Map(catalogue.projects.map((p) => [p.title.toLowerCase(), p.id]))
  const ids = new Set(catalogue.projects.map((p) => p.id))
  return rows.map(({ record, info }) => {
    const expected = (record.expected ?? '')
      .split(';')
      .map((e) => e.trim())
      .filter(Boolean)
      .map((e) => {
        const id = ids.has(e) ? e : byTitle.get(e.toLowerCase())
        if (!id) throw new Error(`line ${info.lines}: "${e}" is neither a project id nor a title in the ${catalogue.schoolYear} catalogue`)
        return id
      })
    return { line: info.lines, question: record.question ?? '', expected }
  })
}

export function evaluate(questions: EvalQuestion[], catalogue: Catalogue): EvalReport {
  const outcomes = questions.map((q): EvalOutcome => {
    const result = answerQuestion(q.question, catalogue)
    const answered = result.kind === 'matches' ? result.matches.map((m) => m.project.id) : []
    const exact = answered.length === q.expected.length && q.expected.every((id) => answered.includes(id))
    return { ...q, answered, exact, result }
  })
  const answerable = outcomes.filter((o) => o.expected.length > 0)
  const unanswerable = outcomes.filter((o) => o.expected.length === 0)
  const share = (hits: number, of: number) => (of === 0 ? 1 : hits / of)
  const mean = (values: number[]) => (values.length === 0 ? 1 : values.reduce((a, b) => a + b, 0) / values.length)
  return {
    outcomes,
    exact: share(outcomes.filter((o) => o.exact).length, outcomes.length),
    recall: mean(answerable.map((o) => share(o.expected.filter((id) => o.answered.includes(id)).length, o.expected.length))),
    precision: mean(answerable.map((o) => (o.answered.length === 0 ? 0 : o.answered.filter((id) => o.expected.includes(id)).length / o.answered.length))),
    nothingFits: share(unanswerable.filter((o) => o.answered.length === 0).length, unanswerable.length),
    total: outcomes.length,
  }
}
