// The reflection form: one definition, rendered as a Slack modal or a Teams dialog, with the
// same fields and checks on both. It should take under a minute on a phone between lessons:
// one required tap (the rating), two short optional answers, and who may see it.
import type { Form, FormValues } from '../../core/forms.js'
import { validateForm } from '../../core/forms.js'
import type { ReflectionAnswers, Visibility } from '../../domain/reflections.js'

export const FORM_REFLECTION = 'reflection.submit'
/** Short enough to write on a phone, long enough for a real sentence or two. */
export const ANSWER_MAX = 500

const RATINGS = [
  { value: '5', label: '5 – very useful' },
  { value: '4', label: '4 – useful' },
  { value: '3', label: '3 – OK' },
  { value: '2', label: '2 – not very useful' },
  { value: '1', label: '1 – not useful' },
]

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  lead: 'The Lead, with my name',
  anonymised: 'The Lead, anonymised (shown once 5 people in the session choose this)',
  me: 'Only me',
}

/** What a form whose reflection changed since it was opened is told (nothing was saved). */
export const STALE_FORM = 'Not saved: this form is older than your latest reflection on the session (perhaps you sent it already, or from another device). Open it again to see what is saved and edit that.'

/**
 * The session and the version of the reflection the form shows (0: none yet) travel as the
 * form's state; the handler re-checks who may reflect on it and refuses an older version.
 */
export function reflectionForm(sessionId: string, sessionLabel: string, current?: ReflectionAnswers & { version: number }): Form {
  return {
    id: FORM_REFLECTION,
    title: 'Reflect on the session',
    submitLabel: current ? 'Save changes' : 'Send',
    intro: `${sessionLabel}. Takes a minute; only the rating is needed.`,
    state: `${sessionId}:${current?.version ?? 0}`,
    fields: [
      { type: 'select', id: 'rating', label: 'How useful was the session?', required: true, options: RATINGS, ...(current ? { initial: String(current.rating) } : {}) },
      {
        type: 'text',
        id: 'try',
        label: 'What will you try in class?',
        multiline: true,
        maxLength: ANSWER_MAX,
        ...(current?.tryInClass ? { initial: current.tryInClass } : {}),
      },
      {
        type: 'text',
        id: 'noticed',
        label: 'What did you notice in your pupils?',
        multiline: true,
        maxLength: ANSWER_MAX,
        ...(current?.noticed ? { initial: current.noticed } : {}),
      },
      {
        type: 'select',
        id: 'visibility',
        label: 'Who may see it?',
        required: true,
        options: (['lead', 'anonymised', 'me'] as const).map((v) => ({ value: v, label: VISIBILITY_LABELS[v] })),
        initial: current?.visibility ?? 'lead',
      },
    ],
  }
}

/** The session and version a form's state names; undefined for a state this version never wrote. */
export function readReflectionState(state: string): { sessionId: string; version: number } | undefined {
  const match = /^([0-9a-f-]{36}):(\d{1,9})$/i.exec(state)
  return match ? { sessionId: match[1]!, version: Number(match[2]) } : undefined
}

/** The answers, or the errors by field (the same words on both platforms). */
export function readReflectionForm(form: Form, values: FormValues): { answers: ReflectionAnswers } | { errors: Record<string, string> } {
  const errors = validateForm(form, values)
  if (Object.keys(errors).length) return { errors }
  const tryInClass = values.try?.trim()
  const noticed = values.noticed?.trim()
  return {
    answers: {
      rating: Number(values.rating),
      ...(tryInClass ? { tryInClass } : {}),
      ...(noticed ? { noticed } : {}),
      visibility: values.visibility as Visibility,
    },
  }
}
