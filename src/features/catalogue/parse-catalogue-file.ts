// Reads a catalogue CSV (one project a row, as hub staff keep it in a spreadsheet) and checks
// every row before anything is stored, reporting each problem by line and column so that a
// bad file is fixed in one pass and never half-imported.
import { parse } from 'csv-parse/sync'
import { closest, distance } from 'fastest-levenshtein'
import { z } from 'zod'
import {
  AUDIENCES,
  type Catalogue,
  FORMATS,
  PHASES,
  type Project,
  schoolYearStart,
} from '../../domain/projects.js'

export interface CatalogueProblem {
  line: number
  /** The column at fault; absent for problems with the file as a whole. */
  field?: string
  message: string
}

export type ParsedCatalogue = { ok: true; catalogue: Catalogue } | { ok: false; problems: CatalogueProblem[] }

export const CATALOGUE_COLUMNS = [
  'school_year',
  'id',
  'title',
  'strand',
  'phases',
  'audience',
  'entry_point',
  'follows',
  'format',
  'new_this_year',
  'partner',
  'summary',
  'keywords',
] as const

const REQUIRED_COLUMNS = CATALOGUE_COLUMNS.filter((c) => !['strand', 'follows', 'partner', 'keywords'].includes(c))

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `must be ${max} characters or fewer`)
    .transform((v) => (v === '' ? undefined : v))

const requiredText = (max: number) =>
  z.string().min(1, 'is empty; it is required').max(max, `must be ${max} characters or fewer`)

/** A `;`-separated list whose words must come from `vocabulary`; typos get a suggestion. */
function vocabularyList<T extends string>(vocabulary: readonly T[], noun: string) {
  return z.string().transform((raw, ctx): T[] => {
    const words = raw
      .split(';')
      .map((w) => w.trim().toLowerCase())
      .filter((w) => w !== '')
    if (words.length === 0) {
      ctx.addIssue({ code: 'custom', message: `is empty; give at least one ${noun} (${vocabulary.join(', ')})` })
      return z.NEVER
    }
    for (const word of words) {
      if (!(vocabulary as readonly string[]).includes(word)) {
        ctx.addIssue({ code: 'custom', message: unknownWordMessage(word, vocabulary, noun) })
      }
    }
    return [...new Set(words)] as T[]
  })
}

function vocabularyWord<T extends string>(vocabulary: readonly T[], noun: string) {
  return z.string().transform((raw, ctx): T => {
    const word = raw.trim().toLowerCase()
    if (!(vocabulary as readonly string[]).includes(word)) {
      ctx.addIssue({ code: 'custom', message: unknownWordMessage(word, vocabulary, noun) })
      return z.NEVER
    }
    return word as T
  })
}

function unknownWordMessage(word: string, vocabulary: readonly string[], noun: string): string {
  if (word === '') return `is empty; give one ${noun} (${vocabulary.join(', ')})`
  const guess = closest(word, vocabulary as string[])
  const hint = distance(word, guess) <= Math.max(2, Math.floor(word.length / 3)) ? ` Did you mean "${guess}"?` : ''
  return `"${word}" is not a ${noun}.${hint} Use ${vocabulary.map((v) => `"${v}"`).join(', ')}, separated by ";".`
}

const rowSchema = z.object({
  school_year: z.string().refine((v) => schoolYearStart(v) !== undefined, {
    message: 'must be a school year written like 2021/22',
  }),
  id: z
    .string()
    .min(1, 'is empty; it is required')
    .max(60, 'must be 60 characters or fewer')
    .regex(ID_PATTERN, 'must be lower-case letters, digits and single hyphens, like secondary-tfm-development'),
  title: requiredText(120),
  strand: optionalText(80),
  phases: vocabularyList(PHASES, 'phase'),
  audience: vocabularyList(AUDIENCES, 'audience'),
  entry_point: requiredText(200),
  follows: optionalText(60),
  format: vocabularyWord(FORMATS, 'format'),
  new_this_year: z.string().transform((raw, ctx) => {
    const word = raw.trim().toLowerCase()
    if (['yes', 'y', 'true', 'new'].includes(word)) return true
    if (['no', 'n', 'false', ''].includes(word)) return false
    ctx.addIssue({ code: 'custom', message: `must be "yes" or "no", not "${raw}"` })
    return z.NEVER
  }),
  partner: optionalText(120),
  summary: requiredText(600),
  // Optional column: absent in older files.
  keywords: z
    .string()
    .optional()
    .transform((raw) => [...new Set((raw ?? '').split(';').map((k) => k.trim().toLowerCase()).filter((k) => k !== ''))])
    .refine((words) => words.every((w) => w.length <= 60), 'each keyword must be 60 characters or fewer')
    .refine((words) => words.length <= 40, 'at most 40 keywords a project'),
})

