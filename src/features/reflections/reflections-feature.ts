// Reflections after sessions. Participants: the Reflect button on the prompt (or `reflect`)
// opens the form, which they can edit until the next session starts; "Stop asking me";
// `my data` and `forget me`. Leads: `reflections` for a session's collated view and its CSV
// export, and `reflect after` to choose when the prompt goes. Every handler re-checks who is
// asking, because button values and form state come back from the client and can be forged.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { ActionEvent, Actor, CommandEvent, FormSubmitEvent, MessageEvent } from '../../core/events.js'
import type { FormResult } from '../../core/forms.js'
import type { Logger } from '../../core/logger.js'
import { type Message, mention, textMessage, userText } from '../../core/messages.js'
import { answerPrivately, type OutgoingFile, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { forgetPerson, summarisePersonalData } from '../../domain/personal-data.js'
import { type Scope, scopeOf } from '../../db/scope.js'
import { dropPending } from '../../delivery/outbox.js'
import { readDurations } from '../../domain/reminder-offsets.js'
import { offsetLabel } from '../../domain/reminder-times.js'
import { readTypedDate } from '../../files/typed-dates.js'
import { DateTime } from 'luxon'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { groupHere, groupLedHere } from '../../domain/group-access.js'
import { sessionShortLabel } from '../../domain/session-messages.js'
import { findSession, listStartedSessions, type Session } from '../../domain/sessions.js'
import { findWorkGroup, isParticipant, type WorkGroup } from '../../domain/work-groups.js'
import type { ReflectionSummariser } from './ai-summary.js'
import { buildLeadView } from './lead-view.js'
import { PROMPT_KINDS } from './plan-reflection-prompts.js'
import { FORM_REFLECTION, readReflectionForm, readReflectionState, reflectionForm, STALE_FORM } from './reflection-form.js'
import { findReflection, listOwnReflections, optOut, saveReflection, setReflectionDelay } from '../../domain/reflections.js'
import { ACTION_REFLECT } from '../../domain/reflections.js'
import { reflectionWindow } from '../../domain/reflection-window.js'
import { ownSpreadsheet, sessionSpreadsheet } from './reflections-export.js'
import { ACTION_SEND_SPREADSHEET } from './render-collated.js'
import {
  ACTION_FORGET_CONFIRM,
  ACTION_FORGET_KEEP,
  ACTION_SEND_MINE,
  ACTION_STOP_ASKING,
  renderClosed,
  renderForgetConfirm,
  renderForgotten,
  renderOwnReflections,
  reflectionSavedNotice,
  sessionLabel,
} from './render-reflections.js'
import { latestSessionToReflectOn } from './reflection-targets.js'

export const ACTION_VIEW_SESSION = 'reflections.view'
/** The prompt waits at least this long after a session, and at most a day. */
const DELAY_RANGE = { min: 0, max: 24 * 60 }

export interface ReflectionsDeps {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  /** Writes a short summary of the answers a Lead may see; absent without a model. */
  summariser?: ReflectionSummariser
  /** Display names the platform knows for these people (Slack's users.info), for spreadsheets. */
  userNames?: (scope: Scope, userIds: string[]) => Promise<Map<string, string>>
  /** How long the model may take before the keyword themes are shown instead. */
  summaryBudgetMs?: number
  /** Hub administrators may read every group's reflections, as its Lead may. */
  isAdmin: AdminCheck
}

const close = (notice: string): FormResult => ({ kind: 'close', notice })

export function createReflectionsFeature(deps: ReflectionsDeps): Feature {
  const { db, clock, zone } = deps

  const mayReadReflections = async (group: WorkGroup, actor: Actor) => group.leadUserId === actor.userId || (await deps.isAdmin(actor))

  /** The session and its group, when the actor may reflect on it; otherwise why not, as a message. */
  async function reflectable(sessionId: string, actor: Actor): Promise<{ session: Session; group: WorkGroup } | { refusal: Message }> {
    const session = await findSession(db, actor, sessionId)
    const group = session && (await findWorkGroup(db, actor, session.workGroupId))
    if (!session || !group) return { refusal: textMessage('I can’t find that session any more.') }
    if (!(await isParticipant(db, group, actor.userId)))
      return { refusal: textMessage(`Only participants of the ${group.projectTitle} Work Group can reflect on its sessions.`) }
    const window = await reflectionWindow(db, session, clock.now())
    if (!window.open) return { refusal: renderClosed(group, session, zone, window.why) }
    return { session, group }
  }

  /** Opens the form where only the actor sees it; elsewhere sends them a private Reflect button. */
  async function openReflection(session: Session, group: WorkGroup, actor: Actor, place: { kind: string }, ctx: HandlerContext): Promise<void> {
    const current = await findReflection(db, actor, session.id, actor.userId)
    const form = reflectionForm(session.id, sessionLabel(group, session, zone), current)
    if (ctx.reply.openForm && (place.kind === 'direct' || ctx.reply.formsArePrivate)) return ctx.reply.openForm(form)
    await answerPrivately(ctx.reply, {
      text: 'Reflect on the session',
      blocks: [
        { type: 'text', text: `${current ? 'Edit your reflection on' : 'Reflect on'} ${sessionLabel(group, session, zone)}.` },
        { type: 'actions', actions: [{ type: 'button', id: ACTION_REFLECT, label: current ? 'Edit my reflection' : 'Reflect', value: session.id, style: 'primary', opensForm: true }] },
      ],
    })
  }

  async function submit(event: FormSubmitEvent): Promise<FormResult> {
    const state = readReflectionState(event.state)
    if (!state) return close(STALE_FORM)
    const found = await reflectable(state.sessionId, event.actor)
    if ('refusal' in found) return close(found.refusal.text)
    const { session, group } = found
    const current = await findReflection(db, event.actor, session.id, event.actor.userId)
    // A form opened before the latest save (another device, a re-sent submission) changes nothing.
    if ((current?.version ?? 0) !== state.version) return close(STALE_FORM)
    const form = reflectionForm(session.id, sessionLabel(group, session, zone), current)
    const read = readReflectionForm(form, event.values)
    if ('errors' in read) return { kind: 'errors', form, errors: read.errors }
    const now = clock.now()
    const saved = await db.transaction().execute(async (trx) => {
      const result = await saveReflection(trx, { ...scopeOf(group), sessionId: session.id, workGroupId: group.id, userId: event.actor.userId }, read.answers, now, state.version)
      // A prompt or nudge still waiting for this person is no longer needed.
      if (result !== 'stale') await dropPending(trx, group, { sessionId: session.id, recipientId: event.actor.userId, kinds: PROMPT_KINDS }, 'reflected')
      return result
    })
    if (saved === 'stale') return close(STALE_FORM)
    deps.log.info({ session: session.id, created: saved.created, visibility: read.answers.visibility }, 'reflection saved')
    return close(reflectionSavedNotice(group, session, zone, read.answers, saved.created))
  }

  async function leadView(group: WorkGroup, session: Session, ctx: HandlerContext): Promise<Message> {
    return buildLeadView(
      { db, zone, now: clock.now(), ...(deps.summariser ? { summariser: deps.summariser } : {}), ...(deps.summaryBudgetMs !== undefined ? { summaryBudgetMs: deps.summaryBudgetMs } : {}) },
      group,
      session,
      ctx.reply.sendFilePrivately !== undefined,
    )
  }

  /** Sends a file to the asker's direct chat and says so where they asked. */
  async function sendFile(ctx: HandlerContext, file: OutgoingFile): Promise<void> {
    if (!ctx.reply.sendFilePrivately) return answerPrivately(ctx.reply, textMessage('I can’t send files from here. Ask me in a direct message.'))
    await ctx.reply.sendFilePrivately(file)
    await answerPrivately(ctx.reply, textMessage(`I’ve sent you ${file.name} in our direct chat.`))
  }

  /**
   * The session the Lead named ("5 Feb", "last Tuesday", "05/02/2026"), the latest by default,
   * or a picker. Reflections are about sessions that have happened, so a date without a year,
   * or a bare weekday, is the latest such day up to today.
   */
  async function chooseSession(group: WorkGroup, args: string): Promise<Session | Message> {
    const now = clock.now()
    const recent = await listStartedSessions(db, group, now, 30)
    if (recent.length === 0) return textMessage(`No ${group.projectTitle} session has happened yet, so there are no reflections to show.`)
    if (args === '' || /^(latest|last)$/i.test(args)) return recent[0]!
    const today = DateTime.fromJSDate(now, { zone }).toISODate()!
    const date = readTypedDate(args, today, 'past')
    const picked = date.ok ? recent.find((s) => DateTime.fromJSDate(s.startsAt, { zone }).toISODate() === date.date) : undefined
    if (picked) return picked
    const why = date.ok
      ? `There was no ${group.projectTitle} session on ${DateTime.fromISO(date.date).setLocale('en-GB').toFormat('cccc d LLLL yyyy')}.`
      : `I couldn’t read that date: ${userText(date.problem)}.`
    return {
      text: 'Which session?',
      blocks: [
        { type: 'text', text: `${why} Which session do you mean?` },
        { type: 'actions', actions: recent.slice(0, 5).map((s) => ({ type: 'button', id: ACTION_VIEW_SESSION, label: sessionShortLabel(s, zone), value: s.id })) },
      ],
    }
  }

  async function changeDelay(event: CommandEvent | MessageEvent, args: string, ctx: HandlerContext): Promise<void> {
    const group = await groupLedHere(db, event, ctx, 'change when reflections are asked for')
    if (!group) return
    const read = /^(0|straight away|immediately|at once)$/i.test(args.trim()) ? { minutes: [0] } : readDurations(args)
    const minutes = 'minutes' in read ? read.minutes : []
    if ('error' in read || minutes.length !== 1 || minutes[0]! < DELAY_RANGE.min || minutes[0]! > DELAY_RANGE.max) {
      return answerPrivately(
        ctx.reply,
        textMessage(
          `Say how long after a session ends to ask: anything from straight away to a day, for example ${ctx.hint('reflect after 30 minutes')} or ${ctx.hint('reflect after 2 hours')}. It is now ${offsetLabel(group.reflectionDelayMinutes)}.`,
        ),
      )
    }
    await setReflectionDelay(db, group, minutes[0]!)
    const when = minutes[0] === 0 ? 'as soon as each session ends' : `${offsetLabel(minutes[0]!)} after each session ends`
    await answerPrivately(ctx.reply, textMessage(`Done: participants of the ${group.projectTitle} Work Group will be asked to reflect ${when}.`))
  }

  return {
    name: 'reflections',
    commands: {
      reflect: async (event, args, ctx) => {
        if (/^after\b/i.test(args)) return changeDelay(event, args.replace(/^after\s*/i, ''), ctx)
        if (args !== '') return 'pass'
        const target = await latestSessionToReflectOn(db, event.actor, event.place, clock.now())
        if ('refusal' in target) return answerPrivately(ctx.reply, textMessage(target.refusal))
        const found = await reflectable(target.session.id, event.actor)
        if ('refusal' in found) return answerPrivately(ctx.reply, found.refusal)
        await openReflection(found.session, found.group, event.actor, event.place, ctx)
      },
      reflections: async (event, args, ctx) => {
        const group = await groupHere(db, event, ctx)
        if (!group) return
        if (!(await mayReadReflections(group, event.actor)))
          return answerPrivately(ctx.reply, textMessage(`Only the Work Group Lead, ${mention({ userId: group.leadUserId })}, or a hub administrator can see the group’s reflections.`))
        const chosen = await chooseSession(group, args)
        await answerPrivately(ctx.reply, 'blocks' in chosen ? chosen : await leadView(group, chosen, ctx))
      },
      'my data': async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const [own, other] = await Promise.all([listOwnReflections(db, event.actor), summarisePersonalData(db, event.actor)])
        await answerPrivately(ctx.reply, renderOwnReflections(own, zone, ctx.reply.sendFilePrivately !== undefined, other))
      },
      'forget me': async (event, args, ctx) => {
        if (args !== '') return 'pass'
        await answerPrivately(ctx.reply, renderForgetConfirm((await listOwnReflections(db, event.actor)).length))
      },
    },
    forms: { [FORM_REFLECTION]: (event) => submit(event) },
    actions: {
      [ACTION_REFLECT]: async (event, ctx) => {
        const found = await reflectable(event.value, event.actor)
        if ('refusal' in found) return answerPrivately(ctx.reply, found.refusal)
        await openReflection(found.session, found.group, event.actor, event.place, ctx)
      },
      [ACTION_STOP_ASKING]: async (event, ctx) => {
        const group = await findWorkGroup(db, event.actor, event.value)
        if (!group || !(await isParticipant(db, group, event.actor.userId)))
          return answerPrivately(ctx.reply, textMessage('I can’t find that Work Group any more.'))
        await db.transaction().execute(async (trx) => {
          await optOut(trx, group, event.actor.userId)
          await dropPending(trx, group, { workGroupId: group.id, recipientId: event.actor.userId, kinds: PROMPT_KINDS }, 'stopped asking')
        })
        await replaceOrAnswer(
          ctx.reply,
          textMessage(`Done: I won’t ask you to reflect on ${group.projectTitle} sessions again. You can still reflect whenever you like with ${ctx.hint('reflect')}.`),
        )
      },
      [ACTION_VIEW_SESSION]: async (event, ctx) => {
        const session = await findSession(db, event.actor, event.value)
        const group = session && (await findWorkGroup(db, event.actor, session.workGroupId))
        if (!session || !group || !(await mayReadReflections(group, event.actor)))
          return answerPrivately(ctx.reply, textMessage('Only the Work Group’s Lead or a hub administrator can see its reflections.'))
        await replaceOrAnswer(ctx.reply, await leadView(group, session, ctx))
      },
      [ACTION_FORGET_CONFIRM]: async (event: ActionEvent, ctx) => {
        const erased = await db.transaction().execute((trx) => forgetPerson(trx, { ...scopeOf(event.actor), userId: event.actor.userId }))
        deps.log.info(erased, 'personal data erased at the person’s request')
        await replaceOrAnswer(ctx.reply, renderForgotten(erased))
      },
      [ACTION_SEND_SPREADSHEET]: async (event, ctx) => {
        const session = await findSession(db, event.actor, event.value)
        const group = session && (await findWorkGroup(db, event.actor, session.workGroupId))
        // Checked again at the click: a Lead who has handed the group over gets nothing.
        if (!session || !group || !(await mayReadReflections(group, event.actor)))
          return answerPrivately(ctx.reply, textMessage('Only the Work Group’s Lead or a hub administrator can have its reflections.'))
        const lookUp = deps.userNames ? (ids: string[]) => deps.userNames!(group, ids) : undefined
        await sendFile(ctx, await sessionSpreadsheet(db, group, session, zone, lookUp))
        deps.log.info({ session: session.id }, 'reflections sent as a spreadsheet')
      },
      [ACTION_SEND_MINE]: async (event, ctx) => {
        const file = await ownSpreadsheet(db, { ...scopeOf(event.actor), userId: event.actor.userId }, zone)
        if (!file) return answerPrivately(ctx.reply, textMessage('I hold no reflections from you, so there is nothing to send.'))
        await sendFile(ctx, file)
      },
      [ACTION_FORGET_KEEP]: async (_event, ctx) => {
        await replaceOrAnswer(ctx.reply, textMessage('Kept: nothing has changed.'))
      },
    },
    help: [
      { usage: 'reflect', description: 'reflect on your latest session, or change your reflection' },
      { usage: 'reflections', description: 'the reflections on the latest session, or name one: “reflections 5 Feb”, “reflections last Tuesday” (hub administrators can see them too)', audience: 'lead' },
      { usage: 'reflect after 30 minutes', description: 'when participants are asked to reflect after a session', audience: 'lead' },
      { usage: 'my data', description: 'see everything I hold from you, and download your reflections' },
      { usage: 'forget me', description: 'erase your reflections, answers and questions' },
    ],
  }
}
