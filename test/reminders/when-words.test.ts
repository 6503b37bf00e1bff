// The words for when a session starts, from the moment a message is sent, in UK time.
import { describe, expect, it } from 'vitest'
import { whenWords } from '../../src/domain/when-words.js'

const ZONE = 'Europe/London'
const start = new Date('2026-12-08T16:00:00Z') // Tuesday 8 December, 16:00 GMT
const at = (iso: string) => whenWords(new Date(iso), start, ZONE)

describe('whenWords', () => {
  it('counts down on the day, then names the clock time', () => {
    expect(at('2026-12-08T15:59:30Z')).toEqual({ words: 'starting now', namesClockTime: false })
    expect(at('2026-12-08T16:03:00Z').words).toBe('starting now')
    expect(at('2026-12-08T15:35:00Z').words).toBe('in 25 minutes')
    expect(at('2026-12-08T15:00:00Z').words).toBe('in an hour')
    expect(at('2026-12-08T14:20:00Z').words).toBe('in 1½ hours')
    expect(at('2026-12-08T14:00:00Z').words).toBe('in 2 hours')
    expect(at('2026-12-08T07:00:00Z')).toEqual({ words: 'today at 16:00', namesClockTime: true })
  })

  it('names the day for later days, and the date beyond a week', () => {
    expect(at('2026-12-07T16:00:00Z').words).toBe('tomorrow at 16:00')
    // Late the evening before is still "tomorrow", not "in 2 hours".
    expect(at('2026-12-07T23:30:00Z').words).toBe('tomorrow at 16:00')
    expect(at('2026-12-05T10:00:00Z').words).toBe('on Tuesday at 16:00')
    expect(at('2026-12-01T16:00:00Z').words).toBe('on Tuesday 8 December at 16:00')
  })

  it('keeps the local clock across the change to summer time', () => {
    const summer = new Date('2027-03-30T15:00:00Z') // Tuesday 30 March 2027, 16:00 BST
    expect(whenWords(new Date('2027-03-29T15:00:00Z'), summer, ZONE).words).toBe('tomorrow at 16:00')
  })
})
