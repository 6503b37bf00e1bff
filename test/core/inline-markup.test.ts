// Issue 14: bold and italic around a date, a link, a mention or a code span come out as the
// platform's own formatting (Slack *bold* around <!date…>, Teams **bold**), never as literal
// stars; and a text cut to a platform's limit is cut as text, with its marks still paired.
import { describe, expect, it } from 'vitest'
import { toMrkdwn } from '../../adapters/slack/render-block-kit.js'
import { type MentionEntity, toTeamsMarkdown } from '../../adapters/teams/render-adaptive-card.js'
import { linkTarget, mention, moment, userText } from '../../src/core/messages.js'

const four = moment(new Date('2026-11-04T16:00:00Z'), 'Wednesday 4 November 2026, 16:00')
const half = moment(new Date('2026-11-04T17:30:00Z'), '17:30', 'time')

describe('markup nested in bold or italic', () => {
  it('on Slack: a bold date range, a bold link, a bold mention, italic link and code', () => {
    expect(toMrkdwn(`The session on **${four}–${half}** is cancelled.`)).toBe(
      'The session on *<!date^1793808000^{date_long_pretty} at {time}|Wednesday 4 November 2026, 16:00>–<!date^1793813400^{time}|17:30>* is cancelled.',
    )
    expect(toMrkdwn('**[Fractions](https://www.ncetm.org.uk/a_b)** · ncetm.org.uk')).toBe('*<https://www.ncetm.org.uk/a_b|Fractions>* · ncetm.org.uk')
    expect(toMrkdwn(`**Going (1):** ${mention({ userId: 'U0ANN', name: 'Ann' })}, **Lead: ${mention({ userId: 'U0LEE' })}**`)).toBe('*Going (1):* <@U0ANN>, *Lead: <@U0LEE>*')
    expect(toMrkdwn('_see [the guide](https://www.ncetm.org.uk/)_ and **run `npm start`**')).toBe('_see <https://www.ncetm.org.uk/|the guide>_ and *run `npm start`*')
  })

  it('on Teams: the same, with code inside bold as plain bold text and a bold mention as a real mention', () => {
    const mentions: MentionEntity[] = []
    expect(toTeamsMarkdown(`The session on **${four}–${half}** is cancelled.`)).toBe('The session on **Wednesday 4 November 2026, 16:00–17:30** is cancelled. (UK time)')
    expect(toTeamsMarkdown('_see [the guide](https://www.ncetm.org.uk/)_ and **run `npm start`** or `npm test`')).toBe('_see [the guide](https://www.ncetm.org.uk/)_ and **run npm start** or **npm test**')
    expect(toTeamsMarkdown(`**Lead: ${mention({ userId: '29:lee', name: 'Lee Lane' })}**`, mentions)).toBe('**Lead: <at>Lee Lane</at>**')
    expect(mentions).toEqual([{ type: 'mention', text: '<at>Lee Lane</at>', mentioned: { id: '29:lee', name: 'Lee Lane' } }])
  })

  it('leaves typed stars and a lone ** as text, and bold never crosses a line', () => {
    expect(toMrkdwn(`**${userText('5*3 = 15 **really**')}**`)).toBe('*5\u200b*\u200b3 = 15 \u200b*\u200b\u200b*\u200breally\u200b*\u200b\u200b*\u200b*')
    expect(toMrkdwn('a ** b')).toBe('a ** b')
    expect(toMrkdwn('**one\ntwo**')).toBe('**one\ntwo**')
  })
})

describe('text cut to a limit', () => {
  const title = userText(`Fractions ${'and ratio '.repeat(400)}`.trim())

  it('on Slack stays within the limit with its bold and link whole', () => {
    const link = toMrkdwn(`**[${title}](https://www.ncetm.org.uk/x)** and **${four}**`, 3000)
    expect(link.length).toBeLessThanOrEqual(3000)
    // The link keeps its address and loses words; the date after it is left out whole.
    expect(link).toMatch(/^\*<https:\/\/www\.ncetm\.org\.uk\/x\|Fractions( and| ratio)+…>\*…$/)
    const text = toMrkdwn(`**${title}** [the guide](https://www.ncetm.org.uk/)`, 3000)
    expect(text.length).toBeLessThanOrEqual(3000)
    expect(text).toMatch(/^\*Fractions( and| ratio)+\*…$/)
  })

  it('on Teams likewise, and a mention cut off takes its entity with it', () => {
    const mentions: MentionEntity[] = []
    const text = toTeamsMarkdown(`**${title}** ${mention({ userId: '29:lee', name: 'Lee Lane' })}`, mentions, 300)
    expect(text.length).toBeLessThanOrEqual(300)
    expect(text).toMatch(/^\*\*Fractions( and| ratio)+\*\*…$/)
    expect(mentions).toEqual([])
  })
})

describe('a link to a URL with brackets or spaces (meeting links often have them)', () => {
  it('keeps the whole URL inside the link on both platforms', () => {
    const url = 'https://zoom.us/j/123(ab) c?pwd=x)'
    const text = `Online: [join the session](${linkTarget(url)}) today`
    expect(toMrkdwn(text)).toBe('Online: <https://zoom.us/j/123%28ab%29%20c?pwd=x%29|join the session> today')
    expect(toTeamsMarkdown(text)).toBe('Online: [join the session](https://zoom.us/j/123%28ab%29%20c?pwd=x%29) today')
  })
})
