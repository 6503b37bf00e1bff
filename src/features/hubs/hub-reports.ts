// What the hub commands print: plain sentences for the school IT staff and hub administrators
// who run them, kept apart from the scripts so that the wording is tested without a database.
import { DateTime } from 'luxon'
import type { HubRecord, ReplacedHolidays, StoredHoliday } from './holiday-store.js'
import { spanOf } from './holiday-store.js'
import { describeWorkspace } from './hub-names.js'
import { describeChanges, describeQuietHours, type HubSettings, yesNo } from './hub-settings.js'
import type { HolidayInput } from './parse-term-dates.js'

/** "Mon 26 Oct 2026": short, and with the weekday so that a wrong date stands out. */
export function shortDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setLocale('en-GB').toFormat('ccc d LLL yyyy')
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** The lines reporting an import: the headline, each holiday, and which workspaces it went to. */
export function describeImport(
  hubs: readonly HubRecord[],
  holidays: readonly HolidayInput[],
  replaced: readonly ReplacedHolidays[],
  ignoredColumns: readonly string[] = [],
): string[] {
  const { from, to } = spanOf(holidays)
  const lines = [`Imported ${plural(holidays.length, 'holiday')} for ${hubs[0]!.name} (${from} to ${to})${describeReplaced(hubs, replaced)}.`]
  const width = Math.max(...holidays.map((h) => holidayDates(h).length)) + 3
  for (const h of holidays) lines.push(`  ${holidayDates(h).padEnd(width)}${h.label ?? ''}`.trimEnd())
  if (hubs.length > 1) {
    lines.push(`${hubs[0]!.name} is set up in ${hubs.length} workspaces (${hubs.map(describeWorkspace).join(', ')}); the holidays apply to all of them.`)
  }
  lines.push(`Holidays before ${from} or after ${to} were kept. No reminders are sent for sessions on these days.`)
  if (ignoredColumns.length > 0) {
    lines.push(`Ignored ${ignoredColumns.map((c) => `"${c}"`).join(', ')}: only the start, end and name columns are read.`)
  }
  return lines
}

function describeReplaced(hubs: readonly HubRecord[], replaced: readonly ReplacedHolidays[]): string {
  const counts = hubs.map((hub) => replaced.find((r) => r.hubId === hub.id)?.replaced ?? 0)
  if (counts.every((c) => c === 0)) return ''
  if (counts.every((c) => c === counts[0])) return `, replacing ${counts[0]}${hubs.length > 1 ? ' in each workspace' : ''}`
  const each = hubs.map((hub, i) => `${counts[i]} in ${describeWorkspace(hub)}`)
  return `, replacing ${each.slice(0, -1).join(', ')} and ${each.at(-1)}`
}

function holidayDates(h: { startsOn: string; endsOn: string }): string {
  return h.startsOn === h.endsOn ? shortDate(h.startsOn) : `${shortDate(h.startsOn)} to ${shortDate(h.endsOn)}`
}

/** The lines showing one hub's settings, with what each one does. */
export function describeHubSettings(hub: HubRecord, settings: HubSettings, holidays: readonly StoredHoliday[]): string[] {
  const quiet = describeQuietHours(settings.quiet)
  return [
    `${hub.name} (${describeWorkspace(hub)}):`,
    `  notice hours:    ${settings.noticeHours} (an apology given less than ${plural(settings.noticeHours, 'hour')} before a session is flagged to the Work Group Lead)`,
    `  quiet hours:     ${quiet} (${quiet === 'none' ? 'reminders sent to people directly go out at any time of day' : 'reminders sent to people directly wait until quiet hours end'})`,
    `  quiet weekends:  ${yesNo(settings.quiet.weekends)} (${settings.quiet.weekends ? 'those reminders wait until Monday' : 'those reminders go out at weekends too'})`,
    `  school holidays: ${describeHolidays(hub, holidays)}`,
  ]
}

function describeHolidays(hub: HubRecord, holidays: readonly StoredHoliday[]): string {
  if (holidays.length === 0) return `none yet (import them with npm run term-dates:import -- --hub "${hub.name}" <file>)`
  const { from, to } = spanOf(holidays)
  return `${holidays.length}, from ${shortDate(from)} to ${shortDate(to)} (no reminders for sessions on those days)`
}

/** One line per hub saying what changed, or that it already had those settings. */
export function describeSettingsChange(hub: HubRecord, before: HubSettings, after: HubSettings): string {
  const changes = describeChanges(before, after)
  return changes.length > 0
    ? `Changed ${hub.name} (${describeWorkspace(hub)}): ${changes.join('; ')}.`
    : `No change for ${hub.name} (${describeWorkspace(hub)}): it already had those settings.`
}
