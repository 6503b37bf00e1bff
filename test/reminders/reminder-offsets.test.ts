import { describe, expect, it } from 'vitest'
import { describeOffsets, readOffsets } from '../../src/domain/reminder-offsets.js'

const DAY = 24 * 60

describe('reading when to remind', () => {
  it.each([
    ['a week, a day, an hour', [7 * DAY, DAY, 60]],
    ['1 week, 1 day and 1 hour before', [7 * DAY, DAY, 60]],
    ['2 days, 30 minutes', [2 * DAY, 30]],
    ['1w 1d 1h', [7 * DAY, DAY, 60]],
    ['90 mins; 3 hrs', [180, 90]],
    ['an hour, 1 hour, 60 minutes', [60]],
    ['4 weeks', [28 * DAY]],
    ['None', []],
  ])('“%s”', (text, minutes) => {
    expect(readOffsets(text)).toEqual({ minutes })
  })

  it.each([
    ['2 fortnights', '“fortnights” is not a unit I know: use minutes, hours, days or weeks.'],
    ['soon', 'I can’t read “soon”. Write each reminder like “a week”, “2 days” or “30 minutes”, separated by commas.'],
    ['5 minutes', 'A reminder 5 minutes before is too late to be useful; the shortest is 10 minutes.'],
    ['5 weeks', 'A reminder 5 weeks before is too early; the longest is 4 weeks.'],
    ['1w, 2d, 1d, 3h, 1h', 'That is 5 reminders; please choose at most 4.'],
  ])('refuses “%s” with a sentence', (text, error) => {
    expect(readOffsets(text)).toEqual({ error })
  })

  it('describes offsets the way it reads them', () => {
    const described = describeOffsets([7 * DAY, 2 * DAY, 90])
    expect(described).toBe('a week, 2 days, 90 minutes')
    expect(readOffsets(described)).toEqual({ minutes: [7 * DAY, 2 * DAY, 90] })
  })
})
