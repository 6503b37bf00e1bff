import { describe, expect, it } from 'vitest'
import { deliveryTime, inHoliday, isQuiet, nextAllowed, offsetLabel, reminderDueAt } from '../../src/domain/reminder-times.js'

const ZONE = 'Europe/London'
const QUIET = { start: '21:00', end: '07:00', weekends: true }
const WEEK = 7 * 24 * 60
const DAY = 24 * 60

describe('reminder times in UK time', () => {
  it('a week-before reminder for the Monday after the October change comes at the same local time', () => {
    // Monday 26 October 2026, 16:00 GMT; the clocks went back on Sunday 25 October.
    const session = new Date('2026-10-26T16:00:00Z')
    // A week earlier it is still BST: 16:00 local is 15:00Z.
    expect(reminderDueAt(session, WEEK, ZONE).toISOString()).toBe('2026-10-19T15:00:00.000Z')
    expect(reminderDueAt(session, DAY, ZONE).toISOString()).toBe('2026-10-25T16:00:00.000Z')
    expect(reminderDueAt(session, 60, ZONE).toISOString()).toBe('2026-10-26T15:00:00.000Z')
  })

  it('and across the March change the other way', () => {
    // Monday 29 March 2027, 16:00 BST (15:00Z); the clocks went forward on Sunday 28 March.
    const session = new Date('2027-03-29T15:00:00Z')
    expect(reminderDueAt(session, WEEK, ZONE).toISOString()).toBe('2027-03-22T16:00:00.000Z')
  })
})

describe('quiet hours', () => {
  it('knows quiet evenings, nights and weekends', () => {
    expect(isQuiet(new Date('2026-11-24T21:30:00Z'), QUIET, ZONE)).toBe(true) // Tuesday 21:30
    expect(isQuiet(new Date('2026-11-25T06:59:00Z'), QUIET, ZONE)).toBe(true)
    expect(isQuiet(new Date('2026-11-25T07:00:00Z'), QUIET, ZONE)).toBe(false)
    expect(isQuiet(new Date('2026-11-28T12:00:00Z'), QUIET, ZONE)).toBe(true) // Saturday noon
    expect(isQuiet(new Date('2026-11-28T12:00:00Z'), { ...QUIET, weekends: false }, ZONE)).toBe(false)
  })

  it('holds a late-evening reminder until 07:00 the next morning', () => {
    const session = new Date('2026-11-25T16:00:00Z')
    expect(deliveryTime(new Date('2026-11-24T22:30:00Z'), session, QUIET, ZONE).toISOString()).toBe('2026-11-25T07:00:00.000Z')
  })

  it('holds a Friday-night reminder until Monday 07:00, in summer time too', () => {
    // Friday 16 October 2026 22:00 BST (21:00Z) → Monday 19 October 07:00 BST (06:00Z).
    expect(nextAllowed(new Date('2026-10-16T21:00:00Z'), QUIET, ZONE).toISOString()).toBe('2026-10-19T06:00:00.000Z')
  })

  it('holds an early reminder until 07:00 when the session starts after that', () => {
    const session = new Date('2026-11-23T07:30:00Z') // Monday 07:30
    expect(deliveryTime(new Date('2026-11-23T06:30:00Z'), session, QUIET, ZONE).toISOString()).toBe('2026-11-23T07:00:00.000Z')
  })

  it('does not hold a reminder past the start of the session: it goes at its time', () => {
    const session = new Date('2026-11-28T13:00:00Z') // a Saturday session
    const due = new Date('2026-11-28T12:00:00Z')
    expect(deliveryTime(due, session, QUIET, ZONE)).toEqual(due)
  })
})

describe('holidays and labels', () => {
  it('finds a session in a hub holiday by its local date, inclusive', () => {
    const holidays = [{ startsOn: '2026-12-21', endsOn: '2027-01-01' }]
    expect(inHoliday(new Date('2026-12-21T10:00:00Z'), holidays, ZONE)).toBe(true)
    expect(inHoliday(new Date('2027-01-01T23:30:00Z'), holidays, ZONE)).toBe(true)
    expect(inHoliday(new Date('2027-01-04T10:00:00Z'), holidays, ZONE)).toBe(false)
  })

  it('says offsets in words', () => {
    expect([WEEK, DAY, 60, 2 * DAY, 30].map(offsetLabel)).toEqual(['a week', 'a day', 'an hour', '2 days', '30 minutes'])
  })
})
