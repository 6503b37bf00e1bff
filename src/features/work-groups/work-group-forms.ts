// The Work Group forms, one definition each for Slack and Teams: setting a channel up as a Work
// Group, adding a session, and sending apologies. Checks beyond the form's own rules live here
// too, so both platforms refuse the same input with the same words.
import { DateTime } from 'luxon'
import { type Form, type FormValues, validateForm } from '../../core/forms.js'
import type { Catalogue } from '../../domain/projects.js'
import type { NewSession } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'

export const FORM_SETUP = 'workgroup.setup'
export const FORM_SESSION = 'workgroup.session'
export const FORM_APOLOGY = 'session.apology'

/** "2026/27" for the school year (September to August) that `now` falls in. */
export function schoolYearOf(now: Date, zone: string): string {
  const local = DateTime.fromJSDate(now, { zone })
  const start = local.month >= 9 ? local.year : local.year - 1
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`
}

export function setupForm(catalogue: Catalogue, now: Date, zone: string, current?: WorkGroup): Form {
  const thisYear = schoolYearOf(now, zone)
  const next = `${Number(thisYear.slice(0, 4)) + 1}/${String((Number(thisYear.slice(0, 4)) + 2) % 100).padStart(2, '0')}`
  const years = [...new Set([thisYear, next, catalogue.schoolYear, ...(current ? [current.schoolYear] : [])])]
  return {
    id: FORM_SETUP,
    title: 'Set up Work Group',
    submitLabel: 'Save',
    intro: `This channel becomes the Work Group’s home: its members get session reminders, and you (the Lead) manage sessions here. Projects come from the ${catalogue.schoolYear} catalogue.`,
    // The version of the group this form edits (0: a new group), so a stale submission changes nothing.
    state: String(current?.version ?? 0),
    fields: [
      {
        type: 'select',
        id: 'project',
        label: 'Project',
        required: true,
        options: catalogue.projects.map((p) => ({ value: p.id, label: p.title })),
        ...(current ? { initial: current.projectId } : {}),
      },
      { type: 'text', id: 'hub', label: 'Maths Hub', required: true, maxLength: 80, placeholder: 'e.g. Matrix Maths Hub', ...(current ? { initial: current.hubName } : {}) },
      { type: 'select', id: 'year', label: 'School year', required: true, options: years.map((y) => ({ value: y, label: y })), initial: current?.schoolYear ?? thisYear },
    ],
  }
}

export function sessionForm(): Form {
  return {
    id: FORM_SESSION,
    title: 'Add a session',
    submitLabel: 'Add session',
    intro: 'Times are UK time. Give an online link, a place, or both.',
    fields: [
      { type: 'text', id: 'title', label: 'Title (optional)', maxLength: 150, placeholder: 'e.g. Session 2: bar models' },
      { type: 'date', id: 'date', label: 'Date', required: true },
      { type: 'time', id: 'start', label: 'Start time', required: true },
      { type: 'time', id: 'end', label: 'End time', required: true },
      { type: 'text', id: 'link', label: 'Online link (for an online session)', maxLength: 500, placeholder: 'https://…' },
      { type: 'text', id: 'place', label: 'Place (for a face-to-face session)', maxLength: 300 },
      { type: 'text', id: 'prepare', label: 'What to watch or read first', multiline: true, maxLength: 1000 },
      { type: 'text', id: 'gap', label: 'Gap task to try in school afterwards', multiline: true, maxLength: 1000 },
    ],
  }
}

export function apologyForm(sessionId: string, sessionLabel: string): Form {
  return {
    id: FORM_APOLOGY,
    title: 'Send apologies',
    submitLabel: 'Send apologies',
    intro: `Sorry you can’t make ${sessionLabel}. A note for the Lead is optional.`,
    state: sessionId,
    fields: [{ type: 'text', id: 'note', label: 'Note for the Lead (optional)', multiline: true, maxLength: 500 }],
  }
}

/** The session a submission describes, or its problems by field. */
export function readSessionForm(values: FormValues, now: Date, zone: string): { session: NewSession } | { errors: Record<string, string> } {
  const errors = validateForm(sessionForm(), values)
  const clean = (id: string) => values[id]?.trim() || undefined
  const date = clean('date')
  const at = (field: 'start' | 'end') => {
    const time = clean(field)
    if (!date || !time || errors.date || errors[field]) return undefined
    const local = DateTime.fromISO(`${date}T${time}`, { zone })
    // A time the clocks skip (01:30 on the last Sunday of March) does not exist.
    if (!local.isValid || local.toFormat('HH:mm') !== time) {
      errors[field] = 'That time does not exist on that day (the clocks change). Please pick another.'
      return undefined
    }
    return local.toJSDate()
  }
  const startsAt = at('start')
  const endsAt = at('end')
  if (startsAt && startsAt <= now) errors.date ??= 'That is in the past. Please give a date and time still to come.'
  if (startsAt && endsAt && endsAt <= startsAt) errors.end ??= 'The session must end after it starts.'
  if (startsAt && endsAt && endsAt.getTime() - startsAt.getTime() > 12 * 60 * 60_000) errors.end ??= 'A session can be at most 12 hours long.'
  const link = clean('link')
  if (link && !isWebLink(link)) errors.link ??= 'Please give a web link starting with https:// (or http://).'
  if (!link && !clean('place')) errors.place ??= 'Please give an online link or a place (or both).'
  if (Object.keys(errors).length > 0 || !startsAt || !endsAt) return { errors }
  return {
    session: { startsAt, endsAt, title: clean('title'), onlineUrl: link, place: clean('place'), prepare: clean('prepare'), gapTask: clean('gap') },
  }
}

export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0
  } catch {
    return false
  }
}
