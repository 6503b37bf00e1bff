// "Add to Slack" (OAuth v2) through Bolt's HTTPReceiver: /slack/install sends the person to
// Slack with a signed state (and the same state in a cookie), and /slack/oauth_redirect trades
// the code for the workspace's bot token and keeps it in the installation store. The scopes
// asked for are manifest.json's, so the app's pages and the install link always agree.
import { readFileSync } from 'node:fs'
import type { HTTPReceiverOptions, Installation } from '@slack/bolt'
import type { SlackOAuthConfig } from '../../src/config.js'
import { escapeHtml, htmlPage, sendHtml } from '../../src/http/html-page.js'
import type { Logger } from '../../src/core/logger.js'
import type { SlackInstallations } from './slack-installations.js'

export const INSTALL_PATH = '/slack/install'
export const REDIRECT_PATH = '/slack/oauth_redirect'

/** The bot scopes manifest.json asks for. */
export function manifestBotScopes(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as { oauth_config?: { scopes?: { bot?: string[] } } }
  return manifest.oauth_config?.scopes?.bot ?? []
}

export function oauthReceiverOptions(options: {
  oauth: SlackOAuthConfig
  installations: SlackInstallations
  apiUrl: string | undefined
  publicUrl: string | undefined
  log: Logger
  /** After the installation is stored: greet the person who installed it. */
  onInstalled: (installation: Installation) => Promise<void>
}): Partial<HTTPReceiverOptions> {
  const { oauth, installations, apiUrl, publicUrl, log } = options
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: installations.store,
    scopes: manifestBotScopes(),
    // Slack needs the redirect address named when the app lists more than one.
    ...(publicUrl ? { redirectUri: `${publicUrl}${REDIRECT_PATH}` } : {}),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      // Straight to Slack's consent page: the README's install link is the only page needed.
      directInstall: true,
      ...(apiUrl ? { clientOptions: { slackApiUrl: apiUrl } } : {}),
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          options.onInstalled(installation as Installation).catch((error: unknown) => log.warn({ err: error }, 'could not welcome the person who installed the app'))
          const name = installation.team?.name ?? 'your workspace'
          const teamId = installation.team?.id
          sendHtml(
            res,
            200,
            htmlPage(
              'Maths Hubs bot installed',
              `<p>The bot is now installed in <strong>${escapeHtml(name)}</strong>.</p>
<ol>
<li>In each Work Group channel, type <code>/invite @Maths Hubs</code>.</li>
<li>The Work Group Lead then types <code>/workgroups setup</code> in that channel.</li>
<li>Anyone can type <code>/workgroups help</code> to see what the bot does for them.</li>
</ol>
${teamId ? `<p><a href="slack://app?team=${encodeURIComponent(teamId)}">Open Slack</a></p>` : ''}`,
            ),
          )
        },
        failure: (error, _options, _req, res) => {
          log.warn({ code: error.code, reason: error.message }, 'a Slack installation did not complete')
          const cancelled = /cancelled/i.test(error.message)
          const explained = (error as { userMessage?: string }).userMessage
          sendHtml(
            res,
            cancelled ? 200 : 400,
            htmlPage(
              cancelled ? 'Installation cancelled' : 'The installation did not complete',
              cancelled
                ? '<p>Nothing was installed. You can start again from the install link whenever you are ready.</p>'
                : explained
                  ? `<p>${escapeHtml(explained)}</p>`
                  : `<p>Slack did not finish installing the bot (${escapeHtml(error.code ?? 'unknown error')}). This happens when the install link was opened in another browser, or it is more than ten minutes old.</p>
<p><a href="${INSTALL_PATH}">Start again</a>. If it keeps failing, tell your hub administrator.</p>`,
            ),
          )
        },
      },
    },
  }
}
