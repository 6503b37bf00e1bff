import { describe, expect, it } from 'vitest'
import {
  CONTROLLED_TAGS,
  FREE_TAG_MAX_LENGTH,
  KEY_STAGE_TAGS,
  MAX_TAGS,
  NOT_TYPOS,
  PHASE_TAGS,
  TOPIC_TAGS,
  normaliseTag,
  readTags,
  suggestTags,
  tagLabel,
  type Tag,
} from '../../src/features/resources/resource-tags.js'

const values = (text: string) => readTags(text).tags.map((t) => t.value)
const only = (text: string): Tag => {
  const { tags, problems } = readTags(text)
  expect(problems).toEqual([])
  expect(tags).toHaveLength(1)
  return tags[0]!
}
const KEY_STAGE_HELP = 'use eyfs, ks1, ks2, ks3, ks4 or ks5.'

describe('the vocabulary', () => {
  it('has the four phases and six key stages', () => {
    expect(PHASE_TAGS.map((t) => t.value)).toEqual(['early-years', 'primary', 'secondary', 'post-16'])
    expect(KEY_STAGE_TAGS.map((t) => t.value)).toEqual(['eyfs', 'ks1', 'ks2', 'ks3', 'ks4', 'ks5'])
  })

  it('has about forty topics, including the ones Maths Hubs teachers use most', () => {
    const topics = TOPIC_TAGS.map((t) => t.value)
    expect(topics.length).toBeGreaterThanOrEqual(40)
    for (const value of [
      'fractions', 'place-value', 'multiplication', 'times-tables', 'ratio', 'proportion', 'algebra', 'equations',
      'geometry', 'measures', 'statistics', 'probability', 'reasoning', 'problem-solving', 'bar-models', 'mastery',
      'fluency', 'variation', 'representations', 'number-sense', 'calculation', 'decimals', 'percentages',
      'negative-numbers', 'angles', 'area', 'transition', 'gcse', 'a-level', 'core-maths', 'send', 'assessment',
      'questioning', 'misconceptions', 'manipulatives', 'number-talks', 'spatial-reasoning', 'early-number',
      'counting', 'coherence',
    ]) {
      expect(topics).toContain(value)
    }
  })

  it('stores every value in normal form, with the right kind and a label', () => {
    for (const tag of CONTROLLED_TAGS) {
      expect(normaliseTag(tag.value)).toBe(tag.value)
      expect(tag.label).not.toBe('')
    }
    expect(new Set(PHASE_TAGS.map((t) => t.kind))).toEqual(new Set(['phase']))
    expect(new Set(KEY_STAGE_TAGS.map((t) => t.kind))).toEqual(new Set(['keyStage']))
    expect(new Set(TOPIC_TAGS.map((t) => t.kind))).toEqual(new Set(['topic']))
  })

  it('never gives one name to two tags', () => {
    const owner = new Map<string, string>()
    for (const tag of CONTROLLED_TAGS) {
      for (const name of [tag.value, ...tag.synonyms]) {
        const key = normaliseTag(name).replace(/-/g, '')
        expect(owner.get(key) ?? tag.value, `${name} names both ${owner.get(key)} and ${tag.value}`).toBe(tag.value)
        owner.set(key, tag.value)
      }
    }
  })

  it('reads every value and synonym as its own tag', () => {
    for (const tag of CONTROLLED_TAGS) {
      for (const name of [tag.value, ...tag.synonyms]) {
        expect(readTags(name).tags, name).toEqual([{ kind: tag.kind, value: tag.value, label: tag.label }])
      }
    }
  })

  it('allows no word as "not a typo" that is itself in the vocabulary', () => {
    const names = new Set(CONTROLLED_TAGS.flatMap((t) => [t.value, ...t.synonyms].map((n) => normaliseTag(n).replace(/-/g, ''))))
    for (const word of NOT_TYPOS) expect(names.has(word), word).toBe(false)
  })
})

