// One form definition, two renderers: the same fields and the same validation on Slack (modal,
// view_submission) and Teams (dialog: task/fetch, task/submit), checked through the real
// adapters with each platform's own payload format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Feature } from '../../src/core/bot.js'
import { type Form, validateForm } from '../../src/core/forms.js'
import { slashCommandFields, viewSubmissionPayload } from '../fixtures/slack-payloads.js'
import { adaptiveCardActionInvoke, personalMessage } from '../fixtures/teams-activities.js'
import { startHarness, type Harness } from '../support/adapter-harness.js'
import { renderFormCard } from '../../adapters/teams/render-adaptive-card.js'
import { cardActions, cardOf, cardTexts } from '../support/card-text.js'
import { postActivity } from '../support/connector-double.js'
import { dialogButtonOf, dialogCard, dialogMessage, fetchDialog, holdsInputs, inputIds, submitDialog } from '../support/teams-dialogs.js'
import { eventually } from '../support/http-double.js'
import { interaction, postToSlackEndpoint, slashCommand } from '../support/slack-double.js'

const form: Form = {
  id: 'test.reflection',
  title: 'Reflect on the session today',
  submitLabel: 'Send',
  intro: 'Takes a minute.',
  state: 'session-42',
  fields: [
    { type: 'number', id: 'rating', label: 'How useful was it (1–5)?', required: true, min: 1, max: 5 },
    { type: 'text', id: 'try', label: 'What will you try in class?', multiline: true, maxLength: 20 },
    { type: 'select', id: 'visibility', label: 'Who may see it?', required: true, options: [{ value: 'me', label: 'Only me' }, { value: 'lead', label: 'The Lead' }], initial: 'lead' },
    { type: 'date', id: 'day', label: 'Day' },
    { type: 'time', id: 'at', label: 'Time' },
    { type: 'users', id: 'people', label: 'Who came with you?', max: 2 },
  ],
}

const submissions: { platform: string; state: string; values: Record<string, string> }[] = []
const feature: Feature = {
  name: 'test-forms',
  commands: {
    form: async (_event, args, ctx) => {
      if (args !== 'button') return ctx.reply.openForm!(form)
      await ctx.reply.send({
        text: 'Buttons',
        blocks: [
          {
            type: 'actions',
            actions: [
              { type: 'button', id: 'test.open-form', label: 'Fill it in', value: 'v1', opensForm: true },
              { type: 'button', id: 'test.open-form', label: 'Plain button', value: 'v1' },
            ],
          },
        ],
      })
    },
  },
  actions: { 'test.open-form': async (_event, ctx) => ctx.reply.openForm!(form) },
  forms: {
    [form.id]: async (event) => {
      const errors = validateForm(form, event.values)
      if (Object.keys(errors).length > 0) return { kind: 'errors', form, errors }
      submissions.push({ platform: event.actor.platform, state: event.state, values: event.values })
      return { kind: 'close', notice: 'Thanks, saved.' }
    },
  },
}

const bad = { rating: '9', try: 'a sentence far longer than twenty characters', visibility: 'lead', people: 'U1,U2,U3' }
const good = { rating: '4', try: 'Bar models', visibility: 'me', day: '2026-12-01', at: '16:30', people: 'U1,U2' }
const expectedErrors = validateForm(form, bad)

let harness: Harness
beforeAll(async () => {
  harness = await startHarness([feature])
})
afterAll(async () => {
  await harness?.stop()
})

/** Slack's view.state.values for these answers, keyed block → action as Slack sends them. */
function slackState(values: Record<string, string>) {
  const input = (id: string, value: Record<string, unknown>) => ({ [id]: { [id]: value } })
  return {
    ...input('rating', { type: 'number_input', value: values.rating ?? null }),
    ...input('try', { type: 'plain_text_input', value: values.try ?? null }),
    ...input('visibility', { type: 'static_select', selected_option: values.visibility ? { text: { type: 'plain_text', text: 'x' }, value: values.visibility } : null }),
    ...input('day', { type: 'datepicker', selected_date: values.day ?? null }),
    ...input('at', { type: 'timepicker', selected_time: values.at ?? null }),
    ...input('people', { type: 'multi_users_select', selected_users: values.people ? values.people.split(',') : [] }),
  }
}

