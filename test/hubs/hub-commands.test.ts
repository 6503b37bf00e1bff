// The two commands hub staff run on the server, as real processes against a real store: the
// embedded database in a fresh DATA_DIR, or a database of its own when DATABASE_URL is set.
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import { listHubHolidays } from '../../src/features/hubs/holiday-store.js'
import { readHubSettings } from '../../src/features/hubs/hub-settings-store.js'
import { ensureHub } from '../../src/domain/work-groups.js'
import { createTestDatabase, type TestDatabase, usingServer } from '../support/test-database.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const fixture = (name: string) => path.join('test', 'fixtures', 'term-dates', name)

interface Run {
  code: number
  stdout: string
  stderr: string
}

let env: Record<string, string>
let withDb: <T>(work: (db: Db) => Promise<T>) => Promise<T>
let cleanUp: () => Promise<void>
const hubs = { slack: '', teams: '', matrix: '' }

beforeAll(async () => {
  if (usingServer()) {
    const database: TestDatabase = await createTestDatabase()
    env = { PATH: process.env.PATH ?? '', DATABASE_URL: database.url! }
    withDb = (work) => work(database.db)
    cleanUp = () => database.close()
  } else {
    // The embedded database allows one process at a time: the test opens it only between runs.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mhb-hub-commands-'))
    env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir }
    withDb = async (work) => {
      const database = await openDatabase({ dataDir })
      try {
        return await work(database.db)
      } finally {
        await database.close()
      }
    }
    cleanUp = () => rm(dataDir, { recursive: true, force: true })
  }
  await withDb(async (db) => {
    await migrateToLatest(db)
    hubs.slack = await ensureHub(db, { platform: 'slack', workspaceId: 'T0123' }, 'North West Maths Hub')
    hubs.teams = await ensureHub(db, { platform: 'teams', workspaceId: '72f988bf-tenant' }, 'north west maths hub')
    hubs.matrix = await ensureHub(db, { platform: 'slack', workspaceId: 'T0123' }, 'Matrix Maths Hub')
  })
})
afterAll(async () => {
  await cleanUp?.()
})

async function run(script: 'import-term-dates' | 'hub-settings', ...args: string[]): Promise<Run> {
  const command = [process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: ROOT, env }] as const
  return promisify(execFile)(...command).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  )
}

const holidayStarts = (hubId: string) => withDb(async (db) => (await listHubHolidays(db, hubId)).map((h) => h.startsOn))

describe('npm run term-dates:import', () => {
  it('imports a CSV for a hub in every workspace that has its name, and says what it imported', async () => {
    const result = await run('import-term-dates', '--hub', ' north west MATHS hub ', fixture('north-west-2026-27.csv'))
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout.split('\n')).toEqual([
      'Imported 6 holidays for North West Maths Hub (2026-10-26 to 2027-06-04).',
      '  Mon 26 Oct 2026 to Fri 30 Oct 2026   October half term',
      '  Mon 21 Dec 2026 to Fri 1 Jan 2027    Christmas',
      '  Mon 15 Feb 2027 to Fri 19 Feb 2027   February half term',
      '  Mon 29 Mar 2027 to Fri 9 Apr 2027    Easter',
      '  Mon 3 May 2027                       May Day bank holiday',
      '  Mon 31 May 2027 to Fri 4 Jun 2027    Spring half term',
      'North West Maths Hub is set up in 2 workspaces (Slack workspace T0123, Teams tenant 72f988bf-tenant); the holidays apply to all of them.',
      'Holidays before 2026-10-26 or after 2027-06-04 were kept. No reminders are sent for sessions on these days.',
      '',
    ])
    const expected = ['2026-10-26', '2026-12-21', '2027-02-15', '2027-03-29', '2027-05-03', '2027-05-31']
    expect(await holidayStarts(hubs.slack)).toEqual(expected)
    expect(await holidayStarts(hubs.teams)).toEqual(expected)
    expect(await holidayStarts(hubs.matrix)).toEqual([])
  })

  it('imports a council .ics, replacing the holidays it overlaps and keeping those after it', async () => {
    const result = await run('import-term-dates', '--hub=North West Maths Hub', fixture('la-term-dates.ics'))
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Imported 5 holidays for North West Maths Hub \(2026-10-26 to 2027-04-09\), replacing 4 in each workspace\.\n/)
    expect(result.stdout).toContain('  Mon 4 Jan 2027                       INSET day (most schools)\n')
    expect(await holidayStarts(hubs.teams)).toEqual(['2026-10-26', '2026-12-21', '2027-01-04', '2027-02-15', '2027-03-29', '2027-05-03', '2027-05-31'])
  })

  it('refuses a file with problems, listing each by line and field, and changes nothing', async () => {
    const before = await holidayStarts(hubs.slack)
    const result = await run('import-term-dates', '--hub', 'North West Maths Hub', fixture('problems.csv'))
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines[0]).toBe(`Nothing imported from ${fixture('problems.csv')}; fix these and try again:`)
    expect(lines).toContain('  line 3, start: "10/26/2026" is not a date: there is no month 26; put the day first, like 26/10/2026')
    expect(lines).toHaveLength(11)
    expect(await holidayStarts(hubs.slack)).toEqual(before)
  })

  it('refuses a calendar with a timed event, naming its line', async () => {
    const result = await run('import-term-dates', '--hub', 'Matrix Maths Hub', fixture('timed-events.ics'))
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('  line 10, start: this event is at 17:00 on Thursday 5 November 2026, but a holiday is whole days;')
    expect(await holidayStarts(hubs.matrix)).toEqual([])
  })

  it('names the hubs there are when the hub is not found, and says where hubs come from', async () => {
    const result = await run('import-term-dates', '--hub', 'Nort West', fixture('north-west-2026-27.csv'))
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr.trim()).toBe(
      'Nothing imported. There is no hub called "Nort West". Did you mean "North West Maths Hub"? The hubs are: "Matrix Maths Hub", "North West Maths Hub". ' +
        'A hub is created when a Work Group Lead sets up a channel with /workgroups setup (in Teams: workgroups setup) and names its hub.',
    )
    expect(await holidayStarts(hubs.matrix)).toEqual([])
  })

  it('explains how to run it when the hub or the file is missing', async () => {
    const noHub = await run('import-term-dates', 'North West Maths Hub', fixture('north-west-2026-27.csv'))
    expect(noHub.code).toBe(2)
    expect(noHub.stderr).toMatch(/^Say which hub with --hub "<hub name>"\. Put -- before it, so that npm passes it on\.\nUsage: npm run term-dates:import -- --hub/)
    const noFile = await run('import-term-dates', '--hub', 'North West Maths Hub', 'missing.csv')
    expect(noFile).toMatchObject({ code: 1, stderr: 'Nothing imported from missing.csv; fix this and try again:\n  cannot read missing.csv: there is no such file\n' })
  })
})

