import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  describeSessionProblems,
  type ParsedSessions,
  parseSessionsFile,
  type SessionInput,
  type SessionProblem,
} from '../../src/features/sessions/parse-sessions-file.js'

const FIXTURES = new URL('../fixtures/sessions/', import.meta.url)
const NOW = new Date('2026-01-10T09:00:00Z')
const OPTIONS = { timeZone: 'Europe/London', now: NOW }

const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8')
const parseFixture = (name: string, options = OPTIONS) => parseSessionsFile(name, fixture(name), options)

function sessionsOf(parsed: ParsedSessions): SessionInput[] {
  if (!parsed.ok) throw new Error(describeSessionProblems(parsed.problems).join('\n'))
  return parsed.sessions
}

function problemsOf(parsed: ParsedSessions): SessionProblem[] {
  if (parsed.ok) throw new Error(`expected problems, got ${parsed.sessions.length} sessions`)
  return parsed.problems
}

const utc = (iso: string) => new Date(iso)
const startsOf = (sessions: SessionInput[]) => sessions.map((s) => s.startsAt.toISOString())

describe('a good CSV file', () => {
  it('reads every session, placing local times either side of both clock changes', () => {
    const sessions = sessionsOf(parseFixture('work-group-sessions.csv'))
    expect(sessions).toEqual([
      {
        // Thursday before the clocks go forward (29 March 2026): GMT, so 16:00 is 16:00Z.
        startsAt: utc('2026-03-26T16:00:00Z'),
        endsAt: utc('2026-03-26T17:30:00Z'),
        title: 'Session 1: launch',
        onlineUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
        prepare: 'Watch the NCETM video on bar models (12 minutes)',
        gapTask: 'Try one bar-model problem with your class',
      },
      {
        // The week after, in British Summer Time: 4pm is 15:00Z.
        startsAt: utc('2026-04-02T15:00:00Z'),
        endsAt: utc('2026-04-02T16:30:00Z'),
        title: 'Session 2: bar models',
        place: 'Kingsbridge Academy, Room M4, Leeds LS1 2AB',
        prepare: "Read pages 4-9 of the handbook.\nBring two pieces of pupils' work.",
      },
      {
        // Thursday before the clocks go back (25 October 2026): still BST.
        startsAt: utc('2026-10-22T15:00:00Z'),
        endsAt: utc('2026-10-22T16:30:00Z'),
        title: 'Session 3: reasoning',
        onlineUrl: 'https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoP',
      },
      {
        // After the clocks go back: GMT again, so 16:00 local is 16:00Z.
        startsAt: utc('2026-11-05T16:00:00Z'),
        endsAt: utc('2026-11-05T17:30:00Z'),
        title: 'Session 4: review',
        onlineUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_def%40thread.v2/0',
        place: 'Kingsbridge Academy, Room M4',
        gapTask: 'Plan a lesson using a bar model and teach it',
      },
    ])
  })

  it('reads a spreadsheet export: byte-order mark, CRLF, other column names, seconds and empty columns', () => {
    const sessions = sessionsOf(parseFixture('work-group-sessions-excel.csv'))
    expect(sessions).toEqual([
      {
        startsAt: utc('2026-01-15T16:00:00Z'),
        endsAt: utc('2026-01-15T17:30:00Z'),
        title: 'Y4 fluency Work Group session 1',
        onlineUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_xyz%40thread.v2/0',
      },
      {
        startsAt: utc('2026-02-26T16:00:00Z'),
        endsAt: utc('2026-02-26T17:30:00Z'),
        title: 'Y4 fluency Work Group session 2',
        place: 'Kingsbridge Academy, Leeds',
        gapTask: 'Teach the fluency starter, then note what pupils said',
      },
    ])
  })

  it('matches headings without regard to case, spaces, underscores or hyphens', () => {
    const csv = 'DATE,Start_Time,end-time,Meeting Link,PRE-READING,Gap-Task\n2026-02-05,16:00,17:00,https://example.org/m,Chapter 1,Try it\n'
    expect(sessionsOf(parseSessionsFile('sessions.csv', csv, OPTIONS))).toEqual([
      {
        startsAt: utc('2026-02-05T16:00:00Z'),
        endsAt: utc('2026-02-05T17:00:00Z'),
        onlineUrl: 'https://example.org/m',
        prepare: 'Chapter 1',
        gapTask: 'Try it',
      },
    ])
  })

  it('reads dates written out, as term-date files do, and checks their weekday', () => {
    const csv = 'date,start,end,place\nThu 5 February 2026,16:00,17:00,Room 4\n12 Feb 26,4pm,5pm,Room 4\nFri 19 Feb 2026,16:00,17:00,Room 4\n'
    expect(problemsOf(parseSessionsFile('s.csv', csv, OPTIONS))).toEqual([
      { line: 4, field: 'date', message: '"Fri 19 Feb 2026": 19 February 2026 is a Thursday, not a Friday; check the date' },
    ])
    expect(sessionsOf(parseSessionsFile('s.csv', csv.split('\n').slice(0, 3).join('\n'), OPTIONS)).map((x) => x.startsAt)).toEqual([
      utc('2026-02-05T16:00:00Z'),
      utc('2026-02-12T16:00:00Z'),
    ])
  })
})

