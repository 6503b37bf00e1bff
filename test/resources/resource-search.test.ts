// Reading a search and ranking the library, without a database: the query read with the tag
// vocabulary sharing uses, site names, typos, and the order results come in.
import { describe, expect, it } from 'vitest'
import { commonTags, rankEntries, readSearch } from '../../src/features/resources/resource-search.js'
import type { SearchEntry } from '../../src/features/resources/resource-store.js'
import { moreResultsValue, readMoreResultsValue } from '../../src/features/resources/render-resources.js'

let n = 0
const entry = (title: string, tags: string[], host: string, createdAt = '2026-11-01T10:00:00Z'): SearchEntry => ({ id: `r${++n}`, title, tags, host, createdAt: new Date(createdAt) })

const LIBRARY = [
  entry('Fraction wall tasks', ['fractions', 'ks2'], 'nrich.maths.org'),
  entry('Fractions at KS3: a coherent sequence', ['fractions', 'ks3'], 'ncetm.org.uk'),
  entry('Ratio tables', ['ratio', 'ks3'], 'nrich.maths.org'),
  entry('Place value in Year 7', ['place-value', 'year-7'], 'whiterosemaths.com'),
  entry('Functions and graphs', ['algebra', 'ks4'], 'www.youtube.com'),
  entry('Bar model explainer', ['bar-models'], 'youtu.be'),
  entry('Dividing fractions starter', ['ks3'], 'nrich.maths.org'),
]
const titles = (query: string, library = LIBRARY) => rankEntries(library, readSearch(query)).map((r) => r.entry.title)

describe('reading a search', () => {
  it('reads key stages, phases and topics as sharing does, however they are written', () => {
    for (const query of ['KS 3 fractions', 'ks3 fractions', 'Key Stage 3 fractions', 'key stage three fraction', '#ks3 #fractions']) {
      expect(readSearch(query).map((t) => (t.kind === 'tag' ? t.values : t.text))).toEqual([['ks3'], ['fractions']])
    }
    expect(readSearch('sixth form bar modelling').map((t) => t.kind === 'tag' && t.values)).toEqual([['post-16'], ['bar-models']])
    expect(readSearch('ks3/4').map((t) => t.kind === 'tag' && t.values)).toEqual([['ks3', 'ks4']])
  })

  it('writes year groups one way and leaves out words that name nothing', () => {
    expect(readSearch('Y7 place value resources').map((t) => t.text)).toEqual(['year7', 'place value'])
    expect(readSearch('year 7').map((t) => t.text)).toEqual(['year7'])
    // Only filler: what was typed is still searched.
    expect(readSearch('maths').map((t) => t.text)).toEqual(['maths'])
  })
})

