// The classes of wrong answer a second unseen set of questions showed, each with questions
// written for this test, not taken from any evaluation set: services for pupils rather than
// their teachers, and text-speak standing for the words the matcher reads.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUNDLED_CATALOGUE_DIR } from '../../src/features/catalogue/import-catalogue.js'
import { answerQuestion, type MatchResult } from '../../src/features/catalogue/match-projects.js'
import { splitClauses } from '../../src/features/catalogue/split-clauses.js'
import { parseCatalogueFile } from '../../src/features/catalogue/parse-catalogue-file.js'
import type { Catalogue } from '../../src/domain/projects.js'

let catalogue: Catalogue
beforeAll(async () => {
  const parsed = parseCatalogueFile(await readFile(path.join(BUNDLED_CATALOGUE_DIR, '2021-22.csv'), 'utf8'))
  if (!parsed.ok) throw new Error('bundled catalogue does not parse')
  catalogue = parsed.catalogue
})

const ids = (result: MatchResult) => (result.kind === 'matches' ? result.matches.map((m) => m.project.id).sort() : [])
const offered = (text: string) => ids(answerQuestion(text, catalogue))
const reasonOf = (text: string) => {
  const result = answerQuestion(text, catalogue)
  return result.kind === 'nothing' ? result.reason.kind : undefined
}

describe('services for pupils are not professional development, whatever phase or year group is named', () => {
  it.each([
    'Can our Year 10s sit the UKMT intermediate challenge through the hub?',
    'primary school: does anyone run a maths competition our Y6 could enter?',
    'Two of my Year 5 children might have dyscalculia - can the hub get them screened?',
    'secondary, we want someone to assess pupils in Y7 for maths difficulties',
    'As their maths teacher: is there tuition for our Year 11s who are behind?',
  ])('%s', (text) => {
    expect(offered(text)).toEqual([])
    expect(reasonOf(text)).toBe('pupils')
  })

  it('a teacher of trainees (an ITT tutor) is not tutoring pupils', () => {
    expect(offered('I am a SCITT tutor and want our trainees to learn about mastery')).toEqual(['itt-providers'])
  })
})

describe('text-speak is read as the words it stands for', () => {
  it('"ppl like me" asks for the asker, an early years practitioner', () => {
    expect(offered('nursery nurse in a school nursery (3 yr olds) - any maths CPD for ppl like me?')).toEqual(['sktm-early-years'])
  })
  it('"yrs" before a number stays a year group', () => {
    const result = answerQuestion('which projects cover yrs 5 to 8?', catalogue)
    expect(result.question.years.years).toContain(5)
  })
})

describe('a first year told as done is the first step behind the school, in its own phase', () => {
  it.each([
    ['secondary dept: our two advocates did the first year of teaching for mastery last yr, what now?', ['secondary-tfm-embedding']],
    ['Primary school. We finished our first year of TfM development in July - whats next for us?', ['primary-tfm-embedding']],
  ])('%s', (text, expected) => {
    expect(offered(text)).toEqual(expected)
  })
  it('a first year still ahead is a school starting out', () => {
    expect(offered('secondary school starting its first year of teaching for mastery')).toEqual(['secondary-tfm-development'])
  })
})

describe('"is X new?" about a project named by its title answers with that project, new or not', () => {
  it.each([
    ['Quick one - are the Local Leaders of Maths Education networks new this year?', 'llme-networks', 'not new this year'],
    ['is secondary subject leadership new this year?', 'secondary-subject-leadership', 'new this year'],
  ])('%s', (text, id, why) => {
    const result = answerQuestion(text, catalogue)
    expect(ids(result)).toEqual([id])
    expect(result.kind === 'matches' ? result.matches[0]!.reasons : []).toContain(why)
  })
})

describe('"… and not X again" refuses X after what is asked for', () => {
  it('a secondary department past all three mastery years asking for schemes of work, but not mastery again', () => {
    expect(offered('Secondary: finished the three TfM years. Want help with our scheme of work but not mastery again')).toEqual(['years-7-11-coherence'])
  })
  it('"and not sure" states how the asker is, it refuses nothing', () => {
    expect(splitClauses('Year 4 teacher and not sure about fractions myself').negated).toEqual([])
    expect(splitClauses('Primary, we have done Readiness but not yet started Development').negated).toEqual([])
  })
})
