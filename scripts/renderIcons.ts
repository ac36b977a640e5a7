/**
 * `npm run icons` (or `tsx scripts/renderIcons.ts [--svg file] [--out folder]`): renders the
 * app's icon, resources/icon.svg, into every file the installers use:
 *   out/icons/icon.png               1024 px, the source electron-builder scales from
 *   out/icons/png/NxN.png            Linux (AppImage, deb), each size drawn from the SVG itself
 *   out/icons/icon.icns              macOS
 *   out/icons/icon.ico               Windows (BMP below 64 px, PNG above, as executables want)
 * Offline and fast: resvg renders the SVG, png2icons packs ICNS and ICO; both are plain npm packages.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { Resvg } from '@resvg/resvg-js'
import { BICUBIC, clearCache, createICNS, createICO } from 'png2icons'

/** The Linux sizes; hicolor themes and electron-builder pick from these names (`16x16.png`…). */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const

const MASTER_SIZE = 1024

export interface RenderedIcons {
  png: string
  linuxPngs: string[]
  icns: string
  ico: string
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** Renders `svgPath` into `outDir`; throws an Error whose message is one sentence for a person. */
export function renderIcons(svgPath: string, outDir: string): RenderedIcons {
  const svg = readSvg(svgPath)
  const pngDir = join(outDir, 'png')
  mkdirSync(pngDir, { recursive: true })

  // Each Linux size is drawn from the vector source, not downscaled, so 16 and 24 px stay crisp.
  const linuxPngs = LINUX_ICON_SIZES.map((size) => {
    const file = join(pngDir, `${size}x${size}.png`)
    writeFileSync(file, rasterize(svg, svgPath, size))
    return file
  })
  const master = readFileSync(join(pngDir, `${MASTER_SIZE}x${MASTER_SIZE}.png`))
  const png = join(outDir, 'icon.png')
  writeFileSync(png, master)

  // png2icons caches scaled images by input; clearing keeps a second render in one process honest.
  clearCache()
  const icnsBytes = createICNS(master, BICUBIC, 0)
  const icoBytes = createICO(master, BICUBIC, 0, false, true)
  clearCache()
  if (icnsBytes === null || icoBytes === null) throw new Error(`png2icons could not pack ${displayPath(svgPath)} into ${icnsBytes === null ? 'ICNS' : 'ICO'}.`)
  const icns = join(outDir, 'icon.icns')
  const ico = join(outDir, 'icon.ico')
  writeFileSync(icns, icnsBytes)
  writeFileSync(ico, icoBytes)
  return { png, linuxPngs, icns, ico }
}

function readSvg(svgPath: string): Buffer {
  try {
    return readFileSync(svgPath)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new Error(`The icon source ${displayPath(svgPath)} is missing.`, { cause: error })
    if (code === 'EISDIR') throw new Error(`The icon source ${displayPath(svgPath)} is a folder, not an SVG file.`, { cause: error })
    throw new Error(`The icon source ${displayPath(svgPath)} cannot be read (${code ?? (error as Error).message}).`, { cause: error })
  }
}

function rasterize(svg: Buffer, svgPath: string, size: number): Buffer {
  try {
    // The icon has no text: skipping the system font scan saves most of the start-up time.
    return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng()
  } catch (error) {
    throw new Error(`The icon source ${displayPath(svgPath)} is not a valid SVG (${(error as Error).message}).`, { cause: error })
  }
}

function displayPath(path: string): string {
  const fromRoot = relative(repoRoot, path)
  return fromRoot.startsWith('..') ? path : fromRoot
}

function main(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { svg: { type: 'string' }, out: { type: 'string' } } })
  const outDir = values.out ?? join(repoRoot, 'out', 'icons')
  const icons = renderIcons(values.svg ?? join(repoRoot, 'resources', 'icon.svg'), outDir)
  console.log(`Icons written to ${displayPath(outDir)}: icon.png, ${icons.linuxPngs.length} Linux PNGs, icon.icns, icon.ico.`)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2))
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
