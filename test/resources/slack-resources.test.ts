// Sharing resources on Slack, through signed requests into the real Bolt receiver and the Web
// API double, on a fake clock: sub-groups set up by an administrator, a link shared into two
// sub-groups and posted once in each channel, the same link shared another way attaching to
// the one library entry, bad input refused with nothing stored, a non-member refused even
// with a forged submission, search by words and tags, and the Monday digest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { messageShortcutPayload } from '../fixtures/slack-payloads.js'
import { eventually } from '../support/http-double.js'
import { interaction, postToSlackEndpoint } from '../support/slack-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TEAM = 'T0001'
const SECONDARY = 'C0SECONDARY'
const PRIMARY = 'C0PRIMARY'
const POST16 = 'C0POST16'
const [ADMIN, ANN, BOB, CAT, DAN] = ['U0ADMIN', 'U0ANN', 'U0BOB', 'U0CAT', 'U0DAN']
// Wednesday 4 November 2026, 10:00 GMT.
const clock = createFakeClock('2026-11-04T10:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>
const ids: Record<string, string> = {}

beforeAll(async () => {
  bot = await startTestBot({ clock, env: { HUB_ADMINS: ADMIN } })
  slack = slackWorkspace(bot, TEAM, SECONDARY)
  bot.slackApi.setMembers(SECONDARY, [ADMIN, ANN, BOB, 'UBOT'])
  bot.slackApi.setMembers(PRIMARY, [ANN, CAT, 'UBOT'])
  bot.slackApi.setMembers(POST16, [DAN, 'UBOT'])
})
afterAll(async () => {
  await bot?.stop()
})

/** Opens a modal with a command and returns it. */
const modalFor = async (text: string, user: string, channel: string) => {
  const before = bot.slackApi.calls('views.open').length
  const res = await slack.slash(text, user, channel)
  const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined), 500).catch(() => undefined)
  return { res, view }
}
/** What the outbox posted into a channel. */
const postsIn = (channel: string) => bot.slackApi.posted(channel).filter((m) => m.metadata)
/** Plans and delivers; the clock moves on a few seconds, as Slack allows one message a second per channel. */
const deliver = async () => {
  clock.advance(5_000)
  await bot.jobs.tick()
  return bot.jobs.deliver()
}
const libraryCount = async () => Number((await bot.db.selectFrom('resources').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
const noticeTo = (user: string, includes: string) =>
  eventually(() => bot.slackApi.calls('chat.postEphemeral').find((c) => c.user === user && String(c.text).includes(includes)))

describe('sub-groups', () => {
  it('only a hub administrator can define them, and the refusal says who can', async () => {
    const { res } = await modalFor('subgroup', ANN, SECONDARY)
    expect(JSON.stringify(res.json)).toContain('Only a hub administrator can define sub-groups.')
  })

  it('the administrator puts each channel in a sub-group with a short form', async () => {
    for (const [channel, name, phase] of [
      [SECONDARY, 'Secondary Mastery Specialists — Years 7–11 Coherence', 'secondary'],
      [PRIMARY, 'Primary Fractions', 'primary'],
      [POST16, 'Post-16 Specialists', 'post-16'],
    ] as const) {
      const { view } = await modalFor('subgroup', ADMIN, channel)
      expect(view.callback_id).toBe('resources.subgroup')
      const res = await slack.submit(view, ADMIN, { name: { text: name }, phase: { select: phase } })
      expect(res.body).toBe('')
    }
    const rows = await bot.db.selectFrom('subgroups').select(['id', 'name', 'phase']).execute()
    for (const row of rows) ids[row.name] = row.id
    expect(rows.map((r) => r.phase).sort()).toEqual(['post-16', 'primary', 'secondary'])
    const listed = JSON.stringify((await slack.slash('subgroups', ANN, SECONDARY)).json)
    expect(listed).toContain('Secondary Mastery Specialists — Years 7–11 Coherence')
    expect(listed).toContain('including this one')
  })
})

describe('sharing', () => {
  it('the form offers the sub-groups the person is in, this channel’s first, with the tags filled in', async () => {
    const { view } = await modalFor('share https://www.ncetm.org.uk/resources/fractions-ks3/?utm_source=twitter #fractions #KS3', ANN, SECONDARY)
    expect(view.callback_id).toBe('resources.share')
    const byId = Object.fromEntries(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]))
    expect(byId.tags.element.initial_value).toBe('ks3, fractions')
    expect(byId.subgroups.element.type).toBe('multi_static_select')
    expect(byId.subgroups.element.options.map((o: any) => o.text.text)).toEqual(['Primary Fractions', 'Secondary Mastery Specialists — Years 7–11 Coherence'])
    expect(byId.subgroups.element.initial_options.map((o: any) => o.text.text)).toEqual(['Secondary Mastery Specialists — Years 7–11 Coherence'])
  })

  it('shared into two sub-groups, it is posted once in each of their channels, saying who shared it', async () => {
    const { view } = await modalFor('share https://www.ncetm.org.uk/resources/fractions-ks3/?utm_source=twitter #fractions #ks3', ANN, SECONDARY)
    const res = await slack.submit(view, ANN, {
      title: { text: 'Fractions at KS3: a coherent sequence' },
      tags: { text: 'fractions, ks3' },
      subgroups: { options: [ids['Primary Fractions']!, ids['Secondary Mastery Specialists — Years 7–11 Coherence']!] },
    })
    expect(res.body).toBe('')
    await deliver()
    await deliver()
    for (const channel of [SECONDARY, PRIMARY]) {
      const posts = postsIn(channel)
      expect(posts).toHaveLength(1)
      const shown = JSON.stringify(posts[0]!.blocks)
      expect(shown).toContain('Fractions at KS3: a coherent sequence')
      expect(shown).toContain(`<@${ANN}>`)
      expect(shown).toContain('from Secondary Mastery Specialists')
    }
    expect(postsIn(POST16)).toEqual([])
    expect(await libraryCount()).toBe(1)
  })

  it('the same link shared another way attaches to the one entry and is not posted again', async () => {
    const { view } = await modalFor('share ncetm.org.uk/resources/fractions-ks3 #reasoning', BOB, SECONDARY)
    expect(view.blocks[0].text.text).toContain(`Already in the library: shared by <@${ANN}> in`)
    expect(view.blocks[0].text.text).toContain('now in 2 groups')
    const byId = Object.fromEntries(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]))
    expect(byId.title.element.initial_value).toBe('Fractions at KS3: a coherent sequence')
    await slack.submit(view, BOB, {
      title: { text: 'Fractions at KS3: a coherent sequence' },
      tags: { text: 'reasoning' },
      subgroups: { options: [ids['Secondary Mastery Specialists — Years 7–11 Coherence']!] },
    })
    const told = await noticeTo(BOB, 'Already in the library')
    expect(told.text).toContain('Every sub-group you chose has it already')
    await deliver()
    expect(postsIn(SECONDARY)).toHaveLength(1)
    expect(await libraryCount()).toBe(1)
    const [entry] = await bot.db.selectFrom('resources').select(['tags']).execute()
    expect(entry!.tags.sort()).toEqual(['fractions', 'ks3', 'reasoning'])
  })

  it('a hub administrator may share into every sub-group, members or not', async () => {
    const { view } = await modalFor('share https://nrich.maths.org/ratio #ratio', ADMIN, SECONDARY)
    const byId = Object.fromEntries(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]))
    expect(byId.subgroups.element.options.map((o: any) => o.text.text)).toEqual(['Post-16 Specialists', 'Primary Fractions', 'Secondary Mastery Specialists — Years 7–11 Coherence'])
  })

  it('someone not in a sub-group cannot share into it, even with a forged submission', async () => {
    const { view } = await modalFor('share https://nrich.maths.org/ratio #ratio', BOB, SECONDARY)
    const res = await slack.submit(view, BOB, { title: { text: 'Ratio tasks' }, tags: { text: 'ratio' }, subgroups: { options: [ids['Post-16 Specialists']!] } })
    expect(res.json).toEqual({ response_action: 'errors', errors: { subgroups: 'You can only share into sub-groups you are a member of.' } })
    expect(await libraryCount()).toBe(1)
  })

  it('bad input gets a clear answer and stores nothing', async () => {
    for (const [text, answer] of [
      ['share javascript:alert(1)', 'javascript'],
      ['share http://192.168.1.20/admin', 'That link points inside a private network'],
      ['share https://nrich.maths.org/x #fractons', 'did you mean “fractions”'],
    ] as const) {
      const { res, view } = await modalFor(text, ANN, SECONDARY)
      expect(view).toBeUndefined()
      expect(JSON.stringify(res.json).toLowerCase()).toContain(answer.toLowerCase())
    }
    const { view } = await modalFor('share https://nrich.maths.org/x', ANN, SECONDARY)
    const long = await slack.submit(view, ANN, { title: { text: 'x'.repeat(201) }, tags: { text: 'ks9' }, subgroups: { options: [ids['Primary Fractions']!] } })
    expect(Object.keys(long.json.errors).sort()).toEqual(['tags', 'title'])
    expect(await libraryCount()).toBe(1)
  })
})

