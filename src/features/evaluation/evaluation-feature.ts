// `evaluation`: a hub administrator's view of the year across the hub's Work Groups, per
// project (compute-evaluation.ts says what is held back and why), and its spreadsheet for the
// hub's report to the national programme, sent privately. Only hub administrators get either;
// the button re-checks who clicks and that the hub is in their workspace, since button values
// come back from the client and can be forged.
import { DateTime } from 'luxon'
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { Actor } from '../../core/events.js'
import type { Logger } from '../../core/logger.js'
import { textMessage, userText } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { findHub, findWorkGroupByConversation, listHubs, listHubWorkGroups, listParticipantsOf, type WorkGroup } from '../../domain/work-groups.js'
import { computeEvaluation, type ProjectEvaluation } from './compute-evaluation.js'
import { matchProjects, readSchoolYear, schoolYearOf, takeHubName } from './evaluation-args.js'
import { evaluationCsv } from './evaluation-csv.js'
import { loadEvaluationRows } from './load-evaluation.js'
import { ACTION_SEND_EVALUATION, PROJECTS_SHOWN_AT_ONCE, readSpreadsheetValue, renderEvaluation, renderHubChoice, renderProjectChoice } from './render-evaluation.js'

export interface EvaluationDeps {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  isAdmin: AdminCheck
  /**
   * Writes a short summary of a project's answers, given only the answers an administrator may
   * read (never 'me' ones, never a small group's); undefined when it cannot. Optional: without
   * it, the keyword themes stand alone.
   */
  summarise?: (input: EvaluationSummaryInput) => Promise<string | undefined>
}

/** What a summary is written from: the answers' words, and every name it must never contain. */
export interface EvaluationSummaryInput {
  projectTitle: string
  texts: string[]
  /** Every participant's name in the project's groups: a summary naming one is not shown. */
  forbiddenNames: string[]
}

/** A year of a hub's answers can run to thousands; a summary is written from the first this many. */
const SUMMARY_TEXTS = 300

/** As for the Lead's summary: the view should not wait on a model for long. */
const SUMMARY_BUDGET_MS = 2_500

function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

export const EVALUATION_REFUSAL = 'Only hub administrators can see the hub’s evaluation across Work Groups; an administrator can make you one with “admins”.'

interface ProjectRef {
  projectId: string
  projectTitle: string
  groups: WorkGroup[]
}

function projectsOf(groups: readonly WorkGroup[]): ProjectRef[] {
  const byId = new Map<string, ProjectRef>()
  for (const g of groups) {
    const entry = byId.get(g.projectId) ?? { projectId: g.projectId, projectTitle: g.projectTitle, groups: [] }
    entry.groups.push(g)
    byId.set(g.projectId, entry)
  }
  return [...byId.values()].sort((a, b) => a.projectTitle.localeCompare(b.projectTitle, 'en-GB'))
}

