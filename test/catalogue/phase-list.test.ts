// The phase list's layout rules: which group a project is listed in, and a summary's one line.
import { describe, expect, it } from 'vitest'
import type { Project } from '../../src/domain/projects.js'
import { groupOf, oneLiner } from '../../src/features/catalogue/phase-list.js'

const project = (audience: Project['audience']): Project => ({ id: 'p', title: 'P', phases: ['secondary'], audience, entryPoint: 'Anyone', format: 'work group', isNew: false, summary: 'S.', keywords: [] })

describe('groupOf', () => {
  it.each([
    [['teachers'], 'teachers'],
    [['teaching assistants'], 'teachers'],
    [['early career teachers'], 'teachers'],
    [['non-specialist teachers'], 'teachers'],
    [['early years practitioners'], 'teachers'],
    [['heads of department', 'teachers'], 'teachers'],
    [['heads of department'], 'leaders'],
    [['itt providers'], 'leaders'],
    [['pd leads'], 'leaders'],
    [['work group leads'], 'leaders'],
    [['mat leads'], 'leaders'],
  ] as const)('a project for %j is listed for %s', (audience, group) => {
    expect(groupOf(project([...audience]))).toBe(group)
  })
})

describe('oneLiner', () => {
  it('keeps a short first sentence whole and drops the rest', () => {
    expect(oneLiner('Helps departments plan. It runs all year.')).toBe('Helps departments plan.')
  })

  it('cuts a long sentence where it pauses, when enough is left to say something', () => {
    const sentence = 'Work Groups that build secondary early career teachers’ subject knowledge for teaching maths, including how students grasp and retain mathematical concepts.'
    expect(oneLiner(sentence)).toBe('Work Groups that build secondary early career teachers’ subject knowledge for teaching maths.')
  })

  it('shortens at a word, marked, a long sentence with no pause', () => {
    const line = oneLiner('Work Groups offer teachers and their departments support to address the reasoning and problem-solving challenges associated with assessment at GCSE.')
    expect(line).toBe('Work Groups offer teachers and their departments support to address the reasoning and problem-solving challenges…')
    expect(line.length).toBeLessThanOrEqual(115)
  })
})
