// What an answer says around its projects, on the wire: the catalogue's year, a warning once
// that school year is over (by the bot's clock), and the asker's own Maths Hub when the
// workspace knows it (the group whose channel they asked in, the groups they belong to, or the
// workspace's only hub), else the national finder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { slashCommandFields } from '../fixtures/slack-payloads.js'
import { postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup } from '../support/work-group-fixture.js'

const clock = createFakeClock('2022-01-17T10:00:00Z')
let bot: TestBot
let n = 0
beforeAll(async () => {
  bot = await startTestBot({ clock })
})
afterAll(async () => {
  await bot?.stop()
})

const QUESTION = 'I’m an early career teacher in a secondary school'
const askIn = async (channel: string, user = slashCommandFields.user_id) => {
  const res = await postToSlackEndpoint(
    bot.url,
    slashCommand({ ...slashCommandFields, command: '/workgroups', text: QUESTION, channel_id: channel, user_id: user, trigger_id: `ctx.${++n}` }),
  )
  return JSON.stringify(res.json.blocks)
}

describe('the catalogue’s year and whether it is over', () => {
  it('during its school year, names the year and gives no warning', async () => {
    clock.set('2022-01-17T10:00:00Z')
    const text = await askIn('C0FRESH')
    expect(text).toContain('This project from the 2021/22 catalogue fits what you asked')
    expect(text).toContain('From the Maths Hubs 2021/22 projects catalogue.')
    expect(text).not.toContain('has ended')
  })

  it('once that school year is over, says so once with what to do', async () => {
    clock.set('2022-09-05T10:00:00Z')
    const text = await askIn('C0FRESH')
    expect(text.match(/the 2021\/22 school year has ended/g)).toHaveLength(1)
    expect(text).toContain('Check this year’s offer with your Maths Hub or on the national Maths Hubs site')
    clock.set('2022-01-17T10:00:00Z')
  })
})

describe('who to contact', () => {
  it('with no hub known in the workspace, points to the national finder', async () => {
    const text = await askIn('C0NOHUB')
    expect(text).toContain('Your local Maths Hub can tell you how to take part: find it at <https://www.ncetm.org.uk/mathshubs|')
  })

  it('names the hub of the Work Group whose channel the question was asked in', async () => {
    await seedWorkGroup(bot.db, {
      platform: 'slack',
      workspaceId: slashCommandFields.team_id,
      conversationId: 'C0MATRIX',
      leadUserId: 'U0LEADA',
      hub: 'Matrix Maths Hub',
      projectTitle: 'Years 5 to 8 Continuity',
    })
    expect(await askIn('C0MATRIX')).toContain('Matrix Maths Hub, your Maths Hub, can tell you how to take part')
    // Elsewhere in the workspace, its only hub is the asker's.
    expect(await askIn('C0ELSEWHERE')).toContain('Matrix Maths Hub, your Maths Hub')
  })

  it('with two hubs in the workspace, names the one of the asker’s own group, else neither', async () => {
    await seedWorkGroup(bot.db, {
      platform: 'slack',
      workspaceId: slashCommandFields.team_id,
      conversationId: 'C0ANOTHER',
      leadUserId: 'U0LEADB',
      hub: 'Another Maths Hub',
      projectTitle: 'Core Maths',
    })
    expect(await askIn('C0ANOTHER')).toContain('Another Maths Hub, your Maths Hub')
    // The Lead of a group asking from anywhere: their group's hub.
    expect(await askIn('C0ELSEWHERE', 'U0LEADA')).toContain('Matrix Maths Hub, your Maths Hub')
    const unknown = await askIn('C0ELSEWHERE', 'U0NOBODY')
    expect(unknown).not.toContain('your Maths Hub,')
    expect(unknown).toContain('find it at <https://www.ncetm.org.uk/mathshubs|')
  })
})
