import { describe, expect, it } from 'vitest'
import { readPhases } from '../../src/features/catalogue/phase-words.js'

describe('readPhases', () => {
  it.each([
    ['secondary', ['secondary']],
    ['Secondary', ['secondary']],
    ['secondry', ['secondary']],
    ['seconadry', ['secondary']],
    ['KS3', ['secondary']],
    ['key stage 4', ['secondary']],
    ['ks 4', ['secondary']],
    ['GCSE', ['secondary']],
    ['year 7', ['secondary']],
    ['Y9', ['secondary']],
    ['sixth form', ['post-16']],
    ['6th form', ['post-16']],
    ['sixt form', ['post-16']],
    ['post 16', ['post-16']],
    ['post-16', ['post-16']],
    ['Post16', ['post-16']],
    ['16-19', ['post-16']],
    ['FE', ['post-16']],
    ['further education', ['post-16']],
    ['college', ['post-16']],
    ['colege', ['post-16']],
    ['A level', ['post-16']],
    ['A-levels', ['post-16']],
    ['year 12', ['post-16']],
    ['KS1', ['primary']],
    ['KS2', ['primary']],
    ['primery', ['primary']],
    ['infants', ['primary']],
    ['year 3', ['primary']],
    ['EYFS', ['early years']],
    ['reception', ['early years']],
    ['recepton', ['early years']],
    ['early years', ['early years']],
    ['erly years', ['early years']],
    ['nursery', ['early years']],
    ['primary and secondary', ['primary', 'secondary']],
    ['all', ['early years', 'primary', 'secondary', 'post-16']],
    ['show me the projects for my secondary school please', ['secondary']],
  ])('"%s" → %o', (text, phases) => {
    expect(readPhases(text).phases).toEqual(phases)
  })

  it.each([['hello'], ['phonics'], ['a colleague asked'], ['tutoring for my son'], [''], ['<script>']])('"%s" names no phase', (text) => {
    expect(readPhases(text).phases).toEqual([])
  })

  it('reports the words it did not understand', () => {
    expect(readPhases('secondary geography').unknownWords).toEqual(['geography'])
  })
})
