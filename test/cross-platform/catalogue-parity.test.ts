// The same `/workgroups secondary` answer on Slack and Teams: the same projects, in the same
// order, with the same details, as the catalogue holds them.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadCurrentCatalogue } from '../../src/domain/catalogue-store.js'
import { projectsForPhases } from '../../src/features/catalogue/render-catalogue.js'
import { slashCommandFields } from '../fixtures/slack-payloads.js'
import { personalMessage } from '../fixtures/teams-activities.js'
import { cardOf, slackProjectTitles, teamsProjectTitles } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let bot: TestBot
beforeAll(async () => {
  bot = await startTestBot()
})
afterAll(async () => {
  await bot?.stop()
})

it('lists the same secondary projects with the same details on both platforms', async () => {
  const catalogue = await loadCurrentCatalogue(bot.db)
  const expected = projectsForPhases(catalogue!, ['secondary']).map((p) => p.title)
  expect(expected.length).toBeGreaterThan(10)

  const slack = await postToSlackEndpoint(bot.url, slashCommand({ ...slashCommandFields, command: '/workgroups', text: 'secondary' }))
  await postActivity(bot.url, { ...personalMessage, id: 'parity-1', text: 'workgroups secondary', serviceUrl: `${bot.connector.url}/` })
  const card = cardOf(bot.connector.sent().at(-1))

  expect(slackProjectTitles(slack.json.blocks)).toEqual(expected)
  expect(teamsProjectTitles(card)).toEqual(expected)

  const slackFacts = slack.json.blocks
    .filter((b: any) => b.fields)
    .map((b: any) => b.fields.map((f: any) => f.text.replace(/^\*([^*]+)\*\n/, '$1: ')))
  const teamsFacts = card.body
    .filter((c: any) => c.type === 'Container')
    .map((c: any) => c.items.find((i: any) => i.type === 'FactSet').facts.map((f: any) => `${f.title}: ${f.value}`))
  expect(teamsFacts).toEqual(slackFacts)
})
