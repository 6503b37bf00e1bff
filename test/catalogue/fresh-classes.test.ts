// The classes of wrong answer a fresh set of questions showed, each with questions written for
// this test (not taken from any evaluation set): askers the catalogue does not serve, others'
// situation read as the asker's, excluded formats, format lists, a role's project added on top
// of a stated need, and a need lost among several.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUNDLED_CATALOGUE_DIR } from '../../src/features/catalogue/import-catalogue.js'
import { answerQuestion, type MatchResult } from '../../src/features/catalogue/match-projects.js'
import { parseCatalogueFile } from '../../src/features/catalogue/parse-catalogue-file.js'
import { renderAnswer } from '../../src/features/catalogue/render-answer.js'
import { readYears } from '../../src/features/catalogue/phase-words.js'
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
  return result.kind === 'nothing' ? result.reason : undefined
}

describe('1. askers and needs the catalogue does not serve get nothing, with the reason', () => {
  it.each([
    'I teach maths at a university and wondered if any of these are open to lecturers',
    'Do you run anything for higher education maths tutors?',
  ])('higher education staff: %s', (text) => {
    expect(reasonOf(text)).toEqual({ kind: 'higher-education' })
    const message = renderAnswer({ result: answerQuestion(text, catalogue), catalogue, answeredBy: { by: 'rules' }, hint: (a) => a, now: new Date('2022-02-01T12:00:00Z') })
    expect(message.text + JSON.stringify(message.blocks)).toMatch(/higher education/)
  })

  it('a school’s teacher who went to university is not higher education', () => {
    expect(offered('Secondary maths teacher with a degree from university, what is there on GCSE reasoning?')).toEqual(['mathematical-thinking-gcse'])
  })

  it('a university that trains teachers is still an ITT provider', () => {
    expect(offered('We train teachers through a university PGCE - is there a network for ITT?')).toEqual(['itt-providers'])
  })

  it.each([
    'Is there a maths olympiad or masterclass our year 9 pupils could go to?',
    'Could our sixth formers themselves come to an enrichment event?',
  ])('something for the pupils themselves: %s', (text) => {
    expect(reasonOf(text)).toEqual({ kind: 'pupils' })
  })

  it.each([
    ['Our NQTs are having trouble with classroom behaviour, can you help?', 'behaviour'],
    ['Our primary TAs have problems with parental engagement - anything?', 'parental engagement'],
  ])('a role the catalogue serves, with a need it does not cover: %s', (text, what) => {
    const reason = reasonOf(text)
    expect(reason?.kind).toBe('not-covered')
    expect(reason && 'what' in reason ? reason.what : '').toContain(what)
  })

  it('the same role with a need its project is about still gets it', () => {
    expect(offered('Our ECTs are struggling with subject knowledge for teaching maths, anything for them?')).toEqual([
      'sktm-primary-ects',
      'sktm-secondary-ects',
    ])
  })
})

describe('2. what others are doing is not the asker’s situation', () => {
  it('other schools “are already doing” a step: the asker starts at their own entry point', () => {
    expect(
      offered('Secondary head of maths. The primaries in our trust are already doing Sustaining; our department wants to begin mastery for the first time'),
    ).toEqual(['secondary-tfm-development'])
    expect(offered('Primary teacher. My head says the secondary school is doing Embedding - we are new to mastery ourselves')).toEqual([
      'primary-mastery-readiness',
      'primary-tfm-development',
    ])
  })

  it('“they’re doing …” reports someone else', () => {
    expect(
      offered('Year 8 teacher here: the local primaries tell me they’re currently doing Mastery Readiness. I’d like to plan fractions with them across years 5 to 8'),
    ).toEqual(['years-5-8-continuity'])
  })

  it('the asker’s own school doing something is still the asker’s progress', () => {
    expect(offered('Our school did Development last year, so what comes next for our primary?')).toEqual(['primary-tfm-embedding'])
  })
})

describe('3. an excluded format removes every project of it; the rest is what suits the asker', () => {
  it.each([
    'primary teacher - we don’t want work groups this year, what else is there for me?',
    'secondary school: anything except work groups on offer?',
  ])('%s', (text) => {
    const result = answerQuestion(text, catalogue)
    if (result.kind !== 'matches') throw new Error('expected matches')
    expect(result.matches.every((m) => m.project.format !== 'work group')).toBe(true)
    // What a teacher can join: projects for particular people only where open to those seeking to be one.
    expect(ids(result)).toEqual(['accredited-pd-lead-support', 'developing-mastery-specialists', 'llme-networks'])
  })
})

