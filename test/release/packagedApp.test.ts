/**
 * The packaged app, built for real by electron-builder from electron-builder.config.ts around a
 * stand-in Electron (standInPackage.ts): what app.asar holds, what lies beside it, which fuses
 * are burnt, and whether the code finds its parts there — packaged paths against development
 * ones — down to the trainer training from the packaged layout.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, sep } from 'node:path'
import { extractAll, listPackage } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAIN_PROCESS_PACKAGES, withDependencies } from '../../electron-builder.config'
import type { TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { PACKAGE_DATA_FILE, PACKAGED_CORPUS_PATH, builtInCorpusPath } from '../../src-main/node/services/builtInCorpus'
import { readDependencyLicenses } from '../../src-main/node/services/licenses'
import { TrainerHost } from '../../src-main/node/services/trainerHost'
import { forkTrainerProcess } from '../../src-main/node/services/trainerProcess'
import { memoryLogger } from '../services/fakeTrainer'
import { SMALL_CONFIG } from '../trainer/forkTrainer'
import { ROOT, projectManifest } from './builderConfig'
import { type StandInPackage, readFuses, packStandIn } from './standInPackage'

/** Imports in the bundles that only run from a source checkout: kernelWorker.ts and corpusWorker.ts through tsx when no built worker sits beside the trainer. */
const DEV_ONLY_IMPORTS = ['tsx/esm/api']

const workDir = mkdtempSync(join(tmpdir(), 'w2v-package-'))
let packed: StandInPackage
/** app.asar's entries, as electron-builder wrote them ('/out/main/index.js'…). */
let archiveEntries: string[]
/** app.asar extracted to a folder of the same name, so every path in it is what the packaged app sees. */
let appPath: string

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('The app is not built: run `npm run build` first (`npm test` builds before testing).')
  packed = await packStandIn(workDir)
  const archive = join(packed.resourcesPath, 'app.asar')
  renameSync(archive, `${archive}.packed`)
  archiveEntries = listPackage(`${archive}.packed`, { isPack: false }).map((entry) => entry.split(sep).join('/'))
  extractAll(`${archive}.packed`, archive)
  appPath = archive
}, 180_000)
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

const isFile = (entry: string): boolean => statSync(join(appPath, entry)).isFile()

function filesUnder(folder: string): string[] {
  return (readdirSync(join(ROOT, folder), { recursive: true }) as string[])
    .map((name) => `${folder}/${name.split(sep).join('/')}`)
    .filter((path) => statSync(join(ROOT, path)).isFile())
}

/** The package an entry under /node_modules belongs to ('@scope/name' or 'name'), nested or not. */
function packageOf(entry: string): string {
  const parts = entry.slice(entry.lastIndexOf('/node_modules/') + '/node_modules/'.length).split('/')
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

/** Packages the built main-process bundles import (not node: built-ins, not electron). */
function bareImportsOfMain(): Set<string> {
  const found = new Set<string>()
  for (const file of filesUnder('out/main').filter((path) => path.endsWith('.js'))) {
    const code = readFileSync(join(ROOT, file), 'utf8')
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
      const specifier = match[1]!
      if (specifier.startsWith('node:') || specifier === 'electron') continue
      found.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier)
    }
  }
  return found
}