describe('the “Share resource” message shortcut', () => {
  const shortcut = (user: string, channel: string, text: string, ts: string) =>
    postToSlackEndpoint(
      bot.url,
      interaction({
        ...messageShortcutPayload,
        callback_id: 'resources.share-message',
        trigger_id: `shortcut.${ts}`,
        response_url: bot.slackApi.responseUrl(`shortcut-${ts}`),
        team: { id: TEAM, domain: 'example' },
        channel: { id: channel, name: 'maths-coherence' },
        user: { id: user, username: user, name: user, team_id: TEAM },
        message: { type: 'message', user: ANN, ts, text },
        message_ts: ts,
      }),
    )

  it('opens the form with the message’s link, its words as the title and its hashtags as tags', async () => {
    const before = bot.slackApi.calls('views.open').length
    await shortcut(ANN, SECONDARY, 'Lovely ratio tables task for Year 8 <https://nrich.maths.org/ratio-tables?utm_campaign=newsletter|nrich.maths.org/ratio-tables> #ratio #ks3 #fractons', '1700000100.000100')
    const view = await eventually(() => (bot.slackApi.calls('views.open').length > before ? slack.lastView() : undefined))
    const byId = Object.fromEntries(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b]))
    expect(view.blocks[0].text.text).toContain('https://nrich.maths.org/ratio-tables')
    expect(byId.title.element.initial_value).toBe('Lovely ratio tables task for Year 8')
    // The misspelt hashtag is left out rather than refusing the share.
    expect(byId.tags.element.initial_value).toBe('ks3, ratio')
    const res = await slack.submit(view, ANN, {
      title: { text: 'Ratio tables (NRICH)' },
      tags: { text: 'ks3, ratio' },
      subgroups: { options: [ids['Primary Fractions']!, ids['Secondary Mastery Specialists — Years 7–11 Coherence']!] },
    })
    expect(res.body).toBe('')
    await deliver()
    // Posted in the other sub-group with a link back to the message; not again where it was shared.
    const post = postsIn(PRIMARY).find((m) => JSON.stringify(m.blocks).includes('Ratio tables (NRICH)'))
    expect(JSON.stringify(post?.blocks)).toContain(`<https://example.slack.com/archives/${SECONDARY}/p1700000100000100|the original discussion>`)
    expect(postsIn(SECONDARY).some((m) => JSON.stringify(m.blocks).includes('Ratio tables (NRICH)'))).toBe(false)
    const shares = await bot.db.selectFrom('resource_shares').select(['from_conversation_id', 'from_thread_id', 'from_link']).where('from_thread_id', '=', '1700000100.000100').execute()
    expect(shares).toHaveLength(2)
  })

  it('a message with no link gets a plain answer', async () => {
    await shortcut(BOB, SECONDARY, 'See you all on Thursday!', '1700000200.000100')
    const answer = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith('/shortcut-1700000200.000100'))?.body)
    expect(answer.text).toContain('That message has no link in it to share.')
  })
})

