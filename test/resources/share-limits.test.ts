// The share limits on their own: a person's burst of shares then one a minute, a sub-group's
// cap an hour, and the sentences that say when to try again.
import { describe, expect, it } from 'vitest'
import { personLimitSentence, personMayShareFrom, SHARE_LIMITS, subgroupLimitSentence, subgroupMayTakeFrom, waitWords } from '../../src/features/resources/share-limits.js'

const T0 = Date.parse('2026-11-04T10:00:00Z')
const at = (seconds: number) => new Date(T0 + seconds * 1000)

/** Shares one person tries at these moments; which ones the limit lets through. */
function replay(attempts: number[]): number[] {
  const allowed: Date[] = []
  for (const s of attempts) if (!personMayShareFrom(allowed, at(s))) allowed.push(at(s))
  return allowed.map((d) => (d.getTime() - T0) / 1000)
}

describe('a person’s shares', () => {
  it('five go at once, then one a minute', () => {
    expect(SHARE_LIMITS).toMatchObject({ burst: 5, intervalMs: 60_000 })
    const burst = Array.from({ length: 40 }, (_, i) => i) // forty shares in forty seconds
    expect(replay(burst)).toEqual([0, 1, 2, 3, 4])
    // A script sharing every ten seconds for ten minutes: the burst, then one a minute.
    const script = Array.from({ length: 60 }, (_, i) => i * 10)
    expect(replay(script)).toEqual([0, 10, 20, 30, 40, 60, 120, 180, 240, 300, 360, 420, 480, 540])
  })

  it('says when the next can go, and a quiet spell gives the whole burst back', () => {
    const five = [0, 1, 2, 3, 4].map(at)
    expect(personMayShareFrom(five, at(5))).toEqual(at(60))
    expect(personMayShareFrom(five, at(60))).toBeUndefined()
    expect(replay([0, 1, 2, 3, 4, 600, 601, 602, 603, 604, 605])).toEqual([0, 1, 2, 3, 4, 600, 601, 602, 603, 604])
  })

  it('is told in one sentence, in minutes', () => {
    expect(personLimitSentence(at(60), at(5))).toBe(
      'Nothing was shared: you’ve shared several resources in the last few minutes, and to keep channels readable you can share the next one in a minute.',
    )
    expect(waitWords(at(61 * 60), at(0))).toBe('in 61 minutes')
    expect(waitWords(at(1), at(0))).toBe('in a minute')
  })
})

describe('a sub-group’s posts', () => {
  it('takes twenty new resources in any hour, then one more as each falls out of the hour', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => at(i * 60))
    expect(subgroupMayTakeFrom(twenty.slice(0, 19), at(19 * 60))).toBeUndefined()
    expect(subgroupMayTakeFrom(twenty, at(20 * 60))).toEqual(at(3600))
    expect(subgroupMayTakeFrom(twenty, at(3600))).toBeUndefined()
    expect(subgroupMayTakeFrom([...twenty, at(3600)], at(3601))).toEqual(at(3660))
  })

  it('names the full sub-groups and says when all of them can take more', () => {
    expect(subgroupLimitSentence([{ name: 'Primary Fractions', until: at(12 * 60) }], at(0))).toBe(
      '“Primary Fractions” has had 20 new resources in the last hour, the most a sub-group takes, and can take more in 12 minutes. Untick it to share with the others now.',
    )
    expect(
      subgroupLimitSentence(
        [
          { name: 'A', until: at(60) },
          { name: 'B', until: at(300) },
        ],
        at(0),
      ),
    ).toBe('“A” and “B” have had 20 new resources in the last hour, the most a sub-group takes, and can take more in 5 minutes. Untick them to share with the others now.')
  })
})
