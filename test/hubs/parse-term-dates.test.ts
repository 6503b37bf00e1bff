import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  describeTermDatesProblems,
  type HolidayInput,
  type ParsedTermDates,
  parseTermDates,
  type TermDatesProblem,
} from '../../src/features/hubs/parse-term-dates.js'
import { readUkDate } from '../../src/files/uk-dates.js'

const FIXTURES = new URL('../fixtures/term-dates/', import.meta.url)
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8')
const parseFixture = (name: string) => parseTermDates(name, fixture(name))

function holidaysOf(parsed: ParsedTermDates): HolidayInput[] {
  if (!parsed.ok) throw new Error(describeTermDatesProblems(parsed.problems).join('\n'))
  return parsed.holidays
}

function problemsOf(parsed: ParsedTermDates): TermDatesProblem[] {
  if (parsed.ok) throw new Error(`expected problems, got ${parsed.holidays.length} holidays`)
  return parsed.problems
}

const csv = (...lines: string[]) => parseTermDates('term-dates.csv', lines.join('\n'))
const ics = (...events: string[][]) =>
  parseTermDates(
    'term-dates.ics',
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n'),
  )
const lines = (parsed: ParsedTermDates) => describeTermDatesProblems(problemsOf(parsed))

describe('dates as people write them in the UK', () => {
  it.each([
    ['2026-10-26', '2026-10-26'],
    ['26/10/2026', '2026-10-26'],
    ['26/10/26', '2026-10-26'],
    ['3/4/2027', '2027-04-03'],
    ['03.04.2027', '2027-04-03'],
    ['26-10-2026', '2026-10-26'],
    ['26 October 2026', '2026-10-26'],
    ['26 Oct 2026', '2026-10-26'],
    ['Mon 26 Oct 2026', '2026-10-26'],
    ['Monday 26th October 2026', '2026-10-26'],
    ['Mon, 26 Oct 2026', '2026-10-26'],
    ['1 Sept 2026', '2026-09-01'],
    ['26-Oct-26', '2026-10-26'],
    ['26/10/2026 00:00', '2026-10-26'],
    ['  26/10/2026  ', '2026-10-26'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(readUkDate(text)).toEqual({ ok: true, date: iso })
  })

  it('reads numbers day first, never month first', () => {
    expect(readUkDate('03/04/2027')).toEqual({ ok: true, date: '2027-04-03' })
    expect(readUkDate('10/26/2026')).toEqual({
      ok: false,
      problem: '"10/26/2026" is not a date: there is no month 26; put the day first, like 26/10/2026',
    })
  })

  it.each([
    ['', 'is empty; write it like 26/10/2026 or 26 October 2026'],
    ['next Monday', '"next Monday" is not a date; write it like 26/10/2026 or 26 October 2026'],
    ['October 26, 2026', '"October 26, 2026" has the month first; put the day first, like 26 October 2026'],
    ['31/02/2027', '"31/02/2027" is not a date: February 2027 has no day 31'],
    ['29/02/2027', '"29/02/2027" is not a date: February 2027 has no day 29'],
    ['26 Octobre 2026', '"26 Octobre 2026": "Octobre" is not a month. Did you mean October?'],
    ['Tue 26 Oct 2026', '"Tue 26 Oct 2026": 26 October 2026 is a Monday, not a Tuesday; check the date'],
    ['Fun 26 Oct 2026', '"Fun 26 Oct 2026": "Fun" is not a day of the week'],
    ['26/10/2026 09:00', '"26/10/2026 09:00" has a time in it; give just the date'],
    ['46321', '"46321" is a spreadsheet\'s date number; format the column as dates (like 26/10/2026) and save as CSV again'],
  ])('refuses %j, saying why', (text, problem) => {
    expect(readUkDate(text)).toEqual({ ok: false, problem })
  })
})

describe('a CSV file', () => {
  it('reads every holiday in date order, whatever the date format, with an empty end meaning one day', () => {
    const parsed = parseFixture('north-west-2026-27.csv')
    expect(holidaysOf(parsed)).toEqual([
      { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'October half term' },
      { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas' },
      { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'February half term' },
      { startsOn: '2027-03-29', endsOn: '2027-04-09', label: 'Easter' },
      { startsOn: '2027-05-03', endsOn: '2027-05-03', label: 'May Day bank holiday' },
      { startsOn: '2027-05-31', endsOn: '2027-06-04', label: 'Spring half term' },
    ])
  })

  it('reads an Excel export: byte-order mark, CRLF, quoted cells with commas, empty columns and rows', () => {
    const parsed = parseFixture('excel-export.csv')
    expect(parsed).toEqual({
      ok: true,
      ignoredColumns: [],
      holidays: [
        { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'Autumn half term' },
        { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holiday, school closed' },
        { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'Spring half term' },
      ],
    })
  })

  it('keeps line numbers true in a CRLF file with a byte-order mark and blank lines', () => {
    const text = '\uFEFFStart,End\r\n\r\n26/10/2026,30/10/2026\r\n\r\n21/12/2026,18/12/2026\r\n'
    expect(describeTermDatesProblems(problemsOf(parseTermDates('x.csv', text)))).toEqual([
      'line 5, end: ends (Friday 18 December 2026) before it starts (Monday 21 December 2026); check the dates',
    ])
  })

  it('names a holiday without a name column, and leaves the name out when the cell is empty', () => {
    expect(holidaysOf(csv('start,end', '26/10/2026,30/10/2026'))).toEqual([{ startsOn: '2026-10-26', endsOn: '2026-10-30' }])
    expect(holidaysOf(csv('start,end,name', '26/10/2026,30/10/2026,'))).toEqual([{ startsOn: '2026-10-26', endsOn: '2026-10-30' }])
  })

  it.each([
    ['Start date,End date,Holiday', '26/10/2026,30/10/2026,Half term'],
    ['First day,Last day,Description', '26/10/2026,30/10/2026,Half term'],
    ['START,END,NAME', '26/10/2026,30/10/2026,Half term'],
    ['start_date,end_date,holiday_name', '26/10/2026,30/10/2026,Half term'],
    ['From,To,Event', '26/10/2026,30/10/2026,Half term'],
    ['Holiday,First Day,Last Day', 'Half term,26/10/2026,30/10/2026'],
    ['Name,End,Start', 'Half term,30/10/2026,26/10/2026'],
  ])('recognises the headings %s', (header, row) => {
    expect(holidaysOf(csv(header, row))).toEqual([{ startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'Half term' }])
  })

  it('ignores columns it does not use, and says which', () => {
    expect(csv('Start,End,Notes,Days', '26/10/2026,30/10/2026,Staff too,5')).toMatchObject({ ok: true, ignoredColumns: ['Notes', 'Days'] })
  })

  it('says which heading is missing and which heading in the file is probably it', () => {
    expect(lines(parseFixture('misnamed-headings.csv'))).toEqual([
      'line 1, start: there is no start column (the first day of each holiday); head it "Start" or one of "Start date", "First day", "From". Is "Strat date" meant to be "Start date"? If so, rename it',
    ])
  })

  it('lists the headings it found when none is close', () => {
    expect(lines(csv('Term,Dates', 'Autumn,26/10/2026'))).toEqual([
      'line 1, start: there is no start column (the first day of each holiday); head it "Start" or one of "Start date", "First day", "From". The headings in the file are: "Term", "Dates"',
      'line 1, end: there is no end column (the last day of each holiday); head it "End" or one of "End date", "Last day", "To". The headings in the file are: "Term", "Dates"',
    ])
  })

  it('refuses two columns that mean the same thing', () => {
    expect(lines(csv('Start,First day,End', '26/10/2026,26/10/2026,30/10/2026'))).toEqual([
      'line 1, First day: "Start" and "First day" are both the start column (the first day of each holiday); keep one of them',
    ])
  })

  it('refuses a row with more cells than columns, pointing at the unquoted comma', () => {
    expect(lines(csv('start,end,name', '21/12/2026,01/01/2027,Christmas, school closed'))).toEqual([
      'line 2: has 4 cells but there are only 3 columns; if a name or date has a comma in it, put it in "double quotes"',
    ])
  })

  it('refuses an empty file, a heading row alone and an unclosed quote', () => {
    expect(lines(csv(''))).toEqual(['line 1: the file is empty'])
    expect(lines(csv('start,end,name'))).toEqual(['line 1: the file has no holidays in it'])
    expect(lines(csv('start,end,name', '26/10/2026,30/10/2026,"Half term'))[0]).toMatch(/^line \d+: the file cannot be read as CSV .*"double quote"/)
  })

  it('tells a spreadsheet user to save as CSV', () => {
    expect(lines(parseTermDates('term dates.xlsx', 'PK...'))).toEqual([
      'line 1: I can only read .csv or .ics files, and "term dates.xlsx" is neither. In your spreadsheet, use "Save as" or "Download" and choose CSV.',
    ])
  })
})

describe('the checks, the same for every file', () => {
  it('reports every problem in a file, by line and field, in order', () => {
    expect(lines(parseFixture('problems.csv'))).toEqual([
      'line 3, start: "10/26/2026" is not a date: there is no month 26; put the day first, like 26/10/2026',
      'line 4, start: "Tue 26 Oct 2026": 26 October 2026 is a Monday, not a Tuesday; check the date',
      'line 5, end: ends (Friday 18 December 2026) before it starts (Monday 21 December 2026); check the dates',
      'line 6, start: Wednesday 28 October 2026 to Monday 2 November 2026 overlaps the holiday on line 2 (Monday 26 October 2026 to Friday 30 October 2026); check the dates of both',
      'line 7, start: Tuesday 1 September 2026 to Wednesday 30 December 2026 overlaps the holiday on line 2 (Monday 26 October 2026 to Friday 30 October 2026); check the dates of both',
      'line 7, end: would last 121 days (Tuesday 1 September 2026 to Wednesday 30 December 2026); a holiday can last at most 70 days, so check the start and end. If this is a term rather than a holiday, list the holidays instead',
      'line 8, start: "26 Octobre 2026": "Octobre" is not a month. Did you mean October?',
      'line 8, end: "31 February 2027" is not a date: February 2027 has no day 31',
      'line 9, start: Tuesday 21 December 1926 is not between 2000 and 2100; check the year',
      'line 9, end: Saturday 1 January 1927 is not between 2000 and 2100; check the year',
    ])
  })

  it('allows a one-day holiday and a holiday that ends the day the next begins, but not a shared day', () => {
    expect(holidaysOf(csv('start,end', '26/10/2026,26/10/2026', '27/10/2026,30/10/2026'))).toHaveLength(2)
    expect(lines(csv('start,end', '26/10/2026,30/10/2026', '30/10/2026,02/11/2026'))).toEqual([
      'line 3, start: Friday 30 October 2026 to Monday 2 November 2026 overlaps the holiday on line 2 (Monday 26 October 2026 to Friday 30 October 2026); check the dates of both',
    ])
  })

  it('finds the same holiday listed twice, and an overlap listed out of order', () => {
    expect(lines(csv('start,end', '21/12/2026,01/01/2027', '26/10/2026,30/10/2026', '21 Dec 2026,1 Jan 2027'))).toEqual([
      'line 4, start: is the same holiday as on line 2 (Monday 21 December 2026 to Friday 1 January 2027); keep one of them',
    ])
    expect(lines(csv('start,end', '28/10/2026,29/10/2026', '26/10/2026,30/10/2026'))).toEqual([
      'line 3, start: Monday 26 October 2026 to Friday 30 October 2026 overlaps the holiday on line 2 (Wednesday 28 October 2026 to Thursday 29 October 2026); check the dates of both',
    ])
  })

  it('allows a holiday of 70 days but not 71', () => {
    expect(holidaysOf(csv('start,end', '2026-07-01,2026-09-08'))).toEqual([{ startsOn: '2026-07-01', endsOn: '2026-09-08' }])
    expect(problemsOf(csv('start,end', '2026-07-01,2026-09-09'))).toEqual([
      { line: 2, field: 'end', message: expect.stringMatching(/^would last 71 days .*at most 70 days/) },
    ])
  })

  it('allows years from 2000 to 2100 only', () => {
    expect(holidaysOf(csv('start,end', '2000-01-01,2000-01-02', '2100-12-30,2100-12-31'))).toHaveLength(2)
    expect(problemsOf(csv('start,end', '1999-12-31,2000-01-02', '2100-12-31,2101-01-01'))).toEqual([
      { line: 2, field: 'start', message: 'Friday 31 December 1999 is not between 2000 and 2100; check the year' },
      { line: 3, field: 'end', message: 'Saturday 1 January 2101 is not between 2000 and 2100; check the year' },
    ])
  })

  it('allows 60 holidays in a file but not 61, naming the first one too many', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `${new Date(Date.UTC(2026, 0, 1 + i * 3)).toISOString().slice(0, 10)},`)
    expect(holidaysOf(csv('start,end', ...rows(60)))).toHaveLength(60)
    expect(lines(csv('start,end', ...rows(61)))).toEqual([
      'line 62: the file has 61 holidays; import at most 60 at a time (a school year or two)',
    ])
  })

  it('refuses a name longer than 200 characters', () => {
    expect(problemsOf(csv('start,end,name', `26/10/2026,30/10/2026,${'x'.repeat(201)}`))).toEqual([
      { line: 2, field: 'name', message: 'is too long (201 characters); keep it to 200 or fewer' },
    ])
  })
})

describe('an iCalendar file', () => {
  it('reads all-day events: DTEND is the day after, no DTEND is one day, DURATION counts days, cancelled ones are left out', () => {
    expect(holidaysOf(parseFixture('la-term-dates.ics'))).toEqual([
      { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'October half term' },
      { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas holiday' },
      { startsOn: '2027-01-04', endsOn: '2027-01-04', label: 'INSET day (most schools)' },
      // Written "DTSTART:20270215" with no VALUE=DATE, and DURATION:P5D.
      { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'February half term' },
      // Midnight to midnight in UK time: a whole-day event by another name.
      { startsOn: '2027-03-29', endsOn: '2027-04-09', label: 'Easter holiday' },
    ])
  })

  it('imports term periods as given: it does not guess what a calendar means', () => {
    expect(holidaysOf(parseFixture('term-periods.ics'))).toEqual([
      { startsOn: '2026-09-02', endsOn: '2026-10-23', label: 'Autumn term (first half)' },
      { startsOn: '2026-11-02', endsOn: '2026-12-18', label: 'Autumn term (second half)' },
    ])
  })

  it('refuses events with a time of day, repeating events and impossible dates, each by line', () => {
    expect(lines(parseFixture('timed-events.ics'))).toEqual([
      'line 10, start: this event is at 17:00 on Thursday 5 November 2026, but a holiday is whole days; only all-day events can be imported, so remove this event or make it all-day (event "Parents\' evening")',
      'line 16, end: this event is at 15:30 UTC on Friday 6 November 2026, but a holiday is whole days; only all-day events can be imported, so remove this event or make it all-day (event "Training afternoon")',
      'line 22, start: this event repeats; a term-dates calendar lists each holiday once, so export it with each holiday as its own event (event "May Day")',
      'line 28, start: 20261332 is not a real date; download or export the calendar again (event "Impossible date")',
    ])
  })

  it('treats a DTEND equal to DTSTART as one day, and a DTEND before it as a mistake', () => {
    expect(holidaysOf(ics(['UID:a', 'DTSTART;VALUE=DATE:20270503', 'DTEND;VALUE=DATE:20270503', 'SUMMARY:May Day']))).toEqual([
      { startsOn: '2027-05-03', endsOn: '2027-05-03', label: 'May Day' },
    ])
    expect(lines(ics(['UID:a', 'DTSTART;VALUE=DATE:20270503', 'DTEND;VALUE=DATE:20270501', 'SUMMARY:Backwards']))).toEqual([
      'line 4, end: ends (Friday 30 April 2027) before it starts (Monday 3 May 2027); check the dates (event "Backwards")',
    ])
  })

  it('refuses a midnight start with an end that is not the next midnight', () => {
    expect(problemsOf(ics(['UID:a', 'DTSTART:20261026T000000', 'DTEND:20261026T120000', 'SUMMARY:Morning']))).toEqual([
      { line: 4, field: 'start', message: expect.stringMatching(/^this event is at 00:00 on Monday 26 October 2026, but a holiday is whole days/) },
    ])
  })

  it('applies the same checks as CSV: overlaps and length', () => {
    expect(
      lines(
        ics(
          ['UID:a', 'DTSTART;VALUE=DATE:20261026', 'DTEND;VALUE=DATE:20261031', 'SUMMARY:Half term'],
          ['UID:b', 'DTSTART;VALUE=DATE:20261030', 'SUMMARY:Staff day'],
          ['UID:c', 'DTSTART;VALUE=DATE:20270101', 'DTEND;VALUE=DATE:20270401', 'SUMMARY:Spring term'],
        ),
      ),
    ).toEqual([
      'line 10, start: Friday 30 October 2026 overlaps the holiday on line 4 (Monday 26 October 2026 to Friday 30 October 2026); check the dates of both (event "Staff day")',
      'line 15, end: would last 90 days (Friday 1 January 2027 to Wednesday 31 March 2027); a holiday can last at most 70 days, so check the start and end. If this is a term rather than a holiday, list the holidays instead (event "Spring term")',
    ])
  })

  it('finds the event it cannot read, and refuses a file that is not a calendar', () => {
    expect(problemsOf(ics(['UID:a', 'DTSTART;VALUE=DATE:20261026', 'SUMMARY:Fine'], ['UID:b', 'DTSTART;VALUE=DATE:20261102', 'THIS LINE IS BROKEN']))).toEqual([
      { line: 9, message: expect.stringMatching(/^this event has something in it I cannot read/) },
    ])
    expect(lines(parseTermDates('dates.ics', 'BEGIN:VCARD\r\nFN:Someone\r\nEND:VCARD\r\n'))).toEqual([
      'line 1: the file is not a calendar file; download or export it again as .ics',
    ])
    expect(lines(ics())).toEqual(['line 1: the file has no holidays in it'])
  })

  it('recognises a calendar by its content when the file has no extension', () => {
    const text = fixture('la-term-dates.ics')
    expect(holidaysOf(parseTermDates('download', text))).toHaveLength(5)
  })
})
