// What hub staff type and read: options, setting values, hub names and the reports, without a database.
import { describe, expect, it } from 'vitest'
import { readCommandLine } from '../../src/features/hubs/command-options.js'
import type { HubRecord } from '../../src/features/hubs/holiday-store.js'
import { hubNameKey, missingHubMessage } from '../../src/features/hubs/hub-names.js'
import { describeHubSettings, describeImport, describeSettingsChange } from '../../src/features/hubs/hub-reports.js'
import { readNoticeHours, readQuietHours, readYesNo } from '../../src/features/hubs/hub-settings.js'

const SPEC = { valued: ['hub', 'notice-hours', 'quiet', 'quiet-weekends'], flags: ['help'] }

describe('reading the command line', () => {
  it('reads options with a space or =, positionals, and the -- npm passes on', () => {
    expect(readCommandLine(['--', '--hub', 'North West Maths Hub', '--quiet=21:00-07:00', 'file.csv'], SPEC)).toEqual({
      ok: true,
      line: { options: new Map([['hub', 'North West Maths Hub'], ['quiet', '21:00-07:00']]), positionals: ['file.csv'] },
    })
    expect(readCommandLine(['-h'], SPEC)).toMatchObject({ ok: true, line: { options: new Map([['help', 'yes']]) } })
  })

  it('takes a negative number as a value, for the value check to refuse', () => {
    expect(readCommandLine(['--notice-hours', '-5'], SPEC)).toMatchObject({ ok: true, line: { options: new Map([['notice-hours', '-5']]) } })
  })

  it('names every mistake: an unknown option with the one meant, a missing value, an option twice', () => {
    expect(readCommandLine(['--notice-hour', '72', '--hub', '--quiet', 'none', '--quiet', 'none', '--colour=red'], SPEC)).toEqual({
      ok: false,
      problems: [
        '--notice-hour is not an option I know. Did you mean --notice-hours? The options are: --hub, --notice-hours, --quiet, --quiet-weekends, --help.',
        '--hub needs a value after it.',
        '--quiet is given twice; give it once.',
        '--colour is not an option I know. The options are: --hub, --notice-hours, --quiet, --quiet-weekends, --help.',
      ],
    })
  })
})

describe('reading setting values', () => {
  it.each([
    ['0', 0],
    ['48', 48],
    [' 336 ', 336],
  ])('accepts %j notice hours', (text, hours) => {
    expect(readNoticeHours(text)).toEqual({ ok: true, value: hours })
  })

  it.each(['337', '-1', '2.5', '48h', 'two days', ''])('refuses %j notice hours', (text) => {
    expect(readNoticeHours(text)).toEqual({
      ok: false,
      problem: `--notice-hours must be a whole number of hours from 0 to 336 (two weeks), like 48; "${text.trim()}" is not.`,
    })
  })

  it.each([
    ['21:00-07:00', { start: '21:00', end: '07:00' }],
    ['9:30 - 17:45', { start: '09:30', end: '17:45' }],
    ['22:00–06:30', { start: '22:00', end: '06:30' }],
    ['22:00 to 06:30', { start: '22:00', end: '06:30' }],
    ['00:00-00:00', { start: '00:00', end: '00:00' }],
    ['none', { start: '00:00', end: '00:00' }],
  ])('accepts quiet hours %j', (text, value) => {
    expect(readQuietHours(text)).toEqual({ ok: true, value })
  })

  it.each(['21:00', '24:00-07:00', '21:60-07:00', '9pm-7am', '2100-0700'])('refuses quiet hours %j', (text) => {
    expect(readQuietHours(text)).toEqual({
      ok: false,
      problem: `--quiet must be two 24-hour times, when quiet hours start and when they end, like 21:00-07:00 (or "none"); "${text}" is not.`,
    })
  })

  it('reads yes and no, and nothing else', () => {
    expect(readYesNo('Yes', '--quiet-weekends')).toEqual({ ok: true, value: true })
    expect(readYesNo('no', '--quiet-weekends')).toEqual({ ok: true, value: false })
    expect(readYesNo('sometimes', '--quiet-weekends')).toEqual({ ok: false, problem: '--quiet-weekends must be yes or no; "sometimes" is neither.' })
  })
})

