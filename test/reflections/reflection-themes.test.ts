// Keyword themes across reflections, with no AI.
import { describe, expect, it } from 'vitest'
import { reflectionThemes } from '../../src/domain/reflection-themes.js'

describe('reflectionThemes', () => {
  it('finds what several answers mention, most common first, in the words people used', () => {
    const themes = reflectionThemes([
      'I will try bar models with my Year 4 class.',
      'Bar models for fractions; the children liked them.',
      'Using a bar model to show fractions',
      'More reasoning with stem sentences.',
      'Stem sentences for reasoning, and the CPA approach',
      'The CPA approach',
      'Bar models again',
    ])
    expect(themes).toEqual([
      { phrase: 'bar models', count: 4 },
      { phrase: 'CPA approach', count: 2 },
      { phrase: 'fractions', count: 2 },
      { phrase: 'reasoning', count: 2 },
      { phrase: 'stem sentences', count: 2 },
    ])
  })

  it('counts answers, not occurrences: one person repeating a word does not make a theme', () => {
    expect(reflectionThemes(['Counting sticks, counting sticks, counting sticks!', 'Place value charts'])).toEqual([])
    expect(reflectionThemes(['Counting sticks, counting sticks', 'counting sticks'])).toEqual([{ phrase: 'counting sticks', count: 2 }])
  })

  it('ignores stopwords and the words every reflection uses', () => {
    const generic = [
      'I think the pupils will really try it in class; I noticed the children in the lesson.',
      'I think the pupils will really try it in class; I noticed the children in the lesson.',
      'Pupils, children, class, lesson: I think I will really try. Noticed!',
    ]
    expect(reflectionThemes(generic)).toEqual([])
  })

  it('meets different forms of a word through stemming, and shows the most common form', () => {
    expect(reflectionThemes(['Manipulatives', 'more manipulatives', 'a manipulative', 'Questioning', 'questions', 'question stems'])).toEqual([
      { phrase: 'manipulatives', count: 3 },
      { phrase: 'question', count: 3 },
    ])
  })

  it('prefers a two-word phrase to its words when it covers the same answers, and keeps a word used more widely', () => {
    const themes = reflectionThemes([
      'Equivalent fractions on a number line',
      'equivalent fractions with strips',
      'Fractions of amounts',
      'number line for counting on',
    ])
    expect(themes).toEqual([
      { phrase: 'fractions', count: 3 },
      { phrase: 'equivalent fractions', count: 2 },
      { phrase: 'number line', count: 2 },
    ])
    expect(themes.map((t) => t.phrase)).not.toContain('equivalent')
    expect(themes.map((t) => t.phrase)).not.toContain('number')
  })

  it('keeps a phrase within a sentence or line, so the two questions of one answer never join', () => {
    expect(reflectionThemes(['Ten frames. Sorting games', 'ten frames\nsorting games'])).toEqual([
      { phrase: 'sorting games', count: 2 },
      { phrase: 'ten frames', count: 2 },
    ])
    expect(reflectionThemes(['Ten frames. Sorting games', 'ten frames\nsorting games']).map((t) => t.phrase)).not.toContain('frames sorting')
  })

  it('folds a capital that only starts a sentence, and keeps acronyms and names of things', () => {
    expect(reflectionThemes(['Numberblocks clips', 'We watched Numberblocks', 'KS2 SATs', 'the KS2 group'])).toEqual([
      { phrase: 'KS2', count: 2 },
      { phrase: 'Numberblocks', count: 2 },
    ])
  })

  it('sorts by count then alphabetically, honours the limit, and gives the same answer for any order', () => {
    const texts = ['dienes', 'dienes', 'dienes', 'arrays', 'arrays', 'zero', 'zero', 'counters', 'counters']
    const themes = reflectionThemes(texts)
    expect(themes).toEqual([
      { phrase: 'dienes', count: 3 },
      { phrase: 'arrays', count: 2 },
      { phrase: 'counters', count: 2 },
      { phrase: 'zero', count: 2 },
    ])
    expect(reflectionThemes([...texts].reverse())).toEqual(themes)
    expect(reflectionThemes(texts, 2)).toEqual(themes.slice(0, 2))
    expect(reflectionThemes(texts, 0)).toEqual([])
  })

  it('has nothing to say about one answer, or none', () => {
    expect(reflectionThemes([])).toEqual([])
    expect(reflectionThemes(['Bar models, bar models and more bar models'])).toEqual([])
    expect(reflectionThemes(['', '   '])).toEqual([])
  })
})
