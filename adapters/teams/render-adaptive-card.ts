// Core messages and forms → Adaptive Cards 1.5, the newest version Teams renders everywhere
// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference).
import type { Form, FormField } from '../../src/core/forms.js'
import { clipInline, hideEscapes, type Inline, isoInstant, isWebUrl, mentionName, parseInline, showEscapes, toPlainText, wrap } from '../../src/core/inline-markdown.js'
import { type Action, type Block, type Message, type SessionChart, truncate } from '../../src/core/messages.js'
import { renderSessionChart } from '../../src/charts/session-chart.js'
import { CARD_KEYS } from './teams-events.js'

export type AdaptiveCard = {
  type: 'AdaptiveCard'
  $schema: string
  version: '1.5'
  fallbackText?: string
  body: Record<string, unknown>[]
  actions?: Record<string, unknown>[]
  msteams?: { width: 'Full'; entities?: MentionEntity[] }
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive'

// Mentions are card-level entities (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#mention-support-within-adaptive-cards).
function card(body: Record<string, unknown>[], fallbackText: string, actions: Record<string, unknown>[] | undefined, mentions: MentionEntity[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText,
    body,
    ...(actions?.length ? { actions } : {}),
    msteams: { width: 'Full', ...(mentions.length ? { entities: mentions } : {}) },
  }
}

/**
 * Teams refuses a message over about 28 KB (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages).
 * A card over it is rendered again with each text cut shorter, then with its last elements left off.
 */
export const CARD_BYTES = 28_000
const TEXT_CAPS = [Infinity, 3000, 1500, 700, 300]

function fitted(build: (cap: number) => AdaptiveCard): AdaptiveCard {
  const size = (c: AdaptiveCard) => Buffer.byteLength(JSON.stringify(c))
  let built = build(Infinity)
  for (const cap of TEXT_CAPS.slice(1)) {
    if (size(built) <= CARD_BYTES) return built
    built = build(cap)
  }
  while (size(built) > CARD_BYTES && built.body.length > 1) {
    const body = built.body.slice(0, -1)
    built = { ...built, body, msteams: { width: 'Full', ...withEntitiesIn(body, built.msteams?.entities ?? []) } }
  }
  return built
}

/** The mention entities whose tags are still somewhere in `body`. */
function withEntitiesIn(body: Record<string, unknown>[], entities: MentionEntity[]): { entities?: MentionEntity[] } {
  const json = JSON.stringify(body)
  const kept = entities.filter((e) => json.includes(JSON.stringify(e.text).slice(1, -1)))
  return kept.length ? { entities: kept } : {}
}

/** `data` is added to every button's payload (the signed origin of a private answer). */
export function renderCard(message: Message, data: Record<string, string> = {}): AdaptiveCard {
  // A chart's picture rides inside the card, so pictures go first when the card would be too
  // big, the last ones first: their numbers are in the message's text as well.
  for (let charts = message.blocks.filter((b) => b.type === 'chart').length; charts > 0; charts--) {
    const withCharts = buildCard(message, data, Infinity, charts)
    if (Buffer.byteLength(JSON.stringify(withCharts)) <= CARD_BYTES) return withCharts
  }
  return fitted((cap) => buildCard(message, data, cap, 0))
}

/** `charts`: how many of the message's charts (the first ones) to draw as pictures. */
function buildCard(message: Message, data: Record<string, string>, cap: number, charts: number): AdaptiveCard {
  const body: Record<string, unknown>[] = []
  const mentions: MentionEntity[] = []
  let separateNext = false
  let pictured = 0
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separateNext = true
      continue
    }
    const elements = block.type === 'chart' ? (pictured++ < charts ? [chartImage(block.chart, block.alt)] : []) : renderBlock(block, data, mentions, cap)
    if (separateNext && elements[0]) {
      elements[0] = { ...elements[0], separator: true, spacing: 'Medium' }
      separateNext = false
    }
    body.push(...elements)
  }
  // The fallback is the notification text: a mention there is the plain name.
  return card(body, toTeamsMarkdown(message.text, undefined, Math.min(cap, 3000)), undefined, mentions)
}

/**
 * A chart as an Image whose address is the picture itself (a data URI: Adaptive Cards take
 * them from 1.2, and Teams shows them in bot messages), so it needs no public address and
 * shows in the Agents Playground too. `Auto`: its own 800 pixels where the card is wider (a
 * full-width card on a desktop), shrunk to fit on a phone.
 */
function chartImage(chart: SessionChart, alt: string): Record<string, unknown> {
  return { type: 'Image', url: chartDataUri(chart), altText: truncate(toPlainText(alt), 2000), size: 'Auto' }
}

// Drawing takes tens of milliseconds; a message rendered again (a card refitted, a reply
// replaced) reuses its picture.
const drawn = new WeakMap<SessionChart, string>()

export function chartDataUri(chart: SessionChart): string {
  let uri = drawn.get(chart)
  if (!uri) {
    uri = `data:image/png;base64,${Buffer.from(renderSessionChart(chart)).toString('base64')}`
    drawn.set(chart, uri)
  }
  return uri
}

