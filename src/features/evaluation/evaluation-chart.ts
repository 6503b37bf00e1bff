// The numbers a chart of the evaluation plots, per project: by session number, the share of
// marked people who attended and the mean rating. A figure held back (fewer than five people)
// is simply absent, so a chart can never draw what the message says "fewer than 5" for.
import type { Block, SessionChartPoint } from '../../core/messages.js'
import type { ProjectEvaluation } from './compute-evaluation.js'

/** The chart shows this many session numbers: more do not read on a phone. */
const CHART_SESSIONS = 12

export function evaluationChartSeries(project: ProjectEvaluation): SessionChartPoint[] {
  return project.sessions.map((cell) => ({
    label: `Session ${cell.number}`,
    ...(cell.attendance ? { turnout: Math.round((cell.attendance.count / cell.attendance.outOf) * 1000) / 1000 } : {}),
    ...(cell.ratings ? { rating: cell.ratings.mean } : {}),
  }))
}

/**
 * The project's chart, with its numbers in words as the alt text (the session lines beside it say
 * the same at length). Only when two or more session numbers have a figure to draw: one is a
 * sentence, not a chart, and a chart of figures all held back would be an empty frame.
 */
export function evaluationChartBlock(project: ProjectEvaluation): Block[] {
  const points = evaluationChartSeries(project).slice(0, CHART_SESSIONS)
  const drawn = points.filter((p) => p.turnout !== undefined || p.rating !== undefined)
  if (drawn.length < 2) return []
  const words = points.map((p) => `${p.label}: ${p.turnout === undefined ? 'turnout fewer than 5' : `${Math.round(p.turnout * 100)}% attended`}, ${p.rating === undefined ? 'rating fewer than 5' : `rated ${p.rating.toFixed(1)}`}`)
  return [{ type: 'chart', chart: { title: `Turnout and average rating by session number`, points }, alt: `Turnout and average rating by session number. ${words.join('; ')}.` }]
}
