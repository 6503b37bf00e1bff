// A chart block as each renderer turns it out, at the edges: Slack without an address for the
// picture, or with one too long for it; a Teams card that would be too big with the picture.
import { describe, expect, it } from 'vitest'
import { renderMessage } from '../../adapters/slack/render-block-kit.js'
import { CARD_BYTES, renderCard } from '../../adapters/teams/render-adaptive-card.js'
import type { Message } from '../../src/core/messages.js'

const chartBlock = { type: 'chart' as const, chart: { title: 'Turnout', points: [{ label: '7 Oct', turnout: 0.5, rating: 4 }, { label: '4 Nov', turnout: 1 }] }, alt: 'Turnout: 7 Oct 1 of 2 attended, rated 4.0 on average; 4 Nov 2 of 2 attended.' }
const message: Message = { text: 'Attendance', blocks: [{ type: 'header', text: 'Attendance' }, chartBlock, { type: 'context', text: chartBlock.alt }] }

describe('Slack', () => {
  it('leaves the picture out without an address for it, or with one over 3000 characters', () => {
    expect(renderMessage(message).blocks.map((b) => b.type)).toEqual(['header', 'context'])
    expect(renderMessage(message, () => `https://bot.example.org/${'x'.repeat(3000)}`).blocks.map((b) => b.type)).toEqual(['header', 'context'])
    expect(renderMessage(message, () => 'https://bot.example.org/charts/t.png').blocks[1]).toEqual({
      type: 'image',
      image_url: 'https://bot.example.org/charts/t.png',
      alt_text: chartBlock.alt,
      title: { type: 'plain_text', text: 'Turnout', emoji: false },
    })
  })
})

describe('Teams', () => {
  it('shows the picture inside the card', () => {
    const card = renderCard(message)
    expect(card.body.map((e) => e.type)).toEqual(['TextBlock', 'Image', 'TextBlock'])
  })

  it('leaves the picture out, not the words, when the card would be over 28 KB with it', () => {
    const long: Message = { ...message, blocks: [...message.blocks, ...Array.from({ length: 20 }, (_, i) => ({ type: 'text' as const, text: `Line ${i} ${'words '.repeat(200)}` }))] }
    const card = renderCard(long)
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_BYTES)
    expect(card.body.some((e) => e.type === 'Image')).toBe(false)
    expect(JSON.stringify(card)).toContain(chartBlock.alt)
  })

  it('with several charts that do not all fit, keeps the first pictures and leaves out the last ones', () => {
    const twelve = (n: number) => ({ ...chartBlock, chart: { title: `Project ${n}`, points: Array.from({ length: 12 }, (_, i) => ({ label: `Session ${i + 1}`, turnout: ((i * 7 + n) % 10) / 10, rating: 1 + ((i + n) % 5) })) } })
    const three: Message = { text: 'Evaluation', blocks: [twelve(1), twelve(2), twelve(3)] }
    const card = renderCard(three)
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_BYTES)
    const images = card.body.filter((e) => e.type === 'Image')
    expect(images.length).toBeGreaterThanOrEqual(1)
    expect(images.length).toBeLessThan(3)
    // The first project's picture is the one kept.
    expect(JSON.stringify(card.body[0])).toContain('"type":"Image"')
  })
})
