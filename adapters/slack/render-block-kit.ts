// Core messages and forms → Slack Block Kit (messages) and modal views (forms).
// Limits from https://docs.slack.dev/reference/block-kit/blocks and /reference/views.
import { cleanUserText } from '../../src/core/clean-text.js'
import type { types } from '@slack/bolt'
import type { Form, FormField } from '../../src/core/forms.js'
import { clipInline, hideEscapes, type Inline, isoInstant, isWebUrl, parseInline, showEscapes, toPlainText, wrap } from '../../src/core/inline-markdown.js'
import { type Block, MESSAGE_LIMITS, type Message, type SessionChart, truncate } from '../../src/core/messages.js'

type KnownBlock = types.KnownBlock
type View = types.View

export interface SlackMessage {
  text: string
  blocks: KnownBlock[]
}

/**
 * Where Slack can fetch a chart's picture: Slack loads an image block's `image_url` from its own
 * servers, so the bot serves charts at its public address. Undefined (no PUBLIC_URL): the
 * chart is left out, and the message's own text still gives the numbers.
 */
export type ChartUrl = (chart: SessionChart) => string | undefined

/** Slack's image block limits (https://docs.slack.dev/reference/block-kit/blocks/image-block). */
export const IMAGE_LIMITS = { url: 3000, altText: 2000, title: 2000 } as const

// Features reuse message objects for answers that do not change (a phase's projects), so a
// rendering is kept for as long as its message lives.
const rendered = new WeakMap<Message, { chartUrl: ChartUrl | undefined; slack: SlackMessage }>()

export function renderMessage(message: Message, chartUrl?: ChartUrl): SlackMessage {
  const kept = rendered.get(message)
  if (kept && kept.chartUrl === chartUrl) return kept.slack
  const blocks = message.blocks.flatMap((block) => renderBlock(block, chartUrl)).slice(0, MESSAGE_LIMITS.blocks)
  // Slack shows `text` in notifications; it also has a 40,000 character cap.
  const slack = { text: toMrkdwn(message.text, 3000), blocks }
  rendered.set(message, { chartUrl, slack })
  return slack
}

function renderBlock(block: Block, chartUrl: ChartUrl | undefined): KnownBlock[] {
  if (block.type === 'chart') {
    const url = chartUrl?.(block.chart)
    if (!url || url.length > IMAGE_LIMITS.url) return []
    return [
      {
        type: 'image',
        image_url: url,
        alt_text: truncate(toPlainText(block.alt), IMAGE_LIMITS.altText),
        ...(block.chart.title.trim() ? { title: { type: 'plain_text', text: truncate(block.chart.title.trim(), IMAGE_LIMITS.title), emoji: false } } : {}),
      },
    ]
  }
  return [renderTextBlock(block)]
}

function renderTextBlock(block: Exclude<Block, { type: 'chart' }>): KnownBlock {
  switch (block.type) {
    case 'header':
      return { type: 'header', text: { type: 'plain_text', text: truncate(toPlainText(block.text), MESSAGE_LIMITS.headerLength), emoji: true } }
    case 'text': {
      const section: KnownBlock = {
        type: 'section',
        text: { type: 'mrkdwn', text: toMrkdwn(block.text, MESSAGE_LIMITS.textLength) },
      }
      if (block.fields?.length) {
        section.fields = block.fields.slice(0, MESSAGE_LIMITS.fields).map((f) => ({
          type: 'mrkdwn',
          text: `*${escape(truncate(f.label, 100))}*\n${toMrkdwn(f.value, 2000 - 104)}`,
        }))
      }
      return section
    }
    case 'context':
      return { type: 'context', elements: [{ type: 'mrkdwn', text: toMrkdwn(block.text, MESSAGE_LIMITS.textLength) }] }
    case 'divider':
      return { type: 'divider' }
    case 'actions': {
      const seen = new Map<string, number>()
      return {
        type: 'actions',
        elements: block.actions.slice(0, 25).map((action, index) => {
          const text = { type: 'plain_text' as const, text: truncate(action.label, MESSAGE_LIMITS.buttonLabelLength), emoji: true }
          if (action.type === 'link') return { type: 'button' as const, action_id: `link#${index}`, text, url: action.url }
          return {
            type: 'button' as const,
            action_id: uniqueActionId(action.id, seen),
            text,
            value: action.value.slice(0, MESSAGE_LIMITS.buttonValueLength),
            ...(action.style ? { style: action.style } : {}),
          }
        }),
      }
    }
  }
}

