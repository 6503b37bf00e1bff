// The Lead's collated view as a neutral message: counts, ratings, summary or themes, the
// answers they may see, and within both platforms' limits however many answers there are.
import { describe, expect, it } from 'vitest'
import { type Block, MESSAGE_LIMITS } from '../../src/core/messages.js'
import { collateReflections } from '../../src/domain/collate-reflections.js'
import type { Reflection, Visibility } from '../../src/domain/reflections.js'
import { renderCollated, SUMMARY_LABEL } from '../../src/features/reflections/render-collated.js'

const reflection = (userId: string, visibility: Visibility, rating: number, texts: { tryInClass?: string; noticed?: string } = {}): Reflection => ({
  sessionId: 's1',
  version: 1,
  workGroupId: 'g1',
  userId,
  rating,
  visibility,
  submittedAt: new Date('2026-11-04T18:00:00Z'),
  updatedAt: new Date('2026-11-04T18:00:00Z'),
  ...texts,
})

const names = new Map([
  ['U_ANNA', 'Anna Lee'],
  ['U_BEN', 'Ben Okafor'],
  ['U_PRIV', 'Priya Private'],
])
const NO_MODEL = { kind: 'unavailable', reason: 'no AI model is configured' } as const
const SESSION = 'Tue 4 Nov 16:00'

const texts = (blocks: Block[]) => blocks.map((b) => ('text' in b ? b.text : '')).join('\n')

function render(reflections: Reflection[], options: { expected?: number; summary?: Parameters<typeof renderCollated>[0]['summary']; exportSessionId?: string } = {}) {
  const collated = collateReflections({ reflections, names, expected: options.expected ?? reflections.length })
  return renderCollated({
    projectTitle: 'Mastery Readiness',
    sessionLabel: SESSION,
    collated,
    summary: options.summary ?? NO_MODEL,
    ...(options.exportSessionId ? { exportSessionId: options.exportSessionId } : {}),
  })
}

