// The numbers a chart of the evaluation plots, per project: by session number, the share of
// marked people who attended and the mean rating. A figure held back (fewer than five people)
// is simply absent, so a chart can never draw what the message says "fewer than 5" for.
import type { ProjectEvaluation } from './compute-evaluation.js'

export interface ChartPoint {
  /** "Session 1". */
  label: string
  /** Attended of marked, 0 to 1. */
  turnout?: number
  /** Mean rating, 1 to 5. */
  rating?: number
}

export function evaluationChartSeries(project: ProjectEvaluation): ChartPoint[] {
  return project.sessions.map((cell) => ({
    label: `Session ${cell.number}`,
    ...(cell.attendance ? { turnout: Math.round((cell.attendance.count / cell.attendance.outOf) * 1000) / 1000 } : {}),
    ...(cell.ratings ? { rating: cell.ratings.mean } : {}),
  }))
}

/** One series per project, in the order the message shows them. */
export function evaluationCharts(projects: readonly ProjectEvaluation[]): { projectId: string; projectTitle: string; series: ChartPoint[] }[] {
  return projects.map((p) => ({ projectId: p.projectId, projectTitle: p.projectTitle, series: evaluationChartSeries(p) }))
}
