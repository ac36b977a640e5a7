import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import type { Configuration } from 'electron-builder'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CONFIG_FILE, ROOT, loadBuilderConfig, projectManifest } from './builderConfig'

let config: Configuration
beforeAll(async () => {
  config = await loadBuilderConfig()
})
afterEach(() => {
  vi.unstubAllEnvs()
})

/** The configuration as evaluated with W2V_E2E_BUILD set to `value` (the file reads it once, when loaded). */
async function configWhen(value: string): Promise<Configuration> {
  vi.stubEnv('W2V_E2E_BUILD', value)
  vi.resetModules()
  return (await import('../../electron-builder.config')).default
}

describe('the electron-builder configuration', () => {
  it('is the file the dist scripts name, and passes electron-builder\'s own schema check', async () => {
    const { scripts } = projectManifest()
    expect(scripts.dist).toContain(`electron-builder --config ${CONFIG_FILE}`)
    expect(scripts['dist:all']).toContain(`electron-builder --config ${CONFIG_FILE} --mac --win --linux`)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('is really checked: the schema rejects a misspelt option', async () => {
    const misspelt = { ...config, nsis: { ...config.nsis, perMachne: false } } as Configuration
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/)
  })

  it('packages the installed Electron, under the app\'s identity, and publishes nowhere', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
    expect(config.electronVersion).toBe(installed.version)
    expect(config).toMatchObject({ appId: 'org.word2vecstudio.app', productName: 'Word2Vec Studio', publish: null, asar: true, npmRebuild: false })
    expect(config.asarUnpack).toBeUndefined()
  })

  it('makes per-user and portable Windows installers, macOS disk images and archives, AppImage and deb', () => {
    expect(config.win?.target).toEqual(['nsis', 'portable'])
    expect(config.nsis).toEqual({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true })
    expect(config.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }, { target: 'zip', arch: ['x64', 'arm64'] }])
    expect(config.mac?.category).toBe('public.app-category.education')
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], category: 'Education;Science;', synopsis: expect.any(String), description: expect.any(String) })
  })

  it('signs macOS builds with the hardened runtime, whose only exception is JIT', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'resources/entitlements.mac.plist', entitlementsInherit: 'resources/entitlements.mac.plist' })
    const plist = readFileSync(join(ROOT, 'resources/entitlements.mac.plist'), 'utf8').replace(/<!--[\s\S]*?-->/g, '')
    const entitlements = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<(\w+)\/>/g)].map((m) => [m[1], m[2]])
    expect(entitlements).toEqual([['com.apple.security.cs.allow-jit', 'true']])
  })

  it('burns the fuses; only the Playwright build (W2V_E2E_BUILD=1) keeps --inspect, and it goes to dist/e2e', async () => {
    const release = await configWhen('')
    expect(release.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    })
    expect(release.directories?.output).toBe('dist')
    const e2e = await configWhen('1')
    expect(e2e.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true })
    expect(e2e.directories?.output).toBe('dist/e2e')
  })

  it('gives the deb package the maintainer e-mail and homepage electron-builder requires', () => {
    // electron-builder's deb target stops without them: it takes the maintainer from
    // linux.maintainer or package.json's author, the homepage from package.json.
    const { author, homepage } = projectManifest()
    const maintainer = config.deb?.maintainer ?? config.linux?.maintainer
      ?? (typeof author === 'string' ? author : author?.email && `${author.name ?? ''} <${author.email}>`)
    expect(maintainer ?? '', 'package.json needs "author": { "name": …, "email": … }').toMatch(/<[^\s@<>]+@[^\s@<>]+>/)
    expect(homepage ?? '', 'package.json needs "homepage": "https://…"').toMatch(/^https:\/\/\S+$/)
  })
})
