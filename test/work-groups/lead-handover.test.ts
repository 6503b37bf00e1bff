// Handing a Work Group to a new Lead on Slack: the Lead (or a hub administrator, when the Lead
// has gone) picks the new Lead; from then on the Lead's commands are theirs alone. Anyone else
// is refused with who can, and a stale form changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addParticipants } from '../../src/domain/work-groups.js'
import { eventually } from '../support/http-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const CHANNEL = 'C0HANDOVER'
const [LEAD, AMY, BEN, ADMIN] = ['U0LEAD', 'U0AMY', 'U0BEN', 'U0ADMIN']
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
let groupId: string

beforeAll(async () => {
  bot = await startTestBot({ env: { HUB_ADMINS: ADMIN } })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: CHANNEL, leadUserId: LEAD, hub: 'North Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId), [{ userId: LEAD }, { userId: AMY }], 'channel')
})
afterAll(async () => {
  await bot?.stop()
})

const leadNow = async () => (await bot.db.selectFrom('work_groups').select('lead_user_id').where('id', '=', groupId).executeTakeFirstOrThrow()).lead_user_id
const openLeadForm = async (user: string) => {
  const before = bot.slackApi.calls('views.open').length
  const res = await slack.slash('lead', user)
  const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined), 1_000).catch(() => undefined)
  return { res, view }
}

describe('handing a Work Group over', () => {
  it('a participant cannot, and is told who can', async () => {
    const { res, view } = await openLeadForm(AMY)
    expect(view).toBeUndefined()
    expect(JSON.stringify(res.json)).toContain(`Only the Work Group Lead, <@${LEAD}>, or a hub administrator can hand the Work Group over.`)
  })

  it('the Lead picks the new Lead with a people picker; picking themselves is refused by field', async () => {
    const { view } = await openLeadForm(LEAD)
    expect(view.callback_id).toBe('work-groups.lead')
    expect(view.blocks.find((b: any) => b.block_id === 'lead').element.type).toBe('multi_users_select')
    const self = await slack.submit(view, LEAD, { lead: { users: [LEAD] } })
    expect(self.json).toEqual({ response_action: 'errors', errors: { lead: 'They lead the Work Group already; pick someone else.' } })
    const two = await slack.submit(view, LEAD, { lead: { users: [AMY, BEN] } })
    expect(two.json.errors.lead).toBe('Please pick one person.')
    expect(await leadNow()).toBe(LEAD)

    const done = await slack.submit(view, LEAD, { lead: { users: [AMY] } })
    expect(done.body).toBe('')
    expect(await leadNow()).toBe(AMY)
    const notice = await eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => String(c.text).startsWith('Done:')))
    expect(notice.text).toContain(`<@${AMY}> now leads the Mastery Readiness Work Group, and I’ve told them in a direct message. You stay a participant while you’re in the channel.`)
    // The new Lead hears it from the bot, with who handed it over and what is theirs now.
    const told = await eventually(() => bot.slackApi.calls('chat.postMessage').find((c) => String(c.text).startsWith('You now lead')))
    expect(told.channel).toBe(AMY)
    const body = JSON.stringify(told.blocks)
    expect(body).toContain(`<@${LEAD}> handed the Work Group over to you. As its Lead you can:`)
    expect(body).toContain('see who is coming (“roster”)')
  })

  it('the Lead’s commands are now the new Lead’s, and the old Lead is refused', async () => {
    expect(JSON.stringify((await slack.slash('roster', LEAD)).json)).toContain(`Only the Work Group Lead, <@${AMY}>, can see the roster.`)
    expect(JSON.stringify((await slack.slash('roster', AMY)).json)).toContain('There are no upcoming sessions.')
  })

  it('a submission from the old Lead (a stale or forged form) changes nothing', async () => {
    const { view } = await openLeadForm(AMY)
    const stale = await slack.submit(view, LEAD, { lead: { users: [LEAD] } })
    expect(stale.body).toBe('')
    expect(await leadNow()).toBe(AMY)
  })

  it('a hub administrator can hand it over when the Lead has gone; the new Lead becomes a participant', async () => {
    const { view } = await openLeadForm(ADMIN)
    expect((await slack.submit(view, ADMIN, { lead: { users: [BEN] } })).body).toBe('')
    expect(await leadNow()).toBe(BEN)
    const ben = await bot.db.selectFrom('participants').select(['active', 'source']).where('work_group_id', '=', groupId).where('user_id', '=', BEN).executeTakeFirst()
    expect(ben).toEqual({ active: true, source: 'manual' })
  })

  it('help lists it', async () => {
    expect(JSON.stringify((await slack.slash('help all', AMY)).json)).toContain('`/workgroups lead`')
  })
})
