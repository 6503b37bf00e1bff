// Issue 13: what people type is quoted back as typed, never as a ping or a disguised link.
// Every message that quotes user text goes through both real renderers (Slack mrkdwn in the
// chat.postMessage body, the Teams Adaptive Card) with the markup of both platforms in it.
import { describe, expect, it } from 'vitest'
import { renderMessage } from '../../adapters/slack/render-block-kit.js'
import { renderCard } from '../../adapters/teams/render-adaptive-card.js'
import { type Message, mention, textMessage, userText } from '../../src/core/messages.js'
import { renderNewSession, renderRoster, renderReminder } from '../../src/domain/session-messages.js'
import type { Session } from '../../src/domain/sessions.js'
import type { WorkGroup } from '../../src/domain/work-groups.js'
import type { Catalogue } from '../../src/domain/projects.js'
import { asShared, renderAnswer } from '../../src/features/catalogue/render-answer.js'
import type { MatchResult } from '../../src/features/catalogue/match-projects.js'
import { collateReflections } from '../../src/domain/collate-reflections.js'
import { renderCollated } from '../../src/features/reflections/render-collated.js'
import { renderResourcePost } from '../../src/features/resources/render-resources.js'
import { cardTexts } from '../support/card-text.js'

const ORDINARY = 'Year 7/8 (KS3) fractions & ratio — 50% done'
const HOSTILE = [
  '**strong** _leaning_ `code` ~struck~ back\\slash',
  '<at>Someone</at>',
  '<!channel>',
  '<!here>',
  '<@U123>',
  '<https://evil.example|Click>',
  '*bold*',
  '[Claim your bursary](https://evil.example/phish)',
  '[x](mention:U1%3E%20%3C!channel)',
  '[y](mention:U999)',
  '[z](time:2026-11-04T16:00:00Z|datetime)',
  '<b>html</b> <img src=x>',
]
const TYPED = [ORDINARY, ...HOSTILE].join(' ')
// The catalogue quotes at most 150 characters of a question, so it gets the worst of it.
const QUESTION = `${ORDINARY} [Claim your bursary](https://evil.example/phish) [x](mention:U1%3E%20%3C!channel) <!channel>`
const QUESTION_FRAGMENTS = [ORDINARY, '[Claim your bursary](https://evil.example/phish)', '[x](mention:U1%3E%20%3C!channel) <!channel>']
const FRAGMENTS = [ORDINARY, '[Claim your bursary](https://evil.example/phish)', '<!channel> <!here> <@U123> <https://evil.example|Click> *bold*', '<at>Someone</at>', '**strong** _leaning_ `code` ~struck~ back\\slash']

const GROUP: WorkGroup = {
  id: 'g1', platform: 'slack', workspaceId: 'T1', conversationId: 'C1', hubId: 'h1', hubName: `Hub ${TYPED}`,
  projectId: 'p1', projectTitle: `Project ${TYPED}`, schoolYear: '2026/27', leadUserId: 'ULEAD',
  reminderOffsets: [60], calendarToken: 'x', reflectionDelayMinutes: 30, version: 1,
}
const SESSION: Session = {
  id: 's1', platform: 'slack', workspaceId: 'T1', workGroupId: 'g1',
  startsAt: new Date('2026-11-04T16:00:00Z'), endsAt: new Date('2026-11-04T17:30:00Z'),
  title: TYPED, place: TYPED, prepare: TYPED, gapTask: TYPED,
}

/** Each message quoting user text, with the ids the bot itself resolved for it. */
const MESSAGES: Record<string, Message> = {
  'catalogue answer (You asked)': renderAnswer({
    result: { kind: 'nothing', reason: { kind: 'no-match' }, leftOut: [], question: { text: QUESTION } } as unknown as MatchResult,
    catalogue: { schoolYear: '2026/27' } as Catalogue,
    answeredBy: { by: 'rules' },
    hint: (a) => `“${a}”`,
    now: new Date('2026-11-04T12:00:00Z'),
  }),
  'shared catalogue answer': asShared(
    renderAnswer({
      result: { kind: 'nothing', reason: { kind: 'no-match' }, leftOut: [], question: { text: QUESTION } } as unknown as MatchResult,
      catalogue: { schoolYear: '2026/27' } as Catalogue,
      answeredBy: { by: 'rules' },
      hint: (a) => `“${a}”`,
      now: new Date('2026-11-04T12:00:00Z'),
    }),
    { userId: 'USHARER', name: `Sharer ${TYPED}` } as never,
  ),
  'resource post': renderResourcePost(
    { id: 'r1', url: 'https://www.ncetm.org.uk/x', canonicalUrl: 'https://www.ncetm.org.uk/x', host: 'ncetm.org.uk', title: TYPED, tags: ['fractions', 'Click>', '<!channel>', '[x](https://evil.example)'], sharedBy: 'USHARER', sharedByName: TYPED, createdAt: new Date() },
    { sharedBy: 'USHARER', sharedByName: TYPED, fromLabel: TYPED },
    [TYPED],
  ),
  'roster with an apology note': renderRoster(GROUP, SESSION, [{ userId: 'UANNA', name: TYPED, source: 'channel' }], [{ userId: 'UANNA', status: 'apologies', note: TYPED, late: false }], 'Europe/London', 48),
  'reflection answers in the Lead view': renderCollated({
    projectTitle: GROUP.projectTitle,
    sessionLabel: userText(TYPED),
    collated: collateReflections({
      reflections: [{ sessionId: 's1', version: 1, workGroupId: 'g1', userId: 'UANNA', rating: 4, visibility: 'lead', tryInClass: TYPED, noticed: TYPED, submittedAt: new Date(), updatedAt: new Date() }],
      names: new Map([['UANNA', TYPED]]),
      expected: 1,
    }),
    summary: { kind: 'ai', text: TYPED },
  }),
  'session reminder': renderReminder(GROUP, SESSION, new Date(SESSION.startsAt.getTime() - 60 * 60_000), 'Europe/London', undefined, TYPED),
  'new session notice': renderNewSession(GROUP, SESSION, new Date(SESSION.startsAt.getTime() - 60 * 60_000), 'Europe/London'),
}
const RESOLVED = new Set(['UANNA', 'USHARER', 'ULEAD'])