describe('a bad CSV file', () => {
  it('is refused whole, with every bad row and field named', () => {
    expect(problemsOf(parseFixture('work-group-sessions-bad.csv'))).toEqual([
      { line: 3, field: 'start', message: 'starts at the same time (Thursday 5 February 2026 at 16:00) as the session on line 2' },
      { line: 4, field: 'start', message: '"25:00" is not a time; write it like 16:00 or 4pm' },
      { line: 5, field: 'date', message: '"31/02/2026" is not a date: February 2026 has no day 31' },
      { line: 6, field: 'date', message: '"03/31/2026" is not a date: there is no month 31; put the day first, like 26/10/2026' },
      { line: 7, field: 'date', message: 'Thursday 4 December 2025 at 16:00 is in the past; only sessions still to come can be added' },
      { line: 8, field: 'end', message: 'ends (16:00) before it starts (17:00); check the times' },
      { line: 9, field: 'end', message: 'would last 13 hours; a session can last at most 12 hours, so check the start and end' },
      {
        line: 10,
        field: 'start',
        message: '01:30 on 29 March 2026 does not exist in UK time, because the clocks go forward then; pick another time',
      },
      {
        line: 11,
        field: 'link',
        message: '"javascript:alert(document.cookie)" is not a web link; paste the whole link, starting with https://',
      },
      { line: 12, field: 'place', message: 'says neither where the session is nor its online link; give a place, a link or both' },
      { line: 13, field: 'start', message: '"4" is not a time: say whether it is am or pm, or write it like 16:00 or 4pm' },
      { line: 14, field: 'start', message: 'is empty; write the start time like 16:00 or 4pm' },
      // Line 15 is blank and skipped; line numbers still count it.
      { line: 16, field: 'title', message: 'is too long (235 characters); keep it to 150 or fewer' },
      {
        line: 17,
        field: 'link',
        message:
          '"file:///C:/Users/kmcdonald/Documents/slides.pptx" is not a web link; paste the whole link, starting with https://',
      },
      { line: 18, field: 'date', message: '"next Thursday" is not a date; write it like 26/10/2026 or 26 October 2026' },
      {
        line: 19,
        message: 'has 9 cells but there are only 8 columns; if a place or note has a comma in it, put it in "double quotes"',
      },
    ])
  })

  it('names unknown, doubled and missing columns on line 1, and still checks the rows', () => {
    expect(problemsOf(parseFixture('work-group-sessions-bad-headings.csv'))).toEqual([
      {
        line: 1,
        field: 'Strat time',
        message:
          '"Strat time" is not a column I know. Did you mean "start time"? The columns are: date, start, end, link, place, prepare, gap task, title.',
      },
      {
        line: 1,
        field: 'Venu',
        message:
          '"Venu" is not a column I know. Did you mean "venue"? The columns are: date, start, end, link, place, prepare, gap task, title.',
      },
      { line: 1, field: 'Address', message: '"Location" and "Address" are both the place column; keep one of them' },
      { line: 1, field: 'start', message: 'there is no "start" column; every session needs a start time' },
      { line: 2, field: 'link', message: '"javascript:void(0)" is not a web link; paste the whole link, starting with https://' },
    ])
  })

  it('offers no suggestion for a column that is nothing like a known one', () => {
    const csv = 'date,start,end,place,Key stage\n2026-02-05,16:00,17:00,Room 4,KS2\n'
    expect(problemsOf(parseSessionsFile('s.csv', csv, OPTIONS))).toEqual([
      {
        line: 1,
        field: 'Key stage',
        message: '"Key stage" is not a column I know. The columns are: date, start, end, link, place, prepare, gap task, title.',
      },
    ])
  })

  it('refuses more than 50 sessions, on the line of the 51st', () => {
    const rows = Array.from({ length: 51 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 1, 2) + i * 86_400_000).toISOString().slice(0, 10)
      return `${day},16:00,17:00,Room 4`
    })
    const csv = ['date,start,end,place', ...rows].join('\n')
    expect(problemsOf(parseSessionsFile('s.csv', csv, OPTIONS))).toEqual([
      { line: 52, message: 'the file has 51 sessions; upload at most 50 at a time' },
    ])
    expect(sessionsOf(parseSessionsFile('s.csv', csv.split('\n').slice(0, 51).join('\n'), OPTIONS))).toHaveLength(50)
  })

  it('refuses a file with headings but no sessions', () => {
    expect(problemsOf(parseSessionsFile('s.csv', 'date,start,end,place\n\n,,,\n', OPTIONS))).toEqual([
      { line: 1, message: 'the file has no sessions in it' },
    ])
  })

  it('refuses a file whose quotes do not match', () => {
    const [problem] = problemsOf(parseSessionsFile('s.csv', 'date,start,end,place\n2026-02-05,16:00,17:00,"Room 4\n', OPTIONS))
    expect(problem?.message).toMatch(/^the file cannot be read as CSV .*"double quote" may be missing its partner$/)
  })
})

