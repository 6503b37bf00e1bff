// The Teams app's two icons, drawn here so the package needs no binary files in the repository:
// a 192×192 colour icon and a 32×32 white-on-transparent outline (Teams' rules), both showing a
// bar model, the Maths Hubs' most familiar representation.
import { crc32, deflateSync } from 'node:zlib'

type Rgba = [number, number, number, number]
const WHITE: Rgba = [255, 255, 255, 255]
const CLEAR: Rgba = [0, 0, 0, 0]
export const ACCENT = '#1D4F91'
const ACCENT_RGBA: Rgba = [0x1d, 0x4f, 0x91, 255]

/** Three bars of a bar model, as fractions of the icon: [left, top, right, bottom]. */
const BARS = [
  [0.2, 0.24, 0.8, 0.38],
  [0.2, 0.43, 0.6, 0.57],
  [0.2, 0.62, 0.44, 0.76],
] as const

function draw(size: number, background: Rgba, ink: Rgba): Buffer {
  const pixels = Buffer.alloc(size * size * 4)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size
      const v = (y + 0.5) / size
      const inBar = BARS.some(([l, t, r, b]) => u >= l && u <= r && v >= t && v <= b)
      pixels.set(inBar ? ink : background, (y * size + x) * 4)
    }
  }
  return encodePng(size, size, pixels)
}

/** A PNG of RGBA pixels: signature, IHDR, one IDAT, IEND (https://www.w3.org/TR/png/). */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

export function colorIcon(): Buffer {
  return draw(192, ACCENT_RGBA, WHITE)
}

export function outlineIcon(): Buffer {
  return draw(32, CLEAR, WHITE)
}
