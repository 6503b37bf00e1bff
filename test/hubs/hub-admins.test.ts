// Hub administrators on Slack: the first come from configuration; they name others with a
// people picker and take the role away again; every privileged command checks the role and a
// refusal says who can; help shows administrators' commands only to administrators; and the
// role in one workspace means nothing in another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../support/http-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TEAM = 'T0001'
const OTHER_TEAM = 'T0OTHER'
const CHANNEL = 'C0HUB'
const [FIRST, NEW_ADMIN, TEACHER] = ['U0FIRSTADMIN', 'U0NEWADMIN', 'U0TEACHER']
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let other: ReturnType<typeof slackWorkspace>

beforeAll(async () => {
  bot = await startTestBot({ env: { HUB_ADMINS: FIRST } })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  other = slackWorkspace(bot, OTHER_TEAM, CHANNEL)
})
afterAll(async () => {
  await bot?.stop()
})

const openAdmins = async (user: string) => {
  const before = bot.slackApi.calls('views.open').length
  const res = await slack.slash('admins', user)
  const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined), 1_000).catch(() => undefined)
  return { res, view }
}

describe('naming administrators', () => {
  it('someone who is not an administrator is refused, and told who can', async () => {
    const { res, view } = await openAdmins(TEACHER)
    expect(view).toBeUndefined()
    expect(JSON.stringify(res.json)).toContain('Only a hub administrator can name hub administrators.')
    expect(JSON.stringify((await slack.slash('subgroup', TEACHER)).json)).toContain('Only a hub administrator can define sub-groups.')
  })

  it('an administrator from configuration names another with the people picker', async () => {
    const { view } = await openAdmins(FIRST)
    expect(view.callback_id).toBe('hubs.admins')
    const picker = view.blocks.find((b: any) => b.block_id === 'add')
    expect(picker.element.type).toBe('multi_users_select')
    const res = await slack.submit(view, FIRST, { add: { users: [NEW_ADMIN] } })
    expect(res.body).toBe('')
    const roles = await bot.db.selectFrom('roles').select(['user_id', 'workspace_id', 'granted_by']).execute()
    expect(roles).toEqual([{ user_id: NEW_ADMIN, workspace_id: TEAM, granted_by: FIRST }])
  })

  it('the new administrator can now do what administrators do, in this workspace only', async () => {
    const before = bot.slackApi.calls('views.open').length
    await slack.slash('subgroup', NEW_ADMIN)
    expect(await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView().callback_id : undefined))).toBe('resources.subgroup')
    // The same user id in another workspace is nobody there.
    expect(JSON.stringify((await other.slash('subgroup', NEW_ADMIN)).json)).toContain('Only a hub administrator can define sub-groups.')
  })

  it('help shows administrators’ commands to administrators only', async () => {
    const forAdmin = JSON.stringify((await slack.slash('help all', NEW_ADMIN)).json)
    const forTeacher = JSON.stringify((await slack.slash('help all', TEACHER)).json)
    for (const command of ['`/workgroups admins`', '`/workgroups subgroup`', '`/workgroups subgroup remove`', '`/workgroups unanswered`']) {
      expect(forAdmin).toContain(command)
      expect(forTeacher).not.toContain(command)
    }
    expect(forTeacher).toContain('/workgroups resources')
    // The everyday help offers an administrator theirs at once, and a teacher none.
    const short = (await slack.slash('help', NEW_ADMIN)).json
    expect(JSON.stringify(short)).toContain('`/workgroups admins`')
    expect(JSON.stringify((await slack.slash('help', TEACHER)).json)).not.toContain('/workgroups admins')
  })

  it('an administrator cannot remove themselves, but can remove another', async () => {
    const { view } = await openAdmins(NEW_ADMIN)
    // The removal field is a people picker too, so Slack shows names, not member ids.
    expect(view.blocks.find((b: any) => b.block_id === 'remove').element.type).toBe('multi_users_select')
    const selfRemoval = await slack.submit(view, NEW_ADMIN, { remove: { users: [NEW_ADMIN] } })
    expect(selfRemoval.json).toEqual({ response_action: 'errors', errors: { remove: 'You can’t remove yourself; ask another administrator.' } })
    const configured = await slack.submit(view, NEW_ADMIN, { remove: { users: [FIRST] } })
    expect(configured.json.errors.remove).toBe('Administrators from the bot’s configuration (HUB_ADMINS) can only be removed there; ask whoever runs the bot.')
    const nobody = await slack.submit(view, NEW_ADMIN, { remove: { users: [TEACHER] } })
    expect(nobody.json.errors.remove).toBe('Pick only people who are administrators now (they are listed above).')
    const second = await openAdmins(FIRST)
    await slack.submit(second.view, FIRST, { remove: { users: [NEW_ADMIN] } })
    expect(await bot.db.selectFrom('roles').selectAll().execute()).toEqual([])
    expect(JSON.stringify((await slack.slash('subgroup', NEW_ADMIN)).json)).toContain('Only a hub administrator can define sub-groups.')
  })
})
