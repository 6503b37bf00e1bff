// One form definition, rendered as a Slack modal or a Teams dialog, validated here the same
// way for both. A form handler returns a FormResult, so Slack's `response_action: errors`
// and a Teams dialog showing errors come from the same value.

interface FieldBase {
  /** Key of the value in the submission; also the Slack block id and the Teams input id. */
  id: string
  label: string
  required?: boolean
  hint?: string
}

export type FormField =
  | (FieldBase & {
      type: 'text'
      multiline?: boolean
      maxLength?: number
      placeholder?: string
      initial?: string
    })
  /** With `multiple`, the value (and `initial`) is the chosen option values, comma-separated. */
  /** `searchable`: a long list people find their entry in by typing (Slack's menus always filter; Teams' need asking). */
  | (FieldBase & { type: 'select'; options: { value: string; label: string }[]; initial?: string; multiple?: boolean; searchable?: boolean })
  | (FieldBase & { type: 'number'; min?: number; max?: number; initial?: number })
  | (FieldBase & { type: 'date'; initial?: string })
  | (FieldBase & { type: 'time'; initial?: string })
  /** People picked from the workspace or tenant; the value is their user ids, comma-separated. */
  | (FieldBase & { type: 'users'; max?: number })
  /** One uploaded file with one of these extensions (no dot). Only where `Reply.formsTakeFiles`. */
  | (FieldBase & { type: 'file'; accept: string[] })

export interface Form {
  /** Routes the submission to a feature's form handler. */
  id: string
  /** Slack caps modal titles at 24 characters (views.open reference). */
  title: string
  submitLabel: string
  intro?: string
  fields: FormField[]
  /**
   * Opaque context handed back on submission (Slack `private_metadata`, Teams dialog card data).
   * The client can forge it: handlers must re-check who is submitting.
   */
  state?: string
}

export type FormValues = Record<string, string>

export type FormResult =
  | { kind: 'close'; notice?: string }
  /** `form` is the form to show again: Slack keeps its modal open, Teams its dialog. */
  | { kind: 'errors'; form: Form; errors: Record<string, string> }
  | { kind: 'update'; form: Form }

export const FORM_TITLE_MAX = 24

/**
 * Checks a submission against the form's own rules and returns errors by field id.
 * Runs in the core so both platforms refuse exactly the same input.
 */
export function validateForm(form: Form, values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const field of form.fields) {
    const raw = values[field.id]?.trim() ?? ''
    if (raw === '') {
      if (field.required) errors[field.id] = `Please fill in “${field.label}”.`
      continue
    }
    const problem = checkField(field, raw)
    if (problem) errors[field.id] = problem
  }
  return errors
}

function checkField(field: FormField, raw: string): string | undefined {
  switch (field.type) {
    case 'text':
      if (field.maxLength !== undefined && raw.length > field.maxLength)
        return `Please keep this to ${field.maxLength} characters (it is ${raw.length}).`
      return undefined
    case 'select': {
      const picked = field.multiple ? raw.split(',').map((v) => v.trim()).filter((v) => v !== '') : [raw]
      return picked.every((v) => field.options.some((o) => o.value === v)) ? undefined : 'Please pick from the options.'
    }
    case 'number': {
      const n = Number(raw)
      if (!Number.isFinite(n)) return 'Please enter a number.'
      if (field.min !== undefined && n < field.min) return `Please enter ${field.min} or more.`
      if (field.max !== undefined && n > field.max) return `Please enter ${field.max} or less.`
      return undefined
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))
        ? undefined
        : 'Please enter a date like 2026-01-31.'
    case 'time':
      return /^([01]\d|2[0-3]):[0-5]\d$/.test(raw) ? undefined : 'Please enter a time like 16:30.'
    case 'users': {
      const count = raw.split(',').filter((id) => id.trim() !== '').length
      return field.max !== undefined && count > field.max ? `Please pick at most ${field.max} people at a time.` : undefined
    }
    case 'file': {
      // The platform filters by extension only in its picker; check again here.
      const extension = /\.([a-z0-9]+)$/i.exec(raw)?.[1]?.toLowerCase()
      const list = field.accept.map((a) => `.${a}`).join(' or ')
      return extension && field.accept.includes(extension) ? undefined : `Please upload a ${list} file.`
    }
  }
}
