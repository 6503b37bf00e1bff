import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { parseSessionsFile } from '../../src/features/sessions/parse-sessions-file.js'
import { type CalendarSession, renderSessionCalendar } from '../../src/features/sessions/session-calendar.js'

const NOW = new Date('2026-01-10T09:00:00Z')
const TEAMS =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ2ZTdkYjMtYTU5Ni00ZGM2LWI4NmYtYzE3ZDBjNjE2ZWJk%40thread.v2/0?context=%7b%22Tid%22%3a%229c7d9dd3%22%7d'

const ONLINE: CalendarSession = {
  id: 'wg-42-s2',
  startsAt: new Date('2026-10-22T15:00:00Z'),
  endsAt: new Date('2026-10-22T16:30:00Z'),
  title: 'Session 2: bar models, part one; with Year 4',
  onlineUrl: TEAMS,
  prepare: 'Watch the 12-minute video on bar models.\nBring two pieces of pupils\' work, e.g. jottings; photos are fine.',
  gapTask: 'Try one bar-model problem with your class.',
}

const FACE_TO_FACE: CalendarSession = {
  id: 'wg-42-s3',
  startsAt: new Date('2026-11-12T16:00:00Z'),
  endsAt: new Date('2026-11-12T17:30:00Z'),
  title: 'Session 3: reasoning',
  place: 'Kingsbridge Academy, Room M4, Leeds LS1 2AB',
}

const render = (sessions: CalendarSession[]) =>
  renderSessionCalendar(sessions, { calendarName: 'Y4 Mastery, Leeds; 2026/27', now: NOW })

function events(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[])
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) }
}

describe('renderSessionCalendar', () => {
  it('writes one event per session that a calendar library reads back', () => {
    const { calendar, events: [online, inPerson] } = events(render([ONLINE, FACE_TO_FACE]))
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Maths Hubs//Work Group sessions bot//EN')

    expect(online?.uid).toBe('wg-42-s2@maths-hubs-bot')
    expect(online?.startDate.toJSDate()).toEqual(ONLINE.startsAt)
    expect(online?.endDate.toJSDate()).toEqual(ONLINE.endsAt)
    expect(online?.startDate.zone.tzid).toBe('UTC')
    expect(online?.summary).toBe(ONLINE.title)
    expect(online?.location).toBe(TEAMS)
    expect(online?.component.getFirstPropertyValue('url')).toBe(TEAMS)
    expect(online?.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-01-10T09:00:00Z')
    expect(online?.description).toBe(
      [
        `Before the session: ${ONLINE.prepare}`,
        `Gap task, to try in school afterwards: ${ONLINE.gapTask}`,
        `Join online: ${TEAMS}`,
      ].join('\n\n'),
    )

    expect(inPerson?.uid).toBe('wg-42-s3@maths-hubs-bot')
    expect(inPerson?.location).toBe(FACE_TO_FACE.place)
    expect(inPerson?.component.hasProperty('url')).toBe(false)
    expect(inPerson?.component.hasProperty('description')).toBe(false)
  })

  it('uses CRLF line endings and folds every line to at most 75 octets', () => {
    const long: CalendarSession = {
      ...FACE_TO_FACE,
      id: 'long',
      // Multi-byte characters must not be split across a fold.
      title: `Représentations et structure – ${'ééé 🧮 '.repeat(30).trim()}`,
      prepare: 'x'.repeat(400),
    }
    const text = render([ONLINE, long])
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = text.slice(0, -2).split('\r\n')
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10)
    expect(lines.join('\n')).not.toContain('\uFFFD')
    expect(events(text).events[1]?.summary).toBe(long.title)
    expect(events(text).events[1]?.description).toBe(`Before the session: ${long.prepare}`)
  })

  it('escapes commas, semicolons, backslashes and line breaks in text', () => {
    const tricky: CalendarSession = {
      ...FACE_TO_FACE,
      title: 'Fractions, decimals; percentages \\ ratio',
      place: 'Room 4,\r\nMain Building; Leeds',
    }
    const text = render([tricky])
    const unfolded = text.replace(/\r\n /g, '')
    expect(unfolded).toContain('SUMMARY:Fractions\\, decimals\\; percentages \\\\ ratio\r\n')
    expect(unfolded).toContain('LOCATION:Room 4\\,\\nMain Building\\; Leeds\r\n')
    expect(unfolded).toContain('X-WR-CALNAME:Y4 Mastery\\, Leeds\\; 2026/27\r\n')
    const [event] = events(text).events
    expect(event?.summary).toBe(tricky.title)
    expect(event?.location).toBe('Room 4,\nMain Building; Leeds')
  })

  it('leaves out a link that is not a web link', () => {
    const text = render([{ ...FACE_TO_FACE, onlineUrl: 'javascript:alert(1)' }])
    expect(text).not.toContain('javascript')
    expect(text).not.toMatch(/^URL/m)
  })

  it('keeps the same UID for the same session, so importing again updates the event', () => {
    const first = events(render([ONLINE])).events[0]?.uid
    const moved = events(render([{ ...ONLINE, startsAt: new Date('2026-10-29T16:00:00Z') }])).events[0]?.uid
    expect(moved).toBe(first)
  })

  it('writes a file the sessions upload accepts, giving back the same sessions', () => {
    const parsed = parseSessionsFile('calendar.ics', render([ONLINE, FACE_TO_FACE]), { timeZone: 'Europe/London', now: NOW })
    expect(parsed).toEqual({
      ok: true,
      sessions: [
        {
          startsAt: ONLINE.startsAt,
          endsAt: ONLINE.endsAt,
          title: ONLINE.title,
          onlineUrl: TEAMS,
          prepare: expect.stringContaining('Before the session: Watch the 12-minute video'),
        },
        { startsAt: FACE_TO_FACE.startsAt, endsAt: FACE_TO_FACE.endsAt, title: FACE_TO_FACE.title, place: FACE_TO_FACE.place },
      ],
    })
  })

  it('writes an empty calendar when there are no sessions', () => {
    const text = render([])
    expect(events(text).events).toEqual([])
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n[^]*END:VCALENDAR\r\n$/)
  })
})
