// PGlite has no lock of its own: two processes opening one data directory corrupt it.
// The bot and the command-line tools take this lock first, and refuse with a clear sentence
// when another process already holds it.
import { mkdir, open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { BotError } from '../core/errors.js'

export interface DataDirLock {
  release(): Promise<void>
}

const LOCK_FILE = 'bot.lock'

export async function lockDataDir(dataDir: string, holder: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true })
  const file = path.join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }))
      await handle.close()
      return { release: () => rm(file, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = await readOwner(file)
      if (owner && isAlive(owner.pid)) {
        throw new BotError(
          'storage',
          `The embedded database in ${dataDir} is in use by ${owner.holder} (process ${owner.pid}). Stop it first, or set DATABASE_URL to use a Postgres server that several processes can share. (If that process is not the bot, delete ${file}.)`,
        )
      }
      // The holder died without cleaning up: the lock is stale.
      await rm(file, { force: true })
    }
  }
  throw new BotError('storage', `Could not lock the embedded database in ${dataDir}.`)
}

async function readOwner(file: string): Promise<{ pid: number; holder: string } | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; holder?: unknown }
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, holder: typeof parsed.holder === 'string' ? parsed.holder : 'another process' }
      : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
