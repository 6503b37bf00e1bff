// npm run term-dates:import -- --hub "<hub name>" <file.csv | file.ics>
// Checks a hub's term-dates file completely and stores its holidays in one transaction, or
// reports every problem by line and field and changes nothing. The bot sends no reminders for
// sessions on those days.
import { readFile } from 'node:fs/promises'
import { migrateToLatest } from '../src/db/migrate.js'
import { readCommandLine } from '../src/features/hubs/command-options.js'
import { findHubsByName, listHubNames, replaceHubHolidays } from '../src/features/hubs/holiday-store.js'
import { missingHubMessage } from '../src/features/hubs/hub-names.js'
import { describeImport } from '../src/features/hubs/hub-reports.js'
import {
  describeTermDatesProblems,
  type ParsedTermDates,
  parseTermDates,
  TERM_DATES_LIMITS,
} from '../src/features/hubs/parse-term-dates.js'
import { runCli } from './cli.js'

const USAGE = `Usage: npm run term-dates:import -- --hub "<hub name>" <file.csv or file.ics>
The file is either a CSV with a heading row and the columns start, end and (optionally) name,
one holiday a row, with dates like 26/10/2026 or 26 October 2026 (leave end empty for a single
day); or a calendar (.ics) of all-day events, as local authorities publish term dates.
The holidays replace the hub's holidays between the file's first and last date; the others are
kept, so you can import one school year at a time. At most ${TERM_DATES_LIMITS.holidaysPerFile} holidays a file.`

type Request = { hub: string; file: string } | { exitCode: number; message: string; toStderr: boolean }

function readRequest(argv: string[]): Request {
  const reading = readCommandLine(argv, { valued: ['hub'], flags: ['help'] })
  if (!reading.ok) return { exitCode: 2, message: `${reading.problems.join('\n')}\n${USAGE}`, toStderr: true }
  const { options, positionals } = reading.line
  if (options.has('help')) return { exitCode: 0, message: USAGE, toStderr: false }
  const hub = options.get('hub')
  if (hub === undefined) {
    // `npm run term-dates:import --hub X file` (no "--") hands --hub to npm, leaving X behind.
    const hint = positionals.length > 1 ? ' Put -- before it, so that npm passes it on.' : ''
    return { exitCode: 2, message: `Say which hub with --hub "<hub name>".${hint}\n${USAGE}`, toStderr: true }
  }
  if (positionals.length !== 1) {
    const message = positionals.length === 0 ? 'Say which file to import.' : `Give one file at a time, not ${positionals.length}.`
    return { exitCode: 2, message: `${message}\n${USAGE}`, toStderr: true }
  }
  return { hub, file: positionals[0]! }
}

type FileReading = Extract<ParsedTermDates, { ok: true }> | { ok: false; problems: string[] }

async function readTermDates(file: string): Promise<FileReading> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message
    return { ok: false, problems: [`cannot read ${file}: ${reason}`] }
  }
  const parsed = parseTermDates(file, text)
  return parsed.ok ? parsed : { ok: false, problems: describeTermDatesProblems(parsed.problems) }
}

const request = readRequest(process.argv.slice(2))
if ('exitCode' in request) {
  ;(request.toStderr ? console.error : console.log)(request.message)
  process.exitCode = request.exitCode
} else {
  // The file is checked before the database is opened: a file can be fixed while the bot runs.
  const parsed = await readTermDates(request.file)
  if (!parsed.ok) {
    const { problems } = parsed
    console.error(`Nothing imported from ${request.file}; fix ${problems.length === 1 ? 'this' : 'these'} and try again:\n  ${problems.join('\n  ')}`)
    process.exitCode = 1
  } else {
    await runCli('npm run term-dates:import', async ({ db }) => {
      await migrateToLatest(db)
      const hubs = await findHubsByName(db, request.hub)
      if (hubs.length === 0) {
        console.error(`Nothing imported. ${missingHubMessage(request.hub, await listHubNames(db))}`)
        return 1
      }
      const replaced = await replaceHubHolidays(db, hubs.map((h) => h.id), parsed.holidays)
      console.log(describeImport(hubs, parsed.holidays, replaced, parsed.ignoredColumns).join('\n'))
      return 0
    })
  }
}
