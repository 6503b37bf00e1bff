// The classes of wrong answer an unseen set of questions showed (written by someone who never
// saw the matcher), each with questions written for this test, not taken from any evaluation
// set: how a need is phrased, who it is for, where a school is in a progression, and what the
// asker refuses.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BUNDLED_CATALOGUE_DIR } from '../../src/features/catalogue/import-catalogue.js'
import { answerQuestion, type MatchResult } from '../../src/features/catalogue/match-projects.js'
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
  return result.kind === 'nothing' ? result.reason : undefined
}
const needsOf = (text: string) => {
  const result = answerQuestion(text, catalogue)
  return result.kind === 'matches' ? (result.needs ?? []).map((n) => ({ asked: n.asked, ids: n.matches.map((m) => m.project.id).sort() })) : []
}
const whyFor = (text: string, id: string) => {
  const result = answerQuestion(text, catalogue)
  return result.kind === 'matches' ? (result.matches.find((m) => m.project.id === id)?.reasons ?? []) : []
}

describe('1. how a need is phrased', () => {
  it.each([
    ['Year 4 teacher, not very confident with fractions myself', ['sktm-primary-teachers']],
    ['Reception teacher, not sure how to teach counting well', ['sktm-early-years']],
  ])('"not confident…" states a need, it does not refuse one: %s', (text, expected) => {
    expect(offered(text)).toEqual(expected)
  })

  it('a refusal after "not" is still a refusal', () => {
    expect(offered('Primary. Not the mastery programme - subject knowledge for our teachers please')).toEqual(['sktm-primary-teachers'])
  })

  it.each([
    ['Primary TA - I’d like to understand how children actually grasp number', ['sktm-primary-tas']],
    ['Year 3 teacher, several of my class find fractions hard', ['sktm-primary-teachers']],
    ['Our TAs in KS2 support pupils who struggle with times tables', ['sktm-primary-tas']],
  ])('a need in the asker’s own words is read as the catalogue’s phrase: %s', (text, expected) => {
    expect(offered(text)).toEqual(expected)
  })

  it('struggling with something that is not maths is still not covered', () => {
    expect(reasonOf('Our primary TAs struggle with behaviour at lunchtime')?.kind).toBe('not-covered')
  })
})

describe('2. joining up with the other phase', () => {
  it.each([
    'Year 6 teacher hoping to team up with the secondary our children move to',
    'Is there a project where primary and secondary teachers sit in the same group?',
    'Secondary maths teacher wanting to collaborate with primary colleagues',
  ])('is the cross-phase project: %s', (text) => {
    expect(offered(text)).toEqual(['years-5-8-continuity'])
  })

  it('a clause naming other schools by their phase keeps the asker’s phase in the answer', () => {
    const text = 'Secondary HoD here. I want support for my own leadership, and our primaries want a transition project with us'
    expect(offered(text)).toEqual(['secondary-subject-leadership', 'years-5-8-continuity'])
    expect(whyFor(text, 'years-5-8-continuity')).not.toContain('for primary')
  })
})

describe('3. what is new this year, with a phase', () => {
  it.each([
    ['Are there any new primary work groups?', ['sktm-primary-ects']],
    ['any new sixth form projects?', ['new-to-core-maths']],
    ['Any new secondary projects this year?', ['secondary-mat-leads', 'secondary-subject-leadership', 'sktm-secondary-ects', 'sktm-secondary-non-specialists']],
  ])('%s', (text, expected) => {
    expect(offered(text)).toEqual(expected)
  })

  it('a phase with nothing new hears nothing fits, with its projects that are not new as the nearest', () => {
    const result = answerQuestion('Anything new for early years this year?', catalogue)
    expect(result.kind).toBe('nothing')
    expect(result.kind === 'nothing' ? result.leftOut.map((l) => l.reason) : []).toEqual([
      'Specialist Knowledge for Teaching Mathematics: Early Years practitioners is not new this year',
    ])
  })

  it('a new teacher is still an early career teacher, not a question about what is new', () => {
    expect(offered('new secondary teacher - anything on subject knowledge?')).toEqual(['sktm-secondary-ects'])
  })
})

describe('4. who trains teachers, and who is training', () => {
  it.each([
    'I’m an ITT lecturer at a university - anything on mastery for our secondary trainees?',
    'I teach on a university PGCE, is there anything for us?',
    'We’re a SCITT and our primary and secondary trainees would benefit from mastery',
  ])('an ITT provider, trainees or not: %s', (text) => {
    expect(offered(text)).toEqual(['itt-providers'])
  })

  it('a format a project has as a keyword ("network") is the format: an ITT provider asking for networks gets theirs', () => {
    expect(offered('I’m a PGCE tutor, are there any networks?')).toEqual(['itt-providers'])
  })

  it.each(['PGCE trainee on placement in a primary, can I join anything?', 'I’m a SCITT trainee, anything for me?', 'I’m doing my PGCE at a university, is there an ITT thing?'])(
    'a trainee is still a trainee: %s',
    (text) => {
      expect(reasonOf(text)).toEqual({ kind: 'trainee' })
    },
  )
})