/**
 * The parts of the chat.postMessage body Slack reads markup in: `text` and every mrkdwn
 * object. plain_text (headers, buttons) shows `<!channel>` as those characters, by definition.
 */
function slackBody(message: Message): string {
  const { text, blocks } = renderMessage(message)
  const mrkdwn: string[] = [text]
  JSON.stringify(blocks, (_k, v) => (v && typeof v === 'object' && v.type === 'mrkdwn' && mrkdwn.push(v.text), v))
  return mrkdwn.join('\n')
}

/** What a Slack reader sees in mrkdwn, roughly: entities decoded, the zero-width guards gone. */
function slackShown(message: Message): string {
  const strings: string[] = []
  JSON.stringify(renderMessage(message), (_k, v) => (typeof v === 'string' && strings.push(v), v))
  return strings.join('\n').replace(/\u200b/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
}

describe.each(Object.entries(MESSAGES))('%s', (name, message) => {
  const fragments = name.includes('catalogue') ? QUESTION_FRAGMENTS : FRAGMENTS
  it('on Slack pings no one, links nowhere unasked and mentions only the ids the bot resolved', () => {
    const body = slackBody(message)
    expect(body).not.toMatch(/<!(channel|here|everyone)/)
    expect(body).not.toMatch(/<https?:\/\/evil\.example/)
    expect(body).not.toMatch(/<mailto:|<[a-z]+:\/\/[^|>]*\|Click/)
    for (const [, id] of body.matchAll(/<@([^>]*)>/g)) expect(RESOLVED.has(id!)).toBe(true)
    // Typed stars and underscores are kept from pairing up into formatting.
    expect(body).not.toContain('*bold*')
    expect(body).not.toContain('_leaning_')
  })

  it('on Slack reads as typed', () => {
    const shown = slackShown(message)
    for (const typed of fragments) expect(shown).toContain(typed)
  })

  it('on Teams has no link to evil.example, no mention from text and no raw tags, and reads as typed', () => {
    const card = renderCard(message)
    const raw = JSON.stringify(card)
    expect(raw).not.toMatch(/\]\(https?:\/\/evil\.example/)
    expect(raw).not.toMatch(/(?<!\\)<(at|b|img)\b/)
    expect(raw).not.toContain('U1>')
    expect(raw).not.toMatch(/(?<!\\)\*\*strong/)
    const shown = cardTexts(card).join('\n')
    for (const typed of fragments) expect(shown).toContain(typed)
  })
})

describe('the renderers themselves', () => {
  it('turn a mention with an id of the wrong shape, a time that is not ISO or a non-web link into its plain label', () => {
    const message = textMessage('[@x](mention:U1%3E%20%3C!channel) [@y](mention:u_lower) [then](time:yesterday|datetime) [run](javascript:alert(1)) [mail](mailto:a@b.c)')
    const slack = slackBody(message)
    expect(slack).not.toMatch(/<@|<!|javascript|mailto/)
    expect(slack).toContain('@x @y then run')
    const teams = JSON.stringify(renderCard(message))
    expect(teams).not.toMatch(/\*\*@?x\*\*|\]\(javascript|\]\(mailto/)
  })

  it('still render the bot’s own mentions, links and moments', () => {
    const rest = 'see [the guide](https://www.ncetm.org.uk/) at [4pm](time:2026-11-04T16:00:00.000Z|time)'
    const slack = textMessage(`${mention({ userId: 'U0ABC', name: 'Ann [Lead]' })} ${rest}`)
    expect(slackBody(slack)).toContain('<@U0ABC> see <https://www.ncetm.org.uk/|the guide> at <!date^1793808000^{time}|4pm>')
    const teams = textMessage(`${mention({ userId: '29:1abc-DEF_2', name: 'Ann [Lead]' })} ${rest}`)
    const card = renderCard(teams)
    expect(cardTexts(card)).toEqual(['<at>Ann [Lead]</at> see [the guide](https://www.ncetm.org.uk/) at 4pm (UK time)'])
    expect(card.msteams?.entities).toEqual([{ type: 'mention', text: '<at>Ann [Lead]</at>', mentioned: { id: '29:1abc-DEF_2', name: 'Ann [Lead]' } }])
  })

  it('leave ordinary text alone', () => {
    expect(slackShown(textMessage(userText(ORDINARY)))).toContain(ORDINARY)
    expect(cardTexts(renderCard(textMessage(userText(ORDINARY))))).toContain(ORDINARY)
    expect(userText(ORDINARY)).toBe('Year 7/8 \\(KS3\\) fractions & ratio — 50% done')
  })
})
