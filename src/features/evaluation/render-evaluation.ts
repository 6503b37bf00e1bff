// `/workgroups evaluation`: the hub's year across its Work Groups, one project after another,
// in short lines that read on a phone and aloud (the chart, when there is one, shows the same
// numbers). A figure from fewer than five people reads "fewer than 5".
import { commandButton } from '../../core/bot.js'
import { textBlocks } from '../../core/text-blocks.js'
import { type Action, type Block, MESSAGE_LIMITS, type Message, truncate, userText } from '../../core/messages.js'
import { MIN_PEOPLE, type ProjectEvaluation, type Rate, type SchoolFigure, type SessionCell } from './compute-evaluation.js'
import { evaluationChartBlock } from './evaluation-chart.js'

export const ACTION_SEND_EVALUATION = 'evaluation.send-spreadsheet'
export const FEWER = `fewer than ${MIN_PEOPLE}`
/** More projects than this and the hub gets a list to choose from instead. */
export const PROJECTS_SHOWN_AT_ONCE = 3
/** Schools listed in the message; the spreadsheet has them all. */
const SCHOOLS_LISTED = 15
const BUTTONS_LISTED = 20

export interface EvaluationView {
  hubId: string
  hubName: string
  schoolYear: string
  /** The hub's Work Groups that year, all projects. */
  groups: number
  projects: ProjectEvaluation[]
  /** A model's summary of each project's readable answers, by project id, where there is one. */
  summaries?: ReadonlyMap<string, string>
  canSendFiles: boolean
}

const percent = (rate: Rate) => `${Math.round((rate.count / rate.outOf) * 100)}%`
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "144 of 180 reflected (80%)", or "reflected: fewer than 5". */
function responseText(cell: SessionCell): string {
  return cell.response ? `${cell.response.count} of ${cell.response.outOf} reflected (${percent(cell.response)})` : `reflected: ${FEWER}`
}

/** "rated 4.2 of 5 (57 gave 5, 60 gave 4, …)", highest first. */
function ratingText(cell: SessionCell): string {
  if (!cell.ratings) return `rating: ${FEWER}`
  const given = cell.ratings.counts.map((n, i) => `${n} gave ${i + 1}`).reverse()
  return `rated ${cell.ratings.mean.toFixed(1)} of 5 (${given.join(', ')})`
}

function attendanceText(rate: Rate | undefined): string {
  return rate ? `${rate.count} of ${rate.outOf} attended (${percent(rate)})` : `attendance: ${FEWER}`
}

/** "**Session 1** (12 groups): 144 of 180 reflected (80%); rated 4.2 of 5 (…); 160 of 174 attended (92%)". */
export function sessionLine(cell: SessionCell): string {
  return `**Session ${cell.number}** (${plural(cell.groups, 'group')}): ${responseText(cell)}; ${ratingText(cell)}; ${attendanceText(cell.attendance)}`
}

/** The pool of small schools and people who gave none, in words. */
export function poolName(pooled: { schools: number; withoutSchool: number }): string {
  const small = pooled.schools ? `${plural(pooled.schools, 'other school')}, each with fewer than ${MIN_PEOPLE} people` : ''
  const none = pooled.withoutSchool ? 'school not given' : ''
  const both = [small, none].filter(Boolean).join('; ')
  return both.charAt(0).toUpperCase() + both.slice(1)
}

function schoolLine(s: SchoolFigure): string {
  const name = s.pooled ? poolName(s.pooled) : userText(truncate(s.school ?? '', 80))
  return `**${name}** (${plural(s.people, 'person', 'people')}): ${attendanceText(s.attendance)}`
}

function themesText(project: ProjectEvaluation): string {
  if (!project.themes) return `**Themes:** ${FEWER} people’s answers can be read yet.`
  if (project.themes.length === 0) return '**Themes:** nothing several people wrote about yet.'
  return `**Themes:** ${project.themes.map((t) => `${userText(t.phrase)} (${t.count})`).join(', ')}`
}