/**
 * Slack requires action ids to be unique within a block, but several buttons may share one
 * core action (one per phase). Repeats get a `#n` suffix that `coreActionId` removes.
 */
function uniqueActionId(id: string, seen: Map<string, number>): string {
  const count = seen.get(id) ?? 0
  seen.set(id, count + 1)
  return count === 0 ? id : `${id}#${count}`
}

export function coreActionId(slackActionId: string): string {
  return slackActionId.replace(/#\d+$/, '')
}

export function renderModal(form: Form): View {
  const blocks: KnownBlock[] = []
  if (form.intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: toMrkdwn(form.intro, MESSAGE_LIMITS.textLength) } })
  for (const field of form.fields) blocks.push(renderInput(field))
  return {
    type: 'modal',
    callback_id: form.id,
    // Slack rejects modal titles over 24 characters and submit labels over 24.
    title: { type: 'plain_text', text: truncate(form.title, 24) },
    submit: { type: 'plain_text', text: truncate(form.submitLabel, 24) },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: form.state ?? '',
    blocks,
  }
}

function renderInput(field: FormField): KnownBlock {
  const base = {
    type: 'input' as const,
    block_id: field.id,
    optional: !field.required,
    label: { type: 'plain_text' as const, text: truncate(field.label, 2000) },
    ...(field.hint ? { hint: { type: 'plain_text' as const, text: truncate(field.hint, 2000) } } : {}),
  }
  switch (field.type) {
    case 'text':
      return {
        ...base,
        element: {
          type: 'plain_text_input',
          action_id: field.id,
          multiline: field.multiline ?? false,
          ...(field.maxLength ? { max_length: field.maxLength } : {}),
          ...(field.placeholder ? { placeholder: { type: 'plain_text', text: truncate(field.placeholder, 150) } } : {}),
          ...(field.initial ? { initial_value: field.initial } : {}),
        },
      }
    case 'select': {
      const options = field.options.slice(0, 100).map((o) => ({
        text: { type: 'plain_text' as const, text: truncate(o.label, 75) },
        value: o.value,
      }))
      if (field.multiple) {
        const chosen = new Set((field.initial ?? '').split(','))
        const initial = options.filter((o) => chosen.has(o.value))
        return { ...base, element: { type: 'multi_static_select', action_id: field.id, options, ...(initial.length ? { initial_options: initial } : {}) } }
      }
      const initial = options.find((o) => o.value === field.initial)
      return {
        ...base,
        element: { type: 'static_select', action_id: field.id, options, ...(initial ? { initial_option: initial } : {}) },
      }
    }
    case 'number':
      return {
        ...base,
        element: {
          type: 'number_input',
          action_id: field.id,
          is_decimal_allowed: false,
          ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
          ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
          ...(field.initial !== undefined ? { initial_value: String(field.initial) } : {}),
        },
      }
    case 'date':
      return { ...base, element: { type: 'datepicker', action_id: field.id, ...(field.initial ? { initial_date: field.initial } : {}) } }
    case 'time':
      return { ...base, element: { type: 'timepicker', action_id: field.id, ...(field.initial ? { initial_time: field.initial } : {}) } }
    case 'users':
      return { ...base, element: { type: 'multi_users_select', action_id: field.id, ...(field.max ? { max_selected_items: field.max } : {}) } }
    case 'file':
      // Needs the files:read scope (https://docs.slack.dev/reference/block-kit/block-elements/file-input-element).
      return { ...base, element: { type: 'file_input', action_id: field.id, filetypes: field.accept, max_files: 1 } }
  }
}

