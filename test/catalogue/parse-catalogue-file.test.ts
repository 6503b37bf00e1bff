import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { BUNDLED_CATALOGUE_DIR } from '../../src/features/catalogue/import-catalogue.js'
import { describeProblems, parseCatalogueFile } from '../../src/features/catalogue/parse-catalogue-file.js'

const HEADER = 'school_year,id,title,strand,phases,audience,entry_point,follows,format,new_this_year,partner,summary'
const row = (over: Partial<Record<string, string>> = {}) => {
  const r = {
    school_year: '2022/23',
    id: 'a-project',
    title: 'A project',
    strand: '',
    phases: 'secondary',
    audience: 'teachers',
    entry_point: 'Anyone',
    follows: '',
    format: 'work group',
    new_this_year: 'no',
    partner: '',
    summary: 'What it is.',
    ...over,
  }
  return Object.values(r)
    .map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
    .join(',')
}

describe('the bundled 2021/22 catalogue', () => {
  it('parses cleanly into the projects of the seed catalogue', async () => {
    const parsed = parseCatalogueFile(await readFile(`${BUNDLED_CATALOGUE_DIR}/2021-22.csv`, 'utf8'))
    if (!parsed.ok) throw new Error(describeProblems(parsed.problems).join('\n'))
    const { catalogue } = parsed
    expect(catalogue.schoolYear).toBe('2021/22')
    expect(catalogue.projects).toHaveLength(27)
    const byId = new Map(catalogue.projects.map((p) => [p.id, p]))
    expect(byId.get('secondary-subject-leadership')).toMatchObject({ isNew: true, audience: ['heads of department'], phases: ['secondary'] })
    expect(byId.get('secondary-mat-leads')).toMatchObject({ isNew: true, format: 'programme' })
    expect(byId.get('years-5-8-continuity')?.phases).toEqual(['primary', 'secondary'])
    expect(byId.get('developing-a-level-pedagogy')).toMatchObject({ phases: ['post-16'], partner: 'Advanced Mathematics Support Programme (AMSP)' })
    expect(byId.get('secondary-tfm-embedding')?.follows).toBe('secondary-tfm-development')
    // The six SKTM groups, three of them new in 2021/22.
    const sktm = catalogue.projects.filter((p) => p.id.startsWith('sktm-'))
    expect(sktm).toHaveLength(6)
    expect(sktm.filter((p) => p.isNew).map((p) => p.id).sort()).toEqual(['sktm-primary-ects', 'sktm-secondary-ects', 'sktm-secondary-non-specialists'])
  })
})

describe('a catalogue file with problems', () => {
  it('reports every bad row by line and column, with suggestions', () => {
    const text = [
      HEADER,
      row(),
      row({ id: 'b', phases: 'secondry; post-16' }),
      row({ id: 'Bad Id', format: 'workshop' }),
      row({ id: 'c', new_this_year: 'maybe', title: '' }),
      row({ id: 'a-project' }),
      row({ id: 'd', follows: 'nowhere' }),
      row({ id: 'e', school_year: '2023/24' }),
    ].join('\n')
    const parsed = parseCatalogueFile(text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(describeProblems(parsed.problems)).toEqual([
      'line 3, phases: "secondry" is not a phase. Did you mean "secondary"? Use "early years", "primary", "secondary", "post-16", separated by ";".',
      'line 4, id: must be lower-case letters, digits and single hyphens, like secondary-tfm-development',
      expect.stringMatching(/^line 4, format: "workshop" is not a format\. .*"work group"/),
      'line 5, title: is empty; it is required',
      'line 5, new_this_year: must be "yes" or "no", not "maybe"',
      'line 6, id: "a-project" is already used on line 2',
      'line 7, follows: "nowhere" is not the id of a project in this file',
      'line 8, school_year: is 2023/24 but the file starts with 2022/23; import one school year per file',
    ])
  })

  it('counts lines correctly when a quoted summary spans lines', () => {
    const parsed = parseCatalogueFile([HEADER, row({ summary: 'Line one\nline two' }), row({ id: 'x', phases: 'nursery school' })].join('\n'))
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.line)).toEqual([4])
  })

  it('refuses unknown or missing columns before reading rows', () => {
    const parsed = parseCatalogueFile(`school_year,id,title,phase,audience,entry_point,format,new_this_year,summary\n${'x,'.repeat(8)}x`)
    expect(parsed.ok ? [] : describeProblems(parsed.problems)).toEqual([
      'line 1, phase: "phase" is not a catalogue column (did you mean "phases"?). The columns are: school_year, id, title, strand, phases, audience, entry_point, follows, format, new_this_year, partner, summary, keywords.',
      'line 1, phases: the "phases" column is missing',
    ])
  })

  it.each([
    ['', 'the file has no projects in it'],
    [HEADER, 'the file has no projects in it'],
    [`${HEADER}\n"2022/23,unterminated`, 'the file is not valid CSV'],
  ])('explains an empty or broken file', (text, message) => {
    const parsed = parseCatalogueFile(text)
    expect(parsed.ok ? '' : parsed.problems[0]!.message).toContain(message)
  })

  it('rejects a school year that is not one', () => {
    const parsed = parseCatalogueFile([HEADER, row({ school_year: '2022/24' })].join('\n'))
    expect(parsed.ok ? [] : describeProblems(parsed.problems)).toEqual(['line 2, school_year: must be a school year written like 2021/22'])
  })
})
