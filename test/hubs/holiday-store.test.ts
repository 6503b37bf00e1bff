// A hub's holidays and settings in the database: finding hubs by name across workspaces,
// replacing only the holidays a file covers, and all or nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BotError } from '../../src/core/errors.js'
import {
  findHubsByName,
  listHubHolidays,
  listHubNames,
  replaceHubHolidays,
} from '../../src/features/hubs/holiday-store.js'
import { changeHubSettings, readHubSettings } from '../../src/features/hubs/hub-settings-store.js'
import { inHoliday } from '../../src/domain/reminder-times.js'
import { ensureHub, listHolidays } from '../../src/domain/work-groups.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

let database: TestDatabase
let slackHub: string
let teamsHub: string
let otherHub: string

beforeAll(async () => {
  database = await createTestDatabase()
  const { db } = database
  slackHub = await ensureHub(db, { platform: 'slack', workspaceId: 'T0123' }, 'North West Maths Hub')
  teamsHub = await ensureHub(db, { platform: 'teams', workspaceId: '72f988bf-tenant' }, '  north west MATHS hub ')
  otherHub = await ensureHub(db, { platform: 'slack', workspaceId: 'T0123' }, 'Matrix Maths Hub')
})
afterAll(async () => {
  await database?.close()
})
beforeEach(async () => {
  await database.db.deleteFrom('hub_holidays').execute()
})

const AUTUMN_2026 = [
  { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'October half term' },
  { startsOn: '2026-12-21', endsOn: '2027-01-01', label: 'Christmas' },
]
const holidaysOf = (hubId: string) => listHubHolidays(database.db, hubId)

describe('finding hubs by name', () => {
  it('finds a hub however it is capitalised or spaced, in every workspace that has it', async () => {
    const hubs = await findHubsByName(database.db, 'NORTH   west maths Hub  ')
    expect(hubs).toEqual([
      { id: slackHub, platform: 'slack', workspaceId: 'T0123', name: 'North West Maths Hub' },
      { id: teamsHub, platform: 'teams', workspaceId: '72f988bf-tenant', name: 'north west MATHS hub' },
    ])
    expect(await findHubsByName(database.db, 'North West')).toEqual([])
  })

  it('lists each hub name once, in alphabetical order', async () => {
    expect(await listHubNames(database.db)).toEqual(['Matrix Maths Hub', 'North West Maths Hub'])
  })
})

