// The one neutral message tree every feature builds and every adapter renders
// (Block Kit on Slack, Adaptive Cards on Teams). Text fields use a small Markdown
// subset that both platforms can show: **bold**, _italic_, [label](url) and
// mentions written with `mention()`. Anything a person typed (or a name a platform gave us)
// goes in through `userText()`, the one escaping rule, so it reads as typed and never forms
// markup.
import { dropStandIns } from './inline-markdown.js'

/** A clickable button that comes back to the bot as an action event. */
export interface ButtonAction {
  type: 'button'
  /** Routes the click to a feature's action handler, e.g. `catalogue.phase`. */
  id: string
  label: string
  /** Opaque to the platform; never trust it without re-checking who clicked. */
  value: string
  style?: 'primary' | 'danger'
  /**
   * The click opens a form. Teams can open a dialog only from a button made for it, so such a
   * button opens the form in one click there; Slack can open a modal from any click.
   */
  opensForm?: boolean
}

/** A button that opens a web page and never reaches the bot. */
export interface LinkAction {
  type: 'link'
  label: string
  url: string
}

export type Action = ButtonAction | LinkAction

export interface Field {
  label: string
  value: string
}

/**
 * A small chart of a Work Group's sessions: turnout as bars, the average rating as a line.
 * Plain data (messages are stored as JSON in the outbox); each adapter turns it into a picture.
 */
export interface SessionChart {
  title: string
  points: SessionChartPoint[]
}

export interface SessionChartPoint {
  /** Short: "1 Oct" or "Session 1". */
  label: string
  /** The share who attended, 0 to 1; absent when the session has no register. */
  turnout?: number
  /** The mean rating, 1 to 5; absent when no rating may be shown. */
  rating?: number
}

export type Block =
  | { type: 'header'; text: string }
  /**
   * `personal`: the block quotes the recipient's own words (what they said they'd try): it is
   * removed from queued messages when they ask to be forgotten, so keep those words out of `text`.
   */
  | { type: 'text'; text: string; fields?: Field[]; personal?: boolean }
  | { type: 'context'; text: string }
  | { type: 'divider' }
  | { type: 'actions'; actions: Action[] }
  /**
   * A chart drawn as an image. `alt` says in words what it shows, with the numbers, for screen
   * readers and wherever the image cannot be shown (plain text, under 2000 characters).
   */
  | { type: 'chart'; chart: SessionChart; alt: string }

/** A message: `text` is the notification and screen-reader fallback, always present. */
export interface Message {
  text: string
  blocks: Block[]
}

/**
 * The tightest limits of the two platforms, so that a message built within them renders
 * everywhere: Slack allows 50 blocks a message, 3000 characters a section and 10 fields a
 * section (https://docs.slack.dev/reference/block-kit/blocks); Teams cards stay under 28 KB.
 */
export const MESSAGE_LIMITS = {
  blocks: 50,
  textLength: 3000,
  fields: 10,
  headerLength: 150,
  buttonLabelLength: 75,
  buttonValueLength: 2000,
} as const

/** A message that is one paragraph of text. */
export function textMessage(text: string): Message {
  return { text, blocks: [{ type: 'text', text }] }
}

/**
 * User-supplied text made inert in the neutral Markdown subset: every character that could
 * start a link, mention, moment, emphasis or platform markup is backslash-escaped, and both
 * renderers turn each escape back into the literal character. Use it for every value a person
 * typed or a platform named (questions, titles, tags, notes, names, file names), never for
 * the bot's own markup, and not for plain-text places (button labels, select options).
 */
/**
 * A URL as a link's target, `[label](…)`: brackets and spaces are percent-encoded so a URL a
 * person gave can never end the link early or start markup of its own (encodeURIComponent
 * leaves brackets as they are).
 */
export function linkTarget(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}

export function userText(text: string): string {
  return dropStandIns(text).replace(/[\\[\]()*_`~<>]/g, '\\$&')
}

/** A question with a dangerous "yes" and a safe "no" (cancel a session, erase data). */
export function confirmMessage(text: string, yes: { id: string; label: string; value: string }, no: { id: string; label: string; value: string }): Message {
  return {
    text,
    blocks: [
      { type: 'text', text },
      {
        type: 'actions',
        actions: [
          { type: 'button', ...yes, style: 'danger' },
          { type: 'button', ...no },
        ],
      },
    ],
  }
}

// Ids as the platforms issue them: Slack U…/W…/B…, Teams 29:… ids and Entra GUIDs.
const PLATFORM_ID = /^[A-Za-z0-9][A-Za-z0-9:_.-]*$/

/**
 * A user mention in the neutral Markdown subset; each renderer turns it into its own form,
 * and checks the id again. An id of any other shape is never written as a mention. Give
 * `name` when it is at hand: Slack shows each reader the person's current name by itself, but
 * Teams shows the name written here, and without one the Teams adapter fills in the name the
 * store or the conversation knows before rendering (`withMentionNames`).
 */
export function mention(user: { userId: string; name?: string | undefined }): string {
  const label = user.name?.trim() ? userText(user.name.trim()) : ''
  if (!PLATFORM_ID.test(user.userId)) return `@${label || 'someone'}`
  return `[@${label}](mention:${user.userId})`
}

/**
 * A moment in time in the neutral Markdown subset. `label` is the local (UK) wording; Slack
 * shows each reader their own local time instead, Teams shows the label marked "(UK time)".
 */
export function moment(at: Date, label: string, show: 'date and time' | 'time' = 'date and time'): string {
  return `[${label.replace(/[[\]]/g, '')}](time:${at.toISOString()}|${show === 'time' ? 'time' : 'datetime'})`
}

/** Shorten text to `max` characters at a word boundary, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const lastSpace = cut.lastIndexOf(' ')
  return `${lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut}…`
}
