// Reading what a user would see in the bot's output, platform by platform.

/** Markdown as Teams shows it: a CommonMark backslash escape is the character itself. */
export function shownMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1')
}

/** Every piece of text an Adaptive Card shows, in order (TextBlocks, facts, button titles). */
export function cardTexts(card: any): string[] {
  const out: string[] = []
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    if (node.type === 'TextBlock') out.push(shownMarkdown(node.text))
    if (node.type === 'FactSet') for (const f of node.facts) out.push(`${shownMarkdown(f.title)}: ${shownMarkdown(f.value)}`)
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) out.push(`[${node.title}]`)
    for (const key of ['body', 'items', 'actions', 'columns']) walk(node[key])
  }
  walk(card)
  return out
}

/** The Adaptive Card attached to an activity the bot sent. */
export function cardOf(activity: any): any {
  const attachment = activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')
  if (!attachment) throw new Error(`No Adaptive Card in ${JSON.stringify(activity)}`)
  return attachment.content
}

/** Buttons on a card, wherever they are. */
export function cardActions(card: any): any[] {
  const out: any[] = []
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) out.push(node)
    for (const key of ['body', 'items', 'actions', 'columns']) walk(node[key])
  }
  walk(card)
  return out
}

/** Project titles in a Slack answer: the bold first line of each project section. */
export function slackProjectTitles(blocks: any[]): string[] {
  return blocks
    .filter((b) => b.type === 'section' && b.fields)
    .map((b) => /^\*([^*]+)\*/.exec(b.text.text)?.[1] ?? '')
}

/** Project titles in a Teams answer: the bold first line of each project container. */
export function teamsProjectTitles(card: any): string[] {
  return card.body
    .filter((item: any) => item.type === 'Container' && item.items.some((i: any) => i.type === 'FactSet'))
    .map((item: any) => /^\*\*([^*]+)\*\*/.exec(item.items[0].text)?.[1] ?? '')
}
