// Everything the bot keeps about one person in one workspace, in one place: what "my data"
// shows and what "forget me" erases. A feature that starts storing someone's words adds its
// table here, so erasure cannot miss a copy.
import type { Db } from '../db/database.js'
import { dropPending, redactForRecipient } from '../delivery/outbox.js'
import { inScope, type Scope } from '../db/scope.js'
import type { AttendanceStatus } from './attendance.js'

export type Person = Scope & { userId: string }

export interface PersonalDataSummary {
  reflections: number
  rsvps: { sessionStartsAt: Date; projectTitle: string; status: 'going' | 'apologies'; note?: string }[]
  /** The registers' marks for the person, newest first. */
  attendance: { sessionStartsAt: Date; projectTitle: string; status: AttendanceStatus; late: boolean }[]
  /** Their "I'm here" check-ins, newest first. */
  checkIns: { sessionStartsAt: Date; projectTitle: string; at: Date }[]
  questions: { askedAt: Date; question: string }[]
  /** The school they (or their Lead) gave, for attendance per school. */
  school?: string
  resourcesShared: { title: string; url: string }[]
}

/** What is stored about the person beyond their reflections (which the caller lists itself). */
export async function summarisePersonalData(db: Db, person: Person): Promise<PersonalDataSummary> {
  const [reflections, rsvps, attendance, checkIns, questions, resources, school] = await Promise.all([
    db.selectFrom('reflections').select((eb) => eb.fn.countAll<string>().as('n')).where(inScope(person)).where('user_id', '=', person.userId).executeTakeFirstOrThrow(),
    db
      .selectFrom('session_rsvps as r')
      .innerJoin('sessions as s', 's.id', 'r.session_id')
      .innerJoin('work_groups as w', 'w.id', 's.work_group_id')
      .select(['s.starts_at', 'w.project_title', 'r.status', 'r.note'])
      .where(inScope(person, 'r'))
      .where('r.user_id', '=', person.userId)
      .orderBy('s.starts_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('attendance as a')
      .innerJoin('sessions as s', 's.id', 'a.session_id')
      .innerJoin('work_groups as w', 'w.id', 'a.work_group_id')
      .select(['s.starts_at', 'w.project_title', 'a.status', 'a.late'])
      .where(inScope(person, 'a'))
      .where('a.user_id', '=', person.userId)
      .orderBy('s.starts_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('session_check_ins as c')
      .innerJoin('sessions as s', 's.id', 'c.session_id')
      .innerJoin('work_groups as w', 'w.id', 'c.work_group_id')
      .select(['s.starts_at', 'w.project_title', 'c.checked_in_at'])
      .where(inScope(person, 'c'))
      .where('c.user_id', '=', person.userId)
      .orderBy('s.starts_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('catalogue_questions')
      .select(['asked_at', 'question'])
      .where(inScope(person))
      .where('user_id', '=', person.userId)
      .orderBy('asked_at', 'desc')
      .limit(20)
      .execute(),
    db.selectFrom('resources').select(['title', 'url']).where(inScope(person)).where('shared_by', '=', person.userId).orderBy('created_at', 'desc').limit(20).execute(),
    db.selectFrom('person_schools').select('school').where(inScope(person)).where('user_id', '=', person.userId).executeTakeFirst(),
  ])
  return {
    reflections: Number(reflections.n),
    rsvps: rsvps.map((r) => ({ sessionStartsAt: new Date(r.starts_at), projectTitle: r.project_title, status: r.status, ...(r.note ? { note: r.note } : {}) })),
    attendance: attendance.map((a) => ({ sessionStartsAt: new Date(a.starts_at), projectTitle: a.project_title, status: a.status, late: a.late })),
    checkIns: checkIns.map((c) => ({ sessionStartsAt: new Date(c.starts_at), projectTitle: c.project_title, at: new Date(c.checked_in_at) })),
    questions: questions.map((q) => ({ askedAt: new Date(q.asked_at), question: q.question })),
    resourcesShared: resources.map((r) => ({ title: r.title, url: r.url })),
    ...(school ? { school: school.school } : {}),
  }
}

export interface Erased {
  reflections: number
  rsvps: number
  /** Marks in attendance registers. */
  attendance: number
  /** "I'm here" check-ins. */
  checkIns: number
  questions: number
  resourcesUnnamed: number
  messagesRedacted: number
}

/**
 * Erases the person's words and choices in the workspace, in the caller's transaction:
 * reflections, prompt opt-outs, RSVPs and apology notes, attendance marks and check-ins, their
 * school, catalogue questions and feedback, files waiting for them, catch-ups waiting for them
 * (they rest on their attendance), and every queued or sent message to them that quoted their words.
 * Resources they shared, and registers they kept as a Lead, stay for the group without their name.
 */
export async function forgetPerson(db: Db, person: Person): Promise<Erased> {
  const count = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) => Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0)
  const mine = { scope: inScope(person), user: person.userId }
  const reflections = count(await db.deleteFrom('reflections').where(mine.scope).where('user_id', '=', mine.user).executeTakeFirst())
  await db.deleteFrom('reflection_opt_outs').where(mine.scope).where('user_id', '=', mine.user).execute()
  const rsvps = count(await db.deleteFrom('session_rsvps').where(mine.scope).where('user_id', '=', mine.user).executeTakeFirst())
  const attendance = count(await db.deleteFrom('attendance').where(mine.scope).where('user_id', '=', mine.user).executeTakeFirst())
  const checkIns = count(await db.deleteFrom('session_check_ins').where(mine.scope).where('user_id', '=', mine.user).executeTakeFirst())
  await db.deleteFrom('person_schools').where(mine.scope).where('user_id', '=', mine.user).execute()
  // Registers a Lead kept stay for the group, without saying who kept them.
  await db.updateTable('attendance').set({ recorded_by: '' }).where(mine.scope).where('recorded_by', '=', mine.user).execute()
  await db.updateTable('attendance_registers').set({ confirmed_by: '' }).where(mine.scope).where('confirmed_by', '=', mine.user).execute()
  await db.updateTable('attendance_registers').set({ updated_by: '' }).where(mine.scope).where('updated_by', '=', mine.user).execute()
  await db.deleteFrom('catalogue_answer_feedback').where(mine.scope).where('user_id', '=', mine.user).execute()
  const questions = count(await db.deleteFrom('catalogue_questions').where(mine.scope).where('user_id', '=', mine.user).executeTakeFirst())
  await db.deleteFrom('pending_uploads').where(mine.scope).where('user_id', '=', mine.user).execute()
  await db.deleteFrom('held_files').where(mine.scope).where('user_id', '=', mine.user).execute()
  const resourcesUnnamed = count(
    await db.updateTable('resources').set({ shared_by: '', shared_by_name: null }).where(mine.scope).where('shared_by', '=', mine.user).executeTakeFirst(),
  )
  await db.updateTable('resource_shares').set({ shared_by: '', shared_by_name: null, from_link: null }).where(mine.scope).where('shared_by', '=', mine.user).execute()
  // A catch-up waiting for them says they missed a session: that mark is gone, so it goes too.
  await dropPending(db, person, { recipientId: person.userId, kinds: ['catch-up'] }, 'forgotten at their request')
  const messagesRedacted = await redactForRecipient(db, person, person.userId)
  return { reflections, rsvps, attendance, checkIns, questions, resourcesUnnamed, messagesRedacted }
}