describe('the kind of file', () => {
  it('refuses anything but .csv or .ics, pointing spreadsheets at CSV', () => {
    expect(problemsOf(parseSessionsFile('Sessions 2026.xlsx', 'PK\u0003\u0004…', OPTIONS))).toEqual([
      {
        line: 1,
        message:
          'I can only read .csv or .ics files, and "Sessions 2026.xlsx" is neither. In your spreadsheet, use "Save as" or "Download" and choose CSV.',
      },
    ])
    expect(problemsOf(parseSessionsFile('notes.txt', 'date,start,end\n', OPTIONS))[0]?.message).toBe(
      'I can only read .csv or .ics files, and "notes.txt" is neither.',
    )
  })

  it('recognises a calendar by its content when the name does not say', () => {
    expect(sessionsOf(parseSessionsFile('invite', fixture('outlook-export.ics'), OPTIONS))).toHaveLength(2)
  })

  it('refuses an .ics file that is not a calendar', () => {
    expect(problemsOf(parseSessionsFile('sessions.ics', 'date,start,end\n2026-02-05,16:00,17:00\n', OPTIONS))).toEqual([
      {
        line: 1,
        message:
          'the file is not a calendar file I can read (invalid line (no token ";" or ":") "date,start,end"); export it again from your calendar as .ics',
      },
    ])
  })
})

describe('an Outlook calendar export', () => {
  it('reads "GMT Standard Time" as UK time, finds the Teams link, and skips the cancelled meeting', () => {
    const sessions = sessionsOf(parseFixture('outlook-export.ics'))
    expect(sessions).toEqual([
      {
        startsAt: utc('2026-10-22T15:00:00Z'),
        endsAt: utc('2026-10-22T16:30:00Z'),
        title: 'Session 2: bar models',
        onlineUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_NjQ2/),
        // Outlook's joining instructions after the rule are left out.
        prepare:
          "Before the session please watch the 12-minute video on bar models (NCETM Primary Mastery Professional Development, 3.1) and bring two examples of pupils' work.",
      },
      {
        startsAt: utc('2026-11-12T16:00:00Z'),
        endsAt: utc('2026-11-12T17:30:00Z'),
        title: 'Session 3: reasoning with bar models',
        place: 'Kingsbridge Academy, Room M4, Leeds LS1 2AB',
        prepare: "Gap task from session 2: try one bar-model problem with your class and bring the pupils' jottings.",
      },
    ])
    // "Microsoft Teams Meeting" names the platform; it is not a place.
    expect(sessions[0]).not.toHaveProperty('place')
  })
})

