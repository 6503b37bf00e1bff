// manifest.json is what hub staff paste into "Create an app from a manifest": it must be valid
// against Slack's published schema and match what the bot actually handles.
import { readFile } from 'node:fs/promises'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'

const read = async (path: string) => JSON.parse(await readFile(new URL(path, import.meta.url), 'utf8'))

describe('Slack app manifest', () => {
  it('validates against Slack’s published manifest schema', async () => {
    const schema = await read('../fixtures/schemas/slack-app-manifest.schema.json')
    // Slack's schema uses a non-standard "regex" keyword; strict mode would reject the schema itself.
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema)
    const manifest = await read('../../manifest.json')
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true)
  })

  it('the schema check can fail: an unknown key is refused', async () => {
    const schema = await read('../fixtures/schemas/slack-app-manifest.schema.json')
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema)
    expect(validate({ ...(await read('../../manifest.json')), surprise: true })).toBe(false)
  })

  it('points commands, interactivity and events at /slack/events with the scopes they need', async () => {
    const manifest = await read('../../manifest.json')
    const [command] = manifest.features.slash_commands
    expect(command.command).toBe('/workgroups')
    for (const url of [command.url, manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url]) {
      expect(new URL(url).pathname).toBe('/slack/events')
    }
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_mention', 'app_uninstalled', 'member_joined_channel', 'member_left_channel', 'message.im', 'tokens_revoked'])
    // "Add to Slack" comes back to the bot's own redirect path.
    expect(manifest.oauth_config.redirect_urls).toEqual(['https://bot.example.org/slack/oauth_redirect'])
    expect(manifest.features.app_home.home_tab_enabled).toBe(true)
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'app_mentions:read', 'im:history']))
    // Files for one person go into their DM (files:write), with people named (users:read).
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['files:write', 'users:read']))
    expect(manifest.features.bot_user.display_name).toBeTruthy()
  })
})
