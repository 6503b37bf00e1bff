// A person using the bot in one Slack workspace, as Slack would post their actions: slash
// commands in a channel, modal submissions, button clicks and direct messages, all signed.
import { blockActionsPayload, directMessageEnvelope, slashCommandFields, viewSubmissionPayload } from '../fixtures/slack-payloads.js'
import { eventCallback, dmChannelOf, interaction, postToSlackEndpoint, slashCommand } from './slack-double.js'
import type { TestBot } from './test-bot.js'

/** A value typed or chosen in a modal input, or a file uploaded through a file input. */
export type ModalInput = { select?: string; options?: string[]; text?: string; date?: string; time?: string; users?: string[]; file?: SlackFileObject }

export interface SlackFileObject {
  id: string
  name: string
  size?: number
  url_private_download: string
}

// Slack issues a new trigger id for every invocation, and the bot ignores a repeated one (a
// replay); unique across helpers, since a test may make several for one workspace.
let triggers = 0

export function slackWorkspace(bot: TestBot, team: string, channel: string) {
  let n = 0
  const slash = (text: string, user: string, inChannel = channel) =>
    postToSlackEndpoint(
      bot.url,
      slashCommand({
        ...slashCommandFields,
        team_id: team,
        channel_id: inChannel,
        channel_name: 'maths-wg',
        user_id: user,
        command: '/workgroups',
        text,
        trigger_id: `t.${++triggers}`,
        response_url: bot.slackApi.responseUrl(`r-${team}-${++n}`),
      }),
    )

  const submit = (view: any, user: string, values: Record<string, ModalInput>) =>
    postToSlackEndpoint(
      bot.url,
      interaction({
        ...viewSubmissionPayload,
        team: { id: team, domain: 'example' },
        user: { id: user, username: user, name: user, team_id: team },
        view: {
          ...viewSubmissionPayload.view,
          id: `V${++n}`,
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: { values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { [id]: inputState(v) }])) },
        },
      }),
    )

  /** Returns the response_url path the bot answers the click on. */
  const click = async (actionId: string, value: string, user: string, inChannel = dmChannelOf(user)) => {
    const path = `click-${team}-${++n}`
    await postToSlackEndpoint(
      bot.url,
      interaction({
        ...blockActionsPayload,
        trigger_id: `click.${n}`,
        team: { id: team, domain: 'example' },
        user: { id: user, username: user, name: user, team_id: team },
        channel: { id: inChannel, name: 'directmessage' },
        response_url: bot.slackApi.responseUrl(path),
        actions: [{ ...blockActionsPayload.actions[0], action_id: actionId, value }],
      }),
    )
    return path
  }

  /** A direct message to the bot, optionally with files (a `file_share` message). */
  const directMessage = (user: string, text: string, files?: SlackFileObject[]) =>
    postToSlackEndpoint(
      bot.url,
      eventCallback({
        ...directMessageEnvelope,
        team_id: team,
        event_id: `Ev${++n}`,
        event: {
          ...directMessageEnvelope.event,
          // https://docs.slack.dev/reference/events/message/file_share
          ...(files ? { subtype: 'file_share', files } : {}),
          user,
          text,
          ts: `1700000000.${String(n).padStart(6, '0')}`,
          channel: dmChannelOf(user),
        },
      }),
    )

  const lastView = () => bot.slackApi.calls('views.open').at(-1)!.view
  return { slash, submit, click, directMessage, lastView }
}

function inputState(v: ModalInput): Record<string, unknown> {
  if (v.select) return { type: 'static_select', selected_option: { value: v.select } }
  if (v.options) return { type: 'multi_static_select', selected_options: v.options.map((value) => ({ text: { type: 'plain_text', text: value }, value })) }
  if (v.date) return { type: 'datepicker', selected_date: v.date }
  if (v.time) return { type: 'timepicker', selected_time: v.time }
  if (v.users) return { type: 'multi_users_select', selected_users: v.users }
  if (v.file) return { type: 'file_input', files: [{ mimetype: 'text/csv', filetype: 'csv', ...v.file }] }
  return { type: 'plain_text_input', value: v.text ?? null }
}
