// Socket Mode (SLACK_APP_TOKEN): the bot opens a WebSocket from apps.connections.open and
// answers envelopes over it. A local server speaks Slack's Socket Mode protocol
// (https://docs.slack.dev/apis/events-api/using-socket-mode).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type WebSocket, WebSocketServer } from 'ws'
import type { AddressInfo } from 'node:net'
import { slashCommandFields } from '../fixtures/slack-payloads.js'
import { eventually } from '../support/http-double.js'
import { startTestBot, type TestBot } from '../support/test-bot.js'

let server: WebSocketServer
let bot: TestBot
let socket: WebSocket | undefined
const received: any[] = []

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  server.on('connection', (ws) => {
    socket = ws
    ws.on('message', (data) => received.push(JSON.parse(String(data))))
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'local-double' }, connection_info: { app_id: 'A123456' } }))
  })
  const { port } = server.address() as AddressInfo
  bot = await startTestBot({ slackSocketUrl: `ws://127.0.0.1:${port}/link` })
})

afterAll(async () => {
  await bot?.stop()
  await new Promise((resolve) => server.close(resolve))
})

it('connects at start and answers a slash command in the envelope acknowledgement', async () => {
  const ws = await eventually(() => socket)
  expect(bot.slackApi.calls('apps.connections.open')).toHaveLength(1)
  ws.send(
    JSON.stringify({
      envelope_id: '1d3c79ab-0ffb-41f3-a080-d19e85f53649',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { ...slashCommandFields, command: '/workgroups', text: 'secondary' },
    }),
  )
  const ack = await eventually(() => received.find((m) => m.envelope_id === '1d3c79ab-0ffb-41f3-a080-d19e85f53649'))
  expect(ack.payload.response_type).toBe('ephemeral')
  expect(ack.payload.blocks[0].text.text).toBe('Secondary projects')
})

it('is not reachable over HTTP: there is no signing secret to check requests with', async () => {
  const res = await fetch(`${bot.url}/slack/events`, { method: 'POST', body: 'x' })
  expect(res.status).toBe(404)
})