describe('readTags: reading what was typed', () => {
  it('reads #tags after the link in /workgroups share', () => {
    expect(readTags('#fractions #ks3 #year-7-retrieval')).toEqual({
      tags: [
        { kind: 'keyStage', value: 'ks3', label: 'KS3' },
        { kind: 'topic', value: 'fractions', label: 'Fractions' },
        { kind: 'free', value: 'year-7-retrieval', label: 'Year 7 retrieval' },
      ],
      problems: [],
    })
  })

  it('reads a comma-separated form field with a multi-word tag', () => {
    expect(readTags('fractions, KS3, my own tag')).toEqual({
      tags: [
        { kind: 'keyStage', value: 'ks3', label: 'KS3' },
        { kind: 'topic', value: 'fractions', label: 'Fractions' },
        { kind: 'free', value: 'my-own-tag', label: 'My own tag' },
      ],
      problems: [],
    })
  })

  it.each([
    ['#fractions,#ks3', ['ks3', 'fractions']],
    ['#fractions, #ks3', ['ks3', 'fractions']],
    ['#fractions#ks3', ['ks3', 'fractions']],
    ['  #fractions    #ks3  ', ['ks3', 'fractions']],
    ['#fractions\n#ks3', ['ks3', 'fractions']],
    ['fractions; ks3', ['ks3', 'fractions']],
    ['#fractions, place value', ['fractions', 'place-value']],
  ])('separates %j by spaces, commas and #', (text, expected) => {
    expect(values(text)).toEqual(expected)
  })

  it('reads a #tag and the words after it as one tag when together they name a vocabulary tag', () => {
    expect(values('#bar model #ks2')).toEqual(['ks2', 'bar-models'])
    expect(values('#times tables')).toEqual(['times-tables'])
    expect(values('#key stage 3 #fractions')).toEqual(['ks3', 'fractions'])
    expect(values('#place value')).toEqual(['place-value'])
  })

  it('reads words between #tags that name nothing as a free tag of their own', () => {
    expect(values('#fractions great for starters')).toEqual(['fractions', 'great-for-starters'])
  })

  it('reads a #word Slack turned into a channel link', () => {
    expect(values('<#C024BE7LR|fractions> #ks2')).toEqual(['ks2', 'fractions'])
    expect(readTags('<#C024BE7LR>')).toEqual({ tags: [], problems: [] })
  })

  it.each([
    ['#Place_Value!', 'place-value'],
    ['PLACE-VALUE', 'place-value'],
    ['place   value', 'place-value'],
    ['#place--value', 'place-value'],
    ['“place value”', 'place-value'],
    ['(place-value)', 'place-value'],
  ])('normalises %j to a vocabulary tag', (text, value) => {
    expect(only(text).value).toBe(value)
  })

  it.each([
    ['Year 7’s  Retrieval!!', 'year-7s-retrieval'],
    ["teachers' favourites", 'teachers-favourites'],
    ['Café maths', 'cafe-maths'],
    ['#rich_tasks', 'rich-tasks'],
    ['11-16 schools', '11-16-schools'],
    ['--odd--hyphens--', 'odd-hyphens'],
  ])('normalises the free tag %j to %s', (text, value) => {
    expect(only(text)).toMatchObject({ kind: 'free', value })
  })

  it('ignores empty pieces and lone # signs', () => {
    expect(readTags(', ,#, ## ,,')).toEqual({ tags: [], problems: [] })
    expect(readTags('')).toEqual({ tags: [], problems: [] })
  })
})

