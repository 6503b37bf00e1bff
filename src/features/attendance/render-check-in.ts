// "I'm here": the post in an online session's channel as it starts (join the call, tell the
// register you came), and what the person who taps it, or types `here`, is told, privately.
// Times are the hub's clock time: a check-in is a moment in a session people are sitting in.
import { DateTime } from 'luxon'
import type { Message } from '../../core/messages.js'
import { mention, textMessage, userText } from '../../core/messages.js'
import { sessionShortLabel, sessionWhen } from '../../domain/session-messages.js'
import type { Session } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import { sessionName } from './render-register.js'

export const ACTION_CHECK_IN = 'attendance.check-in'

/** What a check-in came to, for `renderCheckInAnswer` to say. */
export type CheckInOutcome =
  | { kind: 'checked-in'; at: Date; first: boolean; registerSaved: boolean }
  | { kind: 'too-early'; opensAt: Date }
  | { kind: 'too-late' }
  | { kind: 'cancelled' }
  | { kind: 'lead' }
  | { kind: 'not-participant' }

const clock = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('HH:mm')

/**
 * The channel post as an online session starts. The button opens a dialog on Teams (a click
 * there can be answered to the clicker alone only in one); on Slack it is answered ephemerally.
 */
export function renderCheckInPost(group: WorkGroup, session: Session, zone: string): Message {
  const name = sessionName(group, session)
  return {
    text: `${name} is on now. Tap I’m here so the register knows you came.`,
    blocks: [
      { type: 'text', text: `**${name}** is on now. Tap **I’m here** so the register knows you came.` },
      { type: 'context', text: `${sessionWhen(session, zone)}. Only you see your answer; ${mention({ userId: group.leadUserId })} keeps the register.` },
      {
        type: 'actions',
        actions: [
          ...(session.onlineUrl ? [{ type: 'link' as const, label: 'Join', url: session.onlineUrl }] : []),
          { type: 'button', id: ACTION_CHECK_IN, label: 'I’m here', value: session.id, style: 'primary', opensForm: true },
        ],
      },
    ],
  }
}

/** The private answer to a check-in, one sentence or two. */
export function renderCheckInAnswer(group: WorkGroup, session: Session, zone: string, outcome: CheckInOutcome): Message {
  // The session on now needs no date; another one (too early, cancelled) does.
  const now = sessionName(group, session)
  const name = `${now} (${sessionShortLabel(session, zone)})`
  const lead = mention({ userId: group.leadUserId })
  switch (outcome.kind) {
    case 'checked-in':
      if (!outcome.first) return textMessage(`You’re already checked in (${clock(outcome.at, zone)}).`)
      return textMessage(
        outcome.registerSaved
          ? `You’re checked in (${clock(outcome.at, zone)}), but ${lead} has already saved the register for ${now}: tell them if it doesn’t show you came.`
          : `Thanks: you’re checked in to ${now} (${clock(outcome.at, zone)}). The register will show you came.`,
      )
    case 'too-early':
      return textMessage(`Check-in opens 15 minutes before the session starts: for ${name}, at ${clock(outcome.opensAt, zone)}.`)
    case 'too-late':
      return textMessage(`This session ended at ${clock(session.endsAt, zone)}; ${lead} keeps its register.`)
    case 'cancelled':
      return textMessage(`${name} was cancelled, so there is nothing to check in to.`)
    case 'lead':
      return textMessage(`You lead the ${userText(group.projectTitle)} Work Group, so there’s no need to check in: you keep its register.`)
    case 'not-participant':
      return textMessage(`Only people in the ${userText(group.projectTitle)} Work Group can check in to its sessions. If you take part in it, ask ${lead} to add you.`)
  }
}
