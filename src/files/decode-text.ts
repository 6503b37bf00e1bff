// The bytes of a text file people give the bot (a CSV, a calendar) as text, whatever saved
// it: UTF-8 with or without a byte-order mark (Excel's "CSV UTF-8", Google Sheets, Numbers),
// UTF-16 (Excel's "Unicode Text", with a mark, or without one as some exporters write it),
// or Windows-1252 (Excel's plain "CSV" on Windows). NULs and other control characters, which
// Postgres or the readers would choke on, are dropped.
import { cleanUserText } from '../core/clean-text.js'

export type DecodedText = { ok: true; text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' } | { ok: false; problem: string }

/** The same limit as a session import: far above any real term's sessions or catalogue. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024

export function decodeTextFile(bytes: Uint8Array, options: { maxBytes?: number } = {}): DecodedText {
  const maxBytes = options.maxBytes ?? MAX_TEXT_FILE_BYTES
  if (bytes.length > maxBytes)
    return { ok: false, problem: `That file is too big for me to read (the limit is ${formatSize(maxBytes)}); split it into smaller files and send them one by one.` }
  const encoding = detectEncoding(bytes)
  const bom = encoding === 'utf-8' ? hasUtf8Bom(bytes) : encoding.startsWith('utf-16') && hasUtf16Bom(bytes)
  const body = bom ? bytes.subarray(encoding === 'utf-8' ? 3 : 2) : bytes
  const text = encoding === 'windows-1252' ? decodeWindows1252(body) : new TextDecoder(encoding).decode(body)
  return { ok: true, encoding, text: cleanUserText(text) }
}

// 0x80–0x9F in Windows-1252 (https://encoding.spec.whatwg.org/index-windows-1252.txt); the
// rest is Latin-1. Node 20's TextDecoder('windows-1252') decodes as Latin-1, so Excel's curly
// quotes and dashes came out as invisible C1 control characters.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

function decodeWindows1252(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
  return text
}

function detectEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' {
  if (hasUtf8Bom(bytes)) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  const utf16 = utf16WithoutMark(bytes)
  if (utf16) return utf16
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return 'utf-8'
  } catch {
    return 'windows-1252'
  }
}

/**
 * UTF-16 text that is mostly ASCII has a zero in every other byte: odd positions for little
 * endian, even for big. Real text in one of the 8-bit encodings has no zero bytes at all.
 */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1)
  if (sample.length < 4) return undefined
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++
    if (sample[i + 1] === 0) oddZeros++
  }
  const pairs = sample.length / 2
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le'
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be'
  return undefined
}

const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
const hasUtf16Bom = (bytes: Uint8Array) => (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`
}
