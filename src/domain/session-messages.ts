// Session messages as neutral messages: reminders with Going / Can't make it, the cancellation
// notice, the morning digest, the sessions list and the Lead's roster. Times are written with
// `moment()`, so Slack readers see their own local time and Teams readers "(UK time)".
import { DateTime } from 'luxon'
import type { Action, Block, Field, Message } from '../core/messages.js'
import { confirmMessage, linkTarget, mention, moment, textMessage, truncate, userText } from '../core/messages.js'
import { capitalised, type WhenWords, whenWords } from './when-words.js'
import type { Rsvp, Session } from './sessions.js'
import type { Participant, WorkGroup } from './work-groups.js'

export const ACTION_GOING = 'session.going'
export const ACTION_APOLOGIES = 'session.apologies'
export const ACTION_CANCEL_ASK = 'session.cancel-ask'
export const ACTION_CANCEL_CONFIRM = 'session.cancel-confirm'
export const ACTION_CANCEL_KEEP = 'session.cancel-keep'

/** "Tuesday 4 November 2026, 16:00–17:30", with each time a moment token. */
export function sessionWhen(session: Session, zone: string): string {
  const start = DateTime.fromJSDate(session.startsAt, { zone })
  const end = DateTime.fromJSDate(session.endsAt, { zone })
  return `${moment(session.startsAt, start.toFormat('cccc d LLLL yyyy, HH:mm'))}–${moment(session.endsAt, end.toFormat('HH:mm'), 'time')}`
}

/** A short plain label, for buttons and notification text: "Tue 4 Nov 16:00". */
export function sessionShortLabel(session: Session, zone: string): string {
  return DateTime.fromJSDate(session.startsAt, { zone }).toFormat('ccc d LLL HH:mm')
}

function where(session: Session): string {
  const parts: string[] = []
  if (session.onlineUrl) parts.push(`Online: [join the session](${linkTarget(session.onlineUrl)})`)
  if (session.place) parts.push(`Place: ${userText(session.place)}`)
  return parts.join('\n')
}

function preparation(session: Session): Field[] {
  const fields: Field[] = []
  if (session.prepare) fields.push({ label: 'Before the session', value: userText(truncate(session.prepare, 1900)) })
  if (session.gapTask) fields.push({ label: 'Gap task', value: userText(truncate(session.gapTask, 1900)) })
  return fields
}

function sessionName(group: WorkGroup, session: Session): string {
  return userText(session.title ? `${group.projectTitle}: ${session.title}` : `${group.projectTitle} session`)
}

function rsvpButtons(session: Session): Block {
  return {
    type: 'actions',
    actions: [
      { type: 'button', id: ACTION_GOING, label: 'Going', value: session.id, style: 'primary' },
      { type: 'button', id: ACTION_APOLOGIES, label: 'Can’t make it', value: session.id, opensForm: true },
    ],
  }
}

/**
 * The direct reminder a participant gets before a session. `sentAt` is the moment it goes out:
 * the words about when ("tomorrow at 16:00", "in 2 hours") are true then, however long it waited.
 */
export function renderReminder(group: WorkGroup, session: Session, sentAt: Date, zone: string, answered?: Rsvp, lastTry?: string): Message {
  const when = whenWords(sentAt, session.startsAt, zone)
  const name = sessionName(group, session)
  const blocks: Block[] = [
    { type: 'header', text: truncate(`${capitalised(when.words)}: ${name}`, 150) },
    ...sessionDetails(session, zone),
  ]
  // The person's own words from their last reflection: their gap task to report back on.
  if (lastTry) blocks.push({ type: 'text', personal: true, text: `**Your gap task to report on:** last time you said you’d try “${userText(truncate(lastTry, 500))}”. How did it go?` })
  blocks.push(answered ? { type: 'context', text: answered.status === 'going' ? 'You said you’re going.' : 'You sent your apologies.' } : rsvpButtons(session))
  blocks.push({ type: 'context', text: `${userText(group.projectTitle)} Work Group, ${userText(group.hubName)}. You get these reminders as a participant of this Work Group.` })
  return { text: `Reminder: ${name}, ${notificationWhen(session, when, zone)}.`, blocks }
}

/**
 * What a participant gets instead of a reminder when a session is added too late for it (a
 * day-before reminder for a session added two hours ahead): one notice that it exists.
 */