describe('readTags: the vocabulary and its synonyms', () => {
  it.each([
    ['sixth form', 'phase', 'post-16'],
    ['6th form', 'phase', 'post-16'],
    ['post16', 'phase', 'post-16'],
    ['Post 16', 'phase', 'post-16'],
    ['16-19', 'phase', 'post-16'],
    ['early years', 'phase', 'early-years'],
    ['Secondary', 'phase', 'secondary'],
    ['EYFS', 'keyStage', 'eyfs'],
    ['early years foundation stage', 'keyStage', 'eyfs'],
    ['ks 3', 'keyStage', 'ks3'],
    ['keystage3', 'keyStage', 'ks3'],
    ['key stage 3', 'keyStage', 'ks3'],
    ['Key Stage Three', 'keyStage', 'ks3'],
    ['KS-3', 'keyStage', 'ks3'],
    ['bar model', 'topic', 'bar-models'],
    ['bar modelling', 'topic', 'bar-models'],
    ['barmodels', 'topic', 'bar-models'],
    ['times tables', 'topic', 'times-tables'],
    ['tables', 'topic', 'times-tables'],
    ['sen', 'topic', 'send'],
    ['SEND', 'topic', 'send'],
    ['A Levels', 'topic', 'a-level'],
    ['A-level', 'topic', 'a-level'],
    ['teaching for mastery', 'topic', 'mastery'],
    ['directed numbers', 'topic', 'negative-numbers'],
    ['stats', 'topic', 'statistics'],
    ['problemsolving', 'topic', 'problem-solving'],
  ])('reads %j as the %s %s', (text, kind, value) => {
    expect(only(text)).toMatchObject({ kind, value })
  })

  it('keeps year groups as free tags: a year is part of a key stage, not another name for it', () => {
    expect(only('year 7')).toMatchObject({ kind: 'free', value: 'year-7' })
    expect(only('reception')).toMatchObject({ kind: 'free', value: 'reception' })
  })

  it.each([
    ['KS3/4', ['ks3', 'ks4']],
    ['ks2-ks3', ['ks2', 'ks3']],
    ['key stages 1 and 2', ['ks1', 'ks2']],
    ['ks3 to ks5', ['ks3', 'ks4', 'ks5']],
    ['KS4/3', ['ks3', 'ks4']],
  ])('reads the span %j as each key stage in it', (text, expected) => {
    expect(values(text)).toEqual(expected)
  })

  it('reads several vocabulary words typed without commas as several tags', () => {
    expect(values('fractions ks3')).toEqual(['ks3', 'fractions'])
    expect(values('ratio and proportion')).toEqual(['ratio', 'proportion'])
    expect(values('#sixth-form-statistics')).toEqual(['post-16', 'statistics'])
  })

  it('keeps words that are not all vocabulary together as one free tag', () => {
    expect(readTags('fractions for year 7').tags).toEqual([{ kind: 'free', value: 'fractions-for-year-7', label: 'Fractions for year 7' }])
  })
})

