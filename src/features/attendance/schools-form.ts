// The Lead filling in schools for their group: one short text field per person, showing the
// school each gave (or blank). Only what the Lead changes is saved, and a form whose schools
// changed since it was opened is refused, so it never overwrites what a person said meanwhile.
import { createHash } from 'node:crypto'
import type { Form, FormValues } from '../../core/forms.js'
import { validateForm } from '../../core/forms.js'
import { SCHOOL_MAX } from '../../domain/schools.js'

export const FORM_SCHOOLS = 'attendance.schools'
export const ACTION_EDIT_SCHOOLS = 'attendance.edit-schools'

export const STALE_SCHOOLS = 'Not saved: someone’s school changed after you opened this form. Open it again to see the schools as they are now.'

const fieldId = (userId: string) => `school_${userId}`

export interface SchoolRow {
  userId: string
  /** Plain text, for the field's label. */
  label: string
  school?: string
}

/** A fingerprint of the schools the form shows: any change to them since makes the form stale. */
export function schoolsShown(rows: readonly SchoolRow[]): string {
  const shown = [...rows].map((r) => [r.userId, r.school ?? '']).sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
  return createHash('sha256').update(JSON.stringify(shown)).digest('hex').slice(0, 16)
}

export function schoolsForm(groupId: string, rows: readonly SchoolRow[]): Form {
  return {
    id: FORM_SCHOOLS,
    title: 'Schools',
    submitLabel: 'Save schools',
    intro: 'The school each person teaches at, for attendance by school. Leave a blank for anyone you don’t know; people can give theirs with “my school”. Or send me a spreadsheet saved as CSV, with Name and School columns, in our direct chat.',
    state: `${groupId}:${schoolsShown(rows)}`,
    fields: rows.map((r) => ({ type: 'text', id: fieldId(r.userId), label: r.label, maxLength: SCHOOL_MAX, ...(r.school ? { initial: r.school } : {}) })),
  }
}

export function readSchoolsState(state: string): { groupId: string; shown: string } | undefined {
  const match = /^([0-9a-f-]{36}):([0-9a-f]{16})$/i.exec(state)
  return match ? { groupId: match[1]!, shown: match[2]! } : undefined
}

/** The schools the Lead gave or changed, by user id; a field left as it was, or blank, is not a change. */
export function readSchoolsForm(form: Form, values: FormValues, rows: readonly SchoolRow[]): { changes: Map<string, string> } | { errors: Record<string, string> } {
  const errors = validateForm(form, values)
  if (Object.keys(errors).length) return { errors }
  const changes = new Map<string, string>()
  for (const row of rows) {
    const given = values[fieldId(row.userId)]?.replace(/\s+/g, ' ').trim() ?? ''
    if (given !== '' && given !== row.school) changes.set(row.userId, given)
  }
  return { changes }
}
