// Correcting a register: one choice per person, each showing what the register says now, so
// the Lead changes only the few who differ (two taps each on a phone). One definition, a Slack
// modal or a Teams dialog, checked the same way on both.
import type { Form, FormValues } from '../../core/forms.js'
import { validateForm } from '../../core/forms.js'
import type { AttendanceMark } from '../../domain/attendance.js'
import { CHOICES, type Choice, choiceOf, markOf, type RegisterPerson } from './register-marks.js'

export const FORM_REGISTER = 'attendance.register'

/** What a form or button older than the register is told: nothing was saved. */
export const STALE_REGISTER =
  'Not saved: the register changed after you opened this (it was confirmed or corrected already, perhaps from another device). Open it again to see it as it stands.'

const fieldId = (userId: string) => `person_${userId}`

/**
 * The session and the register's version (0: not confirmed yet) travel as the form's state;
 * the handler re-checks who is saving and refuses an older version. `label` names each person
 * in plain text (form labels are never markup).
 */
export function registerForm(sessionId: string, version: number, sessionLabel: string, people: readonly RegisterPerson[], label: (p: RegisterPerson) => string): Form {
  return {
    id: FORM_REGISTER,
    title: 'Correct the register',
    submitLabel: 'Save register',
    intro: `${sessionLabel}. Change only those who differ; the rest stay as they are.`,
    state: `${sessionId}:${version}`,
    fields: people.map((p) => ({ type: 'select', id: fieldId(p.userId), label: label(p), required: true, options: [...CHOICES], initial: choiceOf(p) })),
  }
}

/** The marks the form asks for, everyone included; or the errors by field. */
export function readRegisterForm(form: Form, values: FormValues, people: readonly RegisterPerson[]): { marks: AttendanceMark[] } | { errors: Record<string, string> } {
  // Someone who joined since the form was opened had no choice on it: they keep their mark.
  const filled: FormValues = { ...Object.fromEntries(people.map((p) => [fieldId(p.userId), choiceOf(p)])), ...values }
  const errors = validateForm(form, filled)
  if (Object.keys(errors).length) return { errors }
  return { marks: people.map((p) => markOf(p.userId, filled[fieldId(p.userId)]!.trim() as Choice)) }
}