describe('readTags: refusals', () => {
  it.each([
    ['#fractons', 'fractions'],
    ['#secondry', 'secondary'],
    ['#probabilty', 'probability'],
    ['#multiplicaton', 'multiplication'],
    ['#geomtry', 'geometry'],
    ['#angels', 'angles'],
    ['#ratia', 'ratio'],
    ['plce value', 'place-value'],
    ['tims tables', 'times-tables'],
    ['sixth from', 'post-16'],
    ['#Statistcs', 'statistics'],
  ])('refuses the likely typo %j and suggests %s', (text, suggestion) => {
    const { tags, problems } = readTags(text)
    expect(tags).toEqual([])
    expect(problems).toEqual([`“${normaliseTag(text)}” is not a tag I know: did you mean “${suggestion}”?`])
  })

  it('gives the exact sentence teachers see for a typo', () => {
    expect(readTags('#fractons').problems).toEqual(['“fractons” is not a tag I know: did you mean “fractions”?'])
  })

  it('allows one edit in words of five letters or fewer and two in longer ones', () => {
    expect(readTags('#radii').problems).toEqual([]) // two edits from "ratio"
    expect(readTags('#fracshuns').problems).toEqual([]) // three edits from "fractions"
    expect(readTags('#fractonz').problems).toEqual(['“fractonz” is not a tag I know: did you mean “fractions”?'])
  })

  it('counts two letters swapped as one edit, the commonest slip', () => {
    expect(readTags('#ratoi').problems).toEqual(['“ratoi” is not a tag I know: did you mean “ratio”?'])
    expect(readTags('#fractinos').problems).toEqual(['“fractinos” is not a tag I know: did you mean “fractions”?'])
  })

  it('needs each word of a several-word tag to be a typo, not a different word', () => {
    expect(only('cafe maths')).toMatchObject({ kind: 'free', value: 'cafe-maths' })
    expect(only('bar charts')).toMatchObject({ kind: 'free', value: 'bar-charts' })
    expect(readTags('core mathz').problems).toEqual(['“core-mathz” is not a tag I know: did you mean “core-maths”?'])
  })

  it.each(['radio', 'education', 'conference', 'functions', 'timetable', 'grades', 'fluent', 'translation', 'master', 'parents', 'radius', 'decision'])(
    'keeps the real word %j as a free tag, though it is near the vocabulary',
    (word) => {
      expect(readTags(word)).toEqual({ tags: [{ kind: 'free', value: word, label: tagLabel({ kind: 'free', value: word }) }], problems: [] })
    },
  )

  it('keeps other forms of an allowed word as free tags too', () => {
    expect(readTags('conferences, timetabling').problems).toEqual([])
  })

  it.each(['fractional', 'divisions', 'algebraic', 'statistic'])('keeps %j, another form of a vocabulary word, as a free tag', (word) => {
    expect(only(word)).toMatchObject({ kind: 'free', value: word })
  })

  it('never calls a short word, or one with a changed first letter, a typo', () => {
    expect(only('ang')).toMatchObject({ kind: 'free' })
    expect(only('dractions')).toMatchObject({ kind: 'free' })
  })

  it.each(['ks6', 'KS 6', 'key-stage-7', 'key stage 7', 'keystage0', 'ks34', 'ks', 'ks5-6', 'ks0-2'])('refuses %j, which is shaped like a key stage but is not one', (text) => {
    expect(readTags(text)).toEqual({ tags: [], problems: [`“${normaliseTag(text)}” is not a key stage: ${KEY_STAGE_HELP}`] })
  })

  it('gives the exact sentence teachers see for a key stage that does not exist', () => {
    expect(readTags('#ks6').problems).toEqual(['“ks6” is not a key stage: use eyfs, ks1, ks2, ks3, ks4 or ks5.'])
  })

  it('refuses a phase that does not exist', () => {
    expect(readTags('#post-18').problems).toEqual(['“post-18” is not a phase: use early-years, primary, secondary or post-16.'])
  })

  it(`limits free tags to 2–${FREE_TAG_MAX_LENGTH} characters`, () => {
    const thirty = 'a'.repeat(FREE_TAG_MAX_LENGTH)
    expect(only(thirty).value).toBe(thirty)
    expect(only('ai').value).toBe('ai')
    expect(readTags(`${thirty}b`)).toEqual({ tags: [], problems: [`“${thirty}b” is too long for a tag: keep tags to 30 characters.`] })
    expect(readTags('#x')).toEqual({ tags: [], problems: ['“x” is too short for a tag: use at least 2 letters or numbers.'] })
  })

  it('shortens a very long refused tag in the problem', () => {
    const [text] = readTags('a'.repeat(500)).problems
    expect(text!.length).toBeLessThan(120)
    expect(text).toMatch(/…” is too long/)
  })

  it('refuses a tag with nothing it can keep', () => {
    expect(readTags('#数学')).toEqual({ tags: [], problems: ['“数学” can’t be a tag: use letters, numbers and hyphens.'] })
  })

  it('keeps the other tags when one is refused', () => {
    expect(readTags('#fractions #fractons #ks6 #my-tag')).toEqual({
      tags: [
        { kind: 'topic', value: 'fractions', label: 'Fractions' },
        { kind: 'free', value: 'my-tag', label: 'My tag' },
      ],
      problems: ['“fractons” is not a tag I know: did you mean “fractions”?', `“ks6” is not a key stage: ${KEY_STAGE_HELP}`],
    })
  })

  it(`keeps the first ${MAX_TAGS} tags and names the limit and what was left out`, () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `#tag-${i + 1}`).join(' ')
    const { tags, problems } = readTags(twelve)
    expect(tags.map((t) => t.value)).toEqual(Array.from({ length: 10 }, (_, i) => `tag-${i + 1}`))
    expect(problems).toEqual(['A resource can have at most 10 tags, and this has 12: take out 2 and try again.'])
  })

  it('counts tags after duplicates collapse', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `#tag-${i + 1}`).join(' ')
    expect(readTags(`${ten} #tag-1 #TAG-2`).problems).toEqual([])
  })
})

