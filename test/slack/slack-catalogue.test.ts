// `/workgroups <phase>` on Slack, through the real Bolt receiver with signed requests shaped
// like Slack's documented payloads, and the Web API / response_url at a local double.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blockActionsPayload, appMentionEnvelope, directMessageEnvelope, slashCommandFields } from '../fixtures/slack-payloads.js'
import { eventually } from '../support/http-double.js'
import { eventCallback, interaction, postToSlackEndpoint, slashCommand } from '../support/slack-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'
import { slackProjectTitles } from '../support/card-text.js'
import { loadCurrentCatalogue } from '../../src/domain/catalogue-store.js'
import { projectsForPhases } from '../../src/features/catalogue/render-catalogue.js'

let bot: TestBot
let triggers = 0

beforeAll(async () => {
  bot = await startTestBot()
})
afterAll(async () => {
  await bot?.stop()
})

const command = (text: string, overrides: Record<string, string> = {}) =>
  slashCommand({
    ...slashCommandFields,
    command: '/workgroups',
    text,
    response_url: bot.slackApi.responseUrl(`cmd-${triggers}`),
    trigger_id: `13345224609.738474920.${++triggers}`,
    ...overrides,
  })

const sectionTexts = (blocks: any[]): string[] => blocks.filter((b) => b.type === 'section').map((b) => b.text.text)
const buttons = (blocks: any[]): any[] => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements)
/** The characters a reader sees: headers, sections, fields, small print and button labels, links by their label. */
const shownLength = (blocks: any[]): number =>
  blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/<[^|>]+\|([^>]+)>/g, '$1').replace(/[*_]/g, ''))
    .join('\n').length
/** Clicks a phase list's details button and returns what the bot answered on the response_url. */
const details = async (value: string) => {
  const path = `details-${++triggers}`
  await postToSlackEndpoint(
    bot.url,
    interaction({ ...blockActionsPayload, trigger_id: `details.${triggers}`, response_url: bot.slackApi.responseUrl(path), actions: [{ ...blockActionsPayload.actions[0], action_id: 'catalogue.details#0', value }] }),
  )
  return eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith(`/${path}`))?.body)
}

