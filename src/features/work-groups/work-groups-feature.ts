// Running a Work Group from its channel: `/workgroups setup`, `add session`, `sessions`,
// `roster`, `cancel`; Going / Can't make it on reminders; participants kept in step with the
// channel's members. Privileged actions are the Lead's, and a refusal says who can do them.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { ActionEvent, Actor, FormSubmitEvent, Member, Place, Platform } from '../../core/events.js'
import type { FormResult } from '../../core/forms.js'
import { validateForm } from '../../core/forms.js'
import type { Logger } from '../../core/logger.js'
import { mention, textMessage, userText } from '../../core/messages.js'
import { readTypedDate } from '../../files/typed-dates.js'
import { DateTime } from 'luxon'
import { answerPrivately, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { scopeOf } from '../../db/scope.js'
import { dropPending, enqueue } from '../../delivery/outbox.js'
import type { CurrentCatalogue } from '../../domain/current-catalogue.js'
import { offsetLabel, reminderDueAt } from '../../domain/reminder-times.js'
import { calendarUrl } from '../../domain/calendar-links.js'
import {
  ACTION_APOLOGIES,
  ACTION_CANCEL_ASK,
  ACTION_CANCEL_CONFIRM,
  ACTION_CANCEL_KEEP,
  ACTION_GOING,
  renderAnswered,
  renderCancelConfirm,
  renderCancelPicker,
  renderCancellation,
  renderRoster,
  renderSessionsList,
  sessionShortLabel,
  sessionWhen,
} from '../../domain/session-messages.js'
import { addSessions, findSession, listRsvps, listUpcomingSessions, markCancelled, type Session, saveRsvp } from '../../domain/sessions.js'
import { apologyForm, FORM_APOLOGY, FORM_SESSION, FORM_SETUP, readSessionForm, sessionForm, setupForm } from './work-group-forms.js'
import { groupHere, groupLedHere, leadOnly } from '../../domain/group-access.js'
import {
  ensureHub,
  findHub,
  findWorkGroup,
  findWorkGroupByConversation,
  isParticipant,
  listParticipants,
  saveWorkGroup,
  syncChannelParticipants,
  type WorkGroup,
} from '../../domain/work-groups.js'

export interface WorkGroupsDeps {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  catalogue: CurrentCatalogue
  /** The members of a conversation; undefined when the platform cannot list them. */
  listMembers: (platform: Platform, workspaceId: string, conversationId: string) => Promise<Member[] | undefined>
  /** Tells the delivery worker there is something new to send. */
  wakeDelivery: () => void
  /** The bot's public address, for calendar links; absent, none are offered. */
  publicUrl?: string
}

const close = (text: string): FormResult => ({ kind: 'close', notice: text })
const STALE_SETUP = 'Not saved: this Work Group’s setup changed after this form was opened (or the form was sent twice). Run setup again to see it as it is now.'

export function createWorkGroupsFeature(deps: WorkGroupsDeps): Feature {
  const { db, clock, zone } = deps

  const findGroupHere = (actor: Actor, place: Place) => findWorkGroupByConversation(db, actor, place.conversationId)

  /** The session a button points at, and its group, if the clicker belongs to it. */
  async function sessionFor(event: ActionEvent | { value: string; actor: Actor }, ctx: HandlerContext) {
    const session = await findSession(db, event.actor, event.value)
    const group = session && (await findWorkGroup(db, event.actor, session.workGroupId))
    if (!session || !group) {
      await answerPrivately(ctx.reply, textMessage('I can’t find that session any more.'))
      return undefined
    }
    return { session, group }
  }

  async function cancelSession(group: WorkGroup, session: Session): Promise<number | undefined> {
    return db.transaction().execute(async (trx) => {
      if (!(await markCancelled(trx, session, clock.now()))) return undefined
      await dropPending(trx, group, { sessionId: session.id }, 'session cancelled')
      const participants = await listParticipants(trx, group)
      const message = renderCancellation(group, session, zone)
      return enqueue(
        trx,
        participants.map((p) => ({
          key: `cancelled:${session.id}:${p.userId}`,
          about: { kind: 'cancellation' as const, workGroupId: group.id, sessionId: session.id },
          platform: group.platform,
          target: { workspaceId: group.workspaceId, kind: 'direct' as const, id: p.userId, ...(p.address !== undefined ? { address: p.address } : {}) },
          message,
          dueAt: clock.now(),
        })),
      )
    })
  }

  async function submitSetup(event: FormSubmitEvent): Promise<FormResult> {
    const catalogue = await deps.catalogue.get()
    if (!catalogue) return close('No projects catalogue is loaded, so a Work Group cannot be set up yet. Ask your hub administrator.')
    const existing = await findGroupHere(event.actor, event.place)
    const form = setupForm(catalogue, clock.now(), zone, existing)
    const errors = validateForm(form, event.values)
    if (Object.keys(errors).length) return { kind: 'errors', form, errors }
    if (event.place.kind === 'direct') return close('Run the setup in the Work Group’s channel, not in a direct message.')
    if (existing && existing.leadUserId !== event.actor.userId)
      return close(`Only the Work Group Lead, ${mention({ userId: existing.leadUserId })}, can change this Work Group’s setup.`)
    const project = catalogue.projects.find((p) => p.id === event.values.project)!
    const editing = /^\d{1,9}$/.test(event.state) ? Number(event.state) : -1
    if (editing !== (existing?.version ?? 0)) return close(STALE_SETUP)
    const hubId = await ensureHub(db, event.actor, event.values.hub!)
    const saved = await saveWorkGroup(db, {
      platform: event.actor.platform,
      workspaceId: event.actor.workspaceId,
      conversationId: event.place.conversationId,
      hubId,
      projectId: project.id,
      projectTitle: project.title,
      schoolYear: event.values.year!,
      leadUserId: event.actor.userId,
    }, editing)
    if (saved === 'stale') return close(STALE_SETUP)
    let members: Member[] | undefined
    try {
      members = await deps.listMembers(event.actor.platform, event.actor.workspaceId, event.place.conversationId)
    } catch (error) {
      deps.log.warn({ err: error }, 'could not list the channel’s members')
    }
    const count = members ? await syncChannelParticipants(db, { ...scopeOf(event.actor), id: saved.id }, members) : undefined
    const who =
      count === undefined
        ? 'I couldn’t read the channel’s members just now, so participants will be added as people join the channel.'
        : `Its ${count} members are the participants, kept in step as people join and leave.`
    return close(
      `${saved.created ? 'Done: this channel is now' : 'Updated: this channel is'} the ${userText(project.title)} Work Group for ${userText(event.values.hub!.trim())}, ${userText(event.values.year ?? '')}. ${who} Add sessions with the “add session” command.`,
    )
  }

  async function submitSession(event: FormSubmitEvent): Promise<FormResult> {
    const group = await findGroupHere(event.actor, event.place)
    if (!group) return close('This channel is not a Work Group yet: set it up first.')
    if (group.leadUserId !== event.actor.userId) return close(`Only the Work Group Lead, ${mention({ userId: group.leadUserId })}, can add sessions.`)
    const read = readSessionForm(event.values, clock.now(), zone)
    if ('errors' in read) return { kind: 'errors', form: sessionForm(), errors: read.errors }
    const [added] = await addSessions(db, group, [read.session], event.actor.userId, clock.now())
    if (!added) return { kind: 'errors', form: sessionForm(), errors: { start: 'There is already a session starting at that time.' } }
    const now = clock.now()
    const passed = group.reminderOffsets.filter((m) => reminderDueAt(added.startsAt, m, zone) <= now)
    const coming = group.reminderOffsets.filter((m) => !passed.includes(m))
    const reminders = [
      passed.length ? `It is too late for the reminders ${passed.map(offsetLabel).join(' and ')} before, so participants get a new-session message instead, straight away or when quiet hours end.` : '',
      coming.length ? `Participants will be reminded ${coming.map(offsetLabel).join(', ')} before, and the channel gets a message on the morning of the session.` : '',
    ]
    return close(`Added: ${sessionShortLabel(added, zone)} (UK time). ${reminders.filter(Boolean).join(' ')}`.trim())
  }

  async function submitApology(event: FormSubmitEvent, ctx: HandlerContext): Promise<FormResult> {
    const errors = validateForm(apologyForm(event.state, ''), event.values)
    if (Object.keys(errors).length) return { kind: 'errors', form: apologyForm(event.state, 'the session'), errors }
    const found = await sessionFor({ value: event.state, actor: event.actor }, ctx)
    if (!found) return close('I can’t find that session any more.')
    const { session, group } = found
    if (!(await isParticipant(db, group, event.actor.userId))) return close('Only participants of this Work Group can send apologies for its sessions.')
    if (session.cancelledAt) return close('That session has been cancelled, so there is nothing to do.')
    const hub = await findHub(db, group, group.hubId)
    const noticeHours = hub?.noticeHours ?? 48
    const now = clock.now()
    const late = session.startsAt.getTime() - now.getTime() < noticeHours * 60 * 60_000
    const note = event.values.note?.trim() || undefined
    await db.transaction().execute(async (trx) => {
      await saveRsvp(trx, session, { userId: event.actor.userId, status: 'apologies', ...(note ? { note } : {}), late }, now)
      // Reminders already planned for this person stop here.
      await dropPending(trx, group, { sessionId: session.id, recipientId: event.actor.userId, kinds: ['reminder'] }, 'apologies sent')
    })
    const lateNote = late
      ? ` This is less than ${noticeHours} hours before the session, later than ${userText(hub?.name ?? 'your hub')}’s notice period: some hubs charge schools for a missed place, so please tell ${mention({ userId: group.leadUserId })} too.`
      : ''
    return close(`Thanks: your apologies for ${sessionShortLabel(session, zone)} are sent to the Lead.${lateNote}`)
  }

  const rsvp = (status: 'going' | 'apologies') => async (event: ActionEvent, ctx: HandlerContext) => {
    const found = await sessionFor(event, ctx)
    if (!found) return
    const { session, group } = found
    if (!(await isParticipant(db, group, event.actor.userId)))
      return answerPrivately(ctx.reply, textMessage('Only participants of this Work Group can answer for its sessions.'))
    if (session.cancelledAt) return answerPrivately(ctx.reply, textMessage('That session has been cancelled.'))
    if (session.endsAt <= clock.now()) return answerPrivately(ctx.reply, textMessage('That session is over.'))
    if (status === 'apologies') {
      const form = apologyForm(session.id, sessionShortLabel(session, zone))
      if (ctx.reply.openForm) return ctx.reply.openForm(form)
    }
    await saveRsvp(db, session, { userId: event.actor.userId, status, late: false }, clock.now())
    await replaceOrAnswer(ctx.reply, renderAnswered(group, session, zone, { userId: event.actor.userId, status, late: false }))
  }

  const asLead = async (event: ActionEvent, ctx: HandlerContext) => {
    const found = await sessionFor(event, ctx)
    if (!found) return undefined
    if (found.group.leadUserId !== event.actor.userId) {
      await answerPrivately(ctx.reply, leadOnly(found.group, 'cancel sessions'))
      return undefined
    }
    return found
  }

  return {
    name: 'work-groups',
    commands: {
      setup: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        if (event.place.kind === 'direct') return answerPrivately(ctx.reply, textMessage('Run the setup in the Work Group’s channel, not in a direct message.'))
        const catalogue = await deps.catalogue.get()
        if (!catalogue) return answerPrivately(ctx.reply, textMessage('No projects catalogue is loaded yet. Ask your hub administrator.'))
        const existing = await findGroupHere(event.actor, event.place)
        if (existing && existing.leadUserId !== event.actor.userId) return answerPrivately(ctx.reply, leadOnly(existing, 'change this Work Group’s setup'))
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('Forms can’t be opened from here; use the slash command in the channel.'))
        await ctx.reply.openForm(setupForm(catalogue, clock.now(), zone, existing))
      },
      'add session': async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const group = await groupLedHere(db, event, ctx, 'add sessions')
        if (!group) return
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('Forms can’t be opened from here; use the slash command in the channel.'))
        await ctx.reply.openForm(sessionForm())
      },
      sessions: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const group = await groupHere(db, event, ctx)
        if (!group) return
        const feed = deps.publicUrl ? calendarUrl(deps.publicUrl, group) : undefined
        await answerPrivately(ctx.reply, renderSessionsList(group, await listUpcomingSessions(db, group, clock.now()), zone, feed))
      },
      roster: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const group = await groupLedHere(db, event, ctx, 'see the roster')
        if (!group) return
        const [next] = await listUpcomingSessions(db, group, clock.now(), 1)
        if (!next) return answerPrivately(ctx.reply, textMessage('There are no upcoming sessions.'))
        const hub = await findHub(db, group, group.hubId)
        const rsvps = (await listRsvps(db, [next])).get(next.id) ?? []
        await answerPrivately(ctx.reply, renderRoster(group, next, await listParticipants(db, group), rsvps, zone, hub?.noticeHours ?? 48))
      },
      cancel: async (event, args, ctx) => {
        // "cancel" alone offers the next sessions; "cancel 7 Dec" or "cancel Tuesday" names one.
        const date = args === '' ? undefined : readTypedDate(args, DateTime.fromJSDate(clock.now(), { zone }).toISODate()!, 'future')
        // Words that are no date ("cancel my reminders?") are a question; a date with a slip in it is explained.
        if (date && !date.ok && !/\d/.test(args)) return 'pass'
        const group = await groupLedHere(db, event, ctx, 'cancel sessions')
        if (!group) return
        const upcoming = await listUpcomingSessions(db, group, clock.now(), 30)
        if (!date) return answerPrivately(ctx.reply, renderCancelPicker(group, upcoming.slice(0, 5), zone))
        const onDay = date.ok ? upcoming.filter((s) => DateTime.fromJSDate(s.startsAt, { zone }).toISODate() === date.date) : []
        if (onDay.length === 1) return answerPrivately(ctx.reply, renderCancelConfirm(group, onDay[0]!, zone, (await listParticipants(db, group)).length))
        const why = !date.ok
          ? `I couldn’t read that date: ${userText(date.problem)}.`
          : onDay.length === 0
            ? `There is no ${userText(group.projectTitle)} session on ${DateTime.fromISO(date.date).setLocale('en-GB').toFormat('cccc d LLLL yyyy')}.`
            : ''
        const picker = renderCancelPicker(group, onDay.length > 1 ? onDay : upcoming.slice(0, 5), zone)
        await answerPrivately(ctx.reply, why ? { text: `${why} ${picker.text}`, blocks: [{ type: 'text', text: why }, ...picker.blocks] } : picker)
      },
    },
    forms: {
      [FORM_SETUP]: (event) => submitSetup(event),
      [FORM_SESSION]: (event) => submitSession(event),
      [FORM_APOLOGY]: (event, ctx) => submitApology(event, ctx),
    },
    actions: {
      [ACTION_GOING]: rsvp('going'),
      [ACTION_APOLOGIES]: rsvp('apologies'),
      [ACTION_CANCEL_ASK]: async (event, ctx) => {
        const found = await asLead(event, ctx)
        if (!found) return
        const participants = await listParticipants(db, found.group)
        await replaceOrAnswer(ctx.reply, renderCancelConfirm(found.group, found.session, zone, participants.length))
      },
      [ACTION_CANCEL_CONFIRM]: async (event, ctx) => {
        const found = await asLead(event, ctx)
        if (!found) return
        const told = await cancelSession(found.group, found.session)
        if (told === undefined) return replaceOrAnswer(ctx.reply, textMessage('That session was already cancelled.'))
        deps.wakeDelivery()
        await replaceOrAnswer(ctx.reply, textMessage(`Cancelled: ${sessionWhen(found.session, zone)}. All ${told} participants are being told, once.`))
      },
      [ACTION_CANCEL_KEEP]: async (_event, ctx) => {
        await replaceOrAnswer(ctx.reply, textMessage('Kept: nothing has changed.'))
      },
    },
    help: [
      { usage: 'setup', description: 'make this channel a Work Group', audience: 'lead' },
      { usage: 'add session', description: 'add a session with its date, time, link or place, and what to prepare', audience: 'lead' },
      { usage: 'sessions', description: 'the group’s upcoming sessions' },
      { usage: 'roster', description: 'who is coming to the next session, who sent apologies, who has not answered', audience: 'lead' },
      { usage: 'cancel', description: 'cancel a session and tell everyone once; or name it: “cancel 15 Dec”, “cancel Tuesday”', audience: 'lead' },
    ],
  }
}