/** The values of a submitted modal, flattened to strings keyed by field id. */
export function readModalValues(stateValues: Record<string, Record<string, SlackInputValue>>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [blockId, inputs] of Object.entries(stateValues)) {
    for (const input of Object.values(inputs)) {
      const value =
        input.value ??
        input.selected_option?.value ??
        input.selected_date ??
        input.selected_time ??
        (input.selected_users?.length ? input.selected_users.join(',') : undefined) ??
        (input.selected_options?.length ? input.selected_options.map((o) => o.value).join(',') : undefined) ??
        (input.files?.length ? input.files.map((f) => f.name).join(', ') : undefined)
      if (value !== undefined && value !== null) values[blockId] = cleanUserText(String(value))
    }
  }
  return values
}

export interface SlackInputValue {
  type?: string
  value?: string | null
  selected_option?: { value: string } | null
  selected_date?: string | null
  selected_time?: string | null
  selected_users?: string[] | null
  selected_options?: { value: string }[] | null
  files?: SlackFile[] | null
}

/** A file object as Slack sends it in messages and file inputs (https://docs.slack.dev/reference/objects/file-object). */
export interface SlackFile {
  id: string
  name?: string
  title?: string
  size?: number
  url_private_download?: string
  url_private?: string
}

/**
 * The core's Markdown subset → Slack mrkdwn: **bold** → *bold*, [label](url) → <url|label>,
 * mentions → <@U…>, moments → <!date…>, at any depth (a bold moment is a bold date); &, < and >
 * escaped as Slack requires. Escaped user text (`userText`) comes out as the literal characters
 * typed; only the bot's own markup becomes links, mentions and dates, and only with a target
 * of the right shape.
 */
export function toMrkdwn(text: string, max = Infinity): string {
  const render = (nodes: Inline[]) => showEscapes(mrkdwn(nodes, new Set()), slackLiteral)
  const nodes = parseInline(hideEscapes(text))
  const whole = render(nodes)
  if (whole.length <= max) return whole
  // Cut the text, not the markup: a cut through `*…*` or `<url|label>` shows stray marks.
  return `${render(clipInline(nodes, (candidate) => render(candidate).length <= max - 1)).trimEnd()}…`
}

// Slack has one level of each: bold inside bold is just more bold text.
function mrkdwn(nodes: Inline[], open: Set<'strong' | 'emphasis'>): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return escape(node.text)
        case 'code':
          return `\`${escape(node.text)}\``
        case 'link':
          return renderLink(node.label, node.target)
        default: {
          if (open.has(node.kind)) return mrkdwn(node.children, open)
          return wrap(mrkdwn(node.children, new Set([...open, node.kind])), node.kind === 'strong' ? '*' : '_')
        }
      }
    })
    .join('')
}

// Slack's member, workspace-user and bot ids. Never URL-decoded: an id is written as it is.
const SLACK_USER_ID = /^[UWB][A-Z0-9]{2,}$/

function renderLink(label: string, target: string): string {
  if (target.startsWith('mention:')) {
    const id = target.slice('mention:'.length)
    return SLACK_USER_ID.test(id) ? `<@${id}>` : escape(label)
  }
  if (target.startsWith('time:')) return slackDate(target.slice('time:'.length), label)
  if (!isWebUrl(target)) return escape(label)
  return `<${target.replace(/[<>|]/g, encodeURIComponent)}|${escape(label).replace(/\|/g, '¦')}>`
}

/** Slack's date formatting: each reader sees their own local time (https://docs.slack.dev/messaging/formatting-message-text#date-formatting). */
function slackDate(spec: string, fallback: string): string {
  const [iso = '', show] = spec.split('|')
  const ms = isoInstant(iso)
  if (ms === undefined) return escape(fallback)
  const format = show === 'time' ? '{time}' : '{date_long_pretty} at {time}'
  return `<!date^${Math.floor(ms / 1000)}^${format}|${escape(fallback).replace(/\|/g, '¦')}>`
}

/**
 * An escaped character as Slack shows it literally. mrkdwn has no escape for its formatting
 * marks, so a zero-width space each side keeps a typed *, _, ~ or ` from pairing up.
 */
function slackLiteral(c: string): string {
  if (c === '<') return '&lt;'
  if (c === '>') return '&gt;'
  if ('*_~`'.includes(c)) return `\u200b${c}\u200b`
  return c
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