export function projectBlocks(project: ProjectEvaluation, summary?: string): Block[] {
  const blocks: Block[] = [
    { type: 'divider' },
    { type: 'text', text: `**${userText(truncate(project.projectTitle, 150))}**\n${plural(project.groups, 'Work Group')}, ${plural(project.participants, 'participant')}.` },
  ]
  if (project.sessions.length === 0) blocks.push({ type: 'text', text: 'No session has taken place yet.' })
  else blocks.push(...evaluationChartBlock(project), ...textBlocks(project.sessions.map(sessionLine), '\n'))
  const listed = project.schools.slice(0, SCHOOLS_LISTED).map(schoolLine)
  if (project.schools.length > SCHOOLS_LISTED) listed.push(`and ${project.schools.length - SCHOOLS_LISTED} more schools in the spreadsheet.`)
  if (project.schools.length > 0) blocks.push(...textBlocks(['**Attendance by school**', ...listed], '\n'))
  else blocks.push({ type: 'text', text: `**Attendance by school:** ${project.attendanceLeftOut > 0 ? FEWER : 'no confirmed register yet'}.` })
  blocks.push({ type: 'text', text: themesText(project) })
  if (summary) blocks.push({ type: 'text', text: `**Summary (written by an AI model from the readable answers):** ${userText(truncate(summary, 1500))}` })
  const leftOut = [
    project.answersLeftOut ? `${plural(project.answersLeftOut, 'reflection')} kept private, held back as anonymous, or from a group’s session with fewer than ${MIN_PEOPLE} readable answers` : '',
    project.attendanceLeftOut ? `${plural(project.attendanceLeftOut, 'person’s', 'people’s')} attendance, from a small school or register` : '',
  ].filter(Boolean)
  if (leftOut.length) blocks.push({ type: 'context', text: `Not in these figures, to keep people unidentifiable: ${leftOut.join('; ')}.` })
  return blocks
}

export function renderEvaluation(view: EvaluationView): Message {
  const hub = userText(view.hubName)
  const blocks: Block[] = [
    { type: 'header', text: `Evaluation: ${userText(truncate(view.hubName, 120))}, ${view.schoolYear}` },
    {
      type: 'context',
      text: `${plural(view.groups, 'Work Group')} in ${hub}, ${view.schoolYear}. By session: each group’s 1st, 2nd, … session that took place. No figure is shown from fewer than ${MIN_PEOPLE} people; it says “${FEWER}” instead.`,
    },
    ...view.projects.flatMap((p) => projectBlocks(p, view.summaries?.get(p.projectId))),
  ]
  if (view.canSendFiles && view.projects.length > 0)
    blocks.push({ type: 'actions', actions: [{ type: 'button', id: ACTION_SEND_EVALUATION, label: 'Send me the spreadsheet (CSV)', value: spreadsheetValue(view) }] })
  const text = `Evaluation for ${hub}, ${view.schoolYear}: ${view.projects.map((p) => userText(p.projectTitle)).join(', ') || 'no projects'}.`
  return { text, blocks: blocks.slice(0, MESSAGE_LIMITS.blocks) }
}

/** What the spreadsheet button carries: which hub, year and projects (checked again on the click). */
export function spreadsheetValue(view: { hubId: string; schoolYear: string; projects: readonly { projectId: string }[] }): string {
  return truncate(`${view.hubId}|${view.schoolYear}|${view.projects.map((p) => p.projectId).join(',')}`, MESSAGE_LIMITS.buttonValueLength)
}

export function readSpreadsheetValue(value: string): { hubId: string; schoolYear: string; projectIds: string[] } | undefined {
  const [hubId, schoolYear, projects] = value.split('|')
  if (!hubId || !schoolYear || projects === undefined || !/^[0-9a-f-]{36}$/i.test(hubId)) return undefined
  return { hubId, schoolYear, projectIds: projects.split(',').filter(Boolean) }
}

/** Many projects: one line each and a button to see one. `command` is what each button runs. */
export function renderProjectChoice(hubName: string, schoolYear: string, projects: readonly { projectTitle: string; groups: number; participants: number; command: string }[]): Message {
  const lines = projects.map((p) => `**${userText(truncate(p.projectTitle, 150))}**: ${plural(p.groups, 'Work Group')}, ${plural(p.participants, 'participant')}`)
  const buttons: Action[] = projects.slice(0, BUTTONS_LISTED).map((p) => commandButton(truncate(p.projectTitle, MESSAGE_LIMITS.buttonLabelLength), p.command))
  const rows: Block[] = []
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: 'actions', actions: buttons.slice(i, i + 5) })
  const intro = `${userText(hubName)} has ${plural(projects.length, 'project')} in ${schoolYear}. Choose one to see its evaluation, or name it: evaluation followed by words from its title.`
  return { text: intro, blocks: [{ type: 'text', text: intro }, ...textBlocks(lines, '\n'), ...rows] }
}

/** Several hubs in the workspace and nothing to tell which: one button per hub. */
export function renderHubChoice(hubs: readonly { name: string; command: string }[]): Message {
  const intro = `This workspace has ${plural(hubs.length, 'hub')}. Which hub’s evaluation would you like? You can also name it after evaluation.`
  const buttons: Action[] = hubs.slice(0, BUTTONS_LISTED).map((h) => commandButton(truncate(h.name, MESSAGE_LIMITS.buttonLabelLength), h.command))
  const rows: Block[] = []
  for (let i = 0; i < buttons.length; i += 5) rows.push({ type: 'actions', actions: buttons.slice(i, i + 5) })
  return { text: intro, blocks: [{ type: 'text', text: intro }, ...rows] }
}