export function parseCatalogueFile(text: string): ParsedCatalogue {
  let rows: { record: Record<string, string>; raw: string; info: { lines: number } }[]
  try {
    rows = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      info: true,
      raw: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
    })
  } catch (error) {
    const e = error as { lines?: number; message?: string }
    return { ok: false, problems: [{ line: e.lines ?? 1, message: `the file is not valid CSV: ${e.message ?? error}` }] }
  }
  if (rows.length === 0) return { ok: false, problems: [{ line: 1, message: 'the file has no projects in it' }] }

  const header = Object.keys(rows[0]!.record)
  const headerProblems = checkHeader(header)
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems }

  const problems: CatalogueProblem[] = []
  const projects: { project: Project; line: number; schoolYear: string }[] = []
  for (const row of rows) {
    const line = recordStartLine(row.raw, row.info.lines)
    const parsed = rowSchema.safeParse(row.record)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, field: String(issue.path[0] ?? ''), message: issue.message })
      }
      continue
    }
    const r = parsed.data
    projects.push({
      line,
      schoolYear: r.school_year,
      project: {
        id: r.id,
        title: r.title,
        ...(r.strand ? { strand: r.strand } : {}),
        phases: r.phases,
        audience: r.audience,
        entryPoint: r.entry_point,
        ...(r.follows ? { follows: r.follows } : {}),
        format: r.format,
        isNew: r.new_this_year,
        ...(r.partner ? { partner: r.partner } : {}),
        summary: r.summary,
        keywords: r.keywords,
      },
    })
  }
  problems.push(...checkAcrossRows(projects))
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
  return { ok: true, catalogue: { schoolYear: projects[0]!.schoolYear, projects: projects.map((p) => p.project) } }
}

function checkHeader(header: string[]): CatalogueProblem[] {
  const problems: CatalogueProblem[] = []
  for (const column of header) {
    if (!(CATALOGUE_COLUMNS as readonly string[]).includes(column)) {
      const guess = closest(column, [...CATALOGUE_COLUMNS])
      problems.push({
        line: 1,
        field: column,
        message: `"${column}" is not a catalogue column${distance(column, guess) <= 3 ? ` (did you mean "${guess}"?)` : ''}. The columns are: ${CATALOGUE_COLUMNS.join(', ')}.`,
      })
    }
  }
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) problems.push({ line: 1, field: column, message: `the "${column}" column is missing` })
  }
  return problems
}

function checkAcrossRows(rows: { project: Project; line: number; schoolYear: string }[]): CatalogueProblem[] {
  const problems: CatalogueProblem[] = []
  const firstLineById = new Map<string, number>()
  for (const { project, line } of rows) {
    const first = firstLineById.get(project.id)
    if (first !== undefined) problems.push({ line, field: 'id', message: `"${project.id}" is already used on line ${first}` })
    else firstLineById.set(project.id, line)
  }
  const year = rows[0]?.schoolYear
  for (const { project, line, schoolYear } of rows) {
    if (schoolYear !== year)
      problems.push({ line, field: 'school_year', message: `is ${schoolYear} but the file starts with ${year}; import one school year per file` })
    if (project.follows === project.id)
      problems.push({ line, field: 'follows', message: 'a project cannot follow itself' })
    else if (project.follows !== undefined && !firstLineById.has(project.follows))
      problems.push({ line, field: 'follows', message: `"${project.follows}" is not the id of a project in this file` })
  }
  return problems
}

/** csv-parse reports the line a record ends on; a quoted field may span several lines. */
function recordStartLine(raw: string, endLine: number): number {
  const body = raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '')
  return endLine - (body.match(/\n/g)?.length ?? 0)
}

/** One line per problem, for the command line and logs. */
export function describeProblems(problems: CatalogueProblem[]): string[] {
  return problems.map((p) => `line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}`)
}
