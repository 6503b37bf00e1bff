// Teams dialogs as Teams drives them: a click on a dialog button sends `task/fetch` with the
// button's data, the dialog's Action.Submit sends `task/submit` with the inputs merged in, and
// each is answered in the invoke response (a `continue` task with a card, or a `message`).
import { taskFetchInvoke, taskSubmitInvoke } from '../fixtures/teams-activities.js'
import { cardActions } from './card-text.js'
import { postActivity } from './connector-double.js'

let n = 0

/** Who clicks, and in which conversation the card was: fields of the activity Teams sends. */
export type DialogTurn = Record<string, unknown> & { serviceUrl: string }

/** The button on a card that opens a dialog (Action.Submit with `msteams.type` task/fetch). */
export function dialogButtonOf(card: any, title?: string): any {
  const buttons = cardActions(card).filter((a) => a.type === 'Action.Submit' && a.data?.msteams?.type === 'task/fetch' && (title === undefined || a.title === title))
  if (buttons.length !== 1) throw new Error(`Expected one dialog button${title ? ` “${title}”` : ''} in ${JSON.stringify(card)}`)
  return buttons[0]
}

/** Clicks a dialog button: Teams' `task/fetch` invoke. */
export function fetchDialog(botUrl: string, turn: DialogTurn, button: any) {
  return postActivity(botUrl, { ...taskFetchInvoke, id: `task-fetch-${++n}`, ...turn, value: { ...taskFetchInvoke.value, data: button.data } })
}

/** Submits the form a dialog shows with these answers: Teams' `task/submit` invoke. */
export function submitDialog(botUrl: string, turn: DialogTurn, form: any, values: Record<string, string>) {
  const submit = form.actions?.find((a: any) => a.type === 'Action.Submit')
  if (!submit) throw new Error(`No Action.Submit in ${JSON.stringify(form)}`)
  return postActivity(botUrl, { ...taskSubmitInvoke, id: `task-submit-${++n}`, ...turn, value: { ...taskSubmitInvoke.value, data: { ...submit.data, ...values } } })
}

/** The card a dialog answer shows (a `continue` task), or an error saying what came instead. */
export function dialogCard(res: { status: number; body: any }): any {
  const task = res.body?.task
  if (res.status !== 200 || task?.type !== 'continue') throw new Error(`Expected a dialog with a card, got ${res.status} ${JSON.stringify(res.body)}`)
  if (task.value.card.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`Not an Adaptive Card: ${JSON.stringify(task.value.card)}`)
  return task.value.card.content
}

/** The message a closing dialog shows (a `message` task). */
export function dialogMessage(res: { status: number; body: any }): string {
  const task = res.body?.task
  if (res.status !== 200 || task?.type !== 'message' || typeof task.value !== 'string') throw new Error(`Expected a closing message, got ${res.status} ${JSON.stringify(res.body)}`)
  return task.value
}

/** The ids of a card's inputs, in order. */
export function inputIds(card: any): string[] {
  return (card.body ?? []).filter((b: any) => String(b.type).startsWith('Input.')).map((b: any) => b.id)
}

/** True when anything in these activities is a form input: forms belong in dialogs only. */
export function holdsInputs(activities: any[]): boolean {
  return JSON.stringify(activities).includes('"type":"Input.')
}
