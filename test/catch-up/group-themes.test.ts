// Which themes a catch-up may show: only from answers the group may see, and only once five
// people's visible answers with words in them are behind them.
import { describe, expect, it } from 'vitest'
import type { Reflection, Visibility } from '../../src/domain/reflections.js'
import { groupThemes } from '../../src/features/catch-up/group-themes.js'

let n = 0
const answer = (visibility: Visibility, tryInClass?: string): Reflection => ({
  sessionId: 's1', workGroupId: 'g1', userId: `U${++n}`, rating: 4, visibility, ...(tryInClass ? { tryInClass } : {}),
  submittedAt: new Date(0), updatedAt: new Date(0), version: 1,
})
const times = (count: number, make: () => Reflection) => Array.from({ length: count }, make)
const phrases = (themes: ReturnType<typeof groupThemes>) => (themes.kind === 'themes' ? themes.themes.map((t) => t.phrase) : themes.kind)

describe('groupThemes', () => {
  it('says nothing when nobody reflected', () => {
    expect(groupThemes([])).toEqual({ kind: 'none' })
  })

  it('four visible answers are too few, however many private ones agree with them', () => {
    const reflections = [...times(4, () => answer('lead', 'Bar models for ratio')), ...times(10, () => answer('me', 'Bar models for ratio'))]
    expect(groupThemes(reflections)).toEqual({ kind: 'too few' })
  })

  it('five visible answers give themes; private answers never add one', () => {
    const reflections = [...times(5, () => answer('lead', 'Bar models for ratio')), ...times(3, () => answer('me', 'Tangram secrets'))]
    expect(phrases(groupThemes(reflections))).toEqual(['bar models', 'ratio'])
  })

  it('anonymised answers count only once five people chose anonymity', () => {
    const held = [...times(4, () => answer('lead', 'Bar models')), ...times(4, () => answer('anonymised', 'Fraction walls'))]
    expect(groupThemes(held)).toEqual({ kind: 'too few' })
    const released = [...times(4, () => answer('lead', 'Bar models')), ...times(5, () => answer('anonymised', 'Fraction walls'))]
    expect(phrases(groupThemes(released))).toEqual(['fraction walls', 'bar models'])
  })

  it('answers with only a rating do not count towards the five', () => {
    expect(groupThemes([...times(4, () => answer('lead', 'Bar models')), ...times(3, () => answer('lead'))])).toEqual({ kind: 'too few' })
  })
})
