// Next year's catalogue, made from the bundled 2021/22 one as a hub would edit it: one project
// retired, one added, one renamed, one whose format changed; and a broken copy.
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { csvFile } from '../../src/files/csv-write.js'

const BUNDLED = new URL('../../catalogue/2021-22.csv', import.meta.url)

function rows(): string[][] {
  return parse(readFileSync(BUNDLED, 'utf8'), { bom: true }) as string[][]
}

export const NEW_PROJECT_TITLE = 'Ratio and Proportional Reasoning'
export const RENAMED_TITLE = 'Mathematical Thinking for GCSE and Beyond'

/** 2022/23: years-5-8-continuity retired, secondary-ratio-reasoning new, two projects changed. */
export function nextYearCatalogue(): Buffer {
  const [header, ...body] = rows()
  const col = (name: string) => header!.indexOf(name)
  const next = body
    .filter((r) => r[col('id')] !== 'years-5-8-continuity')
    .map((r) => {
      const row = [...r]
      row[col('school_year')] = '2022/23'
      if (row[col('id')] === 'mathematical-thinking-gcse') row[col('title')] = RENAMED_TITLE
      if (row[col('id')] === 'secondary-mat-leads') row[col('format')] = 'network'
      return row
    })
  const added = header!.map((name) =>
    ({
      school_year: '2022/23',
      id: 'secondary-ratio-reasoning',
      title: NEW_PROJECT_TITLE,
      phases: 'secondary',
      audience: 'teachers',
      entry_point: 'Any secondary school',
      format: 'work group',
      new_this_year: 'yes',
      summary: 'Teachers explore how pupils reason with ratio and proportion across Key Stage 3.',
      keywords: 'ratio; proportion',
    })[name] ?? '',
  )
  // Written as a spreadsheet writes it (CRLF, a byte order mark), so line numbers are the file's own.
  return Buffer.from(csvFile([header!, ...next, added]).replace(/^\uFEFF/, ''), 'utf8')
}

/** Next year's file with mistakes: line 3’s phase misspelt (so line 4 follows a project that is not there), line 5’s new_this_year unclear. */
export function brokenCatalogue(): Buffer {
  const lines = nextYearCatalogue().toString('utf8').split('\r\n')
  lines[2] = lines[2]!.replace(',primary,teachers,', ',primray,teachers,')
  lines[4] = lines[4]!.replace(',work group,no,', ',work group,perhaps,')
  return Buffer.from(lines.join('\r\n'), 'utf8')
}
