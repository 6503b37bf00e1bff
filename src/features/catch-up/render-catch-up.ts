// The catch-up as one message a phone shows whole: what the session covered, what to read or
// watch, the gap task, the next session, what was shared in the group since, and the themes of
// the group's visible reflections. Nothing in it names anyone or quotes anyone's reflection.
import { DateTime } from 'luxon'
import type { Block, Field, Message } from '../../core/messages.js'
import { linkTarget, textMessage, truncate, userText } from '../../core/messages.js'
import { sessionShortLabel, sessionWhen } from '../../domain/session-messages.js'
import type { Session } from '../../domain/sessions.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import type { Absence } from '../../domain/session-absences.js'
import type { CatchUpFacts } from './catch-up-facts.js'

/** Who is reading: how they stood for the session, or its Lead. */
export type Reader = Absence | 'lead'

/** Resources listed by title; the rest are counted. */
export const RESOURCES_SHOWN = 5

export function renderCatchUp(facts: CatchUpFacts, zone: string, reader: Reader): Message {
  const { group, session, next } = facts
  const name = sessionName(group, session)
  const blocks: Block[] = [
    { type: 'header', text: `Catch-up: ${userText(truncate(rawSessionName(group, session), 130))}` },
    { type: 'text', text: readerLine(reader, sessionWhen(session, zone)), ...withFields(covered(session)) },
  ]
  if (!session.title && !session.prepare && !session.gapTask) blocks.push({ type: 'context', text: 'The session had no notes on what it covered or a gap task.' })

  if (next) {
    const lines = [`**Next session:** ${sessionWhen(next, zone)}${next.title ? `, ${userText(truncate(next.title, 200))}` : ''}`]
    if (next.onlineUrl) lines.push(`Online: [join the session](${linkTarget(next.onlineUrl)})`)
    if (next.place) lines.push(`Place: ${userText(truncate(next.place, 300))}`)
    blocks.push({ type: 'text', text: lines.join('\n'), ...withFields(next.prepare ? [{ label: 'Before it', value: userText(truncate(next.prepare, 1900)) }] : []) })
  } else blocks.push({ type: 'context', text: 'No next session is planned yet.' })

  if (facts.resources.length > 0) {
    const shown = facts.resources.slice(0, RESOURCES_SHOWN)
    const lines = shown.map((r) => `• ${link(truncate(r.title, 150), r.url)} · ${userText(r.host)}`)
    const more = facts.resources.length - shown.length
    if (more > 0) lines.push(`…and ${more} more: search them with “resources”.`)
    blocks.push({ type: 'text', text: `**Shared in the group since:**\n${lines.join('\n')}` })
  }

  if (facts.themes.kind === 'themes') blocks.push({ type: 'text', text: `**Themes in the group’s reflections:** ${listed(facts.themes.themes.map((t) => userText(t.phrase)))}.` })
  else if (facts.themes.kind === 'too few') blocks.push({ type: 'context', text: 'Too few reflections yet to share the group’s themes.' })

  blocks.push({ type: 'context', text: `${userText(group.projectTitle)} Work Group, ${userText(group.hubName)}. Type “catch up” to see this again at any time.` })
  return { text: `Catch-up: ${name}, ${sessionShortLabel(session, zone)} (UK time). What it covered, the gap task and what’s next.`, blocks }
}

/** When there is no session to catch up on, or the person is in no group: one clear sentence. */
export function renderNothingToCatchUp(why: 'no group here' | 'not in a group' | 'not a participant' | 'no sessions yet', projectTitle?: string): Message {
  const group = projectTitle ? `the ${userText(projectTitle)} Work Group` : 'your Work Group'
  switch (why) {
    case 'no group here':
      return textMessage('This channel is not a Work Group, so there is nothing to catch up on here. Ask me in your Work Group’s channel, or in our direct chat.')
    case 'not in a group':
      return textMessage('You are not in a Work Group yet, so there is nothing to catch up on.')
    case 'not a participant':
      return textMessage(`Only participants of ${group} can catch up on its sessions.`)
    case 'no sessions yet':
      return textMessage(`No session of ${group} has finished yet, so there is nothing to catch up on.`)
  }
}

/** A date that names no session of the group, or could not be read. */
export function renderNoSessionOn(projectTitles: string[], date: { ok: true; date: string } | { ok: false; problem: string }, hint: string): Message {
  const groups = projectTitles.length === 1 ? `${userText(projectTitles[0]!)} session` : 'session of your Work Groups'
  const why = date.ok
    ? `There was no ${groups} on ${DateTime.fromISO(date.date).setLocale('en-GB').toFormat('cccc d LLLL yyyy')}.`
    : `I couldn’t read that date: ${userText(date.problem)}.`
  return textMessage(`${why} ${hint}`)
}

function readerLine(reader: Reader, when: string): string {
  switch (reader) {
    case 'absent':
      return `You missed this session on ${when}. Here is what it covered and what comes next.`
    case 'apologised':
      return `You sent apologies for this session on ${when}. Here is what it covered and what comes next.`
    case 'attended':
      return `You were at this session on ${when}; here is its catch-up anyway.`
    case 'lead':
      return `You lead this Work Group: this is the catch-up participants who missed the session on ${when} get.`
    case 'unknown':
      return `The session on ${when}: what it covered and what comes next.`
  }
}

function covered(session: Session): Field[] {
  const fields: Field[] = []
  if (session.title) fields.push({ label: 'What it covered', value: userText(truncate(session.title, 500)) })
  if (session.prepare) fields.push({ label: 'To read or watch', value: userText(truncate(session.prepare, 1900)) })
  if (session.gapTask) fields.push({ label: 'Gap task, before the next session', value: userText(truncate(session.gapTask, 1900)) })
  return fields
}

const withFields = (fields: Field[]): { fields?: Field[] } => (fields.length ? { fields } : {})

function rawSessionName(group: WorkGroup, session: Session): string {
  return session.title ? `${group.projectTitle}: ${session.title}` : `${group.projectTitle} session`
}

function sessionName(group: WorkGroup, session: Session): string {
  return userText(truncate(rawSessionName(group, session), 200))
}

/** Titles and URLs come from people: the title reads as typed, the URL cannot break out of the link. */
function link(title: string, url: string): string {
  return `[${userText(title)}](${linkTarget(url)})`
}

/** "a, b and c". */
function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}
