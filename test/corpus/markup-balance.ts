// Markup that did not become formatting: literal ** pairs, or a mark left without its partner,
// which a reader sees as stray stars and underscores.

// Private-use characters are the renderers' own stand-ins and placeholders: none may escape.
const STAND_INS = /[\ue000-\uf8ff]/

/** Problems in one line of Slack mrkdwn (formatting never spans lines there). */
export function mrkdwnProblems(text: string): string[] {
  const problems: string[] = []
  if (STAND_INS.test(text)) problems.push('a stand-in character leaked')
  for (const line of text.split('\n')) {
    // Links, mentions and dates are <…>; a typed mark is guarded by zero-width spaces.
    const bare = line.replace(/<[^>]*>/g, 'x').replace(/\u200b[*_~`]\u200b/g, '')
    if (bare.includes('**')) problems.push(`literal ** in “${line}”`)
    for (const mark of ['*', '~', '`']) if (count(bare, mark) % 2) problems.push(`an unpaired ${mark} in “${line}”`)
    if (edgeUnderscores(bare) % 2) problems.push(`an unpaired _ in “${line}”`)
  }
  return problems
}

/** Problems in one Teams TextBlock or fact (Adaptive Card Markdown). */
export function teamsMarkdownProblems(text: string): string[] {
  const problems: string[] = []
  if (STAND_INS.test(text)) problems.push('a stand-in character leaked')
  for (const line of text.split('\n')) {
    // Backslash escapes show as the character itself; mention tags and link targets are not text.
    const bare = line.replace(/\\[!-/:-@[-`{-~]/g, '').replace(/<at>[^<]*<\/at>/g, '').replace(/\]\([^)\s]*\)/g, ']')
    if (bare.includes('****') || /\*\*\s*\*\*/.test(bare)) problems.push(`empty or doubled bold in “${line}”`)
    if (count(bare, '**') % 2) problems.push(`an unpaired ** in “${line}”`)
    if (count(bare.replace(/\*\*/g, ''), '*') % 2) problems.push(`an unpaired * in “${line}”`)
    if (bare.includes('`')) problems.push(`a literal backtick in “${line}”`)
    if (edgeUnderscores(bare) % 2) problems.push(`an unpaired _ in “${line}”`)
    if (/<(?!at>|\/at>)[a-z!@/]/i.test(bare)) problems.push(`a raw tag in “${line}”`)
  }
  return problems
}

/**
 * Text shown with no markup at all (Slack plain_text, button titles): none of the bot's markup
 * may be left in it. Markup people typed is shown as typed there, so with `typedMarkup` only
 * leaked stand-ins count.
 */
export function plainTextProblems(text: string, typedMarkup: boolean): string[] {
  const problems: string[] = []
  if (STAND_INS.test(text)) problems.push('a stand-in character leaked')
  if (!typedMarkup && /\*\*|\\[\\[\]()*_`~<>]|\]\((https?|mention|time):/.test(text)) problems.push(`unrendered markup in plain text “${text}”`)
  return problems
}

function count(text: string, mark: string): number {
  return text.split(mark).length - 1
}

// An underscore only starts or ends italics at a word's edge; snake_case stays text.
function edgeUnderscores(text: string): number {
  return [...text.matchAll(/(?<![\p{L}\p{N}])_(?=\S)|(?<=\S)_(?![\p{L}\p{N}])/gu)].length
}
