// The Lead's CSV export: valid RFC 4180 that Excel opens correctly, safe against formula
// injection, and holding exactly what the Lead may see.
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { collateReflections } from '../../src/domain/collate-reflections.js'
import type { Reflection, Visibility } from '../../src/domain/reflections.js'
import { CSV_HEADER, type CsvRow, csvCell, csvRowsFor, reflectionsCsv } from '../../src/features/reflections/reflections-csv.js'

const row = (over: Partial<CsvRow> = {}): CsvRow => ({
  session: 'Tue 4 Nov 2026 16:00',
  name: 'Anna Lee',
  rating: 4,
  tryInClass: 'Bar models',
  noticed: 'More talk',
  visibility: 'With the Lead, named',
  ...over,
})

const reflection = (userId: string, visibility: Visibility, rating: number, tryInClass: string): Reflection => ({
  sessionId: 's1',
  version: 1,
  workGroupId: 'g1',
  userId,
  rating,
  tryInClass,
  visibility,
  submittedAt: new Date('2026-11-04T18:00:00Z'),
  updatedAt: new Date('2026-11-04T18:00:00Z'),
})

const names = new Map([
  ['U_ANNA', 'Anna Lee'],
  ['U_PRIV', 'Priya Private'],
  ...Array.from({ length: 5 }, (_, i) => [`U_ANON${i}`, `Anonymous Person ${i}`] as [string, string]),
])

describe('reflectionsCsv', () => {
  it('starts with a UTF-8 byte order mark and a header, and ends every record with CRLF', () => {
    const csv = reflectionsCsv([row(), row({ name: 'Ben Okafor', rating: 5 })])
    expect(csv.startsWith('\uFEFFSession,Name,')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines).toEqual([
      CSV_HEADER.join(','),
      'Tue 4 Nov 2026 16:00,Anna Lee,4,Bar models,More talk,"With the Lead, named"',
      'Tue 4 Nov 2026 16:00,Ben Okafor,5,Bar models,More talk,"With the Lead, named"',
      '',
    ])
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n')
  })

  it('gives just the header when there is nothing to export', () => {
    expect(reflectionsCsv([])).toBe(`\uFEFF${CSV_HEADER.join(',')}\r\n`)
  })

  it('quotes cells with commas, quotes or line breaks, doubling the quotes, and round-trips through a CSV parser', () => {
    const tricky = row({ name: 'O’Brien, Siân', tryInClass: 'Say "because" more', noticed: 'Line one\nline two\r\nline three' })
    const csv = reflectionsCsv([tricky])
    expect(csv).toContain('"O’Brien, Siân"')
    expect(csv).toContain('"Say ""because"" more"')
    expect(csv).toContain('"Line one\nline two\r\nline three"')
    const records = parse(csv, { bom: true }) as string[][]
    expect(records).toEqual([[...CSV_HEADER], ['Tue 4 Nov 2026 16:00', 'O’Brien, Siân', '4', 'Say "because" more', 'Line one\nline two\r\nline three', 'With the Lead, named']])
  })

  it.each([
    ['=HYPERLINK("http://evil.example","Click")', `"'=HYPERLINK(""http://evil.example"",""Click"")"`],
    ['+44 7700 900123', "'+44 7700 900123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('defuses a cell that a spreadsheet would run as a formula: %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
    const csv = reflectionsCsv([row({ tryInClass: value })])
    const records = parse(csv, { bom: true, relax_quotes: false }) as string[][]
    expect(records[1]![3]).toBe(`'${value}`)
  })

  it('leaves ordinary cells alone, including a formula character later in the text', () => {
    expect(csvCell('Bar models = clarity')).toBe('Bar models = clarity')
    expect(csvCell("Pupils' reasoning")).toBe("Pupils' reasoning")
    expect(csvCell('')).toBe('')
  })
})

describe('csvRowsFor', () => {
  it("exports named reflections but never 'me' ones, nor anonymised ones while they are held back", () => {
    const collated = collateReflections({
      reflections: [
        reflection('U_ANNA', 'lead', 4, 'Bar models'),
        reflection('U_PRIV', 'me', 2, 'My private plan'),
        ...[0, 1, 2, 3].map((i) => reflection(`U_ANON${i}`, 'anonymised', 3, `Anonymous idea ${i}`)),
      ],
      names,
      expected: 6,
    })
    const rows = csvRowsFor(collated, 'Tue 4 Nov 2026 16:00')
    expect(rows).toEqual([{ session: 'Tue 4 Nov 2026 16:00', name: 'Anna Lee', rating: 4, tryInClass: 'Bar models', noticed: '', visibility: 'With the Lead, named' }])
    const csv = reflectionsCsv(rows)
    expect(csv).not.toContain('private')
    expect(csv).not.toContain('Priya')
    expect(csv).not.toContain('Anonymous')
  })

  it('exports anonymised reflections once five people chose it, without a name', () => {
    const collated = collateReflections({
      reflections: [reflection('U_ANNA', 'lead', 4, 'Bar models'), ...[0, 1, 2, 3, 4].map((i) => reflection(`U_ANON${i}`, 'anonymised', 3, `Idea ${i}`))],
      names,
      expected: 6,
    })
    const rows = csvRowsFor(collated, 'Tue 4 Nov 2026 16:00')
    expect(rows).toHaveLength(6)
    const anonymous = rows.filter((r) => r.visibility === 'Anonymised')
    expect(anonymous.map((r) => r.tryInClass)).toEqual(['Idea 0', 'Idea 1', 'Idea 2', 'Idea 3', 'Idea 4'])
    expect(anonymous.every((r) => r.name === '')).toBe(true)
    const csv = reflectionsCsv(rows)
    expect(csv).not.toContain('Anonymous Person')
    expect(csv).not.toContain('U_ANON')
    expect(csv).toContain('Tue 4 Nov 2026 16:00,,3,Idea 0,,Anonymised\r\n')
  })
})