describe('replacing holidays', () => {
  it('stores the holidays, with their names, where the reminder planner reads them', async () => {
    expect(await replaceHubHolidays(database.db, [slackHub], AUTUMN_2026)).toEqual([{ hubId: slackHub, replaced: 0 }])
    expect(await holidaysOf(slackHub)).toEqual(AUTUMN_2026)
    const planned = (await listHolidays(database.db, [{ platform: 'slack', workspaceId: 'T0123', hubId: slackHub }])).get(slackHub)!
    expect(inHoliday(new Date('2026-10-30T15:00:00Z'), planned, 'Europe/London')).toBe(true)
    expect(inHoliday(new Date('2026-11-02T16:00:00Z'), planned, 'Europe/London')).toBe(false)
  })

  it('replaces only the holidays that overlap the new ones’ dates, keeping the rest', async () => {
    await replaceHubHolidays(database.db, [slackHub], [
      { startsOn: '2026-07-22', endsOn: '2026-09-01', label: 'Summer 2026' },
      ...AUTUMN_2026,
      { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'February half term' },
    ])
    // A corrected autumn: from 23 October to 1 January. Summer ends before it and February
    // starts after it, so both stay; the old half term and Christmas go.
    const result = await replaceHubHolidays(database.db, [slackHub], [
      { startsOn: '2026-10-23', endsOn: '2026-10-30', label: 'Half term (with the INSET day)' },
      { startsOn: '2026-12-18', endsOn: '2027-01-01' },
    ])
    expect(result).toEqual([{ hubId: slackHub, replaced: 2 }])
    expect(await holidaysOf(slackHub)).toEqual([
      { startsOn: '2026-07-22', endsOn: '2026-09-01', label: 'Summer 2026' },
      { startsOn: '2026-10-23', endsOn: '2026-10-30', label: 'Half term (with the INSET day)' },
      { startsOn: '2026-12-18', endsOn: '2027-01-01' },
      { startsOn: '2027-02-15', endsOn: '2027-02-19', label: 'February half term' },
    ])
  })

  it('replaces a holiday that only partly overlaps the new dates, and one that lies between them', async () => {
    await replaceHubHolidays(database.db, [slackHub], [
      { startsOn: '2026-07-22', endsOn: '2026-09-02' },
      { startsOn: '2026-11-13', endsOn: '2026-11-13', label: 'INSET day' },
    ])
    const result = await replaceHubHolidays(database.db, [slackHub], [{ startsOn: '2026-09-01', endsOn: '2026-09-01' }, ...AUTUMN_2026])
    expect(result).toEqual([{ hubId: slackHub, replaced: 2 }])
    expect((await holidaysOf(slackHub)).map((h) => h.startsOn)).toEqual(['2026-09-01', '2026-10-26', '2026-12-21'])
  })

  it('gives a hub of the same name in two workspaces the same holidays, counting each one’s replacements', async () => {
    await replaceHubHolidays(database.db, [teamsHub], [{ startsOn: '2026-10-26', endsOn: '2026-10-30' }])
    const result = await replaceHubHolidays(database.db, [slackHub, teamsHub], AUTUMN_2026)
    expect(result).toEqual([
      { hubId: slackHub, replaced: 0 },
      { hubId: teamsHub, replaced: 1 },
    ])
    expect(await holidaysOf(slackHub)).toEqual(AUTUMN_2026)
    expect(await holidaysOf(teamsHub)).toEqual(AUTUMN_2026)
    expect(await holidaysOf(otherHub)).toEqual([])
  })

  it('changes nothing when storing fails part-way: old holidays stay, for every hub', async () => {
    await replaceHubHolidays(database.db, [slackHub, teamsHub], AUTUMN_2026)
    // The database refuses 30 February only when inserting, after the old rows are deleted.
    const impossible = [{ startsOn: '2026-10-26', endsOn: '2026-10-30' }, { startsOn: '2027-02-30', endsOn: '2027-02-30' }]
    await expect(replaceHubHolidays(database.db, [slackHub, teamsHub], impossible)).rejects.toThrow()
    expect(await holidaysOf(slackHub)).toEqual(AUTUMN_2026)
    expect(await holidaysOf(teamsHub)).toEqual(AUTUMN_2026)
  })

  it('refuses a hub that no longer exists, changing nothing for the others', async () => {
    await replaceHubHolidays(database.db, [slackHub], AUTUMN_2026)
    const gone = '00000000-0000-4000-8000-000000000000'
    const attempt = replaceHubHolidays(database.db, [slackHub, gone], [{ startsOn: '2026-10-26', endsOn: '2026-10-27' }])
    await expect(attempt).rejects.toBeInstanceOf(BotError)
    await expect(attempt).rejects.toMatchObject({ code: 'not_found' })
    expect(await holidaysOf(slackHub)).toEqual(AUTUMN_2026)
  })

  it('runs two imports for one hub one after the other, never mixing them', async () => {
    const shorter = [{ startsOn: '2026-10-26', endsOn: '2026-10-29', label: 'Shorter half term' }]
    const autumnThenShorter = [shorter[0], AUTUMN_2026[1]]
    const shorterThenAutumn = AUTUMN_2026
    // A race either happens or not on a given run; a few rounds make a missing lock show.
    for (let round = 0; round < 8; round++) {
      await database.db.deleteFrom('hub_holidays').execute()
      // Without the hub lock, both would delete nothing and then collide inserting 26 October.
      const results = await Promise.all([
        replaceHubHolidays(database.db, [slackHub], AUTUMN_2026),
        replaceHubHolidays(database.db, [slackHub], shorter),
      ])
      expect([autumnThenShorter, shorterThenAutumn]).toContainEqual(await holidaysOf(slackHub))
      expect(results.flat().map((r) => r.replaced).sort()).toEqual([0, 1])
    }
  })
})

describe('hub settings', () => {
  it('reads the defaults a hub is created with', async () => {
    expect(await readHubSettings(database.db, otherHub)).toEqual({ noticeHours: 48, quiet: { start: '21:00', end: '07:00', weekends: true } })
    expect(await readHubSettings(database.db, '00000000-0000-4000-8000-000000000000')).toBeUndefined()
  })

  it('changes only the settings given, for every hub given, reporting before and after', async () => {
    const changed = await changeHubSettings(database.db, [slackHub, teamsHub], { noticeHours: 72, quietWeekends: false })
    expect(changed).toEqual(
      expect.arrayContaining([
        {
          hubId: slackHub,
          before: { noticeHours: 48, quiet: { start: '21:00', end: '07:00', weekends: true } },
          after: { noticeHours: 72, quiet: { start: '21:00', end: '07:00', weekends: false } },
        },
        expect.objectContaining({ hubId: teamsHub }),
      ]),
    )
    await changeHubSettings(database.db, [teamsHub], { quietHours: { start: '22:00', end: '06:30' } })
    expect(await readHubSettings(database.db, teamsHub)).toEqual({ noticeHours: 72, quiet: { start: '22:00', end: '06:30', weekends: false } })
    expect(await readHubSettings(database.db, slackHub)).toEqual({ noticeHours: 72, quiet: { start: '21:00', end: '07:00', weekends: false } })
    expect(await readHubSettings(database.db, otherHub)).toMatchObject({ noticeHours: 48 })
  })

  it('with nothing to change, changes nothing and says what the settings are', async () => {
    const before = await readHubSettings(database.db, otherHub)
    expect(await changeHubSettings(database.db, [otherHub], {})).toEqual([{ hubId: otherHub, before, after: before }])
  })
})
