// Slack's App Home tab, through a signed app_home_opened event into the real Bolt receiver: the
// person's next sessions, the sessions still waiting for their reflection (with Reflect, which
// opens the form), and the newest resources for their sub-groups; friendly when there is none.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { saveSubgroup } from '../../src/domain/subgroups.js'
import { addSessions } from '../../src/domain/sessions.js'
import { addParticipants } from '../../src/domain/work-groups.js'
import { appHomeOpenedEnvelope } from '../fixtures/slack-payloads.js'
import { eventually } from '../support/http-double.js'
import { eventCallback, postToSlackEndpoint } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { seedWorkGroup, ref } from '../support/work-group-fixture.js'

const TEAM = 'T0001'
const SCOPE_COLUMNS = { platform: 'slack' as const, workspace_id: TEAM }
const [ALICE, NEWCOMER] = ['U0ALICE', 'U0NEWCOMER']
const clock = createFakeClock('2026-11-10T12:00:00Z')
let bot: TestBot
let missed: string
let reflected: string
let n = 0

beforeAll(async () => {
  bot = await startTestBot({ clock })
  const groupId = await seedWorkGroup(bot.db, { platform: 'slack', workspaceId: TEAM, conversationId: 'C0GROUP', leadUserId: 'U0LEAD', hub: 'Matrix Maths Hub', projectTitle: 'Mastery Readiness' })
  await addParticipants(bot.db, ref(groupId), [{ userId: ALICE }], 'channel')
  const sessions = await addSessions(bot.db, ref(groupId),
    [
      { title: 'Number sense', startsAt: new Date('2026-11-03T16:00:00Z'), endsAt: new Date('2026-11-03T17:00:00Z'), place: 'Room 4' },
      { title: 'Bar models', startsAt: new Date('2026-11-06T16:00:00Z'), endsAt: new Date('2026-11-06T17:00:00Z'), place: 'Room 4' },
      { title: 'Reasoning', startsAt: new Date('2026-11-24T16:00:00Z'), endsAt: new Date('2026-11-24T17:00:00Z'), onlineUrl: 'https://meet.example.org/wg' },
    ],
    'U0LEAD',
  new Date('2026-09-01T09:00:00Z'),
  )
  ;[reflected, missed] = sessions.map((s) => s.id) as [string, string]
  await bot.db
    .insertInto('reflections')
    .values({ ...SCOPE_COLUMNS, session_id: reflected, work_group_id: groupId, user_id: ALICE, rating: 5, try_in_class: null, noticed: null, visibility: 'me', submitted_at: clock.now(), updated_at: clock.now() })
    .execute()
  bot.slackApi.setMembers('C0SUB', [ALICE])
  const { subgroup } = await saveSubgroup(bot.db, { platform: 'slack', workspaceId: TEAM, name: 'Primary Fractions', conversationId: 'C0SUB', createdBy: 'U0ADMIN' })
  const resource = await bot.db
    .insertInto('resources')
    .values({ platform: 'slack', workspace_id: TEAM, canonical_url: 'https://nrich.maths.org/fractions', url: 'https://nrich.maths.org/fractions', host: 'nrich.maths.org', title: 'Fraction wall tasks', tags: ['fractions'], shared_by: 'U0BOB' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await bot.db.insertInto('resource_shares').values({ ...SCOPE_COLUMNS, resource_id: resource.id, subgroup_id: subgroup.id, shared_by: 'U0BOB', from_conversation_id: 'C0SUB', shared_at: new Date('2026-11-09T10:00:00Z') }).execute()
})
afterAll(async () => {
  await bot?.stop()
})

const openHome = async (user: string) => {
  const before = bot.slackApi.calls('views.publish').length
  const res = await postToSlackEndpoint(bot.url, eventCallback({ ...appHomeOpenedEnvelope, team_id: TEAM, event_id: `EvHome${++n}`, event: { ...appHomeOpenedEnvelope.event, user } }))
  expect(res.status).toBe(200)
  return eventually(() => bot.slackApi.calls('views.publish')[before])
}

it('shows the next session, the session waiting for a reflection with Reflect, and new resources', async () => {
  const published = await openHome(ALICE)
  expect(published.user_id).toBe(ALICE)
  const view = typeof published.view === 'string' ? JSON.parse(published.view) : published.view
  expect(view.type).toBe('home')
  const shown = JSON.stringify(view.blocks)
  expect(shown).toContain('Mastery Readiness: Reasoning')
  expect(shown).toContain('Mastery Readiness: Bar models')
  expect(shown).toContain('Fraction wall tasks')
  const reflectButtons = view.blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.action_id === 'reflection.open')
  // Only the session she has not reflected on waits for her.
  expect(reflectButtons.map((b: any) => b.value)).toEqual([missed])
})

it('Reflect on the home page opens the form', async () => {
  const before = bot.slackApi.calls('views.open').length
  await slackWorkspace(bot, TEAM, 'C0GROUP').click('reflection.open', missed, ALICE)
  const opened = await eventually(() => bot.slackApi.calls('views.open')[before])
  expect(opened.view.callback_id).toBe('reflection.submit')
})

it('someone new sees friendly empty sections, not an error', async () => {
  const published = await openHome(NEWCOMER)
  const view = typeof published.view === 'string' ? JSON.parse(published.view) : published.view
  const shown = JSON.stringify(view.blocks)
  expect(shown).toContain('None planned in your Work Groups.')
  expect(shown).toContain('Nothing: you are up to date.')
  expect(shown).toContain('You are not in a sub-group yet.')
})
