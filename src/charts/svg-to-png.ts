// SVG → PNG with resvg compiled to WebAssembly: no native build, no system fonts (it reads
// only the font given here), so the picture is the same on every machine, Node version and
// container. The WebAssembly module is compiled once when this module loads, so that
// rendering itself is synchronous and the renderers can stay plain functions.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { initWasm, Resvg } from '@resvg/resvg-wasm'
import { encodeIndexedPng } from './indexed-png.js'

const require = createRequire(import.meta.url)

await initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')))

// Atkinson Hyperlegible (Braille Institute, SIL Open Font License 1.1): drawn to keep
// look-alike characters (1 l I, 0 O) apart at small sizes.
const FONTS = ['400Regular/AtkinsonHyperlegible_400Regular.ttf', '700Bold/AtkinsonHyperlegible_700Bold.ttf'].map(
  (file) => new Uint8Array(readFileSync(require.resolve(`@expo-google-fonts/atkinson-hyperlegible/${file}`))),
)

export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { fontBuffers: FONTS, defaultFontFamily: 'Atkinson Hyperlegible', sansSerifFamily: 'Atkinson Hyperlegible' },
    fitTo: { mode: 'original' },
  })
  try {
    const image = resvg.render()
    try {
      return encodeIndexedPng(image.pixels, image.width, image.height)
    } finally {
      image.free()
    }
  } finally {
    resvg.free()
  }
}
