// The evaluation as a spreadsheet for the hub's report to the national programme: the same
// figures as the message, with the same ones held back ("fewer than 5"), in three tables one
// after another: by session number, attendance by school, and themes.
import { csvFile } from '../../files/csv-write.js'
import { MIN_PEOPLE, type ProjectEvaluation, type Rate } from './compute-evaluation.js'
import { FEWER, poolName } from './render-evaluation.js'

const NOTE = `No figure is given from fewer than ${MIN_PEOPLE} people: it reads "${FEWER}" instead.`

const share = (rate: Rate | undefined) => (rate ? (rate.count / rate.outOf).toFixed(3) : FEWER)

export function evaluationCsv(hubName: string, schoolYear: string, projects: readonly ProjectEvaluation[]): string {
  const rows: string[][] = [['Evaluation', hubName, schoolYear, NOTE], []]
  rows.push(['Project', 'Session', 'Work Groups', 'Expected', 'Reflected', 'Response rate', 'Rated 1', 'Rated 2', 'Rated 3', 'Rated 4', 'Rated 5', 'Mean rating', 'Marked', 'Attended', 'Attendance rate'])
  for (const p of projects)
    for (const cell of p.sessions) {
      const ratings = cell.ratings ? [...cell.ratings.counts.map(String), cell.ratings.mean.toFixed(1)] : Array<string>(6).fill(FEWER)
      rows.push([
        p.projectTitle,
        String(cell.number),
        String(cell.groups),
        cell.response ? String(cell.response.outOf) : FEWER,
        cell.response ? String(cell.response.count) : FEWER,
        share(cell.response),
        ...ratings,
        cell.attendance ? String(cell.attendance.outOf) : FEWER,
        cell.attendance ? String(cell.attendance.count) : FEWER,
        share(cell.attendance),
      ])
    }
  rows.push([], ['Project', 'School', 'People', 'Marked', 'Attended', 'Attendance rate'])
  for (const p of projects)
    for (const s of p.schools)
      rows.push([
        p.projectTitle,
        s.pooled ? poolName(s.pooled) : (s.school ?? ''),
        String(s.people),
        String(s.attendance.outOf),
        String(s.attendance.count),
        share(s.attendance),
      ])
  rows.push([], ['Project', 'Theme', 'Answers'])
  for (const p of projects) {
    if (!p.themes) rows.push([p.projectTitle, FEWER, ''])
    else for (const t of p.themes) rows.push([p.projectTitle, t.phrase, String(t.count)])
  }
  return csvFile(rows)
}
