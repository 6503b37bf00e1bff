// The kinds of wrong answer a teacher must never get, each with questions written for this
// test (not taken from any evaluation set): a stretched match, a project for another phase or
// audience, a field of the catalogue left unanswered, a need lost among several, progression
// not as the catalogue words it.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUNDLED_CATALOGUE_DIR } from '../../src/features/catalogue/import-catalogue.js'
import { answerQuestion, type MatchResult } from '../../src/features/catalogue/match-projects.js'
import { parseCatalogueFile } from '../../src/features/catalogue/parse-catalogue-file.js'
import { renderAnswer } from '../../src/features/catalogue/render-answer.js'
import type { Catalogue } from '../../src/domain/projects.js'

let catalogue: Catalogue
beforeAll(async () => {
  const parsed = parseCatalogueFile(await readFile(path.join(BUNDLED_CATALOGUE_DIR, '2021-22.csv'), 'utf8'))
  if (!parsed.ok) throw new Error('bundled catalogue does not parse')
  catalogue = parsed.catalogue
})

const ids = (result: MatchResult) => (result.kind === 'matches' ? result.matches.map((m) => m.project.id).sort() : [])
const offered = (text: string) => ids(answerQuestion(text, catalogue))
const reasons = (result: MatchResult) => result.leftOut.map((l) => l.reason).join(' | ')

describe('1. only what the catalogue says: no stretched offers', () => {
  it.each([
    ['Is there a course specifically on behaviour management for our secondary maths department?', 'behaviour management'],
    ['Year 6 teacher getting my class ready for SATs - is there a project on SATs revision?', 'SATs revision'],
    ['Anything on using manipulatives in reception?', 'using manipulatives'],
    ['Any course on times tables for Year 4?', 'times tables'],
    ['Is there a work group on teaching with calculators?', 'calculators'],
    ['I want to improve my teaching of algebra in year 9', 'algebra in Year 9'],
    ['Is there support for teaching maths to EAL pupils?', 'EAL pupils'],
  ])('"%s" → nothing fits, naming what is not covered', (text, what) => {
    const result = answerQuestion(text, catalogue)
    expect(result.kind).toBe('nothing')
    expect(result.kind === 'nothing' && result.reason.kind === 'not-covered' && result.reason.what).toContain(what)
  })

  it('a word that only shares a stem with a keyword ("specifically", "specification") offers nothing for it', () => {
    expect(offered('Anything specifically aimed at Year 10 maths teachers?')).not.toContain('developing-a-level-pedagogy')
    expect(offered('We want something specifically for KS3')).not.toContain('developing-a-level-pedagogy')
  })

  it('a single word from inside a keyword is not enough beside a topic the catalogue lacks', () => {
    // "getting … ready" is one of Mastery Readiness's keywords, word for word apart.
    const result = answerQuestion('I am getting my Year 3 class ready for the spelling bee. Any project on the spelling bee?', catalogue)
    expect(ids(result)).toEqual([])
  })

  it('a keyword written as one word still counts ("alevel" for "A level")', () => {
    expect(offered('alevel maths teacher wanting support with the demands of the specification')).toEqual(['developing-a-level-pedagogy'])
  })
})

