// Dates typed in a chat: day and month without a year, weekdays and "yesterday", each placed
// on the side of today the command looks at, and every problem said in words.
import { describe, expect, it } from 'vitest'
import { readTypedDate } from '../../src/files/typed-dates.js'

// Friday 4 December 2026.
const TODAY = '2026-12-04'
const past = (text: string) => readTypedDate(text, TODAY, 'past')
const future = (text: string) => readTypedDate(text, TODAY, 'future')

describe('a day and month without a year', () => {
  it.each([
    ['7 Dec', '2025-12-07'],
    ['7 December', '2025-12-07'],
    ['7th December', '2025-12-07'],
    ['the 7th of December', '2025-12-07'],
    ['Dec 7', '2025-12-07'],
    ['December 7th', '2025-12-07'],
    ['7/12', '2025-12-07'],
    ['07.12', '2025-12-07'],
    ['5 Feb', '2026-02-05'],
    ['5 feb.', '2026-02-05'],
    ['Sept 30', '2026-09-30'],
    ['4 Dec', '2026-12-04'],
    ['1/12', '2026-12-01'],
    ['Tue 1 Dec', '2026-12-01'],
  ])('looking back, "%s" is %s', (text, date) => {
    expect(past(text)).toEqual({ ok: true, date })
  })

  it.each([
    ['7 Dec', '2026-12-07'],
    ['5 Feb', '2027-02-05'],
    ['4 Dec', '2026-12-04'],
    ['3/12', '2027-12-03'],
  ])('looking ahead, "%s" is %s', (text, date) => {
    expect(future(text)).toEqual({ ok: true, date })
  })

  it('29 February is the latest one there was, or the next there will be', () => {
    expect(past('29 Feb')).toEqual({ ok: true, date: '2024-02-29' })
    expect(future('29/2')).toEqual({ ok: true, date: '2028-02-29' })
  })

  it('a year, when given, is kept whichever way the command looks', () => {
    expect(past('7 Dec 2026')).toEqual({ ok: true, date: '2026-12-07' })
    expect(past('Dec 7, 2026')).toEqual({ ok: true, date: '2026-12-07' })
    expect(future('5 February 2026')).toEqual({ ok: true, date: '2026-02-05' })
    expect(past('07/12/2026')).toEqual({ ok: true, date: '2026-12-07' })
    expect(past('2026-12-07')).toEqual({ ok: true, date: '2026-12-07' })
  })
})

describe('words for days', () => {
  it.each([
    ['today', '2026-12-04'],
    ['Today', '2026-12-04'],
    ['yesterday', '2026-12-03'],
    ['tomorrow', '2026-12-05'],
    ['Tuesday', '2026-12-01'],
    ['tues', '2026-12-01'],
    ['last Tuesday', '2026-12-01'],
    ['on Tuesday', '2026-12-01'],
    ['weds', '2026-12-02'],
    ['Thursday', '2026-12-03'],
    // Today is a Friday: "Friday" is today, "last Friday" the week before.
    ['Friday', '2026-12-04'],
    ['last Friday', '2026-11-27'],
    ['Saturday', '2026-11-28'],
    ['next Tuesday', '2026-12-08'],
  ])('looking back, "%s" is %s', (text, date) => {
    expect(past(text)).toEqual({ ok: true, date })
  })

  it.each([
    ['Tuesday', '2026-12-08'],
    ['Friday', '2026-12-04'],
    ['next Friday', '2026-12-11'],
    ['last Tuesday', '2026-12-01'],
  ])('looking ahead, "%s" is %s', (text, date) => {
    expect(future(text)).toEqual({ ok: true, date })
  })

  it('crosses months and years with the calendar', () => {
    expect(readTypedDate('yesterday', '2027-01-01', 'past')).toEqual({ ok: true, date: '2026-12-31' })
    expect(readTypedDate('last Thursday', '2027-01-01', 'past')).toEqual({ ok: true, date: '2026-12-31' })
    expect(readTypedDate('28 Mar', '2027-03-27', 'past')).toEqual({ ok: true, date: '2026-03-28' })
  })
})

describe('what is not a date', () => {
  it.each([
    ['31/02', '"31/02" is not a date: February has no day 31'],
    ['7 Decembr', '"7 Decembr": "Decembr" is not a month. Did you mean December?'],
    ['Wed 1 Dec', '"Wed 1 Dec": 1 December 2026 is a Tuesday, not a Wednesday; check the date'],
    ['13/13', '"13/13" is not a date: there is no month 13'],
    ['the bar models one', '"bar models one" is not a date I can read; try “7 Dec”, “yesterday”, “last Tuesday” or 07/12/2026'],
  ])('"%s" says why', (text, problem) => {
    expect(past(text)).toEqual({ ok: false, problem })
  })
})
