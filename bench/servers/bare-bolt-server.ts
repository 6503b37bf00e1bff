// The baseline: a bare Bolt app with the same receiver (signature checks, body parsing) whose
// command listener only acknowledges. With BENCH_ACK_ANSWER=1 it acknowledges with the same
// `/workgroups secondary` answer the bot sends, computed once at start, which separates the
// cost of sending that answer through Bolt from the bot's own work. Prints {"port": n}.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { App, HTTPReceiver, LogLevel } from '@slack/bolt'
import { renderMessage } from '../../adapters/slack/render-block-kit.js'
import { BUNDLED_CATALOGUE_DIR } from '../../src/features/catalogue/import-catalogue.js'
import { parseCatalogueFile } from '../../src/features/catalogue/parse-catalogue-file.js'
import { renderPhaseAnswer } from '../../src/features/catalogue/render-catalogue.js'

let answer: object | undefined
if (process.env.BENCH_ACK_ANSWER === '1') {
  const parsed = parseCatalogueFile(await readFile(`${BUNDLED_CATALOGUE_DIR}/2021-22.csv`, 'utf8'))
  if (!parsed.ok) throw new Error('The bundled catalogue does not parse')
  const message = renderPhaseAnswer(parsed.catalogue, ['secondary'], { offerShare: true, hint: (a) => `\`/workgroups ${a}\`` })
  answer = { response_type: 'ephemeral', ...renderMessage(message) }
}

const receiver = new HTTPReceiver({ signingSecret: process.env.BENCH_SIGNING_SECRET ?? '', endpoints: '/slack/events', logLevel: LogLevel.ERROR })
const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bench' }), logLevel: LogLevel.ERROR })
app.command(/.*/, async ({ ack }) => {
  await ack(answer)
})
const server = createServer((req, res) => receiver.requestListener(req, res))
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }))
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
