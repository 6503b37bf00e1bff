// Who may see what of a session's reflections: the privacy rules every view relies on.
import { describe, expect, it } from 'vitest'
import { collateReflections, MIN_ANONYMISED } from '../../src/domain/collate-reflections.js'
import type { Reflection, Visibility } from '../../src/domain/reflections.js'

let submitted = 0
function reflection(userId: string, visibility: Visibility, rating: number, texts: { tryInClass?: string; noticed?: string } = {}): Reflection {
  submitted += 1
  const at = new Date(Date.UTC(2026, 10, 4, 18, submitted))
  return { version: 1, sessionId: 's1', workGroupId: 'g1', userId, rating, visibility, submittedAt: at, updatedAt: at, ...texts }
}

const names = new Map([
  ['U_ANNA', 'Anna Lee'],
  ['U_BEN', 'Ben Okafor'],
  ['U_CARA', 'Cara Jones'],
  ['U_PRIV', 'Priya Private'],
])

const anonymised = (n: number, texts: (i: number) => { tryInClass?: string; noticed?: string } = () => ({})) =>
  Array.from({ length: n }, (_, i) => reflection(`U_ANON${i}`, 'anonymised', (i % 5) + 1, texts(i)))

describe('collateReflections', () => {
  it('counts everyone who responded, whatever they chose, and passes on who was expected', () => {
    const collated = collateReflections({
      reflections: [reflection('U_ANNA', 'lead', 4), reflection('U_PRIV', 'me', 2), ...anonymised(2)],
      names,
      expected: 12,
    })
    expect(collated.responded).toBe(4)
    expect(collated.expected).toBe(12)
  })

  it("keeps 'me' reflections to a count: not listed, not rated, not in themes, not anywhere in the data", () => {
    const secret = 'Secret plan about number bonds and number bonds'
    const collated = collateReflections({
      reflections: [
        reflection('U_PRIV', 'me', 1, { tryInClass: secret, noticed: 'number bonds confusion' }),
        reflection('U_PRIV2', 'me', 1, { tryInClass: 'number bonds again' }),
        reflection('U_ANNA', 'lead', 5, { tryInClass: 'Bar models' }),
      ],
      names,
      expected: 3,
    })
    expect(collated.keptPrivate).toBe(2)
    expect(collated.responded).toBe(3)
    expect(collated.named.map((r) => r.userId)).toEqual(['U_ANNA'])
    expect(collated.anonymous).toEqual([])
    expect(collated.ratings).toEqual({ counts: [0, 0, 0, 0, 1], total: 1, mean: 5 })
    expect(collated.themes).toEqual([])
    const all = JSON.stringify(collated)
    expect(all).not.toContain('U_PRIV')
    expect(all).not.toContain('Priya')
    expect(all).not.toMatch(/number bonds|secret/i)
  })

  it("lists 'lead' reflections with their author's id and name, alphabetically, and leaves a missing name out", () => {
    const collated = collateReflections({
      reflections: [
        reflection('U_CARA', 'lead', 3, { noticed: '  They explained more  ' }),
        reflection('U_GONE', 'lead', 2, { tryInClass: 'Number lines' }),
        reflection('U_ANNA', 'lead', 5, { tryInClass: 'Bar models', noticed: '' }),
      ],
      names,
      expected: 3,
    })
    expect(collated.named).toEqual([
      { userId: 'U_ANNA', name: 'Anna Lee', rating: 5, tryInClass: 'Bar models' },
      { userId: 'U_CARA', name: 'Cara Jones', rating: 3, noticed: 'They explained more' },
      { userId: 'U_GONE', rating: 2, tryInClass: 'Number lines' },
    ])
    expect(collated.named[2]).not.toHaveProperty('name')
  })

  it(`holds back anonymised reflections while there are fewer than ${MIN_ANONYMISED}: not listed, rated or themed`, () => {
    const four = anonymised(4, (i) => ({ tryInClass: `Ten frames every day, idea ${i}`, noticed: 'ten frames helped' }))
    const collated = collateReflections({ reflections: [...four, reflection('U_ANNA', 'lead', 3, { tryInClass: 'Ten frames' })], names, expected: 6 })
    expect(collated.heldBack).toBe(4)
    expect(collated.anonymous).toEqual([])
    // Only the one named rating: the held-back ones (1, 2, 3, 4) would change both counts and mean.
    expect(collated.ratings).toEqual({ counts: [0, 0, 1, 0, 0], total: 1, mean: 3 })
    // "ten frames" is in all five answers, but only one of them is visible.
    expect(collated.themes).toEqual([])
    const all = JSON.stringify(collated)
    expect(all).not.toContain('U_ANON')
    expect(all).not.toContain('idea')
    expect(all).not.toContain('helped')
  })

  it('gives no ratings at all when everything is private or held back', () => {
    const collated = collateReflections({ reflections: [...anonymised(3), reflection('U_PRIV', 'me', 5)], names, expected: 4 })
    expect(collated.ratings).toBeUndefined()
    expect(collated).not.toHaveProperty('ratings')
    expect(collated.heldBack).toBe(3)
    expect(collated.keptPrivate).toBe(1)
  })

  it(`releases anonymised reflections at ${MIN_ANONYMISED}, with no user id, name or time, into ratings and themes`, () => {
    const five = anonymised(5, (i) => ({ tryInClass: i < 3 ? 'More stem sentences' : `Idea ${i}`, ...(i === 0 ? {} : { noticed: `Noticed ${i}` }) }))
    const collated = collateReflections({ reflections: five, names, expected: 5 })
    expect(collated.heldBack).toBe(0)
    expect(collated.anonymous).toHaveLength(5)
    for (const r of collated.anonymous) expect(Object.keys(r).every((k) => ['rating', 'tryInClass', 'noticed'].includes(k))).toBe(true)
    expect(JSON.stringify(collated)).not.toContain('U_ANON')
    expect(collated.ratings).toEqual({ counts: [1, 1, 1, 1, 1], total: 5, mean: 3 })
    expect(collated.themes).toContainEqual({ phrase: 'stem sentences', count: 3 })
  })

  it('lists released anonymous reflections by content, never in the order they were sent', () => {
    const sent = [
      reflection('U_A1', 'anonymised', 2, { tryInClass: 'Zig-zag questioning' }),
      reflection('U_A2', 'anonymised', 5, { tryInClass: 'Part-whole models' }),
      reflection('U_A3', 'anonymised', 3, { tryInClass: 'Concrete resources' }),
      reflection('U_A4', 'anonymised', 5, { tryInClass: 'Choral response' }),
      reflection('U_A5', 'anonymised', 1, { noticed: 'Quiet group' }),
      reflection('U_A6', 'anonymised', 5, { tryInClass: 'Choral response', noticed: 'Confidence' }),
    ]
    const collated = collateReflections({ reflections: sent, names, expected: 6 })
    expect(collated.anonymous).toEqual([
      { rating: 5, tryInClass: 'Choral response' },
      { rating: 5, tryInClass: 'Choral response', noticed: 'Confidence' },
      { rating: 5, tryInClass: 'Part-whole models' },
      { rating: 3, tryInClass: 'Concrete resources' },
      { rating: 2, tryInClass: 'Zig-zag questioning' },
      { rating: 1, noticed: 'Quiet group' },
    ])
    // Any submission order gives the same list, so its order says nothing about who sent what.
    const reversed = collateReflections({ reflections: [...sent].reverse(), names, expected: 6 })
    const shuffled = collateReflections({ reflections: [sent[3]!, sent[0]!, sent[5]!, sent[2]!, sent[4]!, sent[1]!], names, expected: 6 })
    expect(reversed.anonymous).toEqual(collated.anonymous)
    expect(shuffled.anonymous).toEqual(collated.anonymous)
  })

  it('rates named and released anonymous together, with the mean to one decimal place', () => {
    const collated = collateReflections({
      reflections: [
        reflection('U_ANNA', 'lead', 5),
        reflection('U_BEN', 'lead', 4),
        ...[4, 4, 5, 3, 5].map((rating, i) => reflection(`U_ANON${i}`, 'anonymised', rating)),
        reflection('U_PRIV', 'me', 1),
      ],
      names,
      expected: 9,
    })
    expect(collated.ratings).toEqual({ counts: [0, 0, 1, 3, 3], total: 7, mean: 4.3 })
  })

  it('draws themes from named answers and released anonymous ones only', () => {
    const collated = collateReflections({
      reflections: [
        reflection('U_ANNA', 'lead', 4, { tryInClass: 'Bar models for fractions' }),
        reflection('U_BEN', 'lead', 4, { noticed: 'The bar model helped with fractions' }),
        reflection('U_PRIV', 'me', 4, { tryInClass: 'Counting sticks' }),
        reflection('U_PRIV2', 'me', 4, { tryInClass: 'Counting sticks' }),
      ],
      names,
      expected: 4,
    })
    expect(collated.themes.map((t) => t.phrase)).toEqual(['bar model', 'fractions'])
  })
})
