// npm run playground: Microsoft's Agents Playground, a local Teams-like chat in the browser,
// talking to the running bot's /api/messages. Needs no Microsoft account: the bot must run
// with MicrosoftAppId empty (the default).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

const botPort = process.env.PORT || '3978'
const playgroundPort = process.env.PLAYGROUND_PORT || '56150'
const endpoint = `http://127.0.0.1:${botPort}/api/messages`

const health = await fetch(`http://127.0.0.1:${botPort}/healthz`).catch(() => undefined)
if (!health?.ok) {
  console.error(`The bot is not answering on port ${botPort}. Start it first with "npm start" in another terminal, then run "npm run playground" again.`)
  process.exit(1)
}

const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js')
// Without a desktop the playground's attempt to open a browser kills it silently.
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
const child = spawn(process.execPath, [cli, '-e', endpoint, '-c', 'msteams', '-p', playgroundPort, '--disable-telemetry'], {
  stdio: ['inherit', 'pipe', 'inherit'],
  env: { ...process.env, ...(headless ? { TEAMSAPPTESTER_BROWSER: 'none' } : {}) },
})
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk)
  // The playground moves to a random port when its own is taken; say where it really is.
  const port = /Listening on (\d+)/.exec(String(chunk))?.[1]
  if (port) console.log(`\nOpen http://localhost:${port} and type "workgroups secondary". Press Ctrl+C to stop.`)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill('SIGINT'))
child.on('exit', (code) => process.exit(code ?? 0))