describe('npm run hub:settings', () => {
  it('shows a hub’s settings and holidays in each of its workspaces', async () => {
    const result = await run('hub-settings', '--hub', 'north west maths hub')
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toContain('North West Maths Hub is set up in 2 workspaces.\nNorth West Maths Hub (Slack workspace T0123):\n')
    expect(result.stdout).toContain('  notice hours:    48 (an apology given less than 48 hours before a session is flagged to the Work Group Lead)\n')
    expect(result.stdout).toContain('  quiet hours:     21:00 to 07:00 (reminders sent to people directly wait until quiet hours end)\n')
    expect(result.stdout).toContain('\nnorth west maths hub (Teams tenant 72f988bf-tenant):\n')
    expect(result.stdout.match(/school holidays: 7, from Mon 26 Oct 2026 to Fri 4 Jun 2027/g)).toHaveLength(2)
  })

  it('changes the settings given, in every workspace, and says what changed', async () => {
    const result = await run('hub-settings', '--hub', 'North West Maths Hub', '--notice-hours', '72', '--quiet', '22:00-06:30', '--quiet-weekends', 'no')
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      'Changed North West Maths Hub (Slack workspace T0123): notice hours 48 → 72; quiet hours 21:00 to 07:00 → 22:00 to 06:30; quiet weekends yes → no.',
      'Changed north west maths hub (Teams tenant 72f988bf-tenant): notice hours 48 → 72; quiet hours 21:00 to 07:00 → 22:00 to 06:30; quiet weekends yes → no.',
      'North West Maths Hub is set up in 2 workspaces; the change applies to all of them.',
    ])
    const changed = { noticeHours: 72, quiet: { start: '22:00', end: '06:30', weekends: false } }
    await withDb(async (db) => {
      expect(await readHubSettings(db, hubs.slack)).toEqual(changed)
      expect(await readHubSettings(db, hubs.teams)).toEqual(changed)
      expect(await readHubSettings(db, hubs.matrix)).toMatchObject({ noticeHours: 48 })
    })
  })

  it('refuses bad values with exit code 2, naming each, and changes nothing', async () => {
    const result = await run('hub-settings', '--hub', 'Matrix Maths Hub', '--notice-hours', '24', '--quiet', '9pm-7am', '--quiet-weekends', 'maybe')
    expect(result).toMatchObject({ code: 2, stdout: '' })
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      'Nothing changed. --quiet must be two 24-hour times, when quiet hours start and when they end, like 21:00-07:00 (or "none"); "9pm-7am" is not.',
      '--quiet-weekends must be yes or no; "maybe" is neither.',
    ])
    await withDb(async (db) => expect(await readHubSettings(db, hubs.matrix)).toEqual({ noticeHours: 48, quiet: { start: '21:00', end: '07:00', weekends: true } }))
  })

  it('refuses an unknown option with exit code 2, suggesting the one meant', async () => {
    const result = await run('hub-settings', '--hub', 'Matrix Maths Hub', '--notice', '24')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^Nothing changed\. --notice is not an option I know\. Did you mean --notice-hours\?/)
    await withDb(async (db) => expect(await readHubSettings(db, hubs.matrix)).toMatchObject({ noticeHours: 48 }))
  })

  it('says which hubs there are when the hub is not found', async () => {
    const result = await run('hub-settings', '--hub', 'Matrix Maths', '--notice-hours', '24')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^There is no hub called "Matrix Maths"\. Did you mean "Matrix Maths Hub"\?/)
    await withDb(async (db) => expect(await readHubSettings(db, hubs.matrix)).toMatchObject({ noticeHours: 48 }))
  })
})