function renderBlock(block: Exclude<Block, { type: 'divider' | 'chart' }>, data: Record<string, string>, mentions: MentionEntity[], cap: number): Record<string, unknown>[] {
  const md = (text: string) => toTeamsMarkdown(text, mentions, cap)
  switch (block.type) {
    case 'header':
      return [{ type: 'TextBlock', text: md(block.text), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }]
    case 'text': {
      // One TextBlock a line: Teams clients disagree on single line breaks inside one block.
      const lines: Record<string, unknown>[] = block.text
        .split('\n')
        .map((line, i) => ({ type: 'TextBlock', text: md(line), wrap: true, ...(i > 0 ? { spacing: 'None' } : {}) }))
      if (block.fields?.length)
        lines.push({
          type: 'FactSet',
          facts: block.fields.map((f) => ({ title: md(f.label), value: md(f.value) })),
        })
      return [{ type: 'Container', items: lines }]
    }
    case 'context':
      return [{ type: 'TextBlock', text: md(block.text), size: 'Small', isSubtle: true, wrap: true }]
    case 'actions':
      return [{ type: 'ActionSet', actions: block.actions.map((action) => renderAction(action, data)) }]
  }
}

function renderAction(action: Action, data: Record<string, string>): Record<string, unknown> {
  if (action.type === 'link') return { type: 'Action.OpenUrl', title: action.label, url: action.url }
  const payload = { ...data, [CARD_KEYS.action]: action.id, [CARD_KEYS.value]: action.value }
  if (action.opensForm) return dialogButton(action.label, payload, action.style)
  return { type: 'Action.Execute', title: action.label, verb: action.id, data: payload, ...buttonStyle(action.style) }
}

/**
 * A button that opens a dialog: Teams sends its data as a `task/fetch` invoke, which the bot
 * answers with the form. Only Action.Submit can do this (Action.Execute cannot open a dialog).
 */
export function dialogButton(title: string, data: Record<string, string>, style?: 'primary' | 'danger'): Record<string, unknown> {
  return { type: 'Action.Submit', title, data: { ...data, msteams: { type: 'task/fetch' } }, ...buttonStyle(style) }
}

function buttonStyle(style: 'primary' | 'danger' | undefined): { style?: string } {
  return style === 'primary' ? { style: 'positive' } : style === 'danger' ? { style: 'destructive' } : {}
}

/**
 * A form as a card. After a failed submission, `submitted` keeps what the user typed and
 * `errors` are shown under their fields, the same errors Slack shows in its modal.
 */
/**
 * `in: 'dialog'`: forms open in dialogs, which take Action.Submit. `conversation` (Universal
 * Actions' Action.Execute) only answers a form card posted in a chat before forms moved to dialogs.
 */
export function renderFormCard(form: Form, submitted: Record<string, string> = {}, errors: Record<string, string> = {}, options: { in?: 'conversation' | 'dialog' } = {}): AdaptiveCard {
  return fitted((cap) => buildFormCard(form, submitted, errors, options, cap))
}

function buildFormCard(form: Form, submitted: Record<string, string>, errors: Record<string, string>, options: { in?: 'conversation' | 'dialog' }, cap: number): AdaptiveCard {
  const mentions: MentionEntity[] = []
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: toTeamsMarkdown(form.title, mentions), size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
  ]
  if (form.intro) body.push({ type: 'TextBlock', text: toTeamsMarkdown(form.intro, mentions, cap), wrap: true })
  for (const field of form.fields) {
    body.push(renderInput(field, submitted[field.id]))
    const error = errors[field.id]
    if (error) body.push({ type: 'TextBlock', text: error, color: 'Attention', wrap: true, spacing: 'None', id: `${field.id}-error` })
  }
  const data = { [CARD_KEYS.form]: form.id, [CARD_KEYS.state]: form.state ?? '' }
  const submit =
    options.in === 'dialog'
      ? { type: 'Action.Submit', title: form.submitLabel, style: 'positive', data }
      : { type: 'Action.Execute', title: form.submitLabel, verb: CARD_KEYS.form, style: 'positive', data }
  return card(body, toPlainText(form.title), [submit], mentions)
}

