// Share floods on Slack, through signed requests into the real Bolt receiver and the Web API
// double, on a fake clock: five shares go at once, the sixth is refused in one sentence saying
// when (before its form opens, and again at submission for a form opened earlier), with
// nothing filed or queued; a minute later one more goes. A sub-group that has had its twenty an
// hour is named in the form, which stays open so it can be unticked. Ten submissions at once (a
// script's) file five.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { saveSubgroup } from '../../src/domain/subgroups.js'
import { readResourceUrl } from '../../src/features/resources/canonical-url.js'
import { shareResource } from '../../src/features/resources/resource-store.js'
import { eventually } from '../support/http-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TEAM = 'T0FLOOD'
const SECONDARY = 'C0SECONDARY'
const PRIMARY = 'C0PRIMARY'
const [ANN, BOB, CAT] = ['U0ANN', 'U0BOB', 'U0CAT']
const clock = createFakeClock('2026-11-04T10:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
const groups: Record<string, string> = {}

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, SECONDARY)
  bot.slackApi.setMembers(SECONDARY, [ANN, BOB, CAT, 'UBOT'])
  bot.slackApi.setMembers(PRIMARY, [ANN, BOB, 'UBOT'])
  for (const [channel, name] of [
    [SECONDARY, 'Secondary Coherence'],
    [PRIMARY, 'Primary Fractions'],
  ] as const) {
    const { subgroup } = await saveSubgroup(bot.db, { platform: 'slack', workspaceId: TEAM, name, conversationId: channel, createdBy: 'admin' })
    groups[name] = subgroup.id
  }
})
afterAll(async () => {
  await bot?.stop()
})

const count = async (table: 'resources' | 'resource_shares' | 'outbox') => Number((await bot.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
const library = async () => ({ resources: await count('resources'), shares: await count('resource_shares'), posts: await count('outbox') })

/** Opens the share form for a link; the modal, or undefined and the answer when none opened. */
const open = async (link: string, user = ANN) => {
  const before = bot.slackApi.calls('views.open').length
  const res = await slack.slash(`share ${link} #ratio`, user)
  const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined), 500).catch(() => undefined)
  return { view, answer: JSON.stringify(res.json ?? '') }
}
const submit = (view: any, title: string, into: string[], user = ANN) =>
  slack.submit(view, user, { title: { text: title }, tags: { text: 'ratio' }, subgroups: { options: into.map((name) => groups[name]!) } })
const noticeTo = (user: string, includes: string) =>
  eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => c.user === user && String(c.text).includes(includes)))

describe('one person’s shares', () => {
  it('five go at once; the sixth form opened in the meantime is refused at submission, leaving nothing', async () => {
    const views = []
    for (let i = 1; i <= 6; i++) views.push((await open(`https://nrich.maths.org/ratio-${i}`)).view)
    for (let i = 0; i < 5; i++) expect((await submit(views[i], `Ratio task ${i + 1}`, ['Secondary Coherence', 'Primary Fractions'])).body).toBe('')
    expect(await library()).toEqual({ resources: 5, shares: 10, posts: 10 })

    const refused = await submit(views[5], 'Ratio task 6', ['Secondary Coherence', 'Primary Fractions'])
    expect(refused.body).toBe('')
    const told = await noticeTo(ANN, 'Nothing was shared')
    expect(told.text).toBe('Nothing was shared: you’ve shared several resources in the last few minutes, and to keep channels readable you can share the next one in a minute.')
    expect(await library()).toEqual({ resources: 5, shares: 10, posts: 10 })
  })

  it('another share is refused before its form opens; someone else can still share', async () => {
    const { view, answer } = await open('https://nrich.maths.org/ratio-7')
    expect(view).toBeUndefined()
    expect(answer).toContain('you can share the next one in a minute')
    const bob = await open('https://nrich.maths.org/bobs-ratio', BOB)
    expect((await submit(bob.view, 'Bob’s ratio task', ['Secondary Coherence'], BOB)).body).toBe('')
    expect(await library()).toEqual({ resources: 6, shares: 11, posts: 11 })
  })

  it('a share that reaches no sub-group it is not already in is never held back', async () => {
    const { view } = await open('https://nrich.maths.org/ratio-1', BOB)
    // Opened by Bob, submitted by Ann: the form is the same, and the entry is already in Secondary.
    expect((await submit(view, 'Ratio task 1', ['Secondary Coherence'])).body).toBe('')
    const told = await noticeTo(ANN, 'Every sub-group you chose has it already')
    expect(told.text).toContain('Already in the library')
  })

  it('a minute later, one more goes', async () => {
    clock.advance(60_000)
    const { view } = await open('https://nrich.maths.org/ratio-7')
    expect((await submit(view, 'Ratio task 7', ['Secondary Coherence'])).body).toBe('')
    expect(await library()).toEqual({ resources: 7, shares: 12, posts: 12 })
    const { answer } = await open('https://nrich.maths.org/ratio-8')
    expect(answer).toContain('you can share the next one in a minute')
  })
})