describe('a Google Calendar export', () => {
  it('expands repeating events from today on, honouring removed, moved and cancelled occurrences', () => {
    const sessions = sessionsOf(parseFixture('google-export.ics'))
    expect(sessions.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.title])).toEqual([
      // Every 6 weeks at 16:00 UK time since September 2025; the three before today are left out.
      ['2026-01-22T16:00:00.000Z', '2026-01-22T17:30:00.000Z', 'Y4 fluency Work Group'],
      // Monthly on the second Tuesday at 15:30Z, written in UTC, so it stays 15:30Z after the clocks change.
      ['2026-02-10T15:30:00.000Z', '2026-02-10T17:00:00.000Z', 'Lead network drop-in'],
      ['2026-02-19T16:00:00.000Z', '2026-02-19T17:30:00.000Z', 'Lesson study: research lesson'],
      ['2026-03-10T15:30:00.000Z', '2026-03-10T17:00:00.000Z', 'Lead network drop-in'],
      // 5 March was removed (EXDATE).
      ['2026-04-14T15:30:00.000Z', '2026-04-14T17:00:00.000Z', 'Lead network drop-in'],
      // In summer time the series stays at 16:00 UK time, which is 15:00Z.
      ['2026-04-16T15:00:00.000Z', '2026-04-16T16:30:00.000Z', 'Y4 fluency Work Group'],
      ['2026-05-12T15:30:00.000Z', '2026-05-12T17:00:00.000Z', 'Lead network drop-in'],
      // 28 May was moved to 4 June and made face to face.
      ['2026-06-04T15:00:00.000Z', '2026-06-04T16:30:00.000Z', 'Y4 fluency Work Group (face to face)'],
      ['2026-06-09T15:30:00.000Z', '2026-06-09T17:00:00.000Z', 'Lead network drop-in'],
      // 9 July was cancelled.
    ])
    expect(sessions[0]).toEqual({
      startsAt: utc('2026-01-22T16:00:00Z'),
      endsAt: utc('2026-01-22T17:30:00Z'),
      title: 'Y4 fluency Work Group',
      onlineUrl: 'https://meet.google.com/xkp-qwer-tyu',
      // Google's Meet joining instructions are left out.
      prepare: 'Read the Work Group handbook, section 2 (fluency), before each session.',
    })
    expect(sessions.find((s) => s.title === 'Lesson study: research lesson')).toEqual({
      startsAt: utc('2026-02-19T16:00:00Z'),
      endsAt: utc('2026-02-19T17:30:00Z'),
      title: 'Lesson study: research lesson',
      place: 'Kingsbridge Academy, Leeds LS1 2AB',
    })
    expect(sessions.find((s) => s.title === 'Lead network drop-in')?.onlineUrl).toBe(
      'https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoP',
    )
  })

  it('refuses repeating events whose dates are all past, once per event', () => {
    const later = { ...OPTIONS, now: new Date('2027-01-01T00:00:00Z') }
    expect(describeSessionProblems(problemsOf(parseFixture('google-export.ics', later)))).toEqual([
      'line 26, start: every date of this repeating event is in the past (event "Y4 fluency Work Group")',
      'line 78, start: Thursday 19 February 2026 at 16:00 is in the past; only sessions still to come can be added (event "Lesson study: research lesson")',
      'line 92, start: every date of this repeating event is in the past (event "Lead network drop-in")',
    ])
  })

  it('does not call a series past when its remaining dates are cancelled', () => {
    const june = { ...OPTIONS, now: new Date('2026-06-05T00:00:00Z') }
    // Only the one-off lesson study is refused; the fluency series' last date (9 July) is cancelled.
    expect(problemsOf(parseFixture('google-export.ics', june)).map((p) => [p.line, p.field])).toEqual([[78, 'start']])
  })
})