export function createEvaluationFeature(deps: EvaluationDeps): Feature {
  const { db, clock, zone } = deps

  /** Computes the figures for these groups, with a summary per project when a model is set up. */
  async function evaluate(actor: Actor, groups: readonly WorkGroup[]): Promise<{ projects: ProjectEvaluation[]; summaries: Map<string, string> }> {
    const rows = await loadEvaluationRows(db, actor, groups, clock.now())
    const projects = computeEvaluation(rows)
    const summaries = new Map<string, string>()
    const summarise = deps.summarise
    const namesIn = (projectId: string) =>
      rows.groups.filter((g) => g.projectId === projectId).flatMap((g) => (rows.participants.get(g.id) ?? []).flatMap((p) => (p.name ? [p.name] : [])))
    if (summarise)
      // Side by side, and each within the budget: a slow model leaves the themes to stand alone.
      await Promise.all(
        projects.map(async (p) => {
          // As for themes: nothing is written from fewer than five people's readable answers.
          if (p.visibleTexts.length === 0 || !p.themes) return
          const input = { projectTitle: p.projectTitle, texts: p.visibleTexts.slice(0, SUMMARY_TEXTS), forbiddenNames: namesIn(p.projectId) }
          const summary = await withinBudget(summarise(input), SUMMARY_BUDGET_MS).catch((error) => deps.log.warn({ err: error }, 'evaluation summary failed'))
          if (summary) summaries.set(p.projectId, summary)
        }),
      )
    return { projects, summaries }
  }

  async function show(event: { actor: Actor; place: { conversationId: string } }, args: string, ctx: HandlerContext): Promise<void> {
    const say = (text: string) => answerPrivately(ctx.reply, textMessage(text))
    const year = readSchoolYear(args)
    if ('problem' in year) return say(year.problem)
    const hubs = await listHubs(db, event.actor)
    if (hubs.length === 0) return say(`There is no hub in this workspace yet, so nothing to evaluate. A hub comes with its first Work Group (${ctx.hint('setup')} in a channel), or create it now with ${ctx.hint('hub new <name>')}.`)
    const named = takeHubName(year.rest, hubs)
    let hub = named?.hub ?? (hubs.length === 1 ? hubs[0] : undefined)
    const words = named ? named.rest : year.rest
    if (!hub) {
      const here = await findWorkGroupByConversation(db, event.actor, event.place.conversationId)
      hub = hubs.find((h) => h.id === here?.hubId)
    }
    if (!hub) return answerPrivately(ctx.reply, renderHubChoice(hubs.map((h) => ({ name: h.name, command: `evaluation ${h.name} ${year.year ?? ''} ${words}`.replace(/\s+/g, ' ').trim() }))))

    const schoolYear = year.year ?? schoolYearOf(clock.now(), zone)
    const groups = await listHubWorkGroups(db, event.actor, hub.id, schoolYear)
    if (groups.length === 0) return say(`${userText(hub.name)} has no Work Groups in ${schoolYear}, so there is nothing to evaluate yet.`)
    const all = projectsOf(groups)
    const chosen = matchProjects(words, all)
    if (chosen.length === 0)
      return say(`${userText(hub.name)} has no project matching “${userText(words)}” in ${schoolYear}. Its projects are: ${all.map((p) => userText(p.projectTitle)).join('; ')}.`)
    if (chosen.length > PROJECTS_SHOWN_AT_ONCE) {
      const people = await listParticipantsOf(db, chosen.flatMap((p) => p.groups))
      const count = (p: ProjectRef) => new Set(p.groups.flatMap((g) => (people.get(g.id) ?? []).filter((x) => x.userId !== g.leadUserId).map((x) => x.userId))).size
      const prefix = hubs.length > 1 ? `${hub.name} ` : ''
      return answerPrivately(
        ctx.reply,
        renderProjectChoice(
          hub.name,
          schoolYear,
          chosen.map((p) => ({ projectTitle: p.projectTitle, groups: p.groups.length, participants: count(p), command: `evaluation ${prefix}${p.projectTitle} ${schoolYear}` })),
        ),
      )
    }
    const { projects, summaries } = await evaluate(event.actor, chosen.flatMap((p) => p.groups))
    deps.log.info({ hub: hub.id, schoolYear, projects: projects.length, groups: groups.length }, 'hub evaluation shown')
    await answerPrivately(
      ctx.reply,
      renderEvaluation({ hubId: hub.id, hubName: hub.name, schoolYear, groups: groups.length, projects, summaries, canSendFiles: ctx.reply.sendFilePrivately !== undefined }),
    )
  }

  return {
    name: 'evaluation',
    commands: {
      evaluation: async (event, args, ctx) => {
        if (!(await deps.isAdmin(event.actor))) return answerPrivately(ctx.reply, textMessage(EVALUATION_REFUSAL))
        await show(event, args, ctx)
      },
    },
    actions: {
      [ACTION_SEND_EVALUATION]: async (event, ctx) => {
        if (!(await deps.isAdmin(event.actor))) return answerPrivately(ctx.reply, textMessage(EVALUATION_REFUSAL))
        const value = readSpreadsheetValue(event.value)
        // The hub is looked up in the clicker's own workspace: another's id finds nothing.
        const hub = value && (await findHub(db, event.actor, value.hubId))
        if (!value || !hub) return answerPrivately(ctx.reply, textMessage('I can’t find that hub any more. Ask me for the evaluation again.'))
        if (!ctx.reply.sendFilePrivately) return answerPrivately(ctx.reply, textMessage('I can’t send files from here. Ask me in a direct message.'))
        const groups = (await listHubWorkGroups(db, event.actor, hub.id, value.schoolYear)).filter((g) => value.projectIds.length === 0 || value.projectIds.includes(g.projectId))
        const projects = computeEvaluation(await loadEvaluationRows(db, event.actor, groups, clock.now()))
        const day = DateTime.fromJSDate(clock.now(), { zone }).toISODate()
        const name = `evaluation-${value.schoolYear.replace('/', '-')}-${day}.csv`
        await ctx.reply.sendFilePrivately({
          name,
          mimeType: 'text/csv',
          content: Buffer.from(evaluationCsv(hub.name, value.schoolYear, projects), 'utf8'),
          comment: `${hub.name}’s evaluation for ${value.schoolYear}, as a spreadsheet.`,
        })
        deps.log.info({ hub: hub.id, schoolYear: value.schoolYear, projects: projects.length }, 'hub evaluation sent as a spreadsheet')
        await answerPrivately(ctx.reply, textMessage(`I’ve sent you ${name} in our direct chat.`))
      },
    },
    help: [
      {
        usage: 'evaluation',
        description: 'the hub’s year across its Work Groups: reflections, ratings and attendance by session and school, themes, and a spreadsheet (add words from a project’s title, or a year like 2026/27)',
        audience: 'admin',
      },
    ],
  }
}