describe('2. phase and audience are constraints, not scores', () => {
  it('a secondary asker who mentions what primaries get is answered for secondary', () => {
    expect(offered('We’re an 11-18 school. I’ve heard the primaries near us get SKTM for their TAs. What’s there for our maths department, which has never done mastery?')).toEqual([
      'secondary-tfm-development',
    ])
  })

  it('a role whose project is only in another phase is not answered from a loose word', () => {
    const result = answerQuestion('I’m the maths lead in a primary and want to lead the subject better', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('Secondary Subject Leadership is only for secondary')
  })

  it('a primary asker in a role the catalogue serves only in secondary hears that plainly', () => {
    const result = answerQuestion('I lead maths across five primary academies in our trust - what can I join?', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('Secondary Maths MAT Leads is only for secondary')
  })

  it('a comparison with another phase is not the asker’s phase', () => {
    const result = answerQuestion('Primary subject leader here: is there a subject leadership group like the one for secondary?', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('Secondary Subject Leadership is only for secondary')
  })

  it('support staff in one phase get neither phase’s teacher strands', () => {
    const result = answerQuestion('I’m a teaching assistant in a secondary, supporting Year 9', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('Primary teaching assistants is only for primary')
  })

  it('a project for particular people is offered only to them', () => {
    expect(offered('primary teacher keen to build my subject knowledge')).toEqual(['sktm-primary-teachers'])
  })

  it('year groups the project does not cover get nothing, with the years it does', () => {
    const result = answerQuestion('Reception teacher: is there anything on Year 1 to Year 2 continuity?', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('Years 5 to 8 Continuity covers Years 5 to 8')
  })

  it('what the asker says they do not want is left out ("not interested in post-16")', () => {
    expect(offered('What is new this year? We are 11-16, not interested in post-16')).not.toContain('new-to-core-maths')
  })

  it('someone else’s wish is not the asker’s role ("our HoD wants…")', () => {
    expect(offered('secondary department new to mastery - our HoD wants to send two of us')).toEqual(['secondary-tfm-development'])
  })

  it('naming a qualification is not naming a phase: a primary asking about a GCSE project hears it is secondary only', () => {
    const result = answerQuestion('Can a primary school join Mathematical Thinking for GCSE?', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('Mathematical Thinking for GCSE is only for secondary')
  })

  it('roles in the words teachers use: early years teachers are its practitioners, new maths teachers are early career', () => {
    expect(offered('I teach reception and want to improve my own subject knowledge')).toEqual(['sktm-early-years'])
    expect(offered('Which projects would help our new maths teachers in a secondary school?')).toEqual(['sktm-secondary-ects'])
    expect(offered('I’m a secondary teacher without a maths degree teaching Year 9')).toEqual(['sktm-secondary-non-specialists'])
  })

  it('support staff are not offered a project for teachers, but their own version of it', () => {
    expect(offered('TA in year 2 wanting to understand misconceptions')).toEqual(['sktm-primary-tas'])
  })

  it('feeder primaries make the asker a secondary school', () => {
    // The need is transition; the asker's role adds its own project only when they ask for themselves.
    expect(offered('I’m a head of department and we want to do transition work with our feeder primaries')).toEqual(['years-5-8-continuity'])
    expect(offered('I’m a head of department after something for me, and we want to do transition work with our feeder primaries')).toEqual([
      'secondary-subject-leadership',
      'years-5-8-continuity',
    ])
  })

  it('a trainee teacher hears why nothing is for them yet', () => {
    const result = answerQuestion('I’m a student teacher on my first placement - what can I join?', catalogue)
    expect(result.kind === 'nothing' && result.reason.kind).toBe('trainee')
  })
})

describe('3. every field is answerable', () => {
  it('by partner, named in full or by its short name', () => {
    const amsp = ['developing-a-level-pedagogy', 'developing-core-maths-pedagogy', 'new-to-core-maths']
    expect(offered('Is anything run in partnership with the Advanced Mathematics Support Programme?')).toEqual(amsp)
    expect(offered('what does AMSP do with the hubs?')).toEqual(amsp)
  })

  it('by format, also contrasted with another', () => {
    expect(offered('Which projects are networks?')).toEqual(['itt-providers', 'llme-networks'])
    expect(offered('Which projects are programmes, not work groups?')).toEqual(['accredited-pd-lead-support', 'developing-mastery-specialists', 'secondary-mat-leads'])
  })

  it('what is run centrally or nationally', () => {
    expect(offered('Are any of the projects centrally led?')).toContain('secondary-mat-leads')
    expect(offered('Which ones are run nationally?')).toContain('work-group-lead-workshops')
  })

  it('which have a partner at all', () => {
    expect(offered('Which projects are run in partnership with other organisations?')).toEqual([
      'developing-a-level-pedagogy',
      'developing-core-maths-pedagogy',
      'new-to-core-maths',
    ])
  })

  it('which span every phase named', () => {
    const both = offered('Which projects are for both primary and secondary?')
    expect(both).toContain('years-5-8-continuity')
    expect(both.some((id) => id.startsWith('primary-') || id.startsWith('secondary-'))).toBe(false)
  })

  it('a project named by a word of its title, and asked for another phase, is said to be for its own', () => {
    const result = answerQuestion('Is there a primary version of the GCSE project?', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('Mathematical Thinking for GCSE is only for secondary')
    expect(offered('Is the Coherence work group for KS3 only?')).toEqual(['years-7-11-coherence'])
  })

  it('a phase denied ("without a sixth form") is not the asker’s', () => {
    const result = answerQuestion('Is there a Core Maths group for secondary schools without a sixth form?', catalogue)
    expect(result.kind).toBe('nothing')
    expect(reasons(result)).toContain('New to teaching Core Maths is only for post-16')
  })

  it('a project named by the years in its title', () => {
    expect(offered('Is the Years 7-11 one still running?')).toEqual(['years-7-11-coherence'])
    expect(offered('Is the Years 5 to 8 project for KS2 teachers?')).toEqual(['years-5-8-continuity'])
  })

  it('a format named beside a role is the asker’s loose word, not a filter', () => {
    expect(offered('Is there a community where ITT providers like us can meet?')).toEqual(['itt-providers'])
  })

  it('a strand by its short name lists that strand for the phase, whoever it is for', () => {
    expect(offered('What SKTM groups are there for primary?')).toEqual(['sktm-primary-ects', 'sktm-primary-tas', 'sktm-primary-teachers'])
  })
})

describe('4. several needs, several answers, grouped', () => {
  it('keeps each need, in the asker’s order, with what fits each', () => {
    const result = answerQuestion(
      'Head of maths here, looking for support for myself. Our new teachers need subject knowledge support, and our Year 6 and Year 7 staff want a transition project.',
      catalogue,
    )
    if (result.kind !== 'matches') throw new Error('expected matches')
    expect(result.needs?.map((n) => n.matches.map((m) => m.project.id))).toEqual([
      ['secondary-subject-leadership'],
      ['sktm-secondary-ects'],
      ['years-5-8-continuity'],
    ])
  })

  it('a topic asked beside the asker’s role is a need too, unless the role’s project covers it', () => {
    expect(offered('Secondary HoD wanting help for me and for my department with GCSE reasoning')).toEqual(['mathematical-thinking-gcse', 'secondary-subject-leadership'])
    // Only saying who asks: the role's project does not come on top of the need's.
    expect(offered('Secondary HoD wanting help for my department with GCSE reasoning')).toEqual(['mathematical-thinking-gcse'])
    // Subject knowledge is what the early career group is about: no second project for it.
    expect(offered('ECT in a primary wanting subject knowledge support')).toEqual(['sktm-primary-ects'])
  })

  it('a need nothing fits keeps its place, saying why, beside the ones that fit', () => {
    const result = answerQuestion('We’re a primary new to mastery, and our Reception team wants something on Reception to Year 1 continuity.', catalogue)
    if (result.kind !== 'matches') throw new Error('expected matches')
    expect(ids(result)).toEqual(['primary-mastery-readiness', 'primary-tfm-development'])
    expect(result.needs?.[1]).toMatchObject({ matches: [], unmet: expect.stringContaining('covers Years 5 to 8') })
  })

  it('renders each need under the asker’s words, within the block limits', () => {
    const result = answerQuestion('I’m a primary deputy head: we’re new to mastery, our teaching assistants want subject knowledge, and we have an ECT.', catalogue)
    const message = renderAnswer({ result, catalogue, answeredBy: { by: 'rules' }, hint: (a) => a, now: new Date('2022-02-01T12:00:00Z') })
    const texts = message.blocks.map((b) => ('text' in b ? b.text : '')).join('\n')
    expect(texts).toContain('You asked about 3 things. Here is what the 2021/22 catalogue has for each:')
    expect(texts).toMatch(/1\. For “we’re new to mastery”[\s\S]*Mastery Readiness[\s\S]*2\. For “our teaching assistants want subject knowledge”[\s\S]*Primary teaching assistants[\s\S]*3\. For “we have an ECT”[\s\S]*Primary early career teachers/)
    expect(message.blocks.length).toBeLessThanOrEqual(50)
  })
})

describe('5. the catalogue’s own entries, or "not in the 2021/22 catalogue"', () => {
  it('a role the catalogue names, asked with a format', () => {
    expect(offered('Is there a network for LLMEs?')).toEqual(['llme-networks'])
    expect(offered('Is there a community for Work Group Leads?')).toEqual(['work-group-lead-workshops'])
  })

  it('a later year’s programme is not in this catalogue', () => {
    const result = answerQuestion('Can we sign up for the 2023/24 programme?', catalogue)
    expect(result.kind === 'nothing' && result.reason).toEqual({ kind: 'other-year', what: 'the 2023/24 catalogue' })
  })

  it('a past year told as a story is not a question about that year', () => {
    expect(offered('SCITT here, in the ITT network since 2019/20 - does it run again?')).toEqual(['itt-providers'])
  })
})

describe('6. progression as the catalogue words it, for each phase', () => {
  it('a primary carrying on after Development is offered both stages for schools carrying on', () => {
    expect(offered('Our primary finished the Development year and we want to carry on')).toEqual(['primary-tfm-embedding', 'primary-tfm-sustaining'])
  })

  it('a secondary department carrying on goes to its next participation year only', () => {
    expect(offered('Secondary department, did Development last year and want to carry on')).toEqual(['secondary-tfm-embedding'])
  })

  it('entry points are answerable, and a school carrying on is not offered them', () => {
    expect(offered('What are the entry points for a primary school?')).toEqual(['primary-mastery-readiness', 'primary-tfm-development'])
    expect(offered('Primary: what is there for schools carrying on with teaching for mastery?')).toEqual(['primary-tfm-embedding', 'primary-tfm-sustaining'])
    expect(offered('This is our first year doing mastery in the secondary department')).toEqual(['secondary-tfm-development'])
  })

  it('a school that has been at it a while is carrying on, not starting', () => {
    expect(offered('We’d like some help with mastery in our primary - we’ve been doing it for a while')).toEqual(['primary-tfm-embedding', 'primary-tfm-sustaining'])
  })

  it('"what next" after a step is the step that follows it', () => {
    expect(offered('We did Embedding last year in our primary; what next?')).toEqual(['primary-tfm-sustaining'])
  })
})
