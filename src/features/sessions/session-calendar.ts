// Writes the "add to calendar" file the bot offers for Work Group sessions. Written by hand
// rather than with ical.js's writer because that folds continuation lines to 76 octets, leaves
// the last line without its CRLF and does not escape X- properties; RFC 5545 wants all three.
// The tests read the output back with ical.js.

/** A stored session, as much of it as a calendar event shows. */
export interface CalendarSession {
  /** Stable across downloads, so importing the file again updates the event instead of adding a copy. */
  id: string
  startsAt: Date
  endsAt: Date
  title: string
  onlineUrl?: string
  place?: string
  prepare?: string
  gapTask?: string
  /** Kept in the feed as cancelled, so calendars that subscribed take it off. */
  cancelled?: boolean
}

const PRODID = '-//Maths Hubs//Work Group sessions bot//EN'
const UID_DOMAIN = 'maths-hubs-bot'
const MAX_LINE_OCTETS = 75

/** An iCalendar (RFC 5545) file with one event per session, ready to send as text/calendar. */
export function renderSessionCalendar(sessions: CalendarSession[], options: { calendarName: string; now: Date }): string {
  const name = escapeText(options.calendarName)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    // NAME is the standard (RFC 7986); Outlook and Google still read only the older X-WR-CALNAME.
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
  ]
  for (const session of sessions) lines.push(...eventLines(session, options.now))
  lines.push('END:VCALENDAR')
  return `${lines.flatMap(fold).join('\r\n')}\r\n`
}

function eventLines(session: CalendarSession, now: Date): string[] {
  const link = webLink(session.onlineUrl)
  const place = session.place?.trim() || undefined
  // A calendar shows LOCATION prominently; for an online session the link is the location.
  const location = place ?? link
  const description = [
    session.prepare?.trim() ? `Before the session: ${session.prepare.trim()}` : undefined,
    session.gapTask?.trim() ? `Gap task, to try in school afterwards: ${session.gapTask.trim()}` : undefined,
    link ? `Join online: ${link}` : undefined,
  ].filter((part) => part !== undefined)
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(`${session.id}@${UID_DOMAIN}`)}`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART:${utcStamp(session.startsAt)}`,
    `DTEND:${utcStamp(session.endsAt)}`,
    `SUMMARY:${escapeText(`${session.cancelled ? 'Cancelled: ' : ''}${session.title.trim() || 'Work Group session'}`)}`,
    `STATUS:${session.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    ...(link ? [`URL:${link}`] : []),
    ...(description.length > 0 ? [`DESCRIPTION:${escapeText(description.join('\n\n'))}`] : []),
    'END:VEVENT',
  ]
}

/**
 * The link in the normalised form `URL` gives it (no spaces or line breaks, which would break
 * the file), or nothing if it is not http(s): links were checked on upload, this is a backstop.
 */
function webLink(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value.trim())
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  } catch {
    return undefined
  }
}

function utcStamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('a session has an invalid date')
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
}

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks are escaped. */
function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    // Control characters other than tab are not allowed in a content line at all.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
}

/** Folds a content line so no line is over 75 octets of UTF-8, never splitting a character. */
function fold(line: string): string[] {
  const lines: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8')
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current)
      // The leading space marks a continuation and counts towards the 75.
      current = ' '
      octets = 1
    }
    current += char
    octets += size
  }
  lines.push(current)
  return lines
}
