/**
 * scripts/renderIcons.ts (`npm run icons`): every icon file exists, and its bytes say what the
 * platforms will read: PNG sizes from IHDR, ICNS chunk types and sizes, ICO directory entries.
 * Renders into a temporary folder so it never races other tests over out/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { beforeAll, describe, expect, it } from 'vitest'
import { LINUX_ICON_SIZES, renderIcons, type RenderedIcons } from '../../scripts/renderIcons'

const SVG = 'resources/icon.svg'
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngSize(bytes: Buffer): { width: number; height: number; colorType: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes.readUInt8(25) }
}

let outDir: string
let icons: RenderedIcons

beforeAll(() => {
  outDir = join(mkdtempSync(join(tmpdir(), 'w2v-icons-')), 'icons')
  icons = renderIcons(SVG, outDir)
})

describe('renderIcons', () => {
  it('writes the 1024 px master and one RGBA PNG per Linux size, named NxN.png', () => {
    expect(pngSize(readFileSync(join(outDir, 'icon.png')))).toEqual({ width: 1024, height: 1024, colorType: 6 })
    expect(icons.linuxPngs).toEqual(LINUX_ICON_SIZES.map((size) => join(outDir, 'png', `${size}x${size}.png`)))
    for (const size of LINUX_ICON_SIZES) {
      expect(pngSize(readFileSync(join(outDir, 'png', `${size}x${size}.png`)))).toEqual({ width: size, height: size, colorType: 6 })
    }
  })

  it('packs an ICNS whose chunks cover the file and hold every macOS size', () => {
    const icns = readFileSync(icons.icns)
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const chunks = new Map<string, Buffer>()
    let offset = 8
    while (offset < icns.length) {
      const length = icns.readUInt32BE(offset + 4)
      expect(length).toBeGreaterThan(8)
      chunks.set(icns.toString('latin1', offset, offset + 4), icns.subarray(offset + 8, offset + length))
      offset += length
    }
    expect(offset).toBe(icns.length)
    // PNG-encoded chunks by type: 16@2x, 32@2x, 128, 128@2x, 256, 256@2x, 512, 512@2x.
    const pngChunks = { ic11: 32, ic12: 64, ic07: 128, ic13: 256, ic08: 256, ic14: 512, ic09: 512, ic10: 1024 }
    for (const [type, size] of Object.entries(pngChunks)) {
      const chunk = chunks.get(type)
      expect(chunk, type).toBeDefined()
      expect(pngSize(chunk!), type).toMatchObject({ width: size, height: size })
    }
    // Older macOS reads the small sizes as packed RGB plus a separate alpha mask.
    expect(chunks.get('is32')).toBeDefined()
    expect(chunks.get('s8mk')?.length).toBe(16 * 16)
    expect(chunks.get('il32')).toBeDefined()
    expect(chunks.get('l8mk')?.length).toBe(32 * 32)
  })

  it('packs an ICO with every Windows size: bitmaps below 64 px, PNGs from 64 px', () => {
    const ico = readFileSync(icons.ico)
    expect(ico.readUInt16LE(0)).toBe(0)
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    const sizes: number[] = []
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i
      const size = ico.readUInt8(entry) || 256 // 0 in the directory means 256.
      expect(ico.readUInt8(entry + 1) || 256).toBe(size)
      const bytes = ico.readUInt32LE(entry + 8)
      const start = ico.readUInt32LE(entry + 12)
      expect(start + bytes).toBeLessThanOrEqual(ico.length)
      const image = ico.subarray(start, start + bytes)
      if (size >= 64) {
        expect(pngSize(image)).toMatchObject({ width: size, height: size })
      } else {
        // BITMAPINFOHEADER: 40 bytes, 32 bits per pixel, height doubled for the AND mask.
        expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([40, size, 2 * size, 32])
      }
      sizes.push(size)
    }
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 72, 96, 128, 256])
  })

  it('fails with one sentence, and writes nothing, when the SVG is missing or not an SVG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2v-icons-bad-'))
    expect(() => renderIcons(join(dir, 'absent.svg'), join(dir, 'out'))).toThrow(/^The icon source .*absent\.svg is missing\.$/)
    expect(existsSync(join(dir, 'out'))).toBe(false)
    writeFileSync(join(dir, 'broken.svg'), '<svg')
    expect(() => renderIcons(join(dir, 'broken.svg'), join(dir, 'out'))).toThrow(/^The icon source .*broken\.svg is not a valid SVG \(.*\)\.$/)
    expect(() => renderIcons(dir, join(dir, 'out'))).toThrow(/is a folder, not an SVG file\.$/)
  })

  it('exits 1 from the command line with that sentence as its only output line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'w2v-icons-cli-'))
    let failure: { status: number | null; stdout: string; stderr: string } | undefined
    try {
      execFileSync('node_modules/.bin/tsx', ['scripts/renderIcons.ts', '--svg', join(dir, 'absent.svg'), '--out', join(dir, 'out')], { encoding: 'utf8', stdio: 'pipe' })
    } catch (error) {
      failure = error as typeof failure
    }
    expect(failure?.status).toBe(1)
    expect(failure?.stdout).toBe('')
    expect(failure?.stderr.trim().split('\n')).toEqual([`The icon source ${join(dir, 'absent.svg')} is missing.`])
  })
})

describe('resources/icon.svg', () => {
  it('draws an opaque rounded tile with transparent corners and an amber queen', () => {
    const size = 64
    const pixels = new Resvg(readFileSync(SVG), { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().pixels
    const rgba = (x: number, y: number) => [...pixels.subarray(4 * (y * size + x), 4 * (y * size + x) + 4)]
    for (const [x, y] of [[0, 0], [size - 1, 0], [0, size - 1], [size - 1, size - 1]] as const) expect(rgba(x, y)[3]).toBe(0)
    expect(rgba(size / 2, size / 2)[3]).toBe(255)
    // queen's centre, (678, 244) on the 1024 grid: amber, red well above blue.
    const [red, , blue, alpha] = rgba(Math.round((678 / 1024) * size), Math.round((244 / 1024) * size))
    expect(alpha).toBe(255)
    expect(red! - blue!).toBeGreaterThan(100)
  })
})
