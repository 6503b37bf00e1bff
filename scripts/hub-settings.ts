// npm run hub:settings -- --hub "<hub name>" [--notice-hours 48] [--quiet 21:00-07:00] [--quiet-weekends yes|no]
// Shows a hub's reminder settings and changes the ones given. Every value is checked before
// the database is opened: one bad value and nothing changes.
import { migrateToLatest } from '../src/db/migrate.js'
import { readCommandLine } from '../src/features/hubs/command-options.js'
import { findHubsByName, listHubHolidays, listHubNames } from '../src/features/hubs/holiday-store.js'
import { missingHubMessage } from '../src/features/hubs/hub-names.js'
import { describeHubSettings, describeSettingsChange } from '../src/features/hubs/hub-reports.js'
import {
  type HubSettingsChange,
  MAX_NOTICE_HOURS,
  readNoticeHours,
  readQuietHours,
  readYesNo,
} from '../src/features/hubs/hub-settings.js'
import { changeHubSettings, readHubSettings } from '../src/features/hubs/hub-settings-store.js'
import { runCli } from './cli.js'

const USAGE = `Usage: npm run hub:settings -- --hub "<hub name>" [--notice-hours 48] [--quiet 21:00-07:00] [--quiet-weekends yes|no]
Shows the hub's settings, and changes those you give:
  --notice-hours    an apology given less than this many hours before a session is flagged to
                    the Work Group Lead; a whole number from 0 to ${MAX_NOTICE_HOURS}
  --quiet           when reminders sent to people directly wait, as two 24-hour times like
                    21:00-07:00; "none" (or the same time twice) for no quiet hours
  --quiet-weekends  yes or no: whether those reminders also wait over the weekend`

type Request = { hub: string; change: HubSettingsChange } | { exitCode: number; message: string; toStderr: boolean }

function readRequest(argv: string[]): Request {
  const reading = readCommandLine(argv, { valued: ['hub', 'notice-hours', 'quiet', 'quiet-weekends'], flags: ['help'] })
  if (!reading.ok) return usageError(reading.problems)
  const { options, positionals } = reading.line
  if (options.has('help')) return { exitCode: 0, message: USAGE, toStderr: false }
  if (positionals.length > 0) {
    // `npm run hub:settings --hub X` (no "--") hands --hub to npm, leaving X behind.
    const hint = options.has('hub') ? '' : ' If that is the hub, put -- before --hub, so that npm passes it on.'
    return usageError([`I did not expect ${positionals.map((p) => `"${p}"`).join(', ')}.${hint}`])
  }
  const hub = options.get('hub')
  if (hub === undefined) return usageError(['Say which hub with --hub "<hub name>".'])
  const { change, problems } = readChange(options)
  return problems.length > 0 ? usageError(problems) : { hub, change }
}

function readChange(options: Map<string, string>): { change: HubSettingsChange; problems: string[] } {
  const change: HubSettingsChange = {}
  const problems: string[] = []
  const take = <T>(name: string, read: (text: string) => { ok: true; value: T } | { ok: false; problem: string }, set: (value: T) => void) => {
    const text = options.get(name)
    if (text === undefined) return
    const reading = read(text)
    if (reading.ok) set(reading.value)
    else problems.push(reading.problem)
  }
  take('notice-hours', readNoticeHours, (v) => (change.noticeHours = v))
  take('quiet', readQuietHours, (v) => (change.quietHours = v))
  take('quiet-weekends', (t) => readYesNo(t, '--quiet-weekends'), (v) => (change.quietWeekends = v))
  return { change, problems }
}

function usageError(problems: string[]): Request {
  return { exitCode: 2, message: `Nothing changed. ${problems.join('\n')}\n${USAGE}`, toStderr: true }
}

const request = readRequest(process.argv.slice(2))
if ('exitCode' in request) {
  ;(request.toStderr ? console.error : console.log)(request.message)
  process.exitCode = request.exitCode
} else {
  await runCli('npm run hub:settings', async ({ db }) => {
    await migrateToLatest(db)
    const hubs = await findHubsByName(db, request.hub)
    if (hubs.length === 0) {
      console.error(missingHubMessage(request.hub, await listHubNames(db)))
      return 1
    }
    if (Object.keys(request.change).length > 0) {
      const changed = await changeHubSettings(db, hubs.map((h) => h.id), request.change)
      for (const hub of hubs) {
        const { before, after } = changed.find((c) => c.hubId === hub.id)!
        console.log(describeSettingsChange(hub, before, after))
      }
    }
    if (hubs.length > 1) {
      const applies = Object.keys(request.change).length > 0 ? '; the change applies to all of them' : ''
      console.log(`${hubs[0]!.name} is set up in ${hubs.length} workspaces${applies}.`)
    }
    for (const hub of hubs) {
      const settings = await readHubSettings(db, hub.id)
      if (settings) console.log(describeHubSettings(hub, settings, await listHubHolidays(db, hub.id)).join('\n'))
    }
    return 0
  })
}