describe('renderCollated', () => {
  it('says plainly when nobody has reflected yet', () => {
    const message = render([], { expected: 15 })
    expect(message.text).toBe(`No reflections yet for ${SESSION}.`)
    expect(message.blocks).toEqual([{ type: 'text', text: `No reflections yet for ${SESSION}.` }])
  })

  it('shows the header, who reflected out of who was expected, and the ratings as bars with the mean', () => {
    const reflections = [
      ...[5, 5, 5, 4, 4, 3].map((rating, i) => reflection(`U_N${i}`, 'lead', rating)),
      ...Array.from({ length: 6 }, (_, i) => reflection(`U_P${i}`, 'me', 1)),
    ]
    const message = render(reflections, { expected: 15 })
    expect(message.blocks[0]).toEqual({ type: 'header', text: 'Reflections: Mastery Readiness' })
    const all = texts(message.blocks)
    expect(all).toContain(`**${SESSION}**\n12 of 15 reflected (80%)`)
    expect(message.text).toContain('12 of 15 reflected (80%)')
    expect(all).toContain('**Ratings**, from the 6 ratings you may see')
    expect(all).toContain('5 ★ ▇▇▇▇▇▇▇▇▇▇ 3')
    expect(all).toContain('4 ★ ▇▇▇▇▇▇▇ 2')
    expect(all).toContain('3 ★ ▇▇▇ 1')
    expect(all).toContain('2 ★ 0')
    expect(all).toContain('1 ★ 0')
    expect(all).toContain('Mean: **4.3** out of 5')
  })

  it('labels an AI summary as such, and shows it instead of the themes', () => {
    const reflections = ['Bar models', 'Bar models too'].map((t, i) => reflection(`U_N${i}`, 'lead', 4, { tryInClass: t }))
    const message = render(reflections, { summary: { kind: 'ai', text: 'Teachers will try bar models.' } })
    const all = texts(message.blocks)
    expect(all).toContain(`**${SUMMARY_LABEL}**\nTeachers will try bar models.`)
    expect(SUMMARY_LABEL).toBe('AI-written summary, from the answers you may see')
    expect(all).not.toContain('Themes:')
  })

  it('shows keyword themes without a model, and says why when a configured model failed', () => {
    const reflections = ['Bar models for fractions', 'bar models', 'fractions walls'].map((t, i) => reflection(`U_N${i}`, 'lead', 4, { tryInClass: t }))
    const quiet = render(reflections)
    expect(texts(quiet.blocks)).toContain('**Themes:** bar models (2), fractions (2)')
    expect(quiet.blocks.filter((b) => b.type === 'context').map((b) => ('text' in b ? b.text : ''))).not.toContainEqual(expect.stringContaining('AI'))

    const failed = render(reflections, { summary: { kind: 'unavailable', reason: 'the AI model took too long', attempted: true } })
    expect(failed.blocks).toContainEqual({ type: 'context', text: 'No AI summary this time: the AI model took too long.' })
    expect(texts(failed.blocks)).toContain('**Themes:** bar models (2), fractions (2)')
  })

  it('names each named answer’s author with a mention, and shows anonymous ones unnamed', () => {
    const reflections = [
      reflection('U_ANNA', 'lead', 5, { tryInClass: 'Bar models', noticed: 'More talk' }),
      ...Array.from({ length: 5 }, (_, i) => reflection(`U_ANON${i}`, 'anonymised', 3, { tryInClass: `Anonymous idea ${i}` })),
    ]
    const all = texts(render(reflections).blocks)
    expect(all).toContain('**Shared with you by name** (1)\n\n[@Anna Lee](mention:U_ANNA) · 5 ★\n_Will try:_ Bar models\n_Noticed:_ More talk')
    expect(all).toContain('**Shared anonymously** (5)\n\n• 3 ★\n_Will try:_ Anonymous idea 0')
    expect(all).toContain('Anonymous idea 4')
    expect(all).not.toContain('U_ANON')
  })

  it('explains held-back and private reflections in a sentence each, and shows nothing of them', () => {
    const reflections = [
      reflection('U_ANNA', 'lead', 5, { tryInClass: 'Bar models' }),
      reflection('U_PRIV', 'me', 1, { tryInClass: 'My private plan' }),
      reflection('U_A1', 'anonymised', 2, { tryInClass: 'Held idea one' }),
      reflection('U_A2', 'anonymised', 2, { tryInClass: 'Held idea two' }),
    ]
    const message = render(reflections, { expected: 5 })
    expect(message.blocks).toContainEqual({
      type: 'context',
      text: '2 anonymised reflections are held back until at least 5 people share anonymously, so that no one can be recognised.',
    })
    expect(message.blocks).toContainEqual({ type: 'context', text: '1 person kept their reflection to themselves; it counts above, but only they can read it.' })
    const all = JSON.stringify(message)
    expect(all).not.toMatch(/private plan|Held idea|U_PRIV|Priya|U_A1/)
    expect(all).toContain('4 of 5 reflected (80%)')
    expect(all).toContain('from the 1 rating you may see')
  })

  it('offers the export as a link button when there is one', () => {
    const message = render([reflection('U_ANNA', 'lead', 5)], { exportSessionId: 'session-1' })
    expect(message.blocks.at(-1)).toEqual({ type: 'actions', actions: [{ type: 'button', id: 'reflections.send-spreadsheet', label: 'Send me the spreadsheet (CSV)', value: 'session-1' }] })
    expect(render([reflection('U_ANNA', 'lead', 5)]).blocks.some((b) => b.type === 'actions')).toBe(false)
  })

  it('keeps what participants typed from becoming links or mentions', () => {
    const message = render([reflection('U_ANNA', 'lead', 5, { tryInClass: 'Ask [@Head](mention:U_HEAD) and see [this](https://evil.example)' })])
    const all = texts(message.blocks)
    expect(all).not.toContain('](mention:U_HEAD)')
    expect(all).not.toContain('](https://evil.example)')
    expect(all).toContain('Ask \\[@Head\\]\\(mention:U\\_HEAD\\) and see \\[this\\]\\(https://evil.example\\)')
  })

  it('stays within the platforms’ limits with 200 long answers, pointing to the export for the rest', () => {
    const long = (i: number) => `Answer ${i}: ${'we will use bar models and stem sentences every day '.repeat(10)}`.slice(0, 500)
    const reflections = [
      ...Array.from({ length: 150 }, (_, i) => reflection(`U_N${i}`, 'lead', (i % 5) + 1, { tryInClass: long(i), noticed: long(i) })),
      ...Array.from({ length: 50 }, (_, i) => reflection(`U_A${i}`, 'anonymised', (i % 5) + 1, { tryInClass: long(1000 + i), noticed: long(1000 + i) })),
    ]
    const message = render(reflections, { expected: 210, exportSessionId: 'session-1' })
    expect(message.blocks.length).toBeLessThanOrEqual(MESSAGE_LIMITS.blocks)
    for (const block of message.blocks) if ('text' in block) expect(block.text.length).toBeLessThanOrEqual(MESSAGE_LIMITS.textLength)
    // Teams cards must stay under 28 KB.
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(24_000)

    const all = texts(message.blocks)
    const shown = (all.match(/ ★\n_Will try:_/g) ?? []).length
    expect(shown).toBeGreaterThan(5)
    expect(all).toContain(`…and ${200 - shown} more answers in the spreadsheet.`)
    // Both kinds get room: a long list of named answers does not hide every anonymous one.
    expect(all).toContain('**Shared anonymously** (50)')
    expect(all).toContain('**Shared with you by name** (150)')
    expect(all).toContain('200 of 210 reflected (95%)')
  })

  it('stays within the limits with 200 short answers too, grouping several to a block', () => {
    const reflections = Array.from({ length: 200 }, (_, i) => reflection(`U_N${i}`, 'lead', 4, { tryInClass: `Idea ${i}` }))
    const message = render(reflections)
    expect(message.blocks.length).toBeLessThanOrEqual(MESSAGE_LIMITS.blocks)
    for (const block of message.blocks) if ('text' in block) expect(block.text.length).toBeLessThanOrEqual(MESSAGE_LIMITS.textLength)
    const all = texts(message.blocks)
    const shown = (all.match(/_Will try:_ Idea \d+/g) ?? []).length
    expect(shown + Number(/…and (\d+) more answers not shown here\./.exec(all)?.[1] ?? 0)).toBe(200)
    expect(shown).toBeGreaterThan(100)
    expect(message.blocks.filter((b) => b.type === 'text' && b.text.includes('_Will try:_')).length).toBeLessThanOrEqual(5)
  })
})
