// The Teams app package hub staff upload to Teams: manifest.json (schema v1.29) with the bot,
// its command list and the "Share resource" message action, and its two icons, zipped.
// Built by `npm run teams:package`.
import { zipSync } from 'fflate'
import { ACCENT, colorIcon, outlineIcon } from './app-icons.js'

export interface TeamsPackageOptions {
  /** The Azure Bot's Microsoft App ID. */
  botId: string
  /** The bot's public address: its pages (privacy, terms) and its domain. */
  publicUrl: string
  /** The app's version, e.g. package.json's. */
  version: string
  /** The Teams app's own id; by default the bot's. */
  appId?: string
  /** Who publishes it, as people in the hub know them (at most 32 characters). */
  developerName?: string
}

/**
 * What Teams suggests when people type to the bot (Teams shows ten at most); the text after
 * "workgroups" works alone too. In the order `help` offers them: a participant's everyday uses
 * first, then a Lead's. `help all` has the rest.
 */
export const TEAMS_COMMANDS = [
  { title: 'help', description: 'What you can do, with buttons; “help all” for every command' },
  { title: 'sessions', description: 'Your Work Group’s next sessions (in its channel)' },
  { title: 'reflect', description: 'Reflect on your latest session, in a minute' },
  { title: 'resources', description: 'Find shared resources, e.g. “resources fractions ks3”' },
  { title: 'share', description: 'Share a link with your sub-groups: “share https://… #ks3”' },
  { title: 'secondary', description: 'Which projects suit your school (or primary, post-16, early years)' },
  { title: 'add session', description: 'Add a session to your Work Group (Work Group Leads)' },
  { title: 'roster', description: 'Who is coming to the next session (Work Group Leads)' },
  { title: 'reflections', description: 'What people said after a session, e.g. “reflections 7 Dec” (Work Group Leads)' },
  { title: 'setup', description: 'Make this channel a Work Group (Work Group Leads)' },
] as const

/** The message action's command id is the core's action id (see resources-feature.ts). */
export const SHARE_RESOURCE_COMMAND = 'resources.share-message'

export function teamsManifest(options: TeamsPackageOptions): Record<string, unknown> {
  const base = options.publicUrl.replace(/\/+$/, '')
  const scopes = ['personal', 'team', 'groupChat']
  return {
    $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.29/MicrosoftTeams.schema.json',
    manifestVersion: '1.29',
    version: options.version,
    id: options.appId ?? options.botId,
    developer: {
      name: (options.developerName ?? 'Maths Hubs').slice(0, 32),
      websiteUrl: base,
      privacyUrl: `${base}/privacy`,
      termsOfUseUrl: `${base}/terms`,
    },
    name: { short: 'Maths Hubs', full: 'Maths Hubs: Work Groups, reflections and resources' },
    description: {
      short: 'Work Group reminders, reflections, shared resources and the projects catalogue.',
      full:
        'A helper for England’s Maths Hubs communities. Ask which projects in the Maths Hubs catalogue suit your school. Work Group Leads run their group from its channel: sessions, reminders before each one with Going / Can’t make it, and who is coming. After each session participants reflect in a minute, and the Lead gets a collated view. Specialists share resources once with their sub-groups, and find them again by topic and key stage.',
    },
    icons: { outline: 'outline.png', color: 'color.png' },
    accentColor: ACCENT,
    bots: [
      {
        botId: options.botId,
        scopes,
        // Leads send session files to the bot in their 1:1 chat.
        supportsFiles: true,
        isNotificationOnly: false,
        commandLists: [{ scopes, commands: TEAMS_COMMANDS.map((c) => ({ title: c.title, description: c.description })) }],
      },
    ],
    composeExtensions: [
      {
        botId: options.botId,
        commands: [
          {
            id: SHARE_RESOURCE_COMMAND,
            type: 'action',
            context: ['message'],
            title: 'Share resource',
            description: 'Share the link in this message with your sub-groups',
            fetchTask: true,
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [new URL(base).host],
  }
}

export function teamsAppPackage(options: TeamsPackageOptions): Uint8Array {
  const manifest = JSON.stringify(teamsManifest(options), null, 2)
  return zipSync({ 'manifest.json': new TextEncoder().encode(manifest), 'color.png': colorIcon(), 'outline.png': outlineIcon() })
}
