// The attendance register. After each session the Lead gets its register (planned by
// plan-attendance-registers.ts), confirms it in one tap or corrects a few people in a form;
// `attendance` in the group's channel shows the year per person and per school, with the
// spreadsheet. People on a register are asked their school once (`my school` changes it). Only the
// Lead and hub administrators see or change registers, and every handler re-checks who is
// asking, since button values and form state come back from the client and can be forged. A
// button or form names the register's version it was shown, so a stale or repeated one changes
// nothing. During a session, people tell the register they came with "I'm here" (posted in an
// online session's channel as it starts) or `here`; the answer is theirs alone.
import { DateTime } from 'luxon'
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { Actor, FormSubmitEvent } from '../../core/events.js'
import type { FormResult } from '../../core/forms.js'
import type { Logger } from '../../core/logger.js'
import { type Message, mention, textMessage, userText } from '../../core/messages.js'
import { answerPrivately, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { type Scope, scopeOf } from '../../db/scope.js'
import { dropPending, enqueue } from '../../delivery/outbox.js'
import { saveRegister } from '../../domain/attendance.js'
import { groupHere } from '../../domain/group-access.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { nextAllowed } from '../../domain/reminder-times.js'
import { listKnownSchools, listSchools, saveSchool } from '../../domain/schools.js'
import { sessionShortLabel } from '../../domain/session-messages.js'
import { findSession, type Session } from '../../domain/sessions.js'
import { findHub, findWorkGroup, findWorkGroupByConversation, listParticipants, type WorkGroup } from '../../domain/work-groups.js'
import { attendanceCsv } from './attendance-csv.js'
import { loadAttendanceYear } from './attendance-year.js'
import { checkIn, openSessionsOf, sessionForHere } from './check-ins.js'
import { choiceLabel, choiceOf, loadRegister, type RegisterPerson, type SessionRegister } from './register-marks.js'
import { FORM_REGISTER, readRegisterForm, registerForm, STALE_REGISTER } from './register-form.js'
import { ACTION_SEND_SPREADSHEET, ACTION_SHOW_REGISTER, renderAttendanceYear } from './render-attendance.js'
import { ACTION_EDIT_SCHOOLS, FORM_SCHOOLS, readSchoolsForm, readSchoolsState, type SchoolRow, schoolsForm, schoolsShown, STALE_SCHOOLS } from './schools-form.js'
import { ACTION_OPEN_SCHOOL, FORM_SCHOOL, readSchoolForm, renderSchoolQuestion, schoolForm, schoolFormHub, schoolQuestions } from './school-question.js'
import { ACTION_CHECK_IN, renderCheckInAnswer } from './render-check-in.js'
import { ACTION_CONFIRM, ACTION_CORRECT, checkedInLabel, readRegisterValue, registerCounts, renderRegister, sessionName } from './render-register.js'

export interface AttendanceDeps {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  /** Hub administrators may see and keep every group's registers, as its Lead may. */
  isAdmin: AdminCheck
  /** Display names the platform knows for these people (Slack's users.info), for forms and spreadsheets. */
  userNames?: (scope: Scope, userIds: string[]) => Promise<Map<string, string>>
  /** Tells the delivery worker there is something new to send (the school questions). */
  wakeDelivery?: () => void
}

const REGISTER_KINDS = ['attendance-register'] as const
const close = (notice: string): FormResult => ({ kind: 'close', notice })

export function createAttendanceFeature(deps: AttendanceDeps): Feature {
  const { db, clock, zone } = deps

  const mayKeepRegisters = async (group: WorkGroup, actor: Actor) => group.leadUserId === actor.userId || (await deps.isAdmin(actor))
  const refusal = (group: WorkGroup) =>
    textMessage(`Only the Work Group Lead, ${mention({ userId: group.leadUserId })}, or a hub administrator can see and keep the group’s registers.`)

  /** The session and its group, if the actor may keep its register now; otherwise why not. */
  async function registerFor(sessionId: string, actor: Actor): Promise<{ session: Session; group: WorkGroup } | { refusal: Message }> {
    const session = await findSession(db, actor, sessionId)
    const group = session && (await findWorkGroup(db, actor, session.workGroupId))
    if (!session || !group) return { refusal: textMessage('I can’t find that session any more.') }
    if (!(await mayKeepRegisters(group, actor))) return { refusal: refusal(group) }
    if (session.cancelledAt) return { refusal: textMessage(`${sessionName(group, session)} (${sessionShortLabel(session, zone)}) was cancelled, so it has no register.`) }
    if (session.endsAt > clock.now()) return { refusal: textMessage(`${sessionName(group, session)} (${sessionShortLabel(session, zone)}) hasn’t ended yet. I’ll send you its register shortly after it ends.`) }
    return { session, group }
  }

  /** The register as it stands, with a sentence on top when the click was on an older one. */
  function registerAsItStands(group: WorkGroup, session: Session, register: SessionRegister, why?: string): Message {
    const message = renderRegister(group, session, zone, register)
    return why ? { text: `${why} ${message.text}`, blocks: [{ type: 'text', text: why }, ...message.blocks] } : message
  }

  /** Names in plain text for form labels and spreadsheets: stored ones first, then the platform's. */
  async function namesOf(group: WorkGroup, people: readonly { userId: string; name?: string }[]): Promise<(userId: string) => string> {
    const unnamed = people.filter((p) => !p.name).map((p) => p.userId)
    const looked = unnamed.length && deps.userNames ? await deps.userNames(group, unnamed) : new Map<string, string>()
    const stored = new Map(people.map((p) => [p.userId, p.name]))
    return (userId) => stored.get(userId) ?? looked.get(userId) ?? ''
  }

  async function save(group: WorkGroup, session: Session, marks: Parameters<typeof saveRegister>[2], actor: Actor, editing: number) {
    const now = clock.now()
    const hub = await findHub(db, group, group.hubId)
    const saved = await db.transaction().execute(async (trx) => {
      const result = await saveRegister(trx, { ...scopeOf(group), id: session.id, workGroupId: group.id }, marks, actor.userId, now, editing)
      if (result === 'stale') return result
      // Confirmed from the year's view before the message went: it is no longer needed.
      await dropPending(trx, group, { sessionId: session.id, kinds: REGISTER_KINDS }, 'register confirmed')
      // Whoever is on a register and has not given a school is asked, once, outside quiet hours.
      const dueAt = hub ? nextAllowed(now, hub.quiet, zone) : now
      const asked = await enqueue(trx, await schoolQuestions(trx, group, marks.map((m) => m.userId), dueAt))
      return { ...result, asked }
    })
    if (saved !== 'stale' && saved.asked > 0) deps.wakeDelivery?.()
    return saved
  }

  /** Everyone in the group but the Lead, with their school. */
  async function schoolRows(group: WorkGroup): Promise<SchoolRow[]> {
    const people = (await listParticipants(db, group)).filter((p) => p.userId !== group.leadUserId)
    const [schools, nameOf] = await Promise.all([listSchools(db, group, people.map((p) => p.userId)), namesOf(group, people)])
    return people
      .map((p) => {
        const school = schools.get(p.userId)?.school
        return { userId: p.userId, label: nameOf(p.userId) || `Someone I have no name for (${p.userId})`, ...(school ? { school } : {}) }
      })
      .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))
  }

  async function submitSchools(event: FormSubmitEvent): Promise<FormResult> {
    const state = readSchoolsState(event.state)
    const group = state && (await findWorkGroup(db, event.actor, state.groupId))
    if (!state || !group) return close('I can’t find that Work Group any more.')
    if (!(await mayKeepRegisters(group, event.actor))) return close(refusal(group).text)
    const rows = await schoolRows(group)
    // Someone gave or changed a school since the form was opened (or it was sent twice).
    if (schoolsShown(rows) !== state.shown) return close(STALE_SCHOOLS)
    const form = schoolsForm(group.id, rows)
    const read = readSchoolsForm(form, event.values, rows)
    if ('errors' in read) return { kind: 'errors', form, errors: read.errors }
    const now = clock.now()
    await db.transaction().execute(async (trx) => {
      for (const [userId, school] of read.changes) {
        await saveSchool(trx, { ...scopeOf(group), userId }, school, event.actor.userId, now)
        await dropPending(trx, group, { recipientId: userId, kinds: ['school-question'] }, 'school given by the Lead')
      }
    })
    const n = read.changes.size
    return close(n === 0 ? 'Nothing changed: every school is as it was.' : `Saved ${n} ${n === 1 ? 'school' : 'schools'} for the ${userText(group.projectTitle)} Work Group.`)
  }

  async function openSchool(actor: Actor, ctx: HandlerContext, hubId?: string): Promise<void> {
    const [current, known] = await Promise.all([
      listSchools(db, actor, [actor.userId]).then((m) => m.get(actor.userId)?.school),
      listKnownSchools(db, actor, hubId),
    ])
    await ctx.reply.openForm!(schoolForm(current, known, hubId))
  }

  async function submitSchool(event: FormSubmitEvent): Promise<FormResult> {
    const hubId = schoolFormHub(event.state)
    const form = schoolForm(undefined, await listKnownSchools(db, event.actor, hubId), hubId)
    const read = readSchoolForm(form, event.values)
    if ('errors' in read) return { kind: 'errors', form, errors: read.errors }
    const person = { ...scopeOf(event.actor), userId: event.actor.userId }
    // Saving the same school twice (a re-sent submission) leaves it as it was.
    await db.transaction().execute(async (trx) => {
      await saveSchool(trx, person, read.school, event.actor.userId, clock.now())
      await dropPending(trx, person, { recipientId: person.userId, kinds: ['school-question'] }, 'school given')
    })
    return close(`Thanks: your school is saved as ${userText(read.school)}. You can change it at any time with “my school”.`)
  }

  async function submit(event: FormSubmitEvent): Promise<FormResult> {
    const state = readRegisterValue(event.state)
    if (!state) return close(STALE_REGISTER)
    const found = await registerFor(state.sessionId, event.actor)
    if ('refusal' in found) return close(found.refusal.text)
    const { session, group } = found
    const current = await loadRegister(db, group, session)
    if ((current.register?.version ?? 0) !== state.version) return close(STALE_REGISTER)
    const form = await correctionForm(group, session, current)
    const read = readRegisterForm(form, event.values, current.people)
    if ('errors' in read) return { kind: 'errors', form, errors: read.errors }
    const saved = await save(group, session, read.marks, event.actor, state.version)
    if (saved === 'stale') return close(STALE_REGISTER)
    deps.log.info({ session: session.id, changed: saved.changed.length, confirmed: state.version === 0 }, 'attendance register saved')
    const after = await loadRegister(db, group, session)
    // A first save writes everyone; what the Lead changed is what differs from what they were shown.
    const before = new Map(current.people.map((p) => [p.userId, choiceOf(p)]))
    const changed = read.marks.filter((m) => before.get(m.userId) !== choiceOf(m))
    const nameOf = await namesOf(group, after.people)
    const what = changed.length
      ? ` Changed: ${changed.map((m) => `${nameOf(m.userId) ? userText(nameOf(m.userId)) : mention({ userId: m.userId })} (now ${choiceLabel(choiceOf(m)).toLowerCase()})`).join(', ')}.`
      : ' Nobody’s mark changed.'
    return close(`Register saved for ${sessionName(group, session)}, ${sessionShortLabel(session, zone)}: ${registerCounts(after.people)}.${what}`)
  }

  async function correctionForm(group: WorkGroup, session: Session, current: SessionRegister) {
    const nameOf = await namesOf(group, current.people)
    const label = (p: RegisterPerson) => `${nameOf(p.userId) || `Someone I have no name for (${p.userId})`}${p.checkedInAt ? ` (${checkedInLabel(p.checkedInAt, zone)})` : ''}`
    return registerForm(session.id, current.register?.version ?? 0, `${sessionName(group, session)}, ${sessionShortLabel(session, zone)} (UK time)`, current.people, label)
  }

  async function sendSpreadsheet(group: WorkGroup, ctx: HandlerContext): Promise<void> {
    if (!ctx.reply.sendFilePrivately) return answerPrivately(ctx.reply, textMessage('I can’t send files from here. Ask me in a direct message.'))
    const year = await loadAttendanceYear(db, group, clock.now())
    const nameOf = await namesOf(group, year.people)
    const day = DateTime.fromJSDate(clock.now(), { zone }).toISODate()
    await ctx.reply.sendFilePrivately({
      name: `attendance-${day}.csv`,
      mimeType: 'text/csv',
      content: Buffer.from(attendanceCsv(year, zone, nameOf), 'utf8'),
      comment: `The ${group.projectTitle} Work Group’s attendance so far, as a spreadsheet.`,
    })
    await answerPrivately(ctx.reply, textMessage(`I’ve sent you attendance-${day}.csv in our direct chat.`))
  }

  /** Checks the actor in and tells them, privately, how it went. */
  async function answerCheckIn(group: WorkGroup, session: Session, actor: Actor, ctx: HandlerContext): Promise<void> {
    const outcome = await checkIn(db, group, session, actor, clock.now())
    if (outcome.kind === 'checked-in' && outcome.first) deps.log.info({ session: session.id }, 'checked in')
    await answerPrivately(ctx.reply, renderCheckInAnswer(group, session, zone, outcome))
  }

  /** `here` in a direct chat: the one session open for check-in among the actor's groups. */
  async function hereInDirectChat(actor: Actor, ctx: HandlerContext): Promise<void> {
    const open = await openSessionsOf(db, actor, clock.now())
    if (open.length === 1) return answerCheckIn(open[0]!.group, open[0]!.session, actor, ctx)
    const why =
      open.length === 0
        ? 'None of your Work Groups has a session on now. Check-in opens 15 minutes before a session starts.'
        : `${open.length} of your Work Groups have a session on now. Type ${ctx.hint('here')} in the channel of the one you’re at.`
    await answerPrivately(ctx.reply, textMessage(why))
  }

  return {
    name: 'attendance',
    commands: {
      'my school': async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const group = event.place.kind === 'direct' ? undefined : await findWorkGroupByConversation(db, event.actor, event.place.conversationId)
        if (ctx.reply.openForm && (event.place.kind === 'direct' || ctx.reply.formsArePrivate)) return openSchool(event.actor, ctx, group?.hubId)
        await answerPrivately(ctx.reply, group ? renderSchoolQuestion(group) : textMessage('Ask me “my school” in our direct chat to tell me your school.'))
      },
      here: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        if (event.place.kind === 'direct') return hereInDirectChat(event.actor, ctx)
        const group = await groupHere(db, event, ctx)
        if (!group) return
        const session = await sessionForHere(db, group, clock.now())
        if (!session) return answerPrivately(ctx.reply, textMessage(`The ${userText(group.projectTitle)} Work Group has no sessions yet, so there is nothing to check in to.`))
        await answerCheckIn(group, session, event.actor, ctx)
      },
      attendance: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const group = await groupHere(db, event, ctx)
        if (!group) return
        if (!(await mayKeepRegisters(group, event.actor))) return answerPrivately(ctx.reply, refusal(group))
        const year = await loadAttendanceYear(db, group, clock.now())
        await answerPrivately(ctx.reply, renderAttendanceYear(group, year, zone, ctx.reply.sendFilePrivately !== undefined))
      },
    },
    forms: { [FORM_REGISTER]: (event) => submit(event), [FORM_SCHOOL]: (event) => submitSchool(event), [FORM_SCHOOLS]: (event) => submitSchools(event) },
    actions: {
      [ACTION_CONFIRM]: async (event, ctx) => {
        const value = readRegisterValue(event.value)
        if (!value) return answerPrivately(ctx.reply, textMessage('That button no longer does anything. Please ask again.'))
        const found = await registerFor(value.sessionId, event.actor)
        if ('refusal' in found) return answerPrivately(ctx.reply, found.refusal)
        const { session, group } = found
        const current = await loadRegister(db, group, session)
        const saved = current.register ? 'stale' : await save(group, session, current.people, event.actor, 0)
        if (saved === 'stale') return replaceOrAnswer(ctx.reply, registerAsItStands(group, session, await loadRegister(db, group, session), 'This register was confirmed already; here it is as it stands.'))
        deps.log.info({ session: session.id, people: current.people.length }, 'attendance register confirmed')
        await replaceOrAnswer(ctx.reply, renderRegister(group, session, zone, await loadRegister(db, group, session)))
      },
      [ACTION_CORRECT]: async (event, ctx) => {
        const value = readRegisterValue(event.value)
        if (!value) return answerPrivately(ctx.reply, textMessage('That button no longer does anything. Please ask again.'))
        const found = await registerFor(value.sessionId, event.actor)
        if ('refusal' in found) return answerPrivately(ctx.reply, found.refusal)
        const { session, group } = found
        const current = await loadRegister(db, group, session)
        if ((current.register?.version ?? 0) !== value.version)
          return replaceOrAnswer(ctx.reply, registerAsItStands(group, session, current, 'This register changed since this message; here it is as it stands.'))
        if (current.people.length === 0) return answerPrivately(ctx.reply, textMessage('Nobody is on this register, so there is no one to correct.'))
        // The button only ever appears on messages the Lead alone sees, so the form is theirs too.
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('I can’t open a form here. Ask me in a direct message.'))
        await ctx.reply.openForm(await correctionForm(group, session, current))
      },
      [ACTION_CHECK_IN]: async (event, ctx) => {
        const session = await findSession(db, event.actor, event.value)
        const group = session && (await findWorkGroup(db, event.actor, session.workGroupId))
        if (!session || !group) return answerPrivately(ctx.reply, textMessage('I can’t find that session any more.'))
        await answerCheckIn(group, session, event.actor, ctx)
      },
      [ACTION_OPEN_SCHOOL]: async (event, ctx) => {
        // The button is only ever on a message to the person themself, so the form is private.
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('I can’t open a form here. Ask me “my school” in our direct chat.'))
        // The button names the group whose register asked: its hub's schools are offered.
        const group = await findWorkGroup(db, event.actor, event.value)
        await openSchool(event.actor, ctx, group?.hubId)
      },
      [ACTION_EDIT_SCHOOLS]: async (event, ctx) => {
        const group = await findWorkGroup(db, event.actor, event.value)
        if (!group || !(await mayKeepRegisters(group, event.actor))) return answerPrivately(ctx.reply, textMessage('Only the Work Group’s Lead or a hub administrator can fill in its schools.'))
        const rows = await schoolRows(group)
        if (rows.length === 0) return answerPrivately(ctx.reply, textMessage('Nobody is in the group yet, so there are no schools to fill in.'))
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('I can’t open a form here. Ask me in a direct message.'))
        await ctx.reply.openForm(schoolsForm(group.id, rows))
      },
      [ACTION_SHOW_REGISTER]: async (event, ctx) => {
        const found = await registerFor(event.value, event.actor)
        if ('refusal' in found) return answerPrivately(ctx.reply, found.refusal)
        await replaceOrAnswer(ctx.reply, renderRegister(found.group, found.session, zone, await loadRegister(db, found.group, found.session)))
      },
      [ACTION_SEND_SPREADSHEET]: async (event, ctx) => {
        const group = await findWorkGroup(db, event.actor, event.value)
        // Checked again at the click: a Lead who has handed the group over gets nothing.
        if (!group || !(await mayKeepRegisters(group, event.actor)))
          return answerPrivately(ctx.reply, textMessage('Only the Work Group’s Lead or a hub administrator can have its attendance.'))
        await sendSpreadsheet(group, ctx)
        deps.log.info({ workGroup: group.id }, 'attendance sent as a spreadsheet')
      },
    },
    help: [
      { usage: 'attendance', description: 'the year’s attendance per person and per school from the confirmed registers, and its spreadsheet (the Lead, or hub administrators)' },
      { usage: 'my school', description: 'tell me (or change) the school you teach at' },
      { usage: 'here', description: 'during a session, tell the register you came (the same as tapping “I’m here”)' },
    ],
  }
}
