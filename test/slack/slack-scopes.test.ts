// The bot asks for the scopes its calls need. The Web API double refuses, as Slack does, any
// call whose scope manifest.json does not request (a real workspace grants only those), so a
// call the manifest cannot cover fails here rather than in a hub's workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slackDeliverer } from '../../adapters/slack/slack-deliverer.js'
import { BotError } from '../../src/core/errors.js'
import { textMessage } from '../../src/core/messages.js'
import { manifestScopes, type SlackApiDouble, startSlackApiDouble } from '../support/slack-double.js'

const TOKEN = 'xoxb-scopes-test'
const since = new Date(Date.now() - 60_000)
const callTo = (double: SlackApiDouble, method: string, fields: Record<string, string>) =>
  fetch(`${double.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  }).then((r) => r.json())

describe('a workspace that granted fewer scopes than a call needs', () => {
  const granted = manifestScopes().filter((s) => s !== 'channels:history')
  let double: SlackApiDouble
  beforeAll(async () => {
    double = await startSlackApiDouble({ scopes: granted })
  })
  afterAll(async () => {
    await double?.close()
  })

  it('answers with Slack’s missing_scope body, naming the scope for that kind of conversation', async () => {
    expect(await callTo(double, 'conversations.history', { channel: 'C0PUBLIC' })).toEqual({ ok: false, error: 'missing_scope', needed: 'channels:history', provided: granted.join(',') })
    expect(await callTo(double, 'conversations.history', { channel: 'G0PRIVATE' })).toMatchObject({ ok: true })
    expect(await callTo(double, 'conversations.history', { channel: 'D0DIRECT' })).toMatchObject({ ok: true })
    expect(await callTo(double, 'conversations.members', { channel: 'C0PUBLIC' })).toMatchObject({ ok: true })
  })

  it('so the bot’s crash-recovery check on a channel post fails, with a permission error', async () => {
    const deliverer = slackDeliverer(TOKEN, double.apiUrl)
    const target = { workspaceId: 'T0001', kind: 'conversation' as const, id: 'C0PUBLIC' }
    const error = await deliverer.wasDelivered!(target, 'reminder|1', since).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BotError)
    expect(error).toMatchObject({ code: 'permission' })
  })

  it('refuses a method the scope table does not know, so every new call gets its scope written down', async () => {
    expect(await callTo(double, 'reactions.add', { channel: 'C0PUBLIC', name: 'tada', timestamp: '1.2' })).toEqual({ ok: false, error: 'unknown_method' })
  })
})

describe('with the scopes manifest.json asks for', () => {
  let double: SlackApiDouble
  beforeAll(async () => {
    double = await startSlackApiDouble()
  })
  afterAll(async () => {
    await double?.close()
  })

  it('the crash-recovery check finds a message the bot posted, in a public channel, a private channel and a DM', async () => {
    const deliverer = slackDeliverer(TOKEN, double.apiUrl)
    const targets = [
      { workspaceId: 'T0001', kind: 'conversation' as const, id: 'C0PUBLIC' },
      { workspaceId: 'T0001', kind: 'conversation' as const, id: 'G0PRIVATE' },
      { workspaceId: 'T0001', kind: 'direct' as const, id: 'U0AMY' },
    ]
    for (const [i, target] of targets.entries()) {
      await deliverer.deliver(target, textMessage('Reminder: Work Group meeting on Wednesday'), `reminder|${i}`)
      await expect(deliverer.wasDelivered!(target, `reminder|${i}`, since)).resolves.toBe(true)
      await expect(deliverer.wasDelivered!(target, 'reminder|never-sent', since)).resolves.toBe(false)
    }
    const refused = double.requests.filter((r) => r.path.startsWith('/api/')).filter((r) => r.status !== 200)
    expect(refused).toEqual([])
    expect(double.calls('conversations.history').map((b) => b.channel)).toEqual(['C0PUBLIC', 'C0PUBLIC', 'G0PRIVATE', 'G0PRIVATE', 'D_U0AMY', 'D_U0AMY'])
  })

  it('grants the scopes the bot’s other calls need: files, users, messages', async () => {
    double.setUser('U0AMY', { name: 'amy', real_name: 'Amy Adams' })
    for (const [method, fields] of [
      ['files.info', { file: 'F1' }],
      ['files.getUploadURLExternal', { filename: 'a.csv', length: '3' }],
      ['users.info', { user: 'U0AMY' }],
      ['chat.postEphemeral', { channel: 'C0PUBLIC', user: 'U0AMY', text: 'hi' }],
      ['conversations.members', { channel: 'G0PRIVATE' }],
    ] as const)
      expect(await callTo(double, method, fields), method).toMatchObject({ ok: true })
  })
})