describe('a sub-group’s hour', () => {
  it('after twenty new resources in an hour it is named in the form, which stays open to untick it', async () => {
    clock.advance(10 * 60_000)
    // Colleagues' shares into Primary, up to twenty this hour with Ann's five (at 10:00).
    const primaryHas = async () => Number((await bot.db.selectFrom('resource_shares').select((eb) => eb.fn.countAll<string>().as('n')).where('subgroup_id', '=', groups['Primary Fractions']!).executeTakeFirstOrThrow()).n)
    for (let i = 1; (await primaryHas()) < 20; i++) {
      const read = readResourceUrl(`https://example.org/colleague-${i}`)
      if (!read.ok) throw new Error(read.problem)
      await shareResource(bot.db, {
        platform: 'slack',
        workspaceId: TEAM,
        url: read.url,
        canonicalUrl: read.canonical,
        host: read.host,
        title: `Colleague’s task ${i}`,
        tags: [],
        sharedBy: `U0COLLEAGUE${i}`,
        from: { conversationId: PRIMARY },
        subgroupIds: [groups['Primary Fractions']!],
        at: clock.now(),
      })
    }
    const before = await library()
    const { view } = await open('https://nrich.maths.org/ratio-9', BOB)
    const res = await submit(view, 'Ratio task 9', ['Secondary Coherence', 'Primary Fractions'], BOB)
    // It is 10:11; Ann's five leave the hour at 11:00.
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: {
        subgroups: '“Primary Fractions” has had 20 new resources in the last hour, the most a sub-group takes, and can take more in 49 minutes. Untick it to share with the others now.',
      },
    })
    expect(await library()).toEqual(before)
    expect((await submit(view, 'Ratio task 9', ['Secondary Coherence'], BOB)).body).toBe('')
    expect(await library()).toEqual({ resources: before.resources + 1, shares: before.shares + 1, posts: before.posts + 1 })
  })
})

describe('a script', () => {
  it('submitting ten share forms at once files five, and tells the rest when to try again', async () => {
    const views = []
    for (let i = 1; i <= 10; i++) views.push((await open(`https://nrich.maths.org/cat-${i}`, CAT)).view)
    const before = await library()
    const answers = await Promise.all(views.map((view, i) => submit(view, `Cat’s task ${i + 1}`, ['Secondary Coherence'], CAT)))
    expect(answers.map((res) => res.body)).toEqual(new Array(10).fill(''))
    expect(await library()).toEqual({ resources: before.resources + 5, shares: before.shares + 5, posts: before.posts + 5 })
    await eventually(() => {
      const refusals = bot.slackApi.calls('chat.postEphemeral').filter((c) => c.user === CAT && String(c.text).startsWith('Nothing was shared'))
      return refusals.length === 5 ? refusals : undefined
    })
  })
})