describe('other calendar exports', () => {
  it('reads times with no zone as UK time, DURATION instead of DTEND, and Outlook display-name zones', () => {
    expect(sessionsOf(parseFixture('booking-system-export.ics'))).toEqual([
      {
        // TZID "(UTC+00:00) Dublin, Edinburgh, Lisbon, London" in September: BST.
        startsAt: utc('2026-09-17T15:00:00Z'),
        endsAt: utc('2026-09-17T17:00:00Z'),
        title: 'Session 6: face to face',
        onlineUrl: 'https://www.kingsbridgemathshub.org.uk/work-groups/y4',
        place: 'Kingsbridge Academy, Bramley Road, Leeds LS1 2AB',
      },
      {
        // Floating 16:00 in November: GMT. The link in LOCATION is the online link.
        startsAt: utc('2026-11-05T16:00:00Z'),
        endsAt: utc('2026-11-05T17:30:00Z'),
        title: 'Session 5: multiplicative reasoning',
        onlineUrl: 'https://us02web.zoom.us/j/81234567890?pwd=aBcDeFgHiJkLmNoP',
        prepare: 'Watch first: https://www.ncetm.org.uk/classroom-resources/',
      },
    ])
  })

  it('takes at most 20 occurrences of an endless repeating event, keeping the local time across the clock change', () => {
    const sessions = sessionsOf(parseFixture('weekly-forever.ics'))
    expect(sessions).toHaveLength(20)
    expect(startsOf(sessions).slice(10, 12)).toEqual(['2026-03-26T16:00:00.000Z', '2026-04-02T15:00:00.000Z'])
    expect(sessions.at(-1)?.startsAt).toEqual(utc('2026-05-28T15:00:00Z'))
  })
})

describe('a calendar export with problems', () => {
  it('names the line each event begins on, and skips the cancelled one', () => {
    expect(describeSessionProblems(problemsOf(parseFixture('calendar-problems.ics')))).toEqual([
      'line 25, start: this is an all-day event; a session needs a start and end time (event "Maths Hub conference")',
      'line 33, link: "javascript:alert(document.cookie)" is not a web link; paste the whole link, starting with https:// (event "Session 5: fractions")',
      'line 41, start: 01:30 on 29 March 2026 does not exist in UK time, because the clocks go forward then; pick another time (event "Early start")',
      // Line 49 is a cancelled all-day event: skipped, so not a problem.
      'line 56, start: uses the time zone "Mars Standard Time", which I do not recognise; export the calendar again in UK time (event "Session 6")',
      'line 64, link: "javascript:alert(1)" is not a web link; paste the whole link, starting with https:// (event "Session 7")',
      'line 72, start: Thursday 4 December 2025 at 16:00 is in the past; only sessions still to come can be added (event "Session 1")',
    ])
  })
})

describe('describeSessionProblems', () => {
  it('writes one line per problem, with column names as a teacher writes them', () => {
    expect(
      describeSessionProblems([
        { line: 3, field: 'date', message: '"next Thursday" is not a date; write it like 26/10/2026 or 26 October 2026' },
        { line: 4, field: 'gap_task', message: 'is too long (1200 characters); keep it to 1000 or fewer' },
        { line: 1, field: 'Strat_time', message: 'is not a column I know' },
        { line: 9, message: 'has 9 cells' },
      ]),
    ).toEqual([
      'line 3, date: "next Thursday" is not a date; write it like 26/10/2026 or 26 October 2026',
      'line 4, gap task: is too long (1200 characters); keep it to 1000 or fewer',
      'line 1, Strat_time: is not a column I know',
      'line 9: has 9 cells',
    ])
  })
})

describe('a hand-edited calendar file', () => {
  it('names the event whose repeat rule cannot be read', () => {
    expect(describeSessionProblems(problemsOf(parseFixture('hand-edited-bad-rule.ics')))).toEqual([
      'line 12: this event has something in it I cannot read; export the calendar again',
    ])
  })

  it('names a start that cannot be read and an event with no end', () => {
    expect(describeSessionProblems(problemsOf(parseFixture('hand-edited-bad-start.ics')))).toEqual([
      'line 4, start: cannot be read as a date and time (it should look like 20260205T160000); export the calendar again (event "Session 1")',
      'line 12, end: this event has no end time (event "Session 2")',
    ])
  })
})