export function renderNewSession(group: WorkGroup, session: Session, sentAt: Date, zone: string, answered?: Rsvp): Message {
  const when = whenWords(sentAt, session.startsAt, zone)
  const name = sessionName(group, session)
  return {
    text: `New session: ${name}, ${notificationWhen(session, when, zone)}.`,
    blocks: [
      { type: 'header', text: truncate(`New session ${when.words}: ${name}`, 150) },
      ...sessionDetails(session, zone),
      answered ? { type: 'context', text: answered.status === 'going' ? 'You said you’re going.' : 'You sent your apologies.' } : rsvpButtons(session),
      { type: 'context', text: `${userText(group.projectTitle)} Work Group, ${userText(group.hubName)}. The Lead added this session at short notice, so this comes instead of the usual reminders.` },
    ],
  }
}

/** A notification shows no blocks: it names the day and time itself. */
function notificationWhen(session: Session, when: WhenWords, zone: string): string {
  if (!when.namesClockTime) return `${sessionShortLabel(session, zone)} (UK time), ${when.words}`
  // "tomorrow at 16:00" says it all; "on Thursday at 16:00" is clearer with its date.
  return when.words.startsWith('on ') ? `${sessionShortLabel(session, zone)} (UK time)` : `${when.words} (UK time)`
}

/** When and where, with what to prepare. */
function sessionDetails(session: Session, zone: string): Block[] {
  const fields = preparation(session)
  return [{ type: 'text', text: [`**${sessionWhen(session, zone)}**`, where(session)].filter(Boolean).join('\n'), ...(fields.length ? { fields } : {}) }]
}

/** What replaces the reminder's buttons once someone answers. */
export function renderAnswered(group: WorkGroup, session: Session, zone: string, rsvp: Rsvp, lateNote?: string): Message {
  const name = sessionName(group, session)
  const status = rsvp.status === 'going' ? '✓ You’re going. See you there.' : `You sent your apologies${rsvp.note ? `: “${userText(truncate(rsvp.note, 200))}”` : ''}.`
  const blocks: Block[] = [
    { type: 'header', text: truncate(name, 150) },
    { type: 'text', text: [`**${sessionWhen(session, zone)}**`, where(session)].filter(Boolean).join('\n') },
    { type: 'text', text: lateNote ? `${status}\n${lateNote}` : status },
  ]
  // Changing one's mind stays possible.
  blocks.push({
    type: 'actions',
    actions: [
      rsvp.status === 'going'
        ? ({ type: 'button', id: ACTION_APOLOGIES, label: 'Actually, I can’t make it', value: session.id, opensForm: true } as const)
        : ({ type: 'button', id: ACTION_GOING, label: 'Actually, I can go', value: session.id } as const),
    ],
  })
  return { text: `${name}: ${status}`, blocks }
}

export function renderCancellation(group: WorkGroup, session: Session, zone: string): Message {
  const name = sessionName(group, session)
  return {
    text: `Cancelled: ${name}, ${sessionShortLabel(session, zone)} (UK time).`,
    blocks: [
      { type: 'header', text: truncate(`Cancelled: ${name}`, 150) },
      { type: 'text', text: `The session on **${sessionWhen(session, zone)}** is cancelled. There is nothing you need to do; ${mention({ userId: group.leadUserId })} will be in touch about what happens next.` },
      { type: 'context', text: `${userText(group.projectTitle)} Work Group, ${userText(group.hubName)}.` },
    ],
  }
}

/** The morning message in the group's channel on a day with a session. */
export function renderDigest(group: WorkGroup, sessions: Session[], rsvps: Map<string, Rsvp[]>, zone: string): Message {
  const blocks: Block[] = [{ type: 'header', text: truncate(`Today: ${userText(group.projectTitle)}`, 150) }]
  for (const session of sessions) {
    const answers = rsvps.get(session.id) ?? []
    const going = answers.filter((r) => r.status === 'going').length
    const apologies = answers.filter((r) => r.status === 'apologies').length
    blocks.push({
      type: 'text',
      text: [`**${userText(session.title ?? 'Session')}**, ${sessionWhen(session, zone)}`, where(session), `${going} going, ${apologies} sent apologies.`].filter(Boolean).join('\n'),
      ...(preparation(session).length ? { fields: preparation(session) } : {}),
    })
    blocks.push(rsvpButtons(session))
  }
  return { text: `Today: ${userText(group.projectTitle)}, ${sessions.map((s) => sessionShortLabel(s, zone)).join(', ')} (UK time).`, blocks }
}

