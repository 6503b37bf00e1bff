// Asking people their school, once: a short direct message after the first register that lists
// them, with a one-field form, so the hub can see attendance per school. `my school` opens the
// same form at any time.
import type { Form, FormValues } from '../../core/forms.js'
import { validateForm } from '../../core/forms.js'
import type { Message } from '../../core/messages.js'
import { mention, userText } from '../../core/messages.js'
import type { Db } from '../../db/database.js'
import type { OutboxItem } from '../../delivery/outbox.js'
import { listSchools, SCHOOL_MAX, schoolKey } from '../../domain/schools.js'
import { listParticipants, type WorkGroup } from '../../domain/work-groups.js'

export const FORM_SCHOOL = 'attendance.school'
export const ACTION_OPEN_SCHOOL = 'attendance.school-open'

/**
 * The one-question form. With schools already named in the hub, they come first as a list to
 * search, so one school is not entered five ways; the box below is for a school not listed.
 */
export function schoolForm(current?: string, known: readonly string[] = [], hubId?: string): Form {
  const listed = known.slice(0, 100)
  const inList = current !== undefined && listed.some((s) => schoolKey(s) === schoolKey(current))
  return {
    id: FORM_SCHOOL,
    title: 'Your school',
    submitLabel: 'Save',
    intro: 'The school you teach at, so your hub can see its Work Groups’ attendance by school.',
    // Which hub's schools were listed, so the submission is checked against the same list.
    state: hubId ? `school|${hubId}` : 'school',
    fields: listed.length
      ? [
          {
            type: 'select',
            id: 'known',
            label: 'Your school (type to search)',
            searchable: true,
            options: listed.map((s) => ({ value: s, label: s })),
            ...(inList ? { initial: listed.find((s) => schoolKey(s) === schoolKey(current!))! } : {}),
          },
          {
            type: 'text',
            id: 'school',
            label: 'Or, if it isn’t listed, its name',
            maxLength: SCHOOL_MAX,
            placeholder: 'e.g. Oakfield Primary School',
            ...(current && !inList ? { initial: current } : {}),
          },
        ]
      : [{ type: 'text', id: 'school', label: 'School', required: true, maxLength: SCHOOL_MAX, placeholder: 'e.g. Oakfield Primary School', ...(current ? { initial: current } : {}) }],
  }
}

export function readSchoolForm(form: Form, values: FormValues): { school: string } | { errors: Record<string, string> } {
  const errors = validateForm(form, values)
  if (Object.keys(errors).length) return { errors }
  const typed = values.school?.replace(/\s+/g, ' ').trim() ?? ''
  const picked = values.known?.trim() ?? ''
  const listed = form.fields.find((f) => f.id === 'known')
  const options = listed?.type === 'select' ? listed.options.map((o) => o.value) : []
  if (typed && picked && schoolKey(typed) !== schoolKey(picked)) return { errors: { school: 'Pick your school from the list or type it here, not both.' } }
  if (!typed && !picked) return { errors: { [listed ? 'known' : 'school']: 'Please pick your school from the list, or type its name.' } }
  // A typed name that is a listed school's other spelling is that school, as listed.
  const same = options.find((o) => schoolKey(o) === schoolKey(typed || picked))
  return { school: same ?? typed }
}

export function renderSchoolQuestion(group: WorkGroup, leadName?: string): Message {
  const text = `Which school are you at? ${mention({ userId: group.leadUserId, name: leadName })} keeps the register for the ${userText(group.projectTitle)} Work Group, and ${userText(group.hubName)} looks at attendance school by school. It takes ten seconds, and I ask only once.`
  return {
    text: 'Which school are you at? It takes ten seconds.',
    blocks: [
      { type: 'text', text },
      { type: 'actions', actions: [{ type: 'button', id: ACTION_OPEN_SCHOOL, label: 'Add my school', value: group.id, style: 'primary', opensForm: true }] },
      { type: 'context', text: 'You can change it at any time with “my school”.' },
    ],
  }
}

/**
 * One question to each of these people who has not given a school, queued at `dueAt`. The key
 * is per person and workspace, so nobody is asked twice, whichever group's register came first.
 */
export async function schoolQuestions(db: Db, group: WorkGroup, userIds: readonly string[], dueAt: Date): Promise<OutboxItem[]> {
  const [known, participants] = await Promise.all([listSchools(db, group, userIds), listParticipants(db, group)])
  const message = renderSchoolQuestion(group, participants.find((p) => p.userId === group.leadUserId)?.name)
  return participants
    .filter((p) => userIds.includes(p.userId) && !known.has(p.userId))
    .map((p) => ({
      key: `school-question:${group.platform}:${group.workspaceId}:${p.userId}`,
      about: { kind: 'school-question' as const, workGroupId: group.id },
      platform: group.platform,
      target: { workspaceId: group.workspaceId, kind: 'direct' as const, id: p.userId, ...(p.address !== undefined ? { address: p.address } : {}) },
      message,
      dueAt,
    }))
}

/** The hub whose schools a submitted form listed, if any. */
export function schoolFormHub(state: string | undefined): string | undefined {
  const hubId = state?.startsWith('school|') ? state.slice('school|'.length) : undefined
  return hubId && /^[0-9a-f-]{36}$/i.test(hubId) ? hubId : undefined
}
