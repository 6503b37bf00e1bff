// npm run teams:package [-- --out <file.zip>]
// Builds the Teams app package (manifest.json, color.png, outline.png) to upload in the Teams
// Developer Portal or admin centre, from MicrosoftAppId and PUBLIC_URL in the environment.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { teamsAppPackage } from '../adapters/teams/app-package.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

async function main(): Promise<number> {
  const problems: string[] = []
  const botId = process.env.MicrosoftAppId?.trim() ?? ''
  const publicUrl = process.env.PUBLIC_URL?.trim().replace(/\/+$/, '') ?? ''
  if (!GUID.test(botId)) problems.push('Set MicrosoftAppId to your Azure Bot’s Microsoft App ID (a GUID such as 6f1c1b2e-…); the package names the bot by it.')
  if (!/^https:\/\/[^/\s]+$/i.test(publicUrl)) problems.push('Set PUBLIC_URL to the bot’s public https address, such as https://bot.example.org; Teams needs it for the app’s pages and domain.')
  const outIndex = process.argv.indexOf('--out')
  const out = outIndex > 0 ? process.argv[outIndex + 1] : 'dist/maths-hubs-teams-app.zip'
  if (!out) problems.push('After --out, give the file to write, such as dist/teams-app.zip.')
  if (problems.length) {
    console.error(`The Teams app package was not built:\n- ${problems.join('\n- ')}`)
    return 1
  }
  const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  const zip = teamsAppPackage({ botId, publicUrl, version, ...(process.env.TEAMS_DEVELOPER_NAME ? { developerName: process.env.TEAMS_DEVELOPER_NAME } : {}) })
  await mkdir(path.dirname(path.resolve(out!)), { recursive: true })
  await writeFile(out!, zip)
  console.log(`Wrote ${out} (${zip.length} bytes). Upload it in Teams: Apps → Manage your apps → Upload an app, or in the Teams admin centre.`)
  return 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(`The Teams app package was not built: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  },
)
