// The embedded database lives under DATA_DIR: before PGlite starts, make sure that is a folder
// this process can write, so a wrong setting is one sentence naming DATA_DIR rather than a
// file-system error from deep inside the database engine.
import { constants } from 'node:fs'
import { access, mkdir, stat } from 'node:fs/promises'
import { userInfo } from 'node:os'
import path from 'node:path'
import { BotError } from '../core/errors.js'

/** Creates DATA_DIR if needed; throws a BotError('storage') naming DATA_DIR when it cannot be used. */
export async function ensureDataDir(dataDir: string): Promise<void> {
  const shown = path.resolve(dataDir)
  try {
    await mkdir(dataDir, { recursive: true })
    if (!(await stat(dataDir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' })
    await access(dataDir, constants.W_OK)
  } catch (error) {
    throw new BotError('storage', dataDirProblem((error as NodeJS.ErrnoException).code, shown), { cause: error })
  }
}

function dataDirProblem(code: string | undefined, shown: string): string {
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return `DATA_DIR is ${shown}, which is a file (or inside one), not a folder: set DATA_DIR to a folder for the embedded database, or move that file away.`
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `DATA_DIR is ${shown}, which this user (${userName()}) cannot write: give it write access to that folder (chown or chmod), or set DATA_DIR to one it can write.`
    case 'ENOSPC':
      return `DATA_DIR is ${shown}, on a disk that is full: free some space there, or set DATA_DIR to a folder on another disk.`
    default:
      return `DATA_DIR is ${shown}, which cannot be used as the embedded database's folder (${code ?? 'unknown error'}): check that it is a folder this user can write.`
  }
}

function userName(): string {
  try {
    return userInfo().username
  } catch {
    return 'this user'
  }
}
