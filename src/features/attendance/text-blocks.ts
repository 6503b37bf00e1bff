// Long lists (a register, a year's lines) split into text blocks that each stay within a
// section's length on both platforms, so a large group's message still renders.
import { type Block, MESSAGE_LIMITS, mention, truncate } from '../../core/messages.js'

/** Longer than any real name; a name pasted from somewhere is cut, so the list still fits. */
const NAME_MAX = 80

/**
 * A person in a list, as a mention: by the name the group knows, or by id alone, which Slack shows
 * as the person's name and the Teams adapter names before rendering (never "someone").
 */
export const listed = (p: { userId: string; name?: string | undefined }): string => mention({ userId: p.userId, name: p.name ? truncate(p.name, NAME_MAX) : undefined })

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
