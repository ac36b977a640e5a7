import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Configuration, FileSet } from 'electron-builder'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT, loadBuilderConfig } from './builderConfig'

const at = (path: string): string => join(ROOT, path)

let config: Configuration
beforeAll(async () => {
  if (!existsSync(at('out/main/index.js'))) throw new Error('The app is not built: run `npm run build` first (`npm test` builds before testing).')
  // Rendering the icons takes a second; `npm run dist` renders them the same way.
  if (!existsSync(at('out/icons/icon.icns'))) execFileSync(process.execPath, [at('node_modules/tsx/dist/cli.mjs'), at('scripts/renderIcons.ts')], { cwd: ROOT, stdio: 'pipe' })
  config = await loadBuilderConfig()
})

/** The folder part of a pattern, before its first wildcard. */
function fixedPrefix(pattern: string): string {
  const parts = pattern.split('/')
  const firstWild = parts.findIndex((part) => /[*?[{!(]/.test(part))
  return parts.slice(0, firstWild === -1 ? parts.length : firstWild).join('/')
}

describe('every path the builder configuration names', () => {
  it('exists once the app is built and the icons are rendered', () => {
    const extraResources = (config.extraResources as FileSet[]).map((set) => set.from!)
    const files = [config.mac?.entitlements, config.mac?.entitlementsInherit, config.mac?.icon, config.win?.icon, ...extraResources]
    for (const file of files) {
      expect(file, 'a configured file').toEqual(expect.any(String))
      expect(statSync(at(file!)).isFile(), file!).toBe(true)
    }
    expect(statSync(at(config.directories!.buildResources!)).isDirectory()).toBe(true)
  })

  it('has the icon sizes Linux desktops look for, named NxN.png', () => {
    const icons = readdirSync(at(config.linux!.icon!))
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(icons).toContain(`${size}x${size}.png`)
  })

  it('selects built output with each files pattern', () => {
    const included = (config.files as string[]).filter((pattern) => !pattern.startsWith('!'))
    expect(included).toContain('package.json')
    for (const pattern of included) {
      const prefix = fixedPrefix(pattern)
      expect(existsSync(at(prefix)), pattern).toBe(true)
      if (statSync(at(prefix)).isDirectory()) expect(readdirSync(at(prefix)).length, pattern).toBeGreaterThan(0)
      // Built output only: no source, test or configuration folder is packaged.
      expect(prefix === 'package.json' || prefix.startsWith('out/'), pattern).toBe(true)
    }
  })
})