describe('Slack: modal', () => {
  let view: any
  it('opens the form as a modal with one input per field', async () => {
    const res = await postToSlackEndpoint(harness.url, slashCommand({ ...slashCommandFields, command: '/workgroups', text: 'form', trigger_id: 'form-trigger-1' }))
    expect(res.status).toBe(200)
    const [opened] = await eventually(() => {
      const calls = harness.slackApi.calls('views.open')
      return calls.length ? calls : undefined
    })
    expect(opened.trigger_id).toBe('form-trigger-1')
    view = opened.view
    expect(view).toMatchObject({ type: 'modal', callback_id: 'test.reflection', submit: { text: 'Send' } })
    expect(view.title.text.length).toBeLessThanOrEqual(24)
    expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['rating', 'number_input', false],
      ['try', 'plain_text_input', true],
      ['visibility', 'static_select', false],
      ['day', 'datepicker', true],
      ['at', 'timepicker', true],
      ['people', 'multi_users_select', true],
    ])
  })

  it('answers a bad submission with the errors by field, in the acknowledgement', async () => {
    const res = await postToSlackEndpoint(
      harness.url,
      interaction({ ...viewSubmissionPayload, view: { ...viewSubmissionPayload.view, callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: slackState(bad) } } }),
    )
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ response_action: 'errors', errors: expectedErrors })
  })

  it('closes on a good submission and hands the feature its state back', async () => {
    const res = await postToSlackEndpoint(
      harness.url,
      interaction({ ...viewSubmissionPayload, view: { ...viewSubmissionPayload.view, callback_id: view.callback_id, private_metadata: view.private_metadata, state: { values: slackState(good) } } }),
    )
    expect(res.status).toBe(200)
    expect(res.body).toBe('')
    expect(submissions.find((s) => s.platform === 'slack')).toEqual({ platform: 'slack', state: 'session-42', values: good })
    // The notice reaches the user where they opened the form.
    const notice = await eventually(() => harness.slackApi.calls('chat.postEphemeral').find((c) => c.text === 'Thanks, saved.'))
    expect(notice).toMatchObject({ channel: slashCommandFields.channel_id, user: viewSubmissionPayload.user.id })
  })
})

