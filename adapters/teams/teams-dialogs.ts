// Forms on Teams open in dialogs (task modules): a window only the person who clicked sees, as
// a Slack modal is. Teams opens one only from a button made for it (Action.Submit with
// `msteams: { type: 'task/fetch' }`); its `task/fetch` invoke is answered with the form, and
// the form's own Action.Submit comes back as `task/submit`, answered with the form again (errors
// by field, or the next form) or a message as it closes
// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/task-modules/task-modules-bots).
// A typed command cannot open a dialog, so it is answered with one "Open the form" button that
// repeats the command from a click that can.
import type { InboundEvent } from '../../src/core/events.js'
import type { Form, FormResult } from '../../src/core/forms.js'
import { toPlainText } from '../../src/core/inline-markdown.js'
import type { Message } from '../../src/core/messages.js'
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, dialogButton, renderCard, renderFormCard } from './render-adaptive-card.js'
import { CARD_KEYS } from './teams-events.js'

/** What a dialog invoke answers with: a card to show (again), or a message as it closes. */
export interface DialogAnswer {
  open?: { title: string; card: AdaptiveCard }
  /** Private answers given while the turn ran, shown as the dialog closes. */
  notice?: string
}

export const LAUNCHER_BUTTON = 'Open the form'

/** The form inside a dialog; after a failed submission, what was typed and the errors by field. */
export function formDialog(form: Form, submitted: Record<string, string> = {}, errors: Record<string, string> = {}): NonNullable<DialogAnswer['open']> {
  return { title: form.title, card: renderFormCard(form, submitted, errors, { in: 'dialog' }) }
}

/**
 * A form result inside its dialog. A closing form shows its notice, or what the handler said
 * privately on the way; the dialog never closes in silence, so the person knows it was saved.
 */
export function formResultDialog(result: FormResult, submitted: Record<string, string>, saidPrivately?: string): DialogAnswer {
  switch (result.kind) {
    case 'close':
      return { notice: result.notice ? toPlainText(result.notice) : (saidPrivately ?? 'Done, thank you.') }
    case 'errors':
      return { open: formDialog(result.form, submitted, result.errors) }
    case 'update':
      return { open: formDialog(result.form) }
  }
}

/** A private answer as a dialog shows it: plain text (a closing dialog takes no markup or buttons). */
export function dialogText(message: Message): string {
  const lines = message.blocks.flatMap((b) => (b.type === 'header' || b.type === 'text' || b.type === 'context' ? [b.text] : []))
  return toPlainText(lines.length ? lines.join('\n\n') : message.text)
}

/** The invoke response body for a dialog: keep it open with a card, or close it with a message. */
export function dialogResponseBody(answer: DialogAnswer): Record<string, unknown> {
  const open = answer.open
  return open
    ? { task: { type: 'continue', value: { title: open.title, width: 'medium', height: 'large', card: { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: open.card } } } }
    : { task: { type: 'message', value: answer.notice ?? 'Done.' } }
}

/**
 * Where the turn cannot open a dialog: the form's title and a button that does. Nothing of the
 * form (its fields, anyone's answers) is in this card, which everyone in a channel sees.
 */
export function launcherCard(form: Form, reopen: Record<string, string>): AdaptiveCard {
  const card = renderCard({
    text: form.title,
    blocks: [
      { type: 'header', text: form.title },
      { type: 'context', text: 'The form opens in a window only you can see.' },
    ],
  })
  return { ...card, actions: [dialogButton(LAUNCHER_BUTTON, reopen, 'primary')] }
}

/**
 * The card data that makes a dialog button repeat this event, from a click that can open a
 * form: a typed command's text, or a button's action (with the signed origin of a private
 * answer, so the repeat belongs where the first click did). Undefined for events that are not
 * repeated (an installation, a home page).
 */
export function reopenData(event: Exclude<InboundEvent, { kind: 'membership' }>, originToken: unknown): Record<string, string> | undefined {
  if (event.kind === 'message') return { [CARD_KEYS.command]: event.text }
  if (event.kind === 'action')
    return { [CARD_KEYS.action]: event.actionId, [CARD_KEYS.value]: event.value, ...(typeof originToken === 'string' ? { [CARD_KEYS.origin]: originToken } : {}) }
  return undefined
}
