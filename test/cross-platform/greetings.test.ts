// Plain words get plain answers: a greeting or thanks is not a catalogue question, and a command
// without its argument says how to use it, on both platforms.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { personalMessage } from '../fixtures/teams-activities.js'
import { cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { eventually } from '../support/http-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let bot: TestBot
let ids = 0
beforeAll(async () => {
  bot = await startTestBot()
})
afterAll(async () => {
  await bot?.stop()
})

const teams = async (text: string) => {
  const activity = { ...personalMessage, id: `greet-${++ids}`, text, serviceUrl: `${bot.connector.url}/` }
  expect((await postActivity(bot.url, activity)).status).toBe(200)
  const reply = await eventually(() => bot.connector.calls().find((c) => c.method === 'POST' && c.activityId === activity.id))
  return cardTexts(cardOf(reply.body)).join('\n')
}

it('hi, hello and thanks get a short friendly answer with the most useful commands, not “nothing fits”', async () => {
  const slack = slackWorkspace(bot, 'T0001', 'C0GREET')
  for (const [said, opening] of [['hi', 'Hello!'], ['hello there!', 'Hello!'], ['thanks', 'You’re welcome!'], ['thank you!', 'You’re welcome!']] as const) {
    const answer = JSON.stringify((await slack.slash(said, 'U0GREET')).json)
    expect(answer, said).toContain(opening)
    expect(answer).toContain('/workgroups sessions')
    expect(answer).not.toMatch(/nothing (in the catalogue )?fits/i)
  }
  const onTeams = await teams('hello')
  expect(onTeams).toContain('Hello!')
  expect(onTeams).toContain('workgroups reflect')
})

it('a greeting that carries a question is still answered as a question', async () => {
  const answer = JSON.stringify((await slackWorkspace(bot, 'T0001', 'C0GREET').slash('hi which projects suit a secondary school', 'U0GREET')).json)
  expect(answer).not.toContain('Hello!')
})

it('“share” on its own says how to share, on both platforms', async () => {
  expect(JSON.stringify((await slackWorkspace(bot, 'T0001', 'C0GREET').slash('share', 'U0GREET')).json)).toContain('To share a resource, give its link')
  expect(await teams('workgroups share')).toContain('To share a resource, give its link')
})