describe('Teams: dialog', () => {
  const conversationId = personalMessage.conversation.id
  const turn = () => ({ serviceUrl: `${harness.connector.url}/`, from: personalMessage.from, conversation: personalMessage.conversation, recipient: personalMessage.recipient, channelData: { tenant: { id: personalMessage.conversation.tenantId } } })
  let launcher: any
  let dialog: any

  it('a typed command gets one “Open the form” button: none of the form is posted', async () => {
    const before = harness.connector.sent().length
    await postActivity(harness.url, { ...personalMessage, id: 'form-open', text: 'form', serviceUrl: `${harness.connector.url}/` })
    const posted = harness.connector.sent().slice(before)
    expect(posted).toHaveLength(1)
    expect(holdsInputs(posted)).toBe(false)
    launcher = cardOf(posted[0])
    expect(cardTexts(launcher)).toEqual(['Reflect on the session today', 'The form opens in a window only you can see.', '[Open the form]'])
    expect(dialogButtonOf(launcher).data).toEqual({ mhb_command: 'form', msteams: { type: 'task/fetch' } })
  })

  it('the button opens the form as a dialog, one input per field', async () => {
    const before = harness.connector.sent().length
    const res = await fetchDialog(harness.url, turn(), dialogButtonOf(launcher))
    expect(res.body.task.value.title).toBe('Reflect on the session today')
    dialog = dialogCard(res)
    const inputs = dialog.body.filter((b: any) => String(b.type).startsWith('Input.'))
    expect(inputs.map((i: any) => [i.id, i.type, i.isRequired])).toEqual([
      ['rating', 'Input.Number', true],
      ['try', 'Input.Text', false],
      ['visibility', 'Input.ChoiceSet', true],
      ['day', 'Input.Date', false],
      ['at', 'Input.Time', false],
      ['people', 'Input.ChoiceSet', false],
    ])
    expect(dialog.actions).toEqual([expect.objectContaining({ type: 'Action.Submit', title: 'Send', data: { mhb_form: 'test.reflection', mhb_state: 'session-42' } })])
    expect(harness.connector.sent().slice(before)).toEqual([])
  })

  it('a bad submission gets the dialog again: the same errors under their fields, what was typed kept', async () => {
    const res = await submitDialog(harness.url, turn(), dialog, bad)
    const again = dialogCard(res)
    for (const [field, message] of Object.entries(expectedErrors)) {
      const index = again.body.findIndex((b: any) => b.id === field)
      expect(again.body[index + 1]).toMatchObject({ type: 'TextBlock', text: message, color: 'Attention' })
    }
    expect(again.body.find((b: any) => b.id === 'try').value).toBe(bad.try)
    expect(submissions.some((s) => s.platform === 'teams')).toBe(false)
  })

  it('a good submission closes the dialog with the notice and hands the feature its state back', async () => {
    const before = harness.connector.sent().length
    const res = await submitDialog(harness.url, turn(), dialog, good)
    expect(dialogMessage(res)).toBe('Thanks, saved.')
    expect(submissions.find((s) => s.platform === 'teams')).toEqual({ platform: 'teams', state: 'session-42', values: good })
    expect(harness.connector.sent().slice(before)).toEqual([])
  })

  it('a button made to open a form opens the dialog in one click', async () => {
    const before = harness.connector.sent().length
    await postActivity(harness.url, { ...personalMessage, id: 'form-button', text: 'form button', serviceUrl: `${harness.connector.url}/` })
    const button = dialogButtonOf(cardOf(harness.connector.sent().at(-1)), 'Fill it in')
    expect(button.data).toMatchObject({ mhb_action: 'test.open-form', mhb_value: 'v1' })
    expect(inputIds(dialogCard(await fetchDialog(harness.url, turn(), button)))).toEqual(['rating', 'try', 'visibility', 'day', 'at', 'people'])
    expect(harness.connector.sent().slice(before + 1)).toEqual([])
  })

  it('any other click that opens a form keeps its card and gets the “Open the form” button', async () => {
    await postActivity(harness.url, { ...personalMessage, id: 'form-plain-button', text: 'form button', serviceUrl: `${harness.connector.url}/` })
    const plain = cardActions(cardOf(harness.connector.sent().at(-1))).find((a) => a.title === 'Plain button')
    expect(plain.type).toBe('Action.Execute')
    const before = harness.connector.sent().length
    const res = await postActivity(harness.url, {
      ...adaptiveCardActionInvoke,
      id: 'form-plain-click',
      serviceUrl: `${harness.connector.url}/`,
      value: { action: { type: 'Action.Execute', title: plain.title, verb: plain.verb, data: plain.data }, trigger: 'manual' },
    })
    // The clicked card is not replaced by a form.
    expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' })
    const posted = harness.connector.sent().slice(before)
    expect(holdsInputs(posted)).toBe(false)
    const reopen = dialogButtonOf(cardOf(posted.at(-1)), 'Open the form')
    expect(reopen.data).toMatchObject({ mhb_action: 'test.open-form', mhb_value: 'v1' })
    expect(dialogCard(await fetchDialog(harness.url, turn(), reopen)).actions[0].data.mhb_form).toBe('test.reflection')
    expect(harness.connector.calls().some((c) => c.conversationId === conversationId && c.method === 'PUT')).toBe(false)
  })

  it('a form card posted in a chat before forms moved to dialogs still saves', async () => {
    const old = renderFormCard(form)
    const res = await postActivity(harness.url, {
      ...adaptiveCardActionInvoke,
      id: 'form-old-card',
      serviceUrl: `${harness.connector.url}/`,
      value: { action: { type: 'Action.Execute', title: 'Send', verb: 'mhb_form', data: { ...old.actions![0]!.data as object, ...good, visibility: 'lead' } }, trigger: 'manual' },
    })
    expect(cardTexts(res.body.value)).toEqual(['Thanks, saved.'])
    expect(submissions.filter((s) => s.platform === 'teams').at(-1)?.values.visibility).toBe('lead')
  })
})
