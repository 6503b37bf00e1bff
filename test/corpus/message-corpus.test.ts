// Issue 14: every message and form the bot can send, rendered by both real renderers, must be
// within Slack's limits, valid Adaptive Card 1.5, and read well: no literal ** or stray marks,
// every Teams mention with its entity. A builder added to src/ without a corpus entry fails here.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderMessage, renderModal } from '../../adapters/slack/render-block-kit.js'
import { renderCard, renderFormCard } from '../../adapters/teams/render-adaptive-card.js'
import { mapMessageTexts, messageTexts, unnamedMentionIds, withMentionNames } from '../../src/core/mention-names.js'
import { createChartLinks } from '../../src/charts/chart-links.js'
import { MESSAGE_LIMITS, type Message, type SessionChart } from '../../src/core/messages.js'
import { cardTexts } from '../support/card-text.js'
import { adaptiveCardProblems } from './adaptive-card-schema.js'
import { buildCorpus, type CorpusEntry, helpMessages, VARIANTS } from './corpus.js'
import { slackMessageProblems, slackViewProblems } from './slack-limits.js'

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))
// Builders whose messages come from elsewhere in the corpus: the help feature's handlers.
const BY_HANDLER = ['help']

/** Every top-level function in the features and the domain that builds a Message or a Form. */
function builders(): { name: string; file: string }[] {
  const found: { name: string; file: string }[] = []
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (entry.name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/^(?:export )?function (\w+)(?:<[^>]*>)?\((?:[^()]|\([^()]*\))*\)\s*:\s*(?:Message|Form)\s*\{/gm)) found.push({ name: m[1]!, file: relative(SRC, path) })
    }
  }
  visit(join(SRC, 'features'))
  visit(join(SRC, 'domain'))
  return found
}

const help = await helpMessages([])
// Charts as Slack gets them with PUBLIC_URL set: an image block at a signed address.
const chartLinks = createChartLinks('corpus secret')
const chartUrl = (chart: SessionChart) => chartLinks.url('https://bot.example.org', chart)

describe.each(VARIANTS)('$label', (variant) => {
  const corpus: CorpusEntry[] = [...buildCorpus(variant), ...help]
  const typedMarkup = variant.label.startsWith('hostile')

  it.each(corpus.map((entry) => [`${entry.builder}: ${entry.name}`, entry] as const))('%s renders on Slack within Block Kit’s limits, with no stray markup', (_name, entry) => {
    if ('message' in entry) {
      expect(entry.message.blocks.length, 'blocks the renderer would drop').toBeLessThanOrEqual(MESSAGE_LIMITS.blocks)
      expect(slackMessageProblems(renderMessage(entry.message), typedMarkup)).toEqual([])
      expect(slackMessageProblems(renderMessage(entry.message, chartUrl), typedMarkup)).toEqual([])
    } else expect(slackViewProblems(renderModal(entry.form), typedMarkup)).toEqual([])
  })

  it.each(corpus.map((entry) => [`${entry.builder}: ${entry.name}`, entry] as const))('%s renders on Teams as a valid Adaptive Card 1.5 that reads well', (_name, entry) => {
    if ('message' in entry) expect(adaptiveCardProblems(renderCard(entry.message, { o: 'signed' }), typedMarkup)).toEqual([])
    else {
      expect(adaptiveCardProblems(renderFormCard(entry.form), typedMarkup)).toEqual([])
      expect(adaptiveCardProblems(renderFormCard(entry.form, {}, {}, { in: 'dialog' }), typedMarkup)).toEqual([])
    }
  })
})

describe('people named on Teams', () => {
  const teams = VARIANTS.find((v) => v.label.startsWith('hostile'))!
  // What the Teams adapter does before rendering: every id it is asked about gets a name.
  const named = (message: Message) => {
    const names = new Map(unnamedMentionIds(messageTexts(message)).map((id) => [id, `Name of ${id}`]))
    return mapMessageTexts(message, (text) => withMentionNames(text, names))
  }

  it.each(buildCorpus(teams).flatMap((e) => ('message' in e ? [[`${e.builder}: ${e.name}`, e.message] as const] : [])))('%s names nobody “someone”, “the Lead” or “administrator”', (_name, message) => {
    const card = renderCard(named(message))
    for (const entity of card.msteams?.entities ?? []) expect(entity.mentioned.name).not.toMatch(/^(someone|the (new |previous |Work Group )?lead|administrator)$/i)
    expect(cardTexts(card).join('\n')).not.toMatch(/\bsomeone\b/)
  })
})

describe('the corpus', () => {
  it('has an entry for every message and form builder in src/features and src/domain', () => {
    const covered = new Set([...buildCorpus(VARIANTS[0]!), ...help].map((e) => e.builder))
    const missing = builders().filter((b) => !covered.has(b.name)).map((b) => `${b.name} (${b.file})`)
    expect(missing, 'add each to test/corpus/corpus.ts').toEqual([])
    expect(builders().length).toBeGreaterThan(40)
    for (const name of BY_HANDLER) expect(covered.has(name)).toBe(true)
  })

  it('catches what it is for: literal ** on Slack, a schema error and a mention without its entity on Teams', () => {
    const slack = { text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '**Wed 4 Nov** *bold' } }, { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }
    expect(slackMessageProblems(slack, false)).toEqual(['literal ** in “**Wed 4 Nov** *bold”', 'an unpaired * in “**Wed 4 Nov** *bold”', 'header has 151 characters (at most 150)'])
    const card = renderCard({ text: 'x', blocks: [{ type: 'text', text: 'Hi' }] }) as any
    card.body[0].items[0].text = 'Hi <at>Ann</at> **there'
    card.body.push({ type: 'TextBlock', txt: 'typo' })
    const problems = adaptiveCardProblems(card, false)
    expect(problems).toContain('<at>Ann</at> has no mention entity')
    expect(problems).toContain('an unpaired ** in “Hi <at>Ann</at> **there”')
    expect(problems.some((p) => p.startsWith('schema: /body/1'))).toBe(true)
  })
})
