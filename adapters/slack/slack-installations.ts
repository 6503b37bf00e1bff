// "Add to Slack" installations kept in Postgres: Bolt's installation store, and the token of
// each workspace for everything the bot sends on its own (reminders, member lists, files).
// The installation is sealed at rest; a workspace that uninstalled or revoked the token has
// its installation erased and is refused from then on, until someone installs the app again.
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt'
import { BotError } from '../../src/core/errors.js'
import type { Logger } from '../../src/core/logger.js'
import type { SecretScrubber } from '../../src/core/secret-scrubber.js'
import type { Db } from '../../src/db/database.js'
import type { Sealer } from '../../src/security/sealed-secrets.js'
import type { SlackBot, SlackWorkspaces } from './slack-workspaces.js'

export interface SlackInstallations extends SlackWorkspaces {
  /** For Bolt's OAuth flow and its authorize step. */
  store: InstallationStore
  /** Seals again, under the current key, installations sealed under an older one. */
  resealWithCurrentKey(): Promise<number>
  /** Workspaces with a working installation (one the configured keys open), for the start-up log. */
  installedWorkspaces(): Promise<{ teamId: string; name: string | null }[]>
  /** Workspaces whose stored installation no configured TOKEN_ENCRYPTION_KEY opens. */
  unopenableWorkspaces(): Promise<string[]>
}

/** How long one instance trusts what it read; another instance's news reaches it by then. */
const CACHE_MS = 30_000