describe('ranking', () => {
  it('finds a site by its name or any part of its host', () => {
    expect(titles('nrich').sort()).toEqual(['Dividing fractions starter', 'Fraction wall tasks', 'Ratio tables'])
    expect(titles('nrich.maths.org').sort()).toEqual(['Dividing fractions starter', 'Fraction wall tasks', 'Ratio tables'])
    expect(titles('ncetm')).toEqual(['Fractions at KS3: a coherent sequence'])
    expect(titles('youtube').sort()).toEqual(['Bar model explainer', 'Functions and graphs'])
    expect(titles('white rose')).toEqual(['Place value in Year 7'])
    expect(titles('whiterose')).toEqual(['Place value in Year 7'])
  })

  it('puts entries with every word first, then those with some', () => {
    const ranked = rankEntries(LIBRARY, readSearch('KS 3 fractions'))
    expect(ranked.slice(0, 2).map((r) => r.entry.title).sort()).toEqual(['Dividing fractions starter', 'Fractions at KS3: a coherent sequence'])
    expect(ranked.slice(0, 2).every((r) => r.matched === 2)).toBe(true)
    expect(ranked.slice(2).every((r) => r.matched === 1)).toBe(true)
    expect(ranked.map((r) => r.entry.title)).toContain('Ratio tables')
  })

  it('puts title and tag matches above a match on the site alone, and both above one', () => {
    const library = [
      entry('Starter tasks', ['reasoning'], 'nrich.maths.org', '2026-11-03T10:00:00Z'),
      entry('Nrich-style starter', [], 'example.org', '2026-11-01T10:00:00Z'),
      entry('Reasoning with fractions', ['fractions'], 'ncetm.org.uk', '2026-11-03T10:00:00Z'),
      entry('Fractions of amounts', [], 'ncetm.org.uk', '2026-11-04T10:00:00Z'),
    ]
    // Named in the title beats hosted there, though that one is newer.
    expect(titles('nrich', library)).toEqual(['Nrich-style starter', 'Starter tasks'])
    // Tagged and titled beats titled alone, though that one is newer.
    expect(titles('fractions', library)).toEqual(['Reasoning with fractions', 'Fractions of amounts'])
  })

  it('puts the newer first among equals', () => {
    const library = [entry('Ratio tables', ['ratio'], 'a.org', '2026-01-01T00:00:00Z'), entry('Ratio problems', ['ratio'], 'b.org', '2026-06-01T00:00:00Z'), entry('Ratio starters', ['ratio'], 'c.org', '2026-03-01T00:00:00Z')]
    expect(titles('ratio', library)).toEqual(['Ratio problems', 'Ratio starters', 'Ratio tables'])
  })

  it('forgives a typo, but not in a word the library has as typed', () => {
    expect(titles('fractons').sort()).toEqual(['Dividing fractions starter', 'Fraction wall tasks', 'Fractions at KS3: a coherent sequence'])
    expect(titles('tabels')).toEqual(['Ratio tables'])
    // "functions" is in the library, so it is not read as a typo of "fractions".
    expect(titles('functions')).toEqual(['Functions and graphs'])
    // An exact match ranks above a typo of the same word.
    const library = [entry('Ratio tables', [], 'a.org', '2026-06-01T00:00:00Z'), entry('Ratio tabels', [], 'b.org', '2026-01-01T00:00:00Z')]
    expect(titles('tables', library)).toEqual(['Ratio tables'])
  })

  it('matches the beginning of a word as typed', () => {
    expect(titles('frac').sort()).toEqual(['Dividing fractions starter', 'Fraction wall tasks', 'Fractions at KS3: a coherent sequence'])
    // Too short a beginning matches nothing by itself.
    expect(titles('fra')).toEqual([])
  })

  it('matches year groups however they are written, in titles and tags', () => {
    expect(titles('Y7')).toEqual(['Place value in Year 7'])
    const library = [entry('Starter pack', ['y7'], 'a.org'), entry('Starter pack two', ['year-7-retrieval'], 'b.org')]
    expect(titles('year 7', library).sort()).toEqual(['Starter pack', 'Starter pack two'])
  })

  it('matches a topic named in a title without its tag', () => {
    expect(titles('division')).toEqual([])
    expect(titles('fractions ks3')).toContain('Dividing fractions starter')
  })

  it('finds nothing for words nobody used, and suggests the tags the library has most of', () => {
    expect(titles('pizza')).toEqual([])
    expect(commonTags(LIBRARY, 3)).toEqual(['ks3', 'fractions', 'algebra'])
  })
})

describe('the “Show more” button', () => {
  it('carries the search and where the next page starts, and refuses anything else', () => {
    expect(readMoreResultsValue(moreResultsValue('KS 3 fractions', 5))).toEqual({ query: 'KS 3 fractions', from: 5 })
    expect(readMoreResultsValue(moreResultsValue('x'.repeat(3000), 5))!.query).toHaveLength(500)
    for (const forged of ['', 'nonsense', '{"q":1,"from":5}', '{"q":"a","from":-1}', '{"q":"a","from":1.5}']) expect(readMoreResultsValue(forged)).toBeUndefined()
  })
})