export function renderSessionsList(group: WorkGroup, sessions: Session[], zone: string, calendarUrl?: string): Message {
  if (sessions.length === 0) {
    const text = `No sessions are planned for the ${userText(group.projectTitle)} Work Group yet. The Lead can add them with the “add session” command.`
    return textMessage(text)
  }
  const blocks: Block[] = [{ type: 'header', text: truncate(`Sessions: ${userText(group.projectTitle)}`, 150) }]
  for (const session of sessions.slice(0, 20)) {
    blocks.push({
      type: 'text',
      text: [`**${userText(session.title ?? 'Session')}**, ${sessionWhen(session, zone)}`, where(session)].filter(Boolean).join('\n'),
      ...(preparation(session).length ? { fields: preparation(session) } : {}),
    })
  }
  const actions: Action[] = calendarUrl ? [{ type: 'link', label: 'Add to calendar (.ics)', url: calendarUrl }] : []
  if (actions.length) blocks.push({ type: 'actions', actions })
  blocks.push({ type: 'context', text: `${userText(group.projectTitle)} Work Group, ${userText(group.hubName)}, ${group.schoolYear}.` })
  return { text: `${sessions.length} upcoming ${sessions.length === 1 ? 'session' : 'sessions'} for the ${userText(group.projectTitle)} Work Group.`, blocks }
}

/** Who is coming to a session, who sent apologies (with notes), and who has not answered. */
export function renderRoster(group: WorkGroup, session: Session, participants: Participant[], rsvps: Rsvp[], zone: string, noticeHours: number): Message {
  const byUser = new Map(rsvps.map((r) => [r.userId, r]))
  const person = (userId: string) => mention({ userId, name: participants.find((p) => p.userId === userId)?.name })
  const going = participants.filter((p) => byUser.get(p.userId)?.status === 'going')
  const apologies = rsvps.filter((r) => r.status === 'apologies')
  const unanswered = participants.filter((p) => !byUser.has(p.userId))
  const list = (items: string[]) => (items.length ? items.join(', ') : 'nobody')
  const apologyLines = apologies.map(
    (r) => `• ${person(r.userId)}${r.note ? `: “${userText(truncate(r.note, 300))}”` : ''}${r.late ? ` _(less than ${noticeHours} hours’ notice)_` : ''}`,
  )
  return {
    text: `Roster for ${sessionShortLabel(session, zone)}: ${going.length} going, ${apologies.length} apologies, ${unanswered.length} not answered.`,
    blocks: [
      { type: 'header', text: truncate(`Roster: ${sessionName(group, session)}`, 150) },
      { type: 'context', text: sessionWhen(session, zone) },
      { type: 'text', text: `**Going (${going.length}):** ${list(going.map((p) => person(p.userId)))}` },
      { type: 'text', text: `**Apologies (${apologies.length}):**${apologyLines.length ? `\n${apologyLines.join('\n')}` : ' nobody'}` },
      { type: 'text', text: `**Not answered (${unanswered.length}):** ${list(unanswered.map((p) => person(p.userId)))}` },
    ],
  }
}

/** Buttons to pick a session to cancel; the second step asks to confirm. */
export function renderCancelPicker(group: WorkGroup, sessions: Session[], zone: string): Message {
  if (sessions.length === 0) {
    const text = 'There are no upcoming sessions to cancel.'
    return textMessage(text)
  }
  return {
    text: 'Which session do you want to cancel?',
    blocks: [
      { type: 'text', text: `Which ${userText(group.projectTitle)} session do you want to cancel? Everyone in the group will be told once.` },
      {
        type: 'actions',
        actions: sessions.slice(0, 5).map((s) => ({ type: 'button', id: ACTION_CANCEL_ASK, label: sessionShortLabel(s, zone), value: s.id })),
      },
    ],
  }
}

export function renderCancelConfirm(group: WorkGroup, session: Session, zone: string, participantCount: number): Message {
  return confirmMessage(
    `Cancel the session on ${sessionWhen(session, zone)}? All ${participantCount} participants will be told, and no more reminders will go out for it.`,
    { id: ACTION_CANCEL_CONFIRM, label: 'Yes, cancel it', value: session.id },
    { id: ACTION_CANCEL_KEEP, label: 'Keep it', value: session.id },
  )
}
