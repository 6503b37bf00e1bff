// What participants see of reflections: the prompt after a session (and the one nudge), the
// thank-you, the "closed" answer, their own reflections, and the erase confirmation.
import { DateTime } from 'luxon'
import type { Block, Message } from '../../core/messages.js'
import { confirmMessage, linkTarget, moment, textMessage, truncate, userText } from '../../core/messages.js'
import { sessionShortLabel, sessionWhen } from '../../domain/session-messages.js'
import type { Session } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import { VISIBILITY_LABELS } from './reflection-form.js'
import type { Erased, PersonalDataSummary } from '../../domain/personal-data.js'
import { ACTION_REFLECT, type Reflection } from '../../domain/reflections.js'

export const ACTION_STOP_ASKING = 'reflection.stop'
export const ACTION_FORGET_CONFIRM = 'reflection.forget-confirm'
export const ACTION_FORGET_KEEP = 'reflection.forget-keep'

const ATTENDANCE_WORDS = { attended: 'attended', apologised: 'apologies', absent: 'absent' } as const

/** As message text: the project and session titles are escaped. */
export function sessionTitle(group: WorkGroup, session: Session): string {
  return userText(session.title ? `${group.projectTitle}: ${session.title}` : `${group.projectTitle} session`)
}

/** "Thu 5 Feb 16:00 session" style label used in the form's intro and confirmations. */
export function sessionLabel(group: WorkGroup, session: Session, zone: string): string {
  return `${sessionTitle(group, session)}, ${sessionShortLabel(session, zone)} (UK time)`
}

function promptButtons(group: WorkGroup, session: Session): Block {
  return {
    type: 'actions',
    actions: [
      { type: 'button', id: ACTION_REFLECT, label: 'Reflect', value: session.id, style: 'primary', opensForm: true },
      { type: 'button', id: ACTION_STOP_ASKING, label: 'Stop asking me', value: group.id },
    ],
  }
}

/** The direct message shortly after a session ends; `nudge` for the one reminder a day later. */
export function renderReflectionPrompt(group: WorkGroup, session: Session, zone: string, closesAt: Date, nudge = false): Message {
  const name = sessionTitle(group, session)
  const closes = DateTime.fromJSDate(closesAt, { zone })
  const intro = nudge
    ? `You haven’t reflected on **${name}** (${sessionWhen(session, zone)}) yet. It takes a minute, and it is what you will report back on next time.`
    : `How was **${name}** (${sessionWhen(session, zone)})? A minute now: rate it, and note one thing you will try in class.`
  return {
    text: nudge ? `A minute to reflect on ${name}?` : `How was ${name}? Reflect in a minute.`,
    blocks: [
      { type: 'text', text: intro },
      promptButtons(group, session),
      {
        type: 'context',
        text: `You choose who sees it. You can change it until ${moment(closesAt, closes.toFormat('cccc d LLLL, HH:mm'))}. ${userText(group.projectTitle)} Work Group, ${userText(group.hubName)}.`,
      },
    ],
  }
}

/** What the person is told once their reflection is saved (the form closes with it). */
export function reflectionSavedNotice(group: WorkGroup, session: Session, zone: string, reflection: Pick<Reflection, 'visibility' | 'tryInClass'>, created: boolean): string {
  const who =
    reflection.visibility === 'me'
      ? 'only you can see it'
      : reflection.visibility === 'lead'
        ? 'the Lead can see it, with your name'
        : 'the Lead sees it without your name, and only once at least five people share anonymously'
  const tried = reflection.tryInClass ? ' What you’ll try comes back to you before the next session.' : ''
  return `${created ? 'Thanks: your reflection on' : 'Updated: your reflection on'} ${sessionTitle(group, session)} (${sessionShortLabel(session, zone)}) is saved; ${who}.${tried} You can change it until the next session starts.`
}

export function renderClosed(group: WorkGroup, session: Session, zone: string, why: 'not started' | 'cancelled' | 'closed'): Message {
  const name = `${sessionTitle(group, session)} (${sessionShortLabel(session, zone)})`
  switch (why) {
    case 'not started':
      return textMessage(`${name} hasn’t started yet, so there is nothing to reflect on. I’ll ask you after it ends.`)
    case 'cancelled':
      return textMessage(`${name} was cancelled, so there is nothing to reflect on.`)
    case 'closed':
      return textMessage(
        `Reflections on ${name} closed when the next session started, so what you said then stays as it was. Thank you for taking part. You can reflect on the latest session instead.`,
      )
  }
}

export type OwnReflection = Reflection & { projectTitle: string; sessionStartsAt: Date; sessionTitle?: string }

/** `/workgroups my data`: everything the bot holds from the person, their reflections in full. */
/** The button under "my data" that sends the person their reflections as a spreadsheet. */
export const ACTION_SEND_MINE = 'reflections.send-mine'

