// Naming people who were mentioned by id alone. Slack shows every reader a person's current
// name by itself; Teams shows only the name the bot writes, so its adapter fills in the names
// it can find before rendering, and a mention is never "someone" where a name is known.
import type { Form } from './forms.js'
import { type Message, userText } from './messages.js'

// `mention({ userId })` without a name: an empty label.
const UNNAMED = /\[@\]\(mention:([^)\s]+)\)/g

/** The ids of people mentioned without a name, in any of these texts. */
export function unnamedMentionIds(texts: Iterable<string>): string[] {
  const ids = new Set<string>()
  for (const text of texts) for (const m of text.matchAll(UNNAMED)) ids.add(m[1]!)
  return [...ids]
}

/** The text with each unnamed mention given its name, where `names` has one. */
export function withMentionNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(UNNAMED, (whole, id: string) => {
    const name = names.get(id)?.trim()
    return name ? `[@${userText(name)}](mention:${id})` : whole
  })
}

/** Every text a message shows (its notification, blocks and facts), in order. */
export function messageTexts(message: Message): string[] {
  const texts = [message.text]
  for (const block of message.blocks) {
    if (block.type === 'header' || block.type === 'text' || block.type === 'context') texts.push(block.text)
    if (block.type === 'text') for (const f of block.fields ?? []) texts.push(f.label, f.value)
  }
  return texts
}

/** The message with `rewrite` applied to every text it shows. */
export function mapMessageTexts(message: Message, rewrite: (text: string) => string): Message {
  return {
    ...message,
    text: rewrite(message.text),
    blocks: message.blocks.map((block) => {
      if (block.type === 'header' || block.type === 'context') return { ...block, text: rewrite(block.text) }
      if (block.type !== 'text') return block
      return { ...block, text: rewrite(block.text), ...(block.fields ? { fields: block.fields.map((f) => ({ label: rewrite(f.label), value: rewrite(f.value) })) } : {}) }
    }),
  }
}

/** The form with `rewrite` applied to its title and introduction. */
export function mapFormTexts(form: Form, rewrite: (text: string) => string): Form {
  return { ...form, title: rewrite(form.title), ...(form.intro !== undefined ? { intro: rewrite(form.intro) } : {}) }
}