describe('the packaged app (electron-builder, Linux folder build, stand-in Electron)', () => {
  it('packs the built output and package.json into app.asar, and nothing else of the project', () => {
    const ours = archiveEntries.filter((entry) => !entry.startsWith('/node_modules/') && isFile(entry)).sort()
    const built = [...filesUnder('out/main'), ...filesUnder('out/preload'), ...filesUnder('out/renderer'), 'out/kernels/word2vec.wasm', 'package.json']
    expect(ours).toEqual(built.map((path) => `/${path}`).sort())
  })

  it('unpacks nothing: no file of the app needs a real path outside the archive', () => {
    expect(existsSync(join(packed.resourcesPath, 'app.asar.unpacked'))).toBe(false)
    expect(archiveEntries.filter((entry) => entry.endsWith('.node'))).toEqual([])
  })

  it('keeps code only for the packages main imports; the others bring their package.json and licence', () => {
    expect(bareImportsOfMain()).toEqual(new Set([...MAIN_PROCESS_PACKAGES, ...DEV_ONLY_IMPORTS]))
    const needed = withDependencies(MAIN_PROCESS_PACKAGES)
    const modules = archiveEntries.filter((entry) => entry.startsWith('/node_modules/') && isFile(entry))
    const strays = modules.filter((entry) => !needed.has(packageOf(entry)) && basename(entry) !== 'package.json' && !/licen[cs]e/i.test(entry))
    expect(strays).toEqual([])
    for (const name of needed) expect(modules, name).toContain(`/node_modules/${name}/package.json`)
  })

  it('loads those packages from the packaged node_modules', () => {
    const probe = join(appPath, 'out/main/probe.mjs')
    writeFileSync(probe, MAIN_PROCESS_PACKAGES.map((name) => `import ${JSON.stringify(name)}\n`).join(''))
    expect(() => execFileSync(process.execPath, [probe], { stdio: 'pipe' })).not.toThrow()
    rmSync(probe)
  })

  it('finds the window\'s page, the preload and the trainer where main looks, beside its own folder', () => {
    const main = readFileSync(join(appPath, 'out/main/index.js'), 'utf8')
    const besideMain = [...main.matchAll(/join\(here, "([^"]+)"\)/g)].map((m) => m[1]!)
    expect(besideMain.sort()).toEqual(['../preload/index.cjs', '../renderer/index.html', 'trainer.js'])
    for (const path of besideMain) expect(existsSync(join(appPath, 'out/main', path)), path).toBe(true)
  })

  it('carries the book outside the archive, where the packaged lookup finds it and the development one does not', () => {
    const packagedPath = builtInCorpusPath({ packaged: true, resourcesPath: packed.resourcesPath, searchFrom: join(appPath, 'out/main') })
    expect(packagedPath).toBe(join(packed.resourcesPath, PACKAGED_CORPUS_PATH))
    expect(readFileSync(packagedPath!).equals(readFileSync(join(ROOT, PACKAGE_DATA_FILE))), 'the copy is the npm package\'s text').toBe(true)
    // The archive keeps the book's package.json only, so node_modules cannot stand in for resources.
    expect(builtInCorpusPath({ packaged: false, resourcesPath: packed.resourcesPath, searchFrom: join(appPath, 'out/main') })).toBeNull()
  })

  it('lists every dependency with its installed version in the About box', async () => {
    const { dependencies } = projectManifest()
    const licenses = await readDependencyLicenses(join(appPath, 'out/main'))
    expect(licenses.map((l) => l.name)).toEqual(Object.keys(dependencies).sort())
    for (const { name, version } of licenses) {
      const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
      expect(version, name).toBe(installed.version)
    }
  })

  it('burns the configured fuses into the executable and leaves the others as Electron ships them', () => {
    expect(readFuses(packed.executable)).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '0',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0',
      grantFileProtocolExtraPrivileges: '1',
    })
  })

  it('trains from the packaged layout with the WebAssembly kernels and worker threads, without a fallback', async () => {
    const log = memoryLogger()
    const host = new TrainerHost({ launch: () => forkTrainerProcess(join(appPath, 'out/main/trainer.js')), log })
    const events: TrainerEvent[] = []
    let runId = ''
    const finished = new Promise<Extract<TrainerEvent, { type: 'finished' }>>((resolve) => {
      host.onMessage((event) => {
        events.push(event)
        if (event.type === 'progress') host.post({ type: 'ack', seq: event.seq })
        if (event.type === 'finished' && event.runId === runId) resolve(event)
      })
    })
    try {
      await host.request({ type: 'configureAutosave', path: join(workDir, 'autosave.w2vckpt'), everySeconds: 0 })
      await host.request({ type: 'loadCorpus', paths: [join(packed.resourcesPath, PACKAGED_CORPUS_PATH)], tokenizer: {} })
      const run = await host.request({ type: 'start', settings: { schedule: 'word2vec', config: SMALL_CONFIG }, vocabulary: { minCount: 5 }, plotWords: [] })
      runId = run.runId
      expect(await finished).toMatchObject({ stopped: false, done: run.total })
      // A missing kernel file or a worker that cannot start would each have said so here.
      expect(events.filter((event) => event.type === 'warning')).toEqual([])
      expect(log.entries).toEqual([])
    } finally {
      host.kill()
      await host.waitForExit(5000)
    }
  })
})