export function renderOwnReflections(reflections: OwnReflection[], zone: string, canSendFiles: boolean, other?: PersonalDataSummary): Message {
  const day = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy')
  const extra: Block[] = []
  if (other?.rsvps.length)
    extra.push({
      type: 'text',
      text: [`**Your answers to sessions (${other.rsvps.length})**`, ...other.rsvps.slice(0, 10).map((r) => `${day(r.sessionStartsAt)}, ${userText(r.projectTitle)}: ${r.status === 'going' ? 'going' : 'apologies'}${r.note ? ` (“${userText(truncate(r.note, 200))}”)` : ''}`)].join('\n'),
    })
  if (other?.attendance.length)
    extra.push({
      type: 'text',
      text: [`**Your attendance, as the Lead recorded it (${other.attendance.length})**`, ...other.attendance.slice(0, 10).map((a) => `${day(a.sessionStartsAt)}, ${userText(a.projectTitle)}: ${ATTENDANCE_WORDS[a.status]}${a.status === 'apologised' && a.late ? ' (late)' : ''}`)].join('\n'),
    })
  if (other?.checkIns.length)
    extra.push({
      type: 'text',
      text: [`**Your “I’m here” check-ins (${other.checkIns.length})**`, ...other.checkIns.slice(0, 10).map((c) => `${day(c.sessionStartsAt)}, ${userText(c.projectTitle)}: at ${DateTime.fromJSDate(c.at, { zone }).toFormat('HH:mm')}`)].join('\n'),
    })
  if (other?.school) extra.push({ type: 'text', text: `**Your school:** ${userText(other.school)}` })
  if (other?.questions.length)
    extra.push({ type: 'text', text: [`**Questions you asked about projects (${other.questions.length})**`, ...other.questions.slice(0, 5).map((q) => `${day(q.askedAt)}: “${userText(truncate(q.question, 200))}”`)].join('\n') })
  if (other?.resourcesShared.length)
    extra.push({ type: 'text', text: [`**Resources you shared (${other.resourcesShared.length})**`, ...other.resourcesShared.slice(0, 5).map((r) => `[${userText(truncate(r.title, 200))}](${linkTarget(r.url)})`)].join('\n') })
  const forgetting: Block = {
    type: 'context',
    text: '“forget me” erases your reflections, your answers and apology notes, your attendance records, check-ins and school, your questions, and any message still waiting for you that quotes your words. Resources you shared stay in the library for the group, without your name; your Work Group memberships stay while you are in the channels.',
  }
  if (reflections.length === 0)
    return {
      text: 'I hold no reflections from you.',
      blocks: [{ type: 'text', text: 'I hold no reflections from you. (I keep your Work Group memberships to run the groups.)' }, ...extra, forgetting],
    }
  const blocks: Block[] = [{ type: 'header', text: `Your reflections (${reflections.length})` }]
  const shown = reflections.slice(0, 40)
  for (const r of shown) {
    const when = DateTime.fromJSDate(r.sessionStartsAt, { zone }).toFormat('ccc d LLL yyyy')
    const lines = [
      `**${userText(r.sessionTitle ? `${r.projectTitle}: ${r.sessionTitle}` : r.projectTitle)}**, ${when}. Rating ${r.rating}/5. Seen by: ${VISIBILITY_LABELS[r.visibility].toLowerCase()}.`,
      r.tryInClass ? `_I’ll try:_ ${userText(truncate(r.tryInClass, 600))}` : '',
      r.noticed ? `_I noticed:_ ${userText(truncate(r.noticed, 600))}` : '',
    ]
    blocks.push({ type: 'text', text: lines.filter(Boolean).join('\n') })
  }
  if (reflections.length > shown.length) blocks.push({ type: 'context', text: `…and ${reflections.length - shown.length} older ones, all in the export.` })
  if (canSendFiles) blocks.push({ type: 'actions', actions: [{ type: 'button', id: ACTION_SEND_MINE, label: 'Send me my reflections (CSV)', value: 'mine' }] })
  blocks.push(...extra, forgetting)
  return { text: `You have ${reflections.length} reflections.`, blocks }
}

export function renderForgetConfirm(count: number): Message {
  const text =
    count === 0
      ? 'I hold no reflections from you. Erase the rest of what I hold from you (your answers to sessions and apology notes, your attendance records, check-ins and school, your questions, your “stop asking me” choices)? Resources you shared stay for the group, without your name.'
      : `Erase all ${count} of your reflections, and your answers to sessions, apology notes, attendance records, check-ins and questions? This cannot be undone; Leads will no longer see them, and they leave any summaries. Resources you shared stay for the group, without your name.`
  return confirmMessage(text, { id: ACTION_FORGET_CONFIRM, label: 'Yes, erase them', value: 'forget' }, { id: ACTION_FORGET_KEEP, label: 'Keep them', value: 'keep' })
}

/** What "forget me" did, in one sentence. */
export function renderForgotten(erased: Erased): Message {
  if (erased.reflections + erased.rsvps + erased.attendance + erased.checkIns + erased.questions + erased.resourcesUnnamed === 0) return textMessage('Done: there was nothing of yours to erase.')
  const parts = [
    erased.reflections ? `${erased.reflections} reflection${erased.reflections === 1 ? '' : 's'}` : '',
    erased.rsvps ? `${erased.rsvps} answer${erased.rsvps === 1 ? '' : 's'} to sessions` : '',
    erased.attendance ? `${erased.attendance} attendance record${erased.attendance === 1 ? '' : 's'}` : '',
    erased.checkIns ? `${erased.checkIns} check-in${erased.checkIns === 1 ? '' : 's'}` : '',
    erased.questions ? `${erased.questions} question${erased.questions === 1 ? '' : 's'}` : '',
  ].filter(Boolean)
  const named = erased.resourcesUnnamed ? ` Your name is gone from ${erased.resourcesUnnamed} shared resource${erased.resourcesUnnamed === 1 ? '' : 's'}.` : ''
  return textMessage(`Done: ${parts.length ? `${parts.join(', ')} erased` : 'erased'}, and nothing waiting to be sent to you quotes your words any more.${named}`)
}