export function createSlackInstallations(options: { db: Db; sealer: Sealer; log: Logger; secrets?: Pick<SecretScrubber, 'add'> }): SlackInstallations {
  const { db, sealer, log } = options
  /** The installation's tokens become secrets the logger scrubs, on whichever instance sees them. */
  const keepOutOfLogs = (installation: Installation) => {
    for (const token of [installation.bot?.token, installation.bot?.refreshToken, installation.user.token, installation.user.refreshToken])
      if (token) options.secrets?.add(token)
  }
  const cache = new Map<string, { until: number; found: Promise<Installation | undefined> }>()
  const refusedOnce = new Set<string>()
  const unreadable = new Set<string>()

  const read = async (teamId: string): Promise<Installation | undefined> => {
    const row = await db.selectFrom('slack_installations').select('sealed_installation').where('team_id', '=', teamId).executeTakeFirst()
    if (!row?.sealed_installation) return undefined
    const plain = openOrReport(teamId, row.sealed_installation)
    if (plain === undefined) return undefined
    const installation = JSON.parse(plain) as Installation
    keepOutOfLogs(installation)
    return installation
  }
  /** The sealed text opened, or undefined (logged once) when no configured key opens it. */
  const openOrReport = (teamId: string, sealed: string): string | undefined => {
    try {
      return sealer.open(sealed)
    } catch (error) {
      if (!unreadable.has(teamId)) {
        unreadable.add(teamId)
        log.error(
          { teamId, reason: (error as Error).message },
          `The Slack installation of workspace ${teamId} cannot be opened with TOKEN_ENCRYPTION_KEY. If the key was changed, put the new key first and the old one after it, separated by a comma; otherwise install the app in that workspace again.`,
        )
      }
      return undefined
    }
  }
  const installationOf = (teamId: string): Promise<Installation | undefined> => {
    const hit = cache.get(teamId)
    if (hit && hit.until > Date.now()) return hit.found
    const found = read(teamId)
    cache.set(teamId, { until: Date.now() + CACHE_MS, found })
    found.catch(() => cache.delete(teamId))
    return found
  }

  const store: InstallationStore = {
    async storeInstallation(installation) {
      // Org-wide installs (Enterprise Grid) are off in manifest.json; each workspace installs.
      if (installation.isEnterpriseInstall || !installation.team?.id)
        throw new BotError('bad_input', 'org-wide installation refused', { userMessage: 'Install the app into each workspace rather than across the whole organisation.' })
      const teamId = installation.team.id
      keepOutOfLogs(installation)
      const values = {
        team_name: installation.team.name ?? null,
        enterprise_id: installation.enterprise?.id ?? null,
        app_id: installation.appId ?? null,
        bot_user_id: installation.bot?.userId ?? null,
        installed_by: installation.user.id,
        sealed_installation: sealer.seal(JSON.stringify(installation)),
        updated_at: new Date(),
        revoked_at: null,
        uninstalled_at: null,
      }
      await db
        .insertInto('slack_installations')
        .values({ team_id: teamId, ...values, installed_at: new Date() })
        .onConflict((oc) => oc.column('team_id').doUpdateSet({ ...values, installed_at: new Date() }))
        .execute()
      cache.delete(teamId)
      refusedOnce.delete(teamId)
      unreadable.delete(teamId)
      log.info({ teamId, team: installation.team.name, installedBy: installation.user.id }, `Installed in the Slack workspace ${installation.team.name ?? teamId}.`)
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const teamId = query.teamId
      const installation = teamId && !query.isEnterpriseInstall ? await installationOf(teamId) : undefined
      // Bolt turns this into "authorization failed": no listener runs and Slack gets a bare ack.
      if (!installation) throw new Error(`the Slack workspace ${teamId ?? query.enterpriseId ?? '(unknown)'} has not installed this app (or has removed it)`)
      return installation
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      if (query.teamId) await removed(query.teamId, 'uninstalled')
    },
  }

  async function removed(teamId: string, why: 'uninstalled' | 'revoked'): Promise<void> {
    const erased = await db
      .updateTable('slack_installations')
      // Who installed it is of no further use once the installation is gone.
      .set({ sealed_installation: null, installed_by: null, updated_at: new Date(), ...(why === 'uninstalled' ? { uninstalled_at: new Date() } : { revoked_at: new Date() }) })
      .where('team_id', '=', teamId)
      .where('sealed_installation', 'is not', null)
      .returning(['team_name'])
      .executeTakeFirst()
    cache.delete(teamId)
    // Only the instance that erased the token says so, once.
    if (erased)
      log.warn(
        { teamId, team: erased.team_name, why },
        `The Slack workspace ${erased.team_name ?? teamId} ${why === 'uninstalled' ? 'uninstalled the app' : 'revoked the bot’s token'}: nothing more is sent there until someone in it installs the app again.`,
      )
  }

  const storedInstallations = () =>
    db.selectFrom('slack_installations').select(['team_id', 'team_name', 'sealed_installation']).where('sealed_installation', 'is not', null).orderBy('team_name').execute()
  /** Whether a configured key opens it; quietly, since start-up reports these all at once. */
  const opens = (sealed: string | null): boolean => {
    try {
      return sealed !== null && sealer.open(sealed) !== undefined
    } catch {
      return false
    }
  }

  return {
    store,
    removed,
    async botIn(teamId) {
      const installation = await installationOf(teamId)
      const token = installation?.bot?.token
      if (!installation || !token) {
        // An installation no key opens has been reported already, in its own words.
        if (!refusedOnce.has(teamId) && !unreadable.has(teamId)) {
          refusedOnce.add(teamId)
          log.warn({ teamId }, `Nothing can be sent to the Slack workspace ${teamId}: it has not installed the app, or has removed it.`)
        }
        throw new BotError('auth', `the Slack workspace ${teamId} has no installation`, { alreadyLogged: true })
      }
      const userId = installation.bot?.userId
      return { token, userId: async () => userId } satisfies SlackBot
    },
    async tokenRejected(teamId, token) {
      // Another instance may have stored a new installation since this token was read.
      cache.delete(teamId)
      const current = await installationOf(teamId)
      if (current?.bot?.token === token) await removed(teamId, 'revoked')
    },
    async resealWithCurrentKey() {
      const rows = await db.selectFrom('slack_installations').select(['team_id', 'sealed_installation']).where('sealed_installation', 'is not', null).execute()
      let resealed = 0
      for (const row of rows) {
        if (!row.sealed_installation || sealer.isCurrent(row.sealed_installation)) continue
        const plain = openOrReport(row.team_id, row.sealed_installation)
        if (plain === undefined) continue
        const sealed = sealer.seal(plain)
        await db.updateTable('slack_installations').set({ sealed_installation: sealed }).where('team_id', '=', row.team_id).where('sealed_installation', '=', row.sealed_installation).execute()
        resealed += 1
      }
      return resealed
    },
    async installedWorkspaces() {
      const rows = await storedInstallations()
      return rows.filter((r) => opens(r.sealed_installation)).map((r) => ({ teamId: r.team_id, name: r.team_name }))
    },
    async unopenableWorkspaces() {
      const rows = await storedInstallations()
      return rows.filter((r) => !opens(r.sealed_installation)).map((r) => r.team_id)
    },
  }
}
