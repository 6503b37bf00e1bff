// A delivery worker in a process of its own, for the kill -9 test: it delivers from the
// outbox on the real clock until it is killed. Reads DATABASE_URL, SLACK_API_URL, LEASE_MS.
import { slackDeliverer } from '../../adapters/slack/slack-deliverer.js'
import { systemClock } from '../../src/core/clock.js'
import { silentLogger } from '../../src/core/logger.js'
import { openDatabase } from '../../src/db/database.js'
import { createDeliveryWorker } from '../../src/delivery/delivery-worker.js'

const database = await openDatabase({ url: process.env.DATABASE_URL! })
const worker = createDeliveryWorker({
  db: database.db,
  clock: systemClock,
  log: silentLogger(),
  deliverers: { slack: slackDeliverer('xoxb-test', process.env.SLACK_API_URL) },
  workerId: 'child',
  concurrency: 5,
  leaseMs: Number(process.env.LEASE_MS ?? 1000),
})
worker.start()
console.log('ready')
