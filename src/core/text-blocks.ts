// Long lists (a register, a year's lines, an evaluation's sessions) split into text blocks that
// each stay within a section's length on both platforms, so a large group's message still renders.
import { type Block, MESSAGE_LIMITS } from './messages.js'

/** Room left under the limit for the renderers' own markup. */
const ROOM = 100

export function textBlocks(pieces: readonly string[], separator: string): Block[] {
  const blocks: Block[] = []
  let text = ''
  for (const piece of pieces) {
    if (text && text.length + separator.length + piece.length > MESSAGE_LIMITS.textLength - ROOM) {
      blocks.push({ type: 'text', text })
      text = ''
    }
    text = text ? `${text}${separator}${piece}` : piece
  }
  if (text) blocks.push({ type: 'text', text })
  return blocks
}
