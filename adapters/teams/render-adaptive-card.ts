// Core messages and forms → Adaptive Cards 1.5, the newest version Teams renders everywhere
// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference).
import type { Form, FormField } from '../../src/core/forms.js'
import { hideEscapes, isoInstant, isWebUrl, showEscapes } from '../../src/core/inline-markdown.js'
import type { Action, Block, Message } from '../../src/core/messages.js'
import { CARD_KEYS } from './teams-events.js'

export type AdaptiveCard = {
  type: 'AdaptiveCard'
  $schema: string
  version: '1.5'
  fallbackText?: string
  body: Record<string, unknown>[]
  actions?: Record<string, unknown>[]
  msteams?: { width: 'Full' }
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive'

function card(body: Record<string, unknown>[], fallbackText: string, actions?: Record<string, unknown>[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText,
    body,
    ...(actions?.length ? { actions } : {}),
    msteams: { width: 'Full' },
  }
}

/** `data` is added to every button's payload (the signed origin of a private answer). */
export function renderCard(message: Message, data: Record<string, string> = {}): AdaptiveCard {
  const body: Record<string, unknown>[] = []
  let separateNext = false
  for (const block of message.blocks) {
    if (block.type === 'divider') {
      separateNext = true
      continue
    }
    const elements = renderBlock(block, data)
    if (separateNext && elements[0]) {
      elements[0] = { ...elements[0], separator: true, spacing: 'Medium' }
      separateNext = false
    }
    body.push(...elements)
  }
  return card(body, toTeamsMarkdown(message.text))
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>, data: Record<string, string>): Record<string, unknown>[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'TextBlock', text: toTeamsMarkdown(block.text), size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }]
    case 'text': {
      // One TextBlock a line: Teams clients disagree on single line breaks inside one block.
      const lines: Record<string, unknown>[] = block.text
        .split('\n')
        .map((line, i) => ({ type: 'TextBlock', text: toTeamsMarkdown(line), wrap: true, ...(i > 0 ? { spacing: 'None' } : {}) }))
      if (block.fields?.length)
        lines.push({
          type: 'FactSet',
          facts: block.fields.map((f) => ({ title: toTeamsMarkdown(f.label), value: toTeamsMarkdown(f.value) })),
        })
      return [{ type: 'Container', items: lines }]
    }
    case 'context':
      return [{ type: 'TextBlock', text: toTeamsMarkdown(block.text), size: 'Small', isSubtle: true, wrap: true }]
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
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: toTeamsMarkdown(form.title), size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
  ]
  if (form.intro) body.push({ type: 'TextBlock', text: toTeamsMarkdown(form.intro), wrap: true })
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
  return card(body, form.title, [submit])
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
        style: field.multiple ? 'expanded' : 'compact',
        ...(field.multiple ? { isMultiSelect: true } : {}),
        choices: field.options.map((o) => ({ title: o.label, value: o.value })),
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

/**
 * The core's Markdown subset → what Teams renders: code spans become bold, mentions bold
 * names, and times their UK wording, marked as UK time once per line. Escaped user text
 * (`userText`) stays CommonMark backslash escapes, which Adaptive Card markdown shows as the
 * literal characters; only the bot's own markup forms links, and only to http(s) addresses.
 */
export function toTeamsMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let hadTime = false
      const out = hideEscapes(line)
        .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, label: string, target: string) => {
          if (target.startsWith('mention:')) {
            const name = label.replace(/^@/, '')
            return TEAMS_USER_ID.test(target.slice('mention:'.length)) ? `**${name}**` : name
          }
          if (target.startsWith('time:')) {
            if (isoInstant(target.slice('time:'.length).split('|')[0] ?? '') !== undefined) hadTime = true
            return label
          }
          return isWebUrl(target) ? `[${label}](${target})` : label
        })
        .replace(/`([^`]+)`/g, '**$1**')
      return showEscapes(hadTime ? `${out} (UK time)` : out, (c) => `\\${c}`)
    })
    .join('\n')
}

// Bot Framework user ids (29:…, 28:… for bots, 8:orgid:…) and Entra object ids (GUIDs).
const TEAMS_USER_ID = /^(?:\d{1,2}:[A-Za-z0-9:_.-]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/
