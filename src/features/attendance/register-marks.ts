// Who is on a session's register, and how each is marked: what the Lead confirmed, or, before
// that, what their answers said (going → attended, apologies → apologised, in time or late as
// the hub's notice period said; no answer → absent), except that whoever tapped "I'm here"
// during the session is attended whatever they answered. One place decides it, so the message,
// the form and the confirmation always agree.
import type { Db } from '../../db/database.js'
import { type AttendanceMark, type AttendanceStatus, findRegister, listCheckIns, listMarks, type Register } from '../../domain/attendance.js'
import { listRsvps, type Rsvp, type Session } from '../../domain/sessions.js'
import { listParticipants, type Participant, type WorkGroup } from '../../domain/work-groups.js'

/** The four choices a Lead has for each person, as a form option value. */
export type Choice = 'attended' | 'apologised' | 'apologised-late' | 'absent'

export const CHOICES: readonly { value: Choice; label: string }[] = [
  { value: 'attended', label: 'Attended' },
  { value: 'apologised', label: 'Apologised in time' },
  { value: 'apologised-late', label: 'Apologised late' },
  { value: 'absent', label: 'Absent' },
]

export const choiceLabel = (choice: Choice): string => CHOICES.find((c) => c.value === choice)!.label

export const choiceOf = (mark: Pick<AttendanceMark, 'status' | 'late'>): Choice =>
  mark.status === 'apologised' ? (mark.late ? 'apologised-late' : 'apologised') : mark.status

export function markOf(userId: string, choice: Choice): AttendanceMark {
  const status: AttendanceStatus = choice === 'apologised-late' ? 'apologised' : choice
  return { userId, status, late: choice === 'apologised-late' }
}

export interface RegisterPerson extends AttendanceMark {
  name?: string
  /** When they tapped "I'm here", if they did: shown to the Lead beside their name. */
  checkedInAt?: Date
}

export interface SessionRegister {
  /** Everyone on the register, in the order the message and form list them. */
  people: RegisterPerson[]
  /** Absent until the Lead confirms it. */
  register?: Register
  /** Names the group knows, for saying who confirmed or corrected it. */
  names: ReadonlyMap<string, string>
}

/** From the answers: what the register says before the Lead has confirmed it. */
export function markFromRsvp(userId: string, rsvp: Rsvp | undefined): AttendanceMark {
  if (rsvp?.status === 'going') return { userId, status: 'attended', late: false }
  if (rsvp?.status === 'apologies') return { userId, status: 'apologised', late: rsvp.late }
  return { userId, status: 'absent', late: false }
}

/**
 * The register as it stands: the group's participants (not the Lead, who runs the session),
 * anyone already marked or checked in who has left since, each with their saved mark or, if
 * none, attended for a check-in, else the mark their answer suggests; by name. Once the Lead
 * saved the register, a check-in no longer changes anyone's mark.
 */
export function registerPeople(
  group: WorkGroup,
  participants: readonly Participant[],
  rsvps: readonly Rsvp[],
  saved: ReadonlyMap<string, AttendanceMark>,
  checkIns: ReadonlyMap<string, Date> = new Map(),
): RegisterPerson[] {
  const answers = new Map(rsvps.map((r) => [r.userId, r]))
  const names = new Map(participants.map((p) => [p.userId, p.name]))
  const ids = [...new Set([...participants.map((p) => p.userId), ...saved.keys(), ...checkIns.keys()])].filter((id) => id !== group.leadUserId || saved.has(id))
  const people = ids.map((userId) => {
    const checkedInAt = checkIns.get(userId)
    const mark = saved.get(userId) ?? (checkedInAt ? { userId, status: 'attended' as const, late: false } : markFromRsvp(userId, answers.get(userId)))
    const name = names.get(userId)
    return { userId, status: mark.status, late: mark.late, ...(name ? { name } : {}), ...(checkedInAt ? { checkedInAt } : {}) }
  })
  return people.sort((a, b) => (a.name ?? a.userId).localeCompare(b.name ?? b.userId, 'en-GB'))
}

export async function loadRegister(db: Db, group: WorkGroup, session: Session): Promise<SessionRegister> {
  const [participants, rsvps, saved, register, checkIns] = await Promise.all([
    listParticipants(db, group),
    listRsvps(db, [session]),
    listMarks(db, session),
    findRegister(db, session),
    listCheckIns(db, [session]),
  ])
  const people = registerPeople(group, participants, rsvps.get(session.id) ?? [], saved, checkIns.get(session.id))
  const names = new Map(participants.flatMap((p) => (p.name ? [[p.userId, p.name] as const] : [])))
  return { people, names, ...(register ? { register } : {}) }
}