describe('5. seeking accreditation', () => {
  it.each([
    'I lead CPD in my school and would like to become accredited by the NCETM',
    'Want accreditation for the CPD I lead',
    'How would I get NCETM accreditation for the maths training I run?',
  ])('is the Accredited PD Lead route: %s', (text) => {
    expect(offered(text)).toEqual(['accredited-pd-lead-support'])
  })
})

describe('6. where a school is in a progression', () => {
  it('a step named as a state reached is past it', () => {
    expect(offered('Our primary has mastery fully embedded - what now?')).toEqual(['primary-tfm-sustaining'])
  })

  it('a state not reached yet is that step', () => {
    expect(offered('how do we get mastery embedded in our primary?')).toEqual(['primary-tfm-embedding'])
  })

  it.each([
    ['we are in year three of the mastery work groups (secondary)', ['secondary-tfm-sustaining']],
    ['Primary, this is year two of mastery for us', ['primary-tfm-embedding']],
  ])('"year two of mastery" is the second year of taking part: %s', (text, expected) => {
    expect(offered(text)).toEqual(expected)
  })

  it('any other "year two" is a year group', () => {
    expect(offered('Year two teacher, something on subject knowledge?')).toEqual(['sktm-primary-teachers'])
  })

  it('a step done is done in the phase said with it, and a clause with a need of its own is answered for that need', () => {
    const text = 'Primary school: we have completed Embedding, and our Year 6 teachers want to link up with the secondary'
    expect(offered(text)).toEqual(['primary-tfm-sustaining', 'years-5-8-continuity'])
    // The clause that said where the school is heads the answer it gives, not "Primary school".
    expect(needsOf(text)).toEqual([
      { asked: 'we have completed Embedding', ids: ['primary-tfm-sustaining'] },
      { asked: 'our Year 6 teachers want to link up with the secondary', ids: ['years-5-8-continuity'] },
    ])
  })
})

describe('7. what the asker refuses, and who they are', () => {
  it('a topic they do not want leaves out its projects; ordinary teachers get the projects for teachers', () => {
    expect(offered('Secondary school, not interested in mastery - anything else for normal teachers?')).toEqual([
      'mathematical-thinking-gcse',
      'years-5-8-continuity',
      'years-7-11-coherence',
    ])
  })

  it.each([
    'Secondary: we’re not doing mastery - what else is there for classroom teachers?',
    'Secondary, we’d rather avoid mastery. Anything for ordinary teachers?',
  ])('other ways of refusing: %s', (text) => {
    expect(offered(text)).toEqual(['mathematical-thinking-gcse', 'years-5-8-continuity', 'years-7-11-coherence'])
  })

  it('"not doing … yet" is not a refusal but a start', () => {
    expect(offered('Primary - we’re not doing mastery yet, where do we start?')).toEqual(['primary-mastery-readiness', 'primary-tfm-development'])
  })

  it('a format named with a refused topic qualifies it: not every work group is refused, and projects about the topic are', () => {
    const answer = offered('secondary, we’d like to avoid the mastery work groups - anything else for our teachers?')
    expect(answer).toEqual(expect.arrayContaining(['mathematical-thinking-gcse', 'years-7-11-coherence', 'years-5-8-continuity']))
    expect(answer.filter((id) => id.includes('mastery') || id.includes('tfm'))).toEqual([])
  })

  it('without the refusal, mastery is offered as before', () => {
    expect(offered('Secondary school - anything for normal teachers?')).toEqual(expect.arrayContaining(['secondary-tfm-development']))
  })
})

describe('8. several people, several answers', () => {
  it('a clause that only names more people after a need asks the same for them', () => {
    const text = 'We’d like subject knowledge work for our nursery staff and our Year 1 teachers'
    expect(offered(text)).toEqual(['sktm-early-years', 'sktm-primary-teachers'])
    expect(needsOf(text).map((n) => n.ids)).toEqual([['sktm-early-years'], ['sktm-primary-teachers']])
  })

  it.each(['Head of department here: is there something for our new teachers?', 'I’m head of maths, anything for our ECTs?'])(
    'a clause introducing the asker before one asking for others adds nothing of the asker’s: %s',
    (text) => {
      expect(offered(text)).toEqual(['sktm-secondary-ects'])
    },
  )

  it('other people’s role is not the asker’s in the clauses that name no one', () => {
    expect(needsOf('Primary: we’re in our second year of mastery, and our TAs want subject knowledge help')).toEqual([
      { asked: 'we’re in our second year of mastery', ids: ['primary-tfm-embedding'] },
      { asked: 'our TAs want subject knowledge help', ids: ['sktm-primary-tas'] },
    ])
  })

  it('a need is quoted back as the asker wrote it, though read in the catalogue’s words', () => {
    expect(needsOf('Primary: we’re in year two of mastery, and our TAs want subject knowledge help').map((n) => n.asked)).toEqual([
      'we’re in year two of mastery',
      'our TAs want subject knowledge help',
    ])
  })

  it('asking for themselves as well still answers both', () => {
    expect(offered('Head of maths - something for me, and for our ECTs')).toEqual(['secondary-subject-leadership', 'sktm-secondary-ects'])
  })
})
