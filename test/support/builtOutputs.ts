/**
 * The build outputs tests run against, the sources each is made from, and the command that makes
 * it. A test that forks `out/main/trainer.js` or loads `out/kernels/word2vec.wasm` must never run
 * against a build older than the code it tests: the integration project's global setup rebuilds
 * every output that is missing or older than its newest source.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')

export interface BuiltOutput {
  readonly name: string
  /** Files the build writes (relative to the repository). */
  readonly outputs: readonly string[]
  /** Files and folders (searched recursively) it is built from. */
  readonly sources: readonly string[]
  /** npm script that builds it. */
  readonly script: string
}

const BUILD_INPUTS = ['package.json', 'package-lock.json']

export const KERNELS_OUTPUT: BuiltOutput = {
  name: 'WebAssembly kernels',
  outputs: ['out/kernels/word2vec.wasm'],
  sources: ['src-main/kernels/assembly', ...BUILD_INPUTS],
  script: 'build:kernels',
}

export const BUILT_OUTPUTS: readonly BuiltOutput[] = [
  KERNELS_OUTPUT,
  {
    name: 'app (electron-vite)',
    outputs: ['out/main/index.js', 'out/main/trainer.js', 'out/main/kernelWorker.js', 'out/main/corpusWorker.js', 'out/preload/index.cjs', 'out/renderer/index.html'],
    sources: ['src-main', 'src-renderer', 'electron.vite.config.ts', ...BUILD_INPUTS],
    script: 'build:app',
  },
  {
    name: 'w2v bundle',
    outputs: ['out/cli/w2v.js', 'out/cli/kernelWorker.js', 'out/cli/corpusWorker.js'],
    sources: ['src-main', ...BUILD_INPUTS],
    script: 'build:cli',
  },
]

/** Newest modification time (ms) of a file or of any file under a folder; 0 when absent. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Why the output must be rebuilt, or null when every file exists and is newer than every source. */
export function staleReason(output: BuiltOutput, root = ROOT): string | null {
  const missing = output.outputs.filter((file) => !existsSync(join(root, file)))
  if (missing.length > 0) return `${missing.join(', ')} missing`
  const oldest = Math.min(...output.outputs.map((file) => statSync(join(root, file)).mtimeMs))
  const newestSource = Math.max(...output.sources.map((source) => newestMtime(join(root, source))))
  return newestSource > oldest ? 'older than its sources' : null
}

/** Rebuilds every stale output, in order (the app's build empties nothing the others wrote). */
export function rebuildStaleOutputs(log: (line: string) => void = () => {}): void {
  for (const output of BUILT_OUTPUTS) {
    const reason = staleReason(output)
    if (reason === null) continue
    log(`Rebuilding the ${output.name} (${reason}): npm run ${output.script}`)
    execFileSync('npm', ['run', '--silent', output.script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  }
}

/**
 * An error naming every stale output, or null: a test that ran without the global setup (or after
 * a source changed mid-run) fails with the reason instead of testing old code.
 */
export function requireFreshBuilds(outputs: readonly BuiltOutput[] = BUILT_OUTPUTS): Error | null {
  const stale = outputs.flatMap((output) => {
    const reason = staleReason(output)
    return reason === null ? [] : [`the ${output.name} (${reason}; npm run ${output.script})`]
  })
  return stale.length === 0 ? null : new Error(`Stale build: ${stale.join('; ')}. The integration project's global setup rebuilds these.`)
}