describe('4. a format asked for by name is listed whole, for the phase', () => {
  it('“list all the programmes” lists every programme of the phase', () => {
    expect(offered('please list all the programmes for primary')).toEqual(['accredited-pd-lead-support', 'developing-mastery-specialists'])
    expect(offered('give me the full list of programmes for secondary schools, rather than the work groups')).toEqual([
      'accredited-pd-lead-support',
      'developing-mastery-specialists',
      'secondary-mat-leads',
    ])
  })
})

describe('4b. a word like “every” or “each” lists a format only when it is said of the format', () => {
  it('“every teacher … wants a work group on …” asks about the topic, not for every work group', () => {
    expect(offered('every teacher in our secondary department wants a work group on GCSE reasoning')).toEqual(['mathematical-thinking-gcse'])
    expect(offered('each of our primary teachers would like a work group on subject knowledge')).toEqual(['sktm-primary-teachers'])
  })

  it('“what work groups are there” lists the work groups of the phase, and nothing of another format', () => {
    const result = answerQuestion('what work groups are there for primary?', catalogue)
    if (result.kind !== 'matches') throw new Error('expected matches')
    expect(result.matches.length).toBeGreaterThan(3)
    expect(result.matches.every((m) => m.project.format === 'work group' && m.project.phases.includes('primary'))).toBe(true)
  })
})

describe('5. the asker’s role adds its project only when they ask for themselves', () => {
  it('a role that only says who asks does not add its project to a stated need', () => {
    expect(offered('primary maths lead - after something on continuity from year 5 to year 8 with the secondary')).toEqual(['years-5-8-continuity'])
  })

  it('asking for themselves keeps the role’s project beside the need', () => {
    expect(offered('Trust maths lead for our secondaries - want something for me and our departments are new to mastery')).toEqual([
      'secondary-mat-leads',
      'secondary-tfm-development',
    ])
  })

  it('a trust’s maths lead is a MAT lead, not a head of department as well', () => {
    expect(offered('MAT maths lead across 3 secondaries: something for me please')).toEqual(['secondary-mat-leads'])
  })

  it('a role held already is not the one sought: a mastery specialist is not offered the programme to become one', () => {
    const result = answerQuestion('I’m a primary mastery specialist running my own work group for the first time - any support?', catalogue)
    expect(ids(result)).toEqual(['work-group-lead-workshops'])
    expect(result.leftOut.map((l) => l.reason).join(' | ')).toMatch(/Developing Mastery Specialists is for .*seeking to become/)
    expect(offered('I’d like to become a mastery specialist, I’m a secondary teacher')).toEqual(['developing-mastery-specialists'])
  })

  it('a project asked about by name but for another phase is not offered', () => {
    expect(offered('As an FE lecturer teaching resits, is Mathematical Thinking for GCSE for me?')).toEqual(['post-16-gcse-resit'])
  })
})

describe('6. several needs: following a topic through the years is a need of its own', () => {
  it('“from year 7 through to year 11” is the Years 7–11 project’s subject', () => {
    expect(offered('Head of department. Looking for help tracing fractions from year 7 right through to year 11')).toEqual(['years-7-11-coherence'])
    expect(
      offered('Two needs: our year 11s find GCSE problem solving hard, and I want to see how ratio develops from year 7 through to year 11'),
    ).toEqual(['mathematical-thinking-gcse', 'years-7-11-coherence'])
  })

  it('a school’s span of years alone is not that need', () => {
    expect(offered('We’re an 11-16 school')).toContain('secondary-subject-leadership')
    expect(offered('We’re an 11-16 school').length).toBeGreaterThan(5)
  })
})

describe('year groups listed by number after the first ("year 9 and 10")', () => {
  it('reads every year named, so a class in a project’s years is not turned away', () => {
    expect(readYears('our year 4 and 5 classes').years).toEqual([4, 5])
    expect(readYears('the Year 10 and 11s').years).toEqual([10, 11])
    expect(offered('Our year 9 and 10 groups find GCSE problem solving hard')).toEqual(['mathematical-thinking-gcse'])
  })
})