function renderInput(field: FormField, submitted: string | undefined): Record<string, unknown> {
  const base = {
    id: field.id,
    label: field.label,
    isRequired: field.required ?? false,
    ...(field.required ? { errorMessage: `Please fill in “${field.label}”.` } : {}),
  }
  switch (field.type) {
    case 'text':
      return {
        ...base,
        type: 'Input.Text',
        isMultiline: field.multiline ?? false,
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(submitted ?? field.initial ? { value: submitted ?? field.initial } : {}),
      }
    case 'select':
      return {
        ...base,
        type: 'Input.ChoiceSet',
        style: field.multiple ? 'expanded' : field.searchable ? 'filtered' : 'compact',
        ...(field.multiple ? { isMultiSelect: true } : {}),
        choices: field.options.map((o) => ({ title: truncate(o.label, 75), value: o.value })),
        ...(submitted ?? field.initial ? { value: submitted ?? field.initial } : {}),
      }
    case 'number':
      return {
        ...base,
        type: 'Input.Number',
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(submitted !== undefined && submitted !== '' ? { value: Number(submitted) } : field.initial !== undefined ? { value: field.initial } : {}),
      }
    case 'date':
      return { ...base, type: 'Input.Date', ...(submitted ?? field.initial ? { value: submitted ?? field.initial } : {}) }
    case 'time':
      return { ...base, type: 'Input.Time', ...(submitted ?? field.initial ? { value: submitted ?? field.initial } : {}) }
    case 'users':
      // Teams' people picker: a typeahead over the organisation's directory, returning Entra object ids.
      return {
        ...base,
        type: 'Input.ChoiceSet',
        isMultiSelect: true,
        choices: [],
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
        ...(submitted ? { value: submitted } : {}),
      }
    case 'file':
      // Cards have no file input (Reply.formsTakeFiles is unset on Teams); say where files go.
      return { type: 'TextBlock', id: field.id, text: `${field.label}: attach the file to a message in your 1:1 chat with me.`, wrap: true }
  }
}

/** A person named on a card: Teams shows `text` in a TextBlock or fact as a real @mention. */
export interface MentionEntity {
  type: 'mention'
  text: string
  mentioned: { id: string; name: string }
}

/**
 * The core's Markdown subset → what Teams renders: code spans become bold, mentions real
 * mentions (`<at>Name</at>`, with an entity added to `mentions` for the card; without
 * `mentions`, as in a card's fallback text, just the name), and times their UK
 * wording, marked as UK time once per line. Bold and italic hold any of these, once. Escaped
 * user text (`userText`) stays CommonMark backslash escapes, which Adaptive Card markdown shows
 * as the literal characters; only the bot's own markup forms links, and only to http(s) addresses.
 */
export function toTeamsMarkdown(text: string, mentions?: MentionEntity[], max = Infinity): string {
  return text
    .split('\n')
    .map((line) => {
      const nodes = parseInline(hideEscapes(line))
      const render = (pieces: Inline[], into?: MentionEntity[]) => {
        const seen = { time: false }
        const out = teamsInline(pieces, new Set(), into, seen)
        return showEscapes(seen.time ? `${out} (UK time)` : out, (c) => `\\${c}`)
      }
      // Measured with mentions to nowhere, so only what is shown adds an entity.
      const scratch = mentions && []
      if (max === Infinity || render(nodes, scratch).length <= max) return render(nodes, mentions)
      const clipped = clipInline(nodes, (candidate) => render(candidate, scratch && []).length <= max - 1)
      return `${render(clipped, mentions).trimEnd()}…`
    })
    .join('\n')
}

function teamsInline(nodes: Inline[], open: Set<'strong' | 'emphasis'>, mentions: MentionEntity[] | undefined, seen: { time: boolean }): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        // The bot's own text may hold a < (a placeholder such as <file>); Teams would read a tag.
        case 'text':
          return node.text.replace(/</g, '\\<')
        case 'code':
          return open.has('strong') ? node.text.replace(/</g, '\\<') : `**${node.text.replace(/</g, '\\<')}**`
        case 'link':
          return teamsLink(node.label, node.target, mentions, seen)
        default: {
          if (open.has(node.kind)) return teamsInline(node.children, open, mentions, seen)
          return wrap(teamsInline(node.children, new Set([...open, node.kind]), mentions, seen), node.kind === 'strong' ? '**' : '_')
        }
      }
    })
    .join('')
}

function teamsLink(label: string, target: string, mentions: MentionEntity[] | undefined, seen: { time: boolean }): string {
  if (target.startsWith('mention:')) {
    const id = target.slice('mention:'.length)
    const name = mentionName(label)
    if (!mentions || !TEAMS_USER_ID.test(id) || !label.replace(/^@/, '').trim()) return name
    // Teams matches the entity's text against the card's text, so the tag holds the plain name,
    // without the characters that would end the tag or pair up as emphasis (`_` does not
    // within a word).
    const plain = truncate(showEscapes(name, (c) => c).replace(/[<>*~`\\]/g, '').trim(), 100) || 'someone'
    const tag = `<at>${plain}</at>`
    if (!mentions.some((m) => m.text === tag && m.mentioned.id === id)) mentions.push({ type: 'mention', text: tag, mentioned: { id, name: plain } })
    return tag
  }
  if (target.startsWith('time:')) {
    if (isoInstant(target.slice('time:'.length).split('|')[0] ?? '') !== undefined) seen.time = true
    return label
  }
  return isWebUrl(target) ? `[${label}](${target})` : label
}

// Bot Framework user ids (29:…, 28:… for bots, 8:orgid:…) and Entra object ids (GUIDs).
const TEAMS_USER_ID = /^(?:\d{1,2}:[A-Za-z0-9:_.-]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/
