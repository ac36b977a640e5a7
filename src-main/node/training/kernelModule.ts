import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { wasmSimdAvailable } from '../../kernels/wasmKernel'

/** Where the compiled kernels may be: beside the bundled code, or the build output when run from source. */
function candidatePaths(): string[] {
  return [
    fileURLToPath(new URL('../kernels/word2vec.wasm', import.meta.url)),
    fileURLToPath(new URL('../../../out/kernels/word2vec.wasm', import.meta.url)),
  ]
}

export type KernelChoice =
  | { readonly kind: 'wasm-simd'; readonly module: WebAssembly.Module; readonly path: string }
  | { readonly kind: 'typescript'; readonly reason: string }

/**
 * The WebAssembly SIMD kernels when this runtime supports them and the build has them;
 * otherwise the TypeScript fallback, with the reason to show the user.
 */
export function chooseKernel(): KernelChoice {
  if (!wasmSimdAvailable()) return { kind: 'typescript', reason: 'This runtime has no WebAssembly SIMD; training uses the slower TypeScript kernels.' }
  const path = candidatePaths().find((p) => existsSync(p))
  if (!path) return { kind: 'typescript', reason: 'The compiled kernels (word2vec.wasm) were not found; run `npm run build:kernels`. Training uses the slower TypeScript kernels.' }
  // V8 first runs WebAssembly with its baseline compiler (Liftoff) and optimises hot code on a
  // background thread. With every core busy training, that background job starved: about one
  // run in two stayed on baseline code and two threads trained 2.4× slower than one. Compiling
  // the kernels optimised from the start costs well under a second and removes the lottery.
  setFlagsFromString('--no-liftoff')
  return { kind: 'wasm-simd', module: new WebAssembly.Module(readFileSync(path)), path }
}