describe('readTags: duplicates and order', () => {
  it('collapses duplicates, including synonyms of one tag', () => {
    expect(values('#ks3 #KS3 key stage 3, keystage3')).toEqual(['ks3'])
    expect(values('#fractions, fraction, Fractions')).toEqual(['fractions'])
    expect(values('#my-tag, My Tag, my_tag')).toEqual(['my-tag'])
    expect(values('KS3/4, ks4')).toEqual(['ks3', 'ks4'])
  })

  it('puts phases first, then key stages, topics and free tags, each in input order', () => {
    expect(values('#my-own #fractions #ks3 #secondary #another #place-value #ks2 #primary')).toEqual([
      'secondary', 'primary', 'ks3', 'ks2', 'fractions', 'place-value', 'my-own', 'another',
    ])
  })

  it('gives the same answer every time', () => {
    const text = '#zeta, alpha, #ks2, fractions, #primary, #angels'
    expect(readTags(text)).toEqual(readTags(text))
  })

  it('never throws, whatever it is given', () => {
    const odd = ['#', '<#', '<#C1|', '\ud800', '#'.repeat(1000), 'a '.repeat(5000), 'ks'.repeat(500), ',\n;'.repeat(100), '#ks99999999999999999999']
    for (const text of odd) {
      const reading = readTags(text)
      expect(Array.isArray(reading.tags)).toBe(true)
      expect(Array.isArray(reading.problems)).toBe(true)
    }
    expect(readTags(undefined as unknown as string)).toEqual({ tags: [], problems: [] })
  })
})

describe('suggestTags', () => {
  it.each([
    ['fractons', ['fractions']],
    ['secondry', ['secondary']],
    ['KS 3', ['ks3']],
    ['sixth form', ['post-16']],
    ['sixth from', ['post-16']],
    ['fractions', ['fractions']],
    ['zzzz', []],
    ['', []],
  ])('suggests for %j: %j', (word, expected) => {
    expect(suggestTags(word)).toEqual(expected)
  })

  it('suggests only vocabulary values, nearest first, at most three', () => {
    const known = new Set(CONTROLLED_TAGS.map((t) => t.value))
    for (const word of ['graph', 'stat', 'measur', 'primery', 'tabels', 'areas']) {
      const suggestions = suggestTags(word)
      expect(suggestions.length).toBeLessThanOrEqual(3)
      for (const s of suggestions) expect(known.has(s)).toBe(true)
    }
    expect(suggestTags('primery')).toEqual(['primary'])
  })
})

describe('tagLabel', () => {
  it.each([
    [{ kind: 'keyStage', value: 'ks3' }, 'KS3'],
    [{ kind: 'keyStage', value: 'eyfs' }, 'EYFS'],
    [{ kind: 'phase', value: 'post-16' }, 'Post-16'],
    [{ kind: 'phase', value: 'early-years' }, 'Early years'],
    [{ kind: 'topic', value: 'place-value' }, 'Place value'],
    [{ kind: 'topic', value: 'gcse' }, 'GCSE'],
    [{ kind: 'topic', value: 'send' }, 'SEND'],
    [{ kind: 'free', value: 'year-7-retrieval' }, 'Year 7 retrieval'],
    [{ kind: 'free', value: '11-16-schools' }, '11-16 schools'],
  ] as const)('shows %j as %s', (tag, label) => {
    expect(tagLabel(tag)).toBe(label)
  })

  it('agrees with the label readTags gives each tag', () => {
    for (const tag of readTags('#ks3 #post-16 #place-value #my-own-tag').tags) expect(tagLabel(tag)).toBe(tag.label)
  })
})