describe('naming hubs', () => {
  it('compares names without case or extra spaces', () => {
    expect(hubNameKey('  North   West\tMaths HUB ')).toBe('north west maths hub')
  })

  const HUBS = ['Matrix Maths Hub', 'North West Maths Hub', 'South Yorkshire Maths Hub']

  it.each([
    ['Nort West Maths Hub', 'North West Maths Hub'],
    ['north west', 'North West Maths Hub'],
    ['Nort West', 'North West Maths Hub'],
    ['Matrix', 'Matrix Maths Hub'],
  ])('suggests the hub %j probably means', (typed, meant) => {
    expect(missingHubMessage(typed, HUBS)).toContain(`There is no hub called "${typed}". Did you mean "${meant}"?`)
  })

  it('lists the hubs there are and says where hubs come from, suggesting nothing far off', () => {
    expect(missingHubMessage('Cornwall', HUBS)).toBe(
      'There is no hub called "Cornwall". The hubs are: "Matrix Maths Hub", "North West Maths Hub", "South Yorkshire Maths Hub". ' +
        'A hub is created when a Work Group Lead sets up a channel with /workgroups setup (in Teams: workgroups setup) and names its hub.',
    )
  })

  it('says when there are no hubs at all, and lists at most 20', () => {
    expect(missingHubMessage('North West Maths Hub', [])).toMatch(/^There are no hubs yet, so there is no "North West Maths Hub"\. A hub is created when/)
    const many = Array.from({ length: 25 }, (_, i) => `Hub ${String(i).padStart(2, '0')}`)
    expect(missingHubMessage('Elsewhere', many)).toContain('"Hub 19", and 5 more.')
  })
})

describe('the reports', () => {
  const slack: HubRecord = { id: 'a', platform: 'slack', workspaceId: 'T0123', name: 'North West Maths Hub' }
  const teams: HubRecord = { id: 'b', platform: 'teams', workspaceId: '72f988bf', name: 'north west maths hub' }
  const holidays = [
    { startsOn: '2026-10-26', endsOn: '2026-10-30', label: 'October half term' },
    { startsOn: '2027-05-03', endsOn: '2027-05-03' },
  ]

  it('reports an import: headline, each holiday, what was kept', () => {
    expect(describeImport([slack], holidays, [{ hubId: 'a', replaced: 5 }])).toEqual([
      'Imported 2 holidays for North West Maths Hub (2026-10-26 to 2027-05-03), replacing 5.',
      '  Mon 26 Oct 2026 to Fri 30 Oct 2026   October half term',
      '  Mon 3 May 2027',
      'Holidays before 2026-10-26 or after 2027-05-03 were kept. No reminders are sent for sessions on these days.',
    ])
  })

  it('says which workspaces a hub name covers, and what each one lost', () => {
    const lines = describeImport([slack, teams], holidays, [{ hubId: 'a', replaced: 2 }, { hubId: 'b', replaced: 0 }], ['Notes'])
    expect(lines[0]).toBe(
      'Imported 2 holidays for North West Maths Hub (2026-10-26 to 2027-05-03), replacing 2 in Slack workspace T0123 and 0 in Teams tenant 72f988bf.',
    )
    expect(lines).toContain(
      'North West Maths Hub is set up in 2 workspaces (Slack workspace T0123, Teams tenant 72f988bf); the holidays apply to all of them.',
    )
    expect(lines.at(-1)).toBe('Ignored "Notes": only the start, end and name columns are read.')
    expect(describeImport([slack, teams], holidays, [{ hubId: 'a', replaced: 3 }, { hubId: 'b', replaced: 3 }])[0]).toMatch(
      /, replacing 3 in each workspace\.$/,
    )
  })

  it('shows settings with what each one does, and what changed', () => {
    const settings = { noticeHours: 1, quiet: { start: '07:00', end: '07:00', weekends: false } }
    expect(describeHubSettings(slack, settings, [])).toEqual([
      'North West Maths Hub (Slack workspace T0123):',
      '  notice hours:    1 (an apology given less than 1 hour before a session is flagged to the Work Group Lead)',
      '  quiet hours:     none (reminders sent to people directly go out at any time of day)',
      '  quiet weekends:  no (those reminders go out at weekends too)',
      '  school holidays: none yet (import them with npm run term-dates:import -- --hub "North West Maths Hub" <file>)',
    ])
    const before = { noticeHours: 48, quiet: { start: '21:00', end: '07:00', weekends: true } }
    expect(describeSettingsChange(teams, before, settings)).toBe(
      'Changed north west maths hub (Teams tenant 72f988bf): notice hours 48 → 1; quiet hours 21:00 to 07:00 → none; quiet weekends yes → no.',
    )
    expect(describeSettingsChange(teams, before, before)).toBe('No change for north west maths hub (Teams tenant 72f988bf): it already had those settings.')
  })
})
