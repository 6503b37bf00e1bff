// The same `/workgroups secondary` answer on Slack and Teams: the same projects, grouped the
// same way (teachers' projects first), with the same lines, and behind each group's details
// button the same facts, as the catalogue holds them.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadCurrentCatalogue } from '../../src/domain/catalogue-store.js'
import { groupOf } from '../../src/features/catalogue/phase-list.js'
import { projectsForPhases } from '../../src/features/catalogue/render-catalogue.js'
import { blockActionsPayload, slashCommandFields } from '../fixtures/slack-payloads.js'
import { adaptiveCardActionInvoke, personalMessage } from '../fixtures/teams-activities.js'
import { cardActions, cardOf, slackProjectTitles, teamsProjectTitles } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { interaction, postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let bot: TestBot
beforeAll(async () => {
  bot = await startTestBot()
})
afterAll(async () => {
  await bot?.stop()
})

/** Text without its emphasis, as both platforms show it. */
const plain = (text: string) => text.replace(/[*_]/g, '')
const slackEntries = (blocks: any[]) => blocks.filter((b: any) => b.type === 'section').map((b: any) => plain(b.text.text).split('\n'))
const teamsEntries = (card: any) =>
  card.body.filter((c: any) => c.type === 'Container').map((c: any) => c.items.filter((i: any) => i.type === 'TextBlock').map((i: any) => plain(i.text)))
const slackFacts = (blocks: any[]) => blocks.filter((b: any) => b.fields).map((b: any) => b.fields.map((f: any) => f.text.replace(/^\*([^*]+)\*\n/, '$1: ')))
const teamsFacts = (card: any) =>
  card.body.filter((c: any) => c.type === 'Container' && c.items.some((i: any) => i.type === 'FactSet')).map((c: any) => c.items.find((i: any) => i.type === 'FactSet').facts.map((f: any) => `${f.title}: ${f.value}`))

it('lists the same secondary projects, grouped the same way, with the same details, on both platforms', async () => {
  const catalogue = await loadCurrentCatalogue(bot.db)
  const secondary = projectsForPhases(catalogue!, ['secondary'])
  expect(secondary.length).toBeGreaterThan(10)
  const teachersFirst = [...secondary.filter((p) => groupOf(p) === 'teachers'), ...secondary.filter((p) => groupOf(p) === 'leaders')].map((p) => p.title)

  const slack = await postToSlackEndpoint(bot.url, slashCommand({ ...slashCommandFields, command: '/workgroups', text: 'secondary' }))
  await postActivity(bot.url, { ...personalMessage, id: 'parity-1', text: 'workgroups secondary', serviceUrl: `${bot.connector.url}/` })
  const card = cardOf(bot.connector.sent().at(-1))

  const slackList = slackEntries(slack.json.blocks)
  expect(teamsEntries(card)).toEqual(slackList)
  expect(slackList.map((lines: string[]) => lines[0] ?? '').filter((line) => !line.startsWith('For ')).map((line) => line.replace(/ · New this year$/, ''))).toEqual(teachersFirst)

  // Behind each group's button, the same projects in full with the same facts.
  const inFull: string[] = []
  for (const group of ['teachers', 'leaders']) {
    const path = `parity-${group}`
    await postToSlackEndpoint(
      bot.url,
      interaction({ ...blockActionsPayload, trigger_id: `parity.${group}`, response_url: bot.slackApi.responseUrl(path), actions: [{ ...blockActionsPayload.actions[0], action_id: 'catalogue.details#0', value: `secondary|${group}` }] }),
    )
    const slackDetails = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/${path}`))?.body)
    const button = cardActions(card).find((a) => a.data.mhb_value === `secondary|${group}`)
    const teams = await postActivity(bot.url, {
      ...adaptiveCardActionInvoke,
      id: `parity-${group}`,
      serviceUrl: `${bot.connector.url}/`,
      value: { action: { type: 'Action.Execute', verb: button.verb, data: button.data }, trigger: 'manual' },
    })
    const teamsDetails = teams.body.value
    expect(teamsProjectTitles(teamsDetails)).toEqual(slackProjectTitles(slackDetails.blocks))
    expect(teamsFacts(teamsDetails)).toEqual(slackFacts(slackDetails.blocks))
    inFull.push(...slackProjectTitles(slackDetails.blocks))
  }
  expect(inFull).toEqual(teachersFirst)
})
