// What a hub administrator sees when keeping a hub in chat: the workspace's hubs with their
// settings, the settings form, and a term-dates file's report, preview and outcome. Worded for
// the hub staff who run the bot, on a phone: one short line per setting, saying what it does.
import type { Form } from '../../core/forms.js'
import { type Action, type Block, type Message, textMessage, userText } from '../../core/messages.js'
import { spanOf, type StoredHoliday } from './holiday-store.js'
import { shortDate } from './hub-reports.js'
import { describeQuietHours, type HubSettings, MAX_NOTICE_HOURS } from './hub-settings.js'
import type { HolidayInput } from './parse-term-dates.js'

export const FORM_HUB_SETTINGS = 'hubs.settings'
export const ACTION_HUB_SETTINGS = 'hubs.open-settings'
export const ACTION_IMPORT_TERM_DATES = 'hubs.import-term-dates'
export const ACTION_CANCEL_TERM_DATES = 'hubs.cancel-term-dates'
/** A hub name as the Work Group form takes it. */
export const HUB_NAME_MAX = 80
/** Holidays listed in a preview; a longer file is summarised past these. */
const LISTED_HOLIDAYS = 15

export interface HubOverview {
  id: string
  name: string
  settings: HubSettings
  holidays: readonly StoredHoliday[]
  workGroups: number
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

function holidaySpan(h: { startsOn: string; endsOn: string }): string {
  return h.startsOn === h.endsOn ? shortDate(h.startsOn) : `${shortDate(h.startsOn)} to ${shortDate(h.endsOn)}`
}

/** The lines describing one hub's settings, each with what it does. */
export function settingsLines(settings: HubSettings, holidays: readonly StoredHoliday[]): string[] {
  const quiet = describeQuietHours(settings.quiet)
  const span = holidays.length ? spanOf(holidays) : undefined
  return [
    `Apologies: less than ${plural(settings.noticeHours, 'hour')} before a session are flagged as late.`,
    quiet === 'none'
      ? 'Quiet hours: none; reminders to people directly go at any time.'
      : `Quiet hours: ${quiet}${settings.quiet.weekends ? ' and weekends' : ''}; reminders to people directly wait until they end.`,
    span ? `School holidays: ${holidays.length}, ${shortDate(span.from)} to ${shortDate(span.to)}; no reminders on those days.` : 'School holidays: none yet.',
  ]
}

/** `hub`: every hub in the workspace, with a button to change each one's settings. */
export function renderHubs(hubs: readonly HubOverview[], hint: (args: string) => string): Message {
  if (hubs.length === 0)
    return textMessage(
      `No Maths Hub is set up here yet. Create one with ${hint('hub new Matrix Maths Hub')} (your hub’s name), or it is created when a Lead sets up the first Work Group.`,
    )
  const blocks: Block[] = [{ type: 'header', text: hubs.length === 1 ? 'Your Maths Hub' : 'Maths Hubs here' }]
  for (const hub of hubs) {
    blocks.push({ type: 'text', text: [`**${userText(hub.name)}** · ${plural(hub.workGroups, 'Work Group')}`, ...settingsLines(hub.settings, hub.holidays)].join('\n') })
    blocks.push({ type: 'actions', actions: [{ type: 'button', id: ACTION_HUB_SETTINGS, label: hubs.length === 1 ? 'Change settings' : `Change ${hub.name}`.slice(0, 75), value: hub.id, opensForm: true }] })
  }
  blocks.push({ type: 'context', text: `To add school holidays, send me the term dates (.csv or .ics) in our direct chat. Another hub: ${hint('hub new <name>')}.` })
  return { text: `${plural(hubs.length, 'Maths Hub')} here: ${hubs.map((h) => userText(h.name)).join(', ')}.`, blocks }
}

export function hubCreated(name: string, settings: HubSettings, created: boolean): Message {
  const head = created ? `Created ${userText(name)}.` : `${userText(name)} is already set up here.`
  const text = [head, ...settingsLines(settings, []), 'Leads who set up a Work Group and name this hub join it; send me its term dates (.csv or .ics) in our direct chat.'].join('\n')
  return textMessage(text)
}

export const NAME_NEEDED = (hint: (args: string) => string) => textMessage(`Say the hub’s name, like ${hint('hub new Matrix Maths Hub')}.`)
export const NAME_TOO_LONG = textMessage(`A hub’s name can be at most ${HUB_NAME_MAX} characters.`)

/** The form changing one hub's settings; `state` names the hub and the settings it showed. */
export function hubSettingsForm(hub: { id: string; name: string }, settings: HubSettings, stamp: string): Form {
  const quiet = describeQuietHours(settings.quiet)
  return {
    id: FORM_HUB_SETTINGS,
    title: 'Hub settings',
    submitLabel: 'Save',
    intro: `${hub.name}: these apply to every Work Group of the hub.`,
    state: `${hub.id}|${stamp}`,
    fields: [
      {
        type: 'number',
        id: 'notice',
        label: 'Notice for apologies (hours)',
        required: true,
        min: 0,
        max: MAX_NOTICE_HOURS,
        initial: settings.noticeHours,
        hint: 'An apology given later than this before a session is flagged as late to the Work Group Lead.',
      },
      {
        type: 'text',
        id: 'quiet',
        label: 'Quiet hours',
        required: true,
        maxLength: 20,
        initial: quiet === 'none' ? 'none' : `${settings.quiet.start}-${settings.quiet.end}`,
        placeholder: '21:00-07:00',
        hint: 'Reminders to people directly wait until these end. Two 24-hour times, or “none”.',
      },
      {
        type: 'select',
        id: 'weekends',
        label: 'Quiet at weekends too',
        required: true,
        initial: settings.quiet.weekends ? 'yes' : 'no',
        options: [
          { value: 'yes', label: 'Yes: those reminders wait until Monday' },
          { value: 'no', label: 'No: they go at weekends too' },
        ],
      },
    ],
  }
}

export const QUIET_HOURS_PROBLEM = 'Write two 24-hour times, when quiet hours start and end, like 21:00-07:00, or “none”.'
export const SETTINGS_CHANGED_SINCE = 'This hub’s settings changed after you opened the form, so nothing was saved. Open it again to see them as they are now.'

export function settingsSaved(name: string, changes: readonly string[]): string {
  return changes.length ? `Saved for ${userText(name)}: ${changes.join('; ')}.` : `Nothing changed: ${userText(name)} already had those settings.`
}

/** Every problem by line and field; nothing was stored. */
export function termDatesProblems(fileName: string, problems: readonly string[]): Message {
  const head = `Nothing was imported from “${userText(fileName)}”.`
  const fix = problems.length === 1 ? 'Fix this and send it again:' : `Fix these ${problems.length} problems and send it again:`
  const shown = problems.slice(0, 20).map((p) => `• ${userText(p)}`)
  if (problems.length > 20) shown.push(`…and ${problems.length - 20} more.`)
  return { text: `${head} ${fix}`, blocks: [{ type: 'text', text: `${head} ${fix}` }, { type: 'text', text: shown.join('\n') }] }
}

export interface TermDatesPreview {
  fileName: string
  holidays: readonly HolidayInput[]
  hubs: readonly { id: string; name: string; replacing: number; confirmValue: string }[]
  cancelValue: string
}

/** What the file holds and what importing it replaces, with one Import button per hub. */
export function termDatesPreview(preview: TermDatesPreview): Message {
  const { from, to } = spanOf(preview.holidays)
  const summary = `“${userText(preview.fileName)}” has ${plural(preview.holidays.length, 'holiday')}, ${shortDate(from)} to ${shortDate(to)}:`
  const listed = preview.holidays.slice(0, LISTED_HOLIDAYS).map((h) => `• ${holidaySpan(h)}${h.label ? ` · ${userText(h.label)}` : ''}`)
  if (preview.holidays.length > LISTED_HOLIDAYS) listed.push(`…and ${preview.holidays.length - LISTED_HOLIDAYS} more.`)
  const replacing = preview.hubs.map((h) =>
    h.replacing ? `It replaces the ${plural(h.replacing, 'holiday')} ${userText(h.name)} has in those dates; the others are kept.` : `${userText(h.name)} has no holidays in those dates yet.`,
  )
  const actions: Action[] = preview.hubs.map((h) => ({
    type: 'button',
    id: ACTION_IMPORT_TERM_DATES,
    label: preview.hubs.length === 1 ? 'Import them' : `Import for ${h.name}`.slice(0, 75),
    value: h.confirmValue,
    style: 'primary',
  }))
  actions.push({ type: 'button', id: ACTION_CANCEL_TERM_DATES, label: 'Cancel', value: preview.cancelValue })
  return {
    text: `${summary} import them?`,
    blocks: [
      { type: 'header', text: 'Term dates' },
      { type: 'text', text: summary },
      { type: 'text', text: listed.join('\n') },
      { type: 'text', text: `${replacing.join(' ')} No reminders are sent for sessions on these days.` },
      { type: 'actions', actions },
    ],
  }
}

export function termDatesImported(hubName: string, count: number, replaced: number): Message {
  return textMessage(
    `Imported ${plural(count, 'holiday')} for ${userText(hubName)}${replaced ? `, replacing ${replaced}` : ''}. No reminders are sent for sessions on those days.`,
  )
}

export const NO_HUB_FOR_TERM_DATES = (hint: (args: string) => string) =>
  textMessage(`These look like term dates, but no Maths Hub is set up here yet. Create it with ${hint('hub new <name>')}, then send the file again.`)
export const TERM_DATES_CANCELLED = textMessage('Cancelled: nothing was imported.')
export const TERM_DATES_GONE = textMessage('Nothing is waiting to be imported: it was imported or cancelled already, or was sent over 30 minutes ago. Send the file again.')
export const TERM_DATES_CHANGED = textMessage('The hub’s holidays changed since this preview, so nothing was imported. Send the file again to see what it would change now.')
export const TERM_DATES_NOT_YOURS = textMessage('This preview is for the administrator who sent the file; send the file yourself to import it.')