describe('search', () => {
  it('finds a resource by topic and key stage, and says where it has been used', async () => {
    const shown = JSON.stringify((await slack.slash('resources fractions ks3', CAT, PRIMARY)).json)
    expect(shown).toContain('Fractions at KS3: a coherent sequence')
    expect(shown).toContain('used in Primary Fractions, Secondary Mastery Specialists — Years 7–11 Coherence')
  })

  it('finds it by a word of its title; says so plainly when nothing matches', async () => {
    expect(JSON.stringify((await slack.slash('resources coherent sequence', DAN, POST16)).json)).toContain('Fractions at KS3')
    expect(JSON.stringify((await slack.slash('resources ks5', DAN, POST16)).json)).toContain('Nothing in the library matches “ks5”')
  })
})

describe('taking a channel out of a sub-group', () => {
  it('only an administrator can; afterwards nothing more is posted there', async () => {
    expect(JSON.stringify((await slack.slash('subgroup remove', DAN, POST16)).json)).toContain('Only a hub administrator can change sub-groups.')
    const res = await slack.slash('subgroup remove', ADMIN, POST16)
    expect(JSON.stringify(res.json)).toContain('this channel is no longer in “Post-16 Specialists”')
    const channels = await bot.db.selectFrom('subgroup_channels').select('conversation_id').where('subgroup_id', '=', ids['Post-16 Specialists']!).execute()
    expect(channels).toEqual([])
  })
})

describe('the weekly digest', () => {
  it('on Monday morning each sub-group with something new gets one digest in its channels; the others get nothing', async () => {
    clock.set('2026-11-09T08:00:00Z')
    await deliver()
    await deliver()
    const digest = (channel: string) => postsIn(channel).filter((m) => String(m.text).includes('new resources this week'))
    expect(digest(SECONDARY)).toHaveLength(1)
    expect(digest(PRIMARY)).toHaveLength(1)
    expect(digest(POST16)).toHaveLength(0)
    expect(JSON.stringify(digest(PRIMARY)[0]!.blocks)).toContain('Fractions at KS3: a coherent sequence')
    clock.set('2026-11-09T09:00:00Z')
    await deliver()
    expect(digest(SECONDARY)).toHaveLength(1)
  })
})
