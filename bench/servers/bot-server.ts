// The real bot as `npm start` runs it (embedded database, fresh data directory), for the
// benchmark to drive from another process. Prints {"port": n} when ready.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../src/config.js'
import { silentLogger } from '../../src/core/logger.js'
import { startBot } from '../../src/main.js'

const dataDir = await mkdtemp(path.join(tmpdir(), 'mhb-bench-'))
const bot = await startBot(
  loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    SLACK_SIGNING_SECRET: process.env.BENCH_SIGNING_SECRET ?? '',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    // Slash commands are answered in the acknowledgement: nothing should reach this address.
    SLACK_API_URL: 'http://127.0.0.1:9/api/',
  }),
  { log: silentLogger(), host: '127.0.0.1' },
)
console.log(JSON.stringify({ port: bot.port }))
process.on('SIGTERM', () => void bot.stop().then(() => process.exit(0)))
