// Text files as the spreadsheets and calendars people use save them, read back as the same text.
import { expect, it } from 'vitest'
import { decodeTextFile } from '../../src/files/decode-text.js'
import { listProblems } from '../../src/files/problem-list.js'

const CSV = 'title,date,place\r\nCafé session,12/01/2027,Room “A”\r\n'
const expected = 'title,date,place\nCafé session,12/01/2027,Room “A”\n'

const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16()

it.each([
  ['UTF-8', Buffer.from(CSV, 'utf8'), 'utf-8'],
  ['UTF-8 with a byte-order mark (Excel "CSV UTF-8")', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]), 'utf-8'],
  ['UTF-16 LE with a mark (Excel "Unicode Text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]), 'utf-16le'],
  ['UTF-16 BE with a mark', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(CSV)]), 'utf-16be'],
  ['UTF-16 LE without a mark', Buffer.from(CSV, 'utf16le'), 'utf-16le'],
  ['UTF-16 BE without a mark', utf16be(CSV), 'utf-16be'],
  ['Windows-1252 (Excel "CSV" on Windows)', Buffer.from([...Buffer.from('title,date,place\r\nCaf', 'latin1'), 0xe9, ...Buffer.from(' session,12/01/2027,Room ', 'latin1'), 0x93, 0x41, 0x94, 0x0d, 0x0a]), 'windows-1252'],
])('reads %s', (_, bytes, encoding) => {
  const decoded = decodeTextFile(bytes)
  expect(decoded).toEqual({ ok: true, encoding, text: expected })
})

it('drops NULs and other control characters, keeping tabs and new lines', () => {
  const decoded = decodeTextFile(Buffer.from('a\u0000b\tc\u0007\nd\u001b', 'utf8'))
  expect(decoded).toEqual({ ok: true, encoding: 'utf-8', text: 'ab\tc\nd' })
})

it('refuses a file over the limit with one sentence', () => {
  const decoded = decodeTextFile(Buffer.alloc(3 * 1024 * 1024, 'a'))
  expect(decoded.ok).toBe(false)
  if (!decoded.ok) expect(decoded.problem).toBe('That file is too big for me to read (the limit is 2 MB); split it into smaller files and send them one by one.')
})

it('lists the first 20 problems and says how many more there are', () => {
  const problems = Array.from({ length: 57 }, (_, i) => `line ${i + 2}: the date is missing`)
  const listed = listProblems(problems)
  expect(listed).toHaveLength(21)
  expect(listed[19]).toBe('line 21: the date is missing')
  expect(listed[20]).toBe('…and 37 more problems; fix these and send the file again to see the rest.')
  expect(listProblems(problems.slice(0, 20))).toEqual(problems.slice(0, 20))
})
