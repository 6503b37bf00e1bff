// Searching the library on Slack, through signed slash commands into the real Bolt receiver:
// a site by its name ("nrich"), a key stage written with a space ("KS 3 fractions"), a typo
// ("fractons"), five results to a message with "Show more" for the rest, and a clear answer
// with a suggestion when nothing matches. The library is filed through the store, as sharing
// files it; another workspace's entries are never found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeClock } from '../../src/core/clock.js'
import { readResourceUrl } from '../../src/features/resources/canonical-url.js'
import { shareResource } from '../../src/features/resources/resource-store.js'
import { eventually } from '../support/http-double.js'
import { slackWorkspace } from '../support/slack-user.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

const TEAM = 'T0SEARCH'
const CHANNEL = 'C0SEARCH'
const ANN = 'U0ANN'
const clock = createFakeClock('2026-11-04T10:00:00Z')
let bot: TestBot
let slack: ReturnType<typeof slackWorkspace>

/** Files a link in a workspace's library, `day` days into November. */
const file = async (link: string, title: string, tags: string[], day: number, team = TEAM) => {
  const read = readResourceUrl(link)
  if (!read.ok) throw new Error(read.problem)
  await shareResource(bot.db, {
    platform: 'slack',
    workspaceId: team,
    url: read.url,
    canonicalUrl: read.canonical,
    host: read.host,
    title,
    tags,
    sharedBy: 'U0BOB',
    sharedByName: 'Bob',
    from: { conversationId: CHANNEL },
    subgroupIds: [],
    at: new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00Z`),
  })
}

beforeAll(async () => {
  bot = await startTestBot({ clock })
  slack = slackWorkspace(bot, TEAM, CHANNEL)
  await file('https://nrich.maths.org/fraction-wall', 'Fraction wall tasks', ['fractions', 'ks2'], 1)
  await file('https://nrich.maths.org/ratio-tables', 'Ratio tables', ['ratio', 'ks3'], 2)
  await file('https://nrich.maths.org/dividing', 'Dividing fractions starter', ['ks3'], 3)
  await file('https://www.ncetm.org.uk/fractions-ks3', 'A coherent sequence for fractions', ['fractions', 'ks3'], 4)
  await file('https://whiterosemaths.com/place-value', 'Place value in Year 7', ['place-value', 'year-7'], 5)
  for (let i = 1; i <= 7; i++) await file(`https://example.org/ratio-${i}`, `Ratio problems, set ${i}`, ['ratio'], 5 + i)
  // Another organisation's library, with a link that would match.
  await file('https://nrich.maths.org/other', 'Their NRICH fractions', ['fractions', 'ks3'], 20, 'T0OTHER')
})
afterAll(async () => {
  await bot?.stop()
})

/** The text of the answer to a slash command, and its blocks. */
const search = async (text: string) => {
  const res = await slack.slash(`resources ${text}`, ANN)
  expect(res.status).toBe(200)
  return res.json as { text: string; blocks: any[] }
}
const titlesIn = (answer: { blocks: any[] }) =>
  answer.blocks.filter((b) => b.type === 'section').map((b) => /\*<[^|]+\|([^>]+)>\*/.exec(b.text.text)?.[1]).filter(Boolean)

describe('search on Slack', () => {
  it('“nrich” finds every link from nrich.maths.org, as “nrich.maths.org” does', async () => {
    const byName = await search('nrich')
    expect(byName.text).toBe('3 resources match “nrich”.')
    expect(titlesIn(byName)).toEqual(['Dividing fractions starter', 'Ratio tables', 'Fraction wall tasks'])
    expect(titlesIn(await search('nrich.maths.org'))).toEqual(titlesIn(byName))
    expect(titlesIn(await search('white rose'))).toEqual(['Place value in Year 7'])
  })

  it('“KS 3 fractions” reads the key stage as sharing does: those with both come first, newest first', async () => {
    const answer = await search('KS 3 fractions')
    const titles = titlesIn(answer)
    expect(titles.slice(0, 2)).toEqual(['A coherent sequence for fractions', 'Dividing fractions starter'])
    expect(titles).not.toContain('Their NRICH fractions')
    expect(titlesIn(await search('key stage 3 fractions')).slice(0, 2)).toEqual(titles.slice(0, 2))
  })

  it('“fractons” finds fractions', async () => {
    const titles = titlesIn(await search('fractons'))
    expect(titles.sort()).toEqual(['A coherent sequence for fractions', 'Dividing fractions starter', 'Fraction wall tasks'])
  })

  it('shows five at a time, and “Show more” replaces the answer with the next five', async () => {
    const first = await search('ratio')
    expect(titlesIn(first)).toEqual(['Ratio problems, set 7', 'Ratio problems, set 6', 'Ratio problems, set 5', 'Ratio problems, set 4', 'Ratio problems, set 3'])
    expect(JSON.stringify(first.blocks)).toContain('Showing 1–5 of 8.')
    const button = first.blocks.find((b) => b.type === 'actions')!.elements[0]
    expect(button.text.text).toBe('Show more')
    const path = await slack.click(button.action_id, button.value, ANN, CHANNEL)
    const next = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/${path}`))?.body)
    expect(next.replace_original).toBe(true)
    expect(titlesIn(next)).toEqual(['Ratio problems, set 2', 'Ratio problems, set 1', 'Ratio tables'])
    expect(JSON.stringify(next.blocks)).toContain('Showing 6–8 of 8.')
    expect(next.blocks.some((b: any) => b.type === 'actions')).toBe(false)
  })

  it('says when nothing has every word, and shows what has some', async () => {
    const answer = await search('ratio pizza')
    expect(JSON.stringify(answer.blocks)).toContain('Nothing has all of “ratio pizza”; these have some of it.')
    expect(titlesIn(answer)[0]).toBe('Ratio problems, set 7')
  })

  it('says plainly when nothing matches, and suggests the tags the library has most of', async () => {
    const answer = await search('pizza')
    expect(answer.text).toBe('Nothing in the library matches “pizza”. Try fewer words, or one of the tags it has most of: Ratio, KS3 or Fractions.')
  })
})
