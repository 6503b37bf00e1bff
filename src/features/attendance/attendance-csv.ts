// The year's attendance as a spreadsheet: one row per person with their school (once anyone has
// given one) and the same totals as the view, then their mark at each session with a confirmed register (blank where they were not on it).
import { DateTime } from 'luxon'
import { csvFile } from '../../files/csv-write.js'
import type { AttendanceYear } from './attendance-year.js'
import { choiceLabel } from './register-marks.js'

export const ATTENDANCE_HEADER = ['Name', 'Attended', 'Apologised in time', 'Apologised late', 'Absent'] as const

/** `nameOf` gives each person's name as the Lead knows it ('' when the platform cannot say). */
export function attendanceCsv(year: AttendanceYear, zone: string, nameOf: (userId: string) => string): string {
  const sessionHeadings = year.registered.map((s) => {
    const when = DateTime.fromJSDate(s.startsAt, { zone }).toFormat('ccc d LLL yyyy HH:mm')
    return s.title ? `${when}: ${s.title}` : when
  })
  // A School column once anyone has given one.
  const withSchools = year.bySchool.length > 0
  const rows = year.people.map((p) => [
    nameOf(p.userId),
    ...(withSchools ? [p.school ?? ''] : []),
    String(p.totals.attended),
    String(p.totals.apologised),
    String(p.totals['apologised-late']),
    String(p.totals.absent),
    ...year.registered.map((s) => {
      const mark = p.marks.get(s.id)
      return mark ? choiceLabel(mark) : ''
    }),
  ])
  const [name, ...totals] = ATTENDANCE_HEADER
  return csvFile([[name, ...(withSchools ? ['School'] : []), ...totals, ...sessionHeadings], ...rows])
}
