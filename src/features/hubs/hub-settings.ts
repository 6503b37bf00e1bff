// The settings hub staff may change from the command line, read from what they type and
// checked before anything is stored, so a typo is refused with a sentence rather than
// quietly becoming a hub's notice period or quiet hours.
import type { QuietHours } from '../../domain/reminder-times.js'

/** How a hub's reminders and apologies behave. */
export interface HubSettings {
  /** Apologies later than this many hours before a session are flagged to the Work Group Lead. */
  noticeHours: number
  quiet: QuietHours
}

/** The settings to change; an absent one is left as it is. */
export interface HubSettingsChange {
  noticeHours?: number
  quietHours?: { start: string; end: string }
  quietWeekends?: boolean
}

/** Two weeks: longer than any hub's notice for a missed place. */
export const MAX_NOTICE_HOURS = 336

export type Reading<T> = { ok: true; value: T } | { ok: false; problem: string }

export function readNoticeHours(text: string): Reading<number> {
  const trimmed = text.trim()
  const hours = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
  if (Number.isInteger(hours) && hours <= MAX_NOTICE_HOURS) return { ok: true, value: hours }
  return {
    ok: false,
    problem: `--notice-hours must be a whole number of hours from 0 to ${MAX_NOTICE_HOURS} (two weeks), like 48; "${trimmed}" is not.`,
  }
}

/** "21:00-07:00" (across midnight is fine), or "none"; equal times also mean no quiet hours. */
export function readQuietHours(text: string): Reading<{ start: string; end: string }> {
  const trimmed = text.trim()
  if (/^(?:none|off|no)$/i.test(trimmed)) return { ok: true, value: { start: '00:00', end: '00:00' } }
  const match = /^(\d{1,2}):(\d{2})\s*(?:-|–|to)\s*(\d{1,2}):(\d{2})$/i.exec(trimmed)
  const start = match ? clock(match[1]!, match[2]!) : undefined
  const end = match ? clock(match[3]!, match[4]!) : undefined
  if (start !== undefined && end !== undefined) return { ok: true, value: { start, end } }
  return {
    ok: false,
    problem: `--quiet must be two 24-hour times, when quiet hours start and when they end, like 21:00-07:00 (or "none"); "${trimmed}" is not.`,
  }
}

function clock(hours: string, minutes: string): string | undefined {
  const [h, m] = [Number(hours), Number(minutes)]
  return h <= 23 && m <= 59 ? `${String(h).padStart(2, '0')}:${minutes}` : undefined
}

export function readYesNo(text: string, option: string): Reading<boolean> {
  const word = text.trim().toLowerCase()
  if (['yes', 'y', 'true', 'on'].includes(word)) return { ok: true, value: true }
  if (['no', 'n', 'false', 'off'].includes(word)) return { ok: true, value: false }
  return { ok: false, problem: `${option} must be yes or no; "${text.trim()}" is neither.` }
}

/** "21:00 to 07:00", or "none" when start and end are equal (the reminder planner's rule). */
export function describeQuietHours(quiet: { start: string; end: string }): string {
  return quiet.start === quiet.end ? 'none' : `${quiet.start} to ${quiet.end}`
}

/** Each setting that differs, as "notice hours 48 → 72". */
export function describeChanges(before: HubSettings, after: HubSettings): string[] {
  const changes: string[] = []
  if (before.noticeHours !== after.noticeHours) changes.push(`notice hours ${before.noticeHours} → ${after.noticeHours}`)
  if (describeQuietHours(before.quiet) !== describeQuietHours(after.quiet)) {
    changes.push(`quiet hours ${describeQuietHours(before.quiet)} → ${describeQuietHours(after.quiet)}`)
  }
  if (before.quiet.weekends !== after.quiet.weekends) {
    changes.push(`quiet weekends ${yesNo(before.quiet.weekends)} → ${yesNo(after.quiet.weekends)}`)
  }
  return changes
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no'
}
