// Reading a schools list on its own: which headers make a file a schools list (and which leave
// it to the catalogue or session import), names matched whatever their capitals, spacing or
// apostrophes, by any name a person has, and every unusable line named by its number.
import { describe, expect, it } from 'vitest'
import { CATALOGUE_COLUMNS } from '../../src/features/catalogue/parse-catalogue-file.js'
import { changesShown, type KnownPerson, readSchoolsList, schoolsListColumns } from '../../src/features/attendance/schools-list.js'

const people: KnownPerson[] = [
  { userId: 'U1', label: 'Siobhán O’Neill', names: ['Siobhán O’Neill'] },
  { userId: 'U2', label: 'Sam Lee', names: ['Sam Lee'] },
  { userId: 'U3', label: 'Sam Lee', names: ['Sam Lee', 'Samantha Lee'] },
  { userId: 'U4', label: 'Priya Shah', names: ['Priya Shah', 'priya.s'], school: 'Hillside Academy' },
]

describe('which files are schools lists', () => {
  it('a name and a school column, however people write them', () => {
    expect(schoolsListColumns(['Name', 'School'])).toEqual({ name: 0, school: 1 })
    expect(schoolsListColumns(['Email', 'Participant name', 'School / Setting'])).toEqual({ name: 1, school: 2 })
    expect(schoolsListColumns(['TEACHER', 'setting'])).toEqual({ name: 0, school: 1 })
    expect(schoolsListColumns(['First name', 'Surname', 'School name'])).toEqual({ first: 0, last: 1, school: 2 })
  })

  it('not a sessions file, a catalogue, or a list without names', () => {
    expect(schoolsListColumns(['date', 'start', 'end', 'title', 'place'])).toBeUndefined()
    expect(schoolsListColumns([...CATALOGUE_COLUMNS])).toBeUndefined()
    expect(schoolsListColumns(['School', 'Town'])).toBeUndefined()
    expect(schoolsListColumns(['First name', 'School'])).toBeUndefined()
  })
})

describe('reading one', () => {
  it('matches names whatever their capitals, spacing and apostrophes, by any name a person has', () => {
    const result = readSchoolsList('Name,School\n  siobhán   o\'neill ,Oakfield Primary\nSamantha Lee,St Mary’s\nPRIYA.S,Hillside Academy\n', people)
    expect(result).toEqual({
      ok: true,
      reading: {
        changes: [
          { userId: 'U1', label: 'Siobhán O’Neill', school: 'Oakfield Primary' },
          { userId: 'U3', label: 'Sam Lee', school: 'St Mary’s' },
        ],
        unchanged: 1,
        problems: [],
      },
    })
  })

  it('names every line it cannot use, by number, a quoted cell over two lines counted', () => {
    const text = ['Name,School', 'Sam Lee,Oakfield', '"Priya Shah",', 'Nobody Here,X', `Siobhán O’Neill,${'x'.repeat(121)}`, '"Siobhán\nO’Neill",Oakfield'].join('\n')
    const result = readSchoolsList(text, people)
    if (!result.ok) throw new Error(result.problem)
    expect(result.reading.problems).toEqual([
      { line: 2, message: '2 people in the group are called “Sam Lee”; fill in theirs with Fill in schools' },
      { line: 3, message: 'no school for Priya Shah' },
      { line: 4, message: 'nobody called “Nobody Here” is in the group' },
      { line: 5, message: 'the school is longer than 120 characters' },
      { line: 6, message: 'Siobhán O’Neill again (first on line 5); only line 5 is used' },
    ])
    expect(result.reading.changes).toEqual([])
  })

  it('a broken file says why, by line', () => {
    expect(readSchoolsList('Name,School\n"Sam Lee,Oakfield\n', people)).toMatchObject({ ok: false, problem: expect.stringMatching(/^Line \d+: the file cannot be read as CSV/) })
  })

  it('the preview’s fingerprint changes with any school it offers, and not with their order', () => {
    const a = { userId: 'U1', label: 'A', school: 'Oakfield' }
    const b = { userId: 'U2', label: 'B', school: 'Hillside', was: 'Hill' }
    expect(changesShown('g', [a, b])).toBe(changesShown('g', [b, a]))
    expect(changesShown('g', [a, b])).not.toBe(changesShown('g', [a, { ...b, was: undefined }]))
    expect(changesShown('g', [a])).not.toBe(changesShown('h', [a]))
  })
})
