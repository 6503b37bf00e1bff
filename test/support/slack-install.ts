// "Add to Slack" as a person goes through it: open the bot's install link, get sent to Slack's
// consent page (with the state cookie), approve, and come back to the redirect with a code.
import type { SlackWorkspaceInstall } from './slack-double.js'
import type { TestBot } from './test-bot.js'

/** The environment of a bot installed through OAuth rather than with one SLACK_BOT_TOKEN. */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: '',
  SLACK_CLIENT_ID: '1111111111.2222222222',
  SLACK_CLIENT_SECRET: 'client-secret-from-basic-information',
  SLACK_STATE_SECRET: 'a-random-state-secret-of-32-chars',
  TOKEN_ENCRYPTION_KEY: 'q0bNVrlXbk5C9Gzmt1m2bIgOAr1fZ0m7kTn2kz3v7Hk=',
  PUBLIC_URL: 'https://bot.example.org',
}

export function workspaceInstall(teamId: string, teamName: string): SlackWorkspaceInstall {
  return { teamId, teamName, token: `xoxb-${teamId.toLowerCase()}-token`, botUserId: `UBOT_${teamId}`, installerId: `U0INSTALLER_${teamId}` }
}

export interface InstallFlow {
  /** Where /slack/install sent the browser. */
  consentUrl: URL
  /** The page the person sees back from Slack. */
  status: number
  html: string
}

/** `bot` is anything serving the bot's routes with the Slack double behind it (a TestBot, a Harness). */
export async function installSlackApp(bot: Pick<TestBot, 'url' | 'slackApi'>, install: SlackWorkspaceInstall, options: { cookie?: boolean } = {}): Promise<InstallFlow> {
  const start = await fetch(`${bot.url}/slack/install`, { redirect: 'manual' })
  if (start.status !== 302) throw new Error(`the install link answered ${start.status}`)
  const consentUrl = new URL(start.headers.get('location') ?? '')
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const code = `code-${install.teamId}-${Math.random().toString(36).slice(2)}`
  bot.slackApi.acceptInstall(code, install)
  const back = await fetch(`${bot.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(consentUrl.searchParams.get('state') ?? '')}`, {
    headers: options.cookie === false ? {} : { cookie },
  })
  return { consentUrl, status: back.status, html: await back.text() }
}
