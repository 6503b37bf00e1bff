// `/workgroups attendance`: the year so far, one short line per person that reads on a phone,
// the sessions still waiting for a register (with a button to open each), and the spreadsheet.
import { DateTime } from 'luxon'
import type { Action, Block, Message, SessionChartPoint } from '../../core/messages.js'
import { truncate, userText } from '../../core/messages.js'
import type { Session } from '../../domain/sessions.js'
import { sessionShortLabel } from '../../domain/session-messages.js'
import type { WorkGroup } from '../../domain/work-groups.js'
import type { AttendanceYear, PersonYear, SchoolYear } from './attendance-year.js'
import type { Choice } from './register-marks.js'
import { ACTION_EDIT_SCHOOLS } from './schools-form.js'
import { textBlocks } from '../../core/text-blocks.js'
import { listed } from './text-blocks.js'

export const ACTION_SHOW_REGISTER = 'attendance.show-register'
export const ACTION_SEND_SPREADSHEET = 'attendance.send-spreadsheet'
/** Buttons for this many recent sessions: enough for a term, few enough for a phone. */
const RECENT_BUTTONS = 5
/** The chart shows this many latest sessions: more do not read on a phone. */
const CHART_SESSIONS = 12

/** "3 of 4 attended, 1 apologised late". */
function totalsText(totals: Record<Choice, number>): string {
  const { attended, apologised, 'apologised-late': late, absent } = totals
  const marked = attended + apologised + late + absent
  const rest = [apologised ? `${apologised} apologised in time` : '', late ? `${late} apologised late` : '', absent ? `${absent} absent` : ''].filter(Boolean)
  return marked === 0 ? 'not on a register yet' : `${attended} of ${marked} attended${rest.length ? `, ${rest.join(', ')}` : ''}`
}

/** "Alice Adams: 3 of 4 attended, 1 apologised late". */
const personLine = (p: PersonYear) => `${listed(p)}: ${totalsText(p.totals)}`

/** "**Oakfield Primary School** (Alice Adams, Ben Brown): 3 of 4 attended". */
const schoolLine = (s: SchoolYear) => `**${s.school ? userText(s.school) : 'School not given yet'}** (${s.people.map(listed).join(', ')}): ${totalsText(s.totals)}`

/**
 * Turnout (attended of those marked) and the average rating per registered session, as a
 * chart and in words beside it: the words are the chart's alt text and what shows where the
 * picture cannot. Only from two registers on: one session is a sentence, not a chart.
 */
function sessionChart(year: AttendanceYear, zone: string): Block[] {
  if (year.registered.length < 2) return []
  const shown = year.registered.slice(-CHART_SESSIONS)
  const rows = shown.map((session) => sessionFigures(session, year, zone))
  const words = `Turnout and rating by session${year.registered.length > shown.length ? ` (the latest ${shown.length})` : ''}: ${rows.map((r) => r.words).join('; ')}.`
  return [
    { type: 'chart', chart: { title: 'Turnout and average rating by session', points: rows.map((r) => r.point) }, alt: words },
    { type: 'context', text: words },
  ]
}

function sessionFigures(session: Session, year: AttendanceYear, zone: string): { point: SessionChartPoint; words: string } {
  let attended = 0
  let marked = 0
  for (const person of year.people) {
    const choice = person.marks.get(session.id)
    if (!choice) continue
    marked += 1
    if (choice === 'attended') attended += 1
  }
  const rating = year.ratings?.get(session.id)
  const label = DateTime.fromJSDate(session.startsAt, { zone }).toFormat('d LLL')
  const turnoutWords = marked ? `${attended} of ${marked} attended` : 'nobody on the register'
  const ratingWords = rating === undefined ? 'no ratings to show' : `rated ${rating.toFixed(1)} on average`
  return {
    point: { label, ...(marked ? { turnout: attended / marked } : {}), ...(rating !== undefined ? { rating } : {}) },
    words: `${label} ${turnoutWords}, ${ratingWords}`,
  }
}

export function renderAttendanceYear(group: WorkGroup, year: AttendanceYear, zone: string, canSendFiles: boolean): Message {
  const title = userText(group.projectTitle)
  const blocks: Block[] = [
    { type: 'header', text: `Attendance: ${userText(truncate(group.projectTitle, 135))}` },
    {
      type: 'context',
      text: `${userText(group.hubName)}, ${userText(group.schoolYear)}. ${year.registered.length} confirmed ${year.registered.length === 1 ? 'register' : 'registers'}${year.waiting.length ? `, ${year.waiting.length} waiting for you` : ''}.`,
    },
  ]
  blocks.push(...sessionChart(year, zone))
  if (year.registered.length === 0) blocks.push({ type: 'text', text: 'No register has been confirmed yet. Shortly after each session I send the Lead its register, pre-filled from people’s answers, to confirm in one tap.' })
  else {
    blocks.push(...textBlocks(year.people.map(personLine), '\n'))
    if (year.bySchool.length) blocks.push({ type: 'text', text: '**By school**' }, ...textBlocks(year.bySchool.map(schoolLine), '\n'))
  }
  if (year.waiting.length)
    blocks.push({ type: 'text', text: `**Waiting for a register:** ${year.waiting.map((s) => sessionShortLabel(s, zone)).join(', ')}` })

  // The latest sessions, newest first, so a register can be confirmed or corrected from here.
  const recent = [...year.registered, ...year.waiting].sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime()).slice(0, RECENT_BUTTONS)
  const actions: Action[] = recent.map((s) => ({ type: 'button', id: ACTION_SHOW_REGISTER, label: `Register: ${sessionShortLabel(s, zone)}`, value: s.id }))
  if (canSendFiles && year.registered.length) actions.push({ type: 'button', id: ACTION_SEND_SPREADSHEET, label: 'Send me the spreadsheet (CSV)', value: group.id })
  if (year.people.length) actions.push({ type: 'button', id: ACTION_EDIT_SCHOOLS, label: 'Fill in schools', value: group.id, opensForm: true })
  if (actions.length) blocks.push({ type: 'actions', actions })
  const text = `Attendance for ${title}: ${year.registered.length} confirmed registers, ${year.people.length} people.`
  return { text, blocks }
}