describe('/workgroups <phase>', () => {
  it('answers privately with the secondary projects on about two phone screens: teachers’ projects first, a line or two each', async () => {
    const res = await postToSlackEndpoint(bot.url, command('secondary'))
    expect(res.status).toBe(200)
    expect(res.json.response_type).toBe('ephemeral')
    expect(res.json.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Secondary projects' } })
    const texts = sectionTexts(res.json.blocks)
    // Grouped: every project for teachers before any for leaders, ITT providers or PD leads.
    expect(texts.indexOf('*For teachers*')).toBe(0)
    const leaders = texts.indexOf('*For leaders, specialists and networks*')
    expect(leaders).toBeGreaterThan(8)
    for (const title of ['Mathematical Thinking for GCSE', 'Years 7–11 Coherence', 'Years 5 to 8 Continuity', 'Teaching for Mastery Development Work Groups (secondary)'])
      expect(texts.findIndex((t) => t.startsWith(`*${title}*`))).toBeLessThan(leaders)
    for (const title of ['ITT Providers network', 'Support for NCETM Accredited PD Leads', 'Secondary Subject Leadership', 'Secondary Maths MAT Leads'])
      expect(texts.findIndex((t) => t.startsWith(`*${title}*`))).toBeGreaterThan(leaders)
    // Each project in at most two lines: the title, then what it is or whom it is for.
    const projects = texts.filter((t) => !t.startsWith('*For '))
    expect(projects).toHaveLength(15)
    for (const entry of projects) expect(entry.split('\n').length).toBeLessThanOrEqual(2)
    expect(projects.find((t) => t.startsWith('*Secondary Subject Leadership*'))).toBe('*Secondary Subject Leadership* · _New this year_\nHeads of department and subject leaders')
    expect(projects.find((t) => t.startsWith('*Years 7–11 Coherence*'))).toBe('*Years 7–11 Coherence*\nParticipants analyse, deconstruct and trace a particular key topic area through the curriculum.')
    // How to join, once, at the top; and the whole answer in about two phone screens.
    expect(res.json.blocks[1].elements[0].text).toContain('To join one, contact your local Maths Hub: <https://www.ncetm.org.uk/mathshubs|ncetm.org.uk/mathshubs>')
    expect(shownLength(res.json.blocks)).toBeLessThan(2100)
    // Post-16 and early-years-only projects are not secondary.
    expect(texts.join('\n')).not.toContain('Developing A Level Pedagogy')
    expect(texts.join('\n')).not.toContain('Early Years practitioners')
    expect(JSON.stringify(res.json.blocks)).toContain('2021/22')
    expect(buttons(res.json.blocks).map((b) => [b.action_id.replace(/#\d+$/, ''), b.text.text, b.value])).toEqual([
      ['catalogue.details', 'Details: for teachers', 'secondary|teachers'],
      ['catalogue.details', 'Details: leaders and networks', 'secondary|leaders'],
      ['catalogue.share', 'Share to channel', 'secondary'],
    ])
  })

  it('each group’s details button shows its projects in full: who it’s for, entry point, format, new this year, partner', async () => {
    const leaders = await details('secondary|leaders')
    expect(leaders.replace_original).toBe(true)
    expect(leaders.blocks[0].text.text).toBe('Secondary projects: for leaders, specialists and networks')
    const subjectLeadership = leaders.blocks.find((b: any) => b.text?.text?.includes('Secondary Subject Leadership'))
    expect(subjectLeadership.text.text).toContain('New this year')
    expect(subjectLeadership.fields.map((f: any) => f.text).join('\n')).toMatch(/Who it’s for\*\nHeads of department[\s\S]*Entry point[\s\S]*Format\*\nWork Group/)
    expect(buttons(leaders.blocks).map((b) => [b.text.text, b.value])).toEqual([['Back to the list', 'secondary']])
    // Every secondary project is in one group's details or the other.
    const teachers = await details('secondary|teachers')
    const inFull = [...slackProjectTitles(teachers.blocks), ...slackProjectTitles(leaders.blocks)].sort()
    const catalogue = await loadCurrentCatalogue(bot.db)
    expect(inFull).toEqual(projectsForPhases(catalogue!, ['secondary']).map((p) => p.title).sort())
    expect(slackProjectTitles(teachers.blocks)).toContain('Years 7–11 Coherence')
  })

  it.each([
    ['secondry', 'Secondary projects'],
    ['KS3', 'Secondary projects'],
    ['ks4', 'Secondary projects'],
    ['sixth form', 'Post-16 projects'],
    ['post 16', 'Post-16 projects'],
    ['FE', 'Post-16 projects'],
    ['college', 'Post-16 projects'],
    ['KS1', 'Primary projects'],
    ['ks2', 'Primary projects'],
    ['EYFS', 'Early years projects'],
    ['reception', 'Early years projects'],
    ['early years', 'Early years projects'],
  ])('understands "%s"', async (text, heading) => {
    const res = await postToSlackEndpoint(bot.url, command(text))
    expect(res.status).toBe(200)
    expect(res.json.blocks[0].text.text).toBe(heading)
  })

  it('shows post-16 partners and a Core Maths project new this year', async () => {
    const res = await postToSlackEndpoint(bot.url, command('post-16'))
    expect(sectionTexts(res.json.blocks)).toContain('*New to teaching Core Maths* · _New this year_\nTeachers new to Core Maths develop specialist knowledge for teaching the qualification.')
    const inFull = await details('post-16|teachers')
    const coreMaths = inFull.blocks.find((b: any) => b.text?.text?.includes('New to teaching Core Maths'))
    expect(coreMaths.text.text).toContain('New this year')
    expect(coreMaths.fields.map((f: any) => f.text).join('\n')).toContain('Advanced Mathematics Support Programme (AMSP)')
  })

  it('offers phase buttons when asked with no phase', async () => {
    const res = await postToSlackEndpoint(bot.url, command(''))
    expect(res.status).toBe(200)
    expect(res.json.response_type).toBe('ephemeral')
    expect(buttons(res.json.blocks).map((b) => [b.text.text, b.value])).toEqual([
      ['Early years', 'early years'],
      ['Primary', 'primary'],
      ['Secondary', 'secondary'],
      ['Post-16', 'post-16'],
    ])
    // Slack requires action ids unique within a block.
    const ids = buttons(res.json.blocks).map((b) => b.action_id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('answers text it cannot read with what it can do, never an error', async () => {
    const res = await postToSlackEndpoint(bot.url, command('<script>alert(1)</script> ¯\\_(ツ)_/¯'))
    expect(res.status).toBe(200)
    expect(res.json.response_type).toBe('ephemeral')
    const texts = sectionTexts(res.json.blocks).join('\n')
    expect(res.json.blocks[0].text.text).toBe('Nothing in the catalogue fits')
    expect(texts).toContain('I couldn’t match your question to any project')
    expect(texts).toContain('`/workgroups secondary`')
    expect(JSON.stringify(res.json.blocks)).toContain('&lt;script&gt;')
    expect(JSON.stringify(res.json.blocks)).not.toContain('<script>')
    const labels = buttons(res.json.blocks).map((b) => b.text.text)
    expect(labels).toEqual(expect.arrayContaining(['Early years', 'Primary', 'Secondary', 'Post-16', 'Helpful', 'Not helpful']))
  })

  it('offers the projects in /workgroups help, with a button for the phase picker and one for every command', async () => {
    const res = await postToSlackEndpoint(bot.url, command('help'))
    const texts = sectionTexts(res.json.blocks).join('\n')
    expect(texts).toContain('`/workgroups secondary`')
    expect(buttons(res.json.blocks).map((b) => [b.text.text, b.value])).toEqual(
      expect.arrayContaining([
        ['Projects for my school', 'workgroups'],
        ['More commands', 'workgroups help all'],
      ]),
    )
  })

  it('answers a DM with no share button (it is private already)', async () => {
    const res = await postToSlackEndpoint(bot.url, command('primary', { channel_id: 'D024BE91L', channel_name: 'directmessage' }))
    expect(res.json.blocks[0].text.text).toBe('Primary projects')
    expect(buttons(res.json.blocks).map((b) => b.text.text)).toEqual(['Details: for teachers', 'Details: leaders and networks'])
  })
})

describe('signature checks', () => {
  it('refuses a wrong signature with 401 and does nothing', async () => {
    const before = { requests: bot.slackApi.requests.length, events: await processedEventCount() }
    const res = await postToSlackEndpoint(bot.url, { ...command('secondary'), secret: 'not-the-signing-secret' })
    expect(res.status).toBe(401)
    expect(res.body).not.toContain('Secondary')
    expect(await processedEventCount()).toBe(before.events)
    expect(bot.slackApi.requests.length).toBe(before.requests)
  })

  it('refuses a stale timestamp (older than 5 minutes) with 401 and records nothing', async () => {
    const before = await processedEventCount()
    const stale = Math.floor(Date.now() / 1000) - 6 * 60
    const res = await postToSlackEndpoint(bot.url, { ...command('secondary'), timestamp: stale })
    expect(res.status).toBe(401)
    expect(await processedEventCount()).toBe(before)
  })

  it('refuses a request with no signature headers', async () => {
    const res = await fetch(`${bot.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: command('secondary').body,
    })
    expect(res.status).toBe(401)
  })
})

describe('buttons', () => {
  it('a phase button replaces the private picker with that phase', async () => {
    const responseUrl = bot.slackApi.responseUrl('phase-click')
    const res = await postToSlackEndpoint(
      bot.url,
      interaction({
        ...blockActionsPayload,
        trigger_id: 'phase-click-1',
        response_url: responseUrl,
        actions: [{ ...blockActionsPayload.actions[0], action_id: 'catalogue.phase#2', value: 'secondary' }],
      }),
    )
    expect(res.status).toBe(200)
    const posted = await eventually(() => bot.slackApi.requests.find((r) => r.path.endsWith('/phase-click'))?.body)
    expect(posted.replace_original).toBe(true)
    expect(posted.blocks[0].text.text).toBe('Secondary projects')
  })

  it('share posts the answer to the channel, says who shared it, and removes the private copy', async () => {
    const responseUrl = bot.slackApi.responseUrl('share-click')
    await postToSlackEndpoint(
      bot.url,
      interaction({
        ...blockActionsPayload,
        trigger_id: 'share-click-1',
        response_url: responseUrl,
        actions: [{ ...blockActionsPayload.actions[0], action_id: 'catalogue.share', value: 'secondary' }],
      }),
    )
    const posts = await eventually(() => {
      const found = bot.slackApi.requests.filter((r) => r.path.endsWith('/share-click')).map((r) => r.body)
      return found.length >= 2 ? found : undefined
    })
    expect(posts[0]).toMatchObject({ response_type: 'in_channel', replace_original: false })
    expect(JSON.stringify(posts[0].blocks)).toContain('Shared by <@UA8RXUSPL> · Each project in full: `/workgroups secondary`')
    expect(buttons(posts[0].blocks)).toHaveLength(0)
    expect(posts[1]).toEqual({ delete_original: true })
  })
})

describe('messages to the bot', () => {
  it('answers an @mention privately in the thread, and ignores Slack re-sending it', async () => {
    const envelope = {
      ...appMentionEnvelope,
      event_id: 'EvMention1',
      event: { ...appMentionEnvelope.event, text: '<@U0LAN0Z89> which projects for secondary?' },
    }
    const first = await postToSlackEndpoint(bot.url, eventCallback(envelope))
    expect(first.status).toBe(200)
    const [posted] = await eventually(() => {
      const calls = bot.slackApi.calls('chat.postEphemeral')
      return calls.length > 0 ? calls : undefined
    })
    expect(posted).toMatchObject({ channel: 'C123ABC456', user: 'U123ABC456', thread_ts: '1515449522.000016' })
    expect(posted.blocks[0].text.text).toBe('Secondary projects')

    const retry = await postToSlackEndpoint(bot.url, eventCallback(envelope, 1))
    expect(retry.status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(bot.slackApi.calls('chat.postEphemeral')).toHaveLength(1)
  })

  it('answers a direct message in the DM', async () => {
    const envelope = { ...directMessageEnvelope, event: { ...directMessageEnvelope.event, text: 'workgroups KS5' } }
    await postToSlackEndpoint(bot.url, eventCallback(envelope))
    const [posted] = await eventually(() => {
      const calls = bot.slackApi.calls('chat.postMessage').filter((c) => c.channel === 'D024BE91L')
      return calls.length > 0 ? calls : undefined
    })
    expect(posted.blocks[0].text.text).toBe('Post-16 projects')
    expect(posted.thread_ts).toBeUndefined()
  })

  it('ignores messages from bots (including itself)', async () => {
    const envelope = {
      ...directMessageEnvelope,
      event_id: 'EvBot1',
      event: { ...directMessageEnvelope.event, channel: 'D0BOTLOOP', bot_id: 'B123', subtype: 'bot_message' },
    }
    await postToSlackEndpoint(bot.url, eventCallback(envelope))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(bot.slackApi.calls('chat.postMessage').filter((c) => c.channel === 'D0BOTLOOP')).toHaveLength(0)
  })
})

async function processedEventCount(): Promise<number> {
  const row = await bot.db.selectFrom('processed_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
