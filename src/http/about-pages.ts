// The pages an app store listing links to: what the bot keeps about people and why (privacy),
// and the terms of use. Plain HTML from here, so every installation has them.
import { htmlPage as page, sendHtml } from './html-page.js'
import type { Route } from './server.js'

const PRIVACY = page(
  'Maths Hubs bot: privacy',
  `<p>This bot is run by your Maths Hub. It keeps only what it needs to run Work Groups and share resources:</p>
<ul>
<li>your user id and name on Slack or Teams, and which Work Groups and sub-groups you are in;</li>
<li>your answers to session reminders (going, or apologies with any note you add);</li>
<li>your reflections after sessions, shown only to the people you choose: only you, the Work Group Lead with your name, or the Lead anonymised (and then only when at least five people share anonymously);</li>
<li>resources you share, with your name as the person who shared them;</li>
<li>questions you ask about the projects catalogue, without your name in the lists hub staff see.</li>
</ul>
<p>If the hub has turned on an AI model, the words of questions and of reflections a Lead may see are sent to it, without names.</p>
<p>Type <code>workgroups my data</code> to see and download your reflections, and <code>workgroups forget me</code> to erase them. For anything else, ask your hub's administrator.</p>`,
)

const TERMS = page(
  'Maths Hubs bot: terms of use',
  `<p>The bot is provided by your Maths Hub for its Work Groups and specialist teams, as part of their professional development work.</p>
<ul>
<li>Share only links that colleagues may open and that you are allowed to share; the bot refuses links to private networks.</li>
<li>Reflections are for improving teaching: do not name pupils.</li>
<li>The hub may remove resources or sub-groups, and keeps data only as long as it needs it.</li>
</ul>`,
)

export function aboutPageRoutes(): Route[] {
  const serve = (path: string, html: string): Route => ({
    method: 'GET',
    path,
    handle: (_req, res) => sendHtml(res, 200, html, 'public, max-age=3600'),
  })
  return [serve('/privacy', PRIVACY), serve('/terms', TERMS)]
}
