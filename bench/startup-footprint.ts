// How long the bot takes to be ready and how much memory it holds, with the embedded database:
// first start (a new DATA_DIR), restart (the same DATA_DIR) and idle, for the whole process
// tree (tsx runs the bot in a child process). Linux only: memory is read from /proc.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TARGETS = { firstStartMs: 5_000, firstStartPeakMb: 500, restartMs: 3_000, idleMb: 400 }
const IDLE_AFTER_MS = 5_000

interface Start {
  readyMs: number
  peakMb: number
  idleMb: number
}

export async function benchStartupFootprint(): Promise<boolean> {
  // The production entry point when it has been built, else what `npm start` runs.
  const built = path.join(ROOT, 'dist', 'src', 'main.js')
  const command = existsSync(built) ? [built] : [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts']
  console.log(`Start-up footprint (embedded database): ${existsSync(built) ? 'node dist/src/main.js' : 'tsx src/main.ts'}`)
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mhb-bench-start-'))
  try {
    const first = await startOnce(command, dataDir)
    const again = await startOnce(command, dataDir)
    const row = (name: string, s: Start) => console.log(`  ${name.padEnd(12)} ready in ${(s.readyMs / 1000).toFixed(1)} s, peak ${s.peakMb} MB, idle ${s.idleMb} MB`)
    row('first start', first)
    row('restart', again)
    console.log(
      `  targets: first start ≤ ${TARGETS.firstStartMs / 1000} s and ≤ ${TARGETS.firstStartPeakMb} MB peak, restart ≤ ${TARGETS.restartMs / 1000} s, idle ≤ ${TARGETS.idleMb} MB — ` +
        [
          first.readyMs <= TARGETS.firstStartMs ? 'first start time met' : 'first start time missed',
          first.peakMb <= TARGETS.firstStartPeakMb ? 'first start memory met' : 'first start memory missed',
          again.readyMs <= TARGETS.restartMs ? 'restart met' : 'restart missed',
          Math.max(first.idleMb, again.idleMb) <= TARGETS.idleMb ? 'idle met' : 'idle missed',
        ].join(', '),
    )
    return true
  } catch (error) {
    console.log(`  not measured: ${(error as Error).message}`)
    return false
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function startOnce(command: string[], dataDir: string): Promise<Start> {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const started = performance.now()
  const child = spawn(process.execPath, command, { cwd: ROOT, env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: 'ignore' })
  let peakMb = 0
  // One sample at a time, every 50 ms: a slow read never piles up behind the next.
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      peakMb = Math.max(peakMb, await treeRssMb(child.pid!))
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  try {
    let readyMs = 0
    while (!readyMs) {
      if (child.exitCode !== null) throw new Error(`the bot exited with code ${child.exitCode} before it was ready`)
      if (performance.now() - started > 120_000) throw new Error('the bot was not ready within 2 minutes')
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined)
      if (res?.status === 200) readyMs = performance.now() - started
      else await new Promise((resolve) => setTimeout(resolve, 25))
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_AFTER_MS))
    const idleMb = await treeRssMb(child.pid!)
    return { readyMs: Math.round(readyMs), peakMb: Math.max(peakMb, idleMb), idleMb }
  } finally {
    sampling = false
    await sampler
    await stop(child)
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/**
 * Resident memory of a process and all its descendants, in MB. Walks down from the process
 * (/proc/<pid>/task/<tid>/children) instead of reading every process on the machine: the
 * sampler must not compete with the start-up it measures.
 */
async function treeRssMb(pid: number): Promise<number> {
  let total = 0
  const queue = [pid]
  while (queue.length) {
    const next = queue.pop()!
    const status = await readFile(`/proc/${next}/status`, 'utf8').catch(() => '')
    total += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0)
    for (const task of await readdir(`/proc/${next}/task`).catch(() => [] as string[])) {
      const children = await readFile(`/proc/${next}/task/${task}/children`, 'utf8').catch(() => '')
      queue.push(...children.split(' ').filter(Boolean).map(Number))
    }
  }
  return Math.round(total / 1024)
}
