import type { Word2vecKernel } from './kernel'
import { kernelMemoryError } from '../core/training/memoryEstimate'
import { MAX_KERNEL_MEMORY_PAGES, RESERVED_BYTES, WASM_PAGE_BYTES } from '../core/training/kernelMemoryPlan'

/** The kernels' exports (see assembly/word2vec.ts). */
interface KernelExports {
  staticDataEnd(): number
  trainChunk(block: number): void
  skipgramPair(block: number, center: number, alpha: number): number
  cbowWindow(block: number, count: number, alpha: number): number
}


/**
 * A shared memory of at least `bytes`, which every thread's instance imports, so Hogwild
 * threads update one copy of the parameters.
 */
export function createKernelMemory(bytes: number): WebAssembly.Memory {
  const pages = Math.ceil(bytes / WASM_PAGE_BYTES)
  if (pages > MAX_KERNEL_MEMORY_PAGES) throw kernelMemoryError(bytes)
  return new WebAssembly.Memory({ initial: pages, maximum: MAX_KERNEL_MEMORY_PAGES, shared: true })
}

/** Instantiates the compiled kernels on a memory (one instance per thread, same memory). */
export function instantiateWasmKernel(module: WebAssembly.Module, memory: WebAssembly.Memory): Word2vecKernel {
  const instance = new WebAssembly.Instance(module, { env: { memory } })
  const exports = instance.exports as unknown as KernelExports
  if (exports.staticDataEnd() > RESERVED_BYTES) {
    throw new Error(`The kernel module's static data (${exports.staticDataEnd()} bytes) overlaps the training memory; raise RESERVED_BYTES.`)
  }
  return {
    kind: 'wasm-simd',
    trainChunk: (block) => exports.trainChunk(block),
    skipgramPair: (block, center, alpha) => exports.skipgramPair(block, center, alpha),
    cbowWindow: (block, count, alpha) => exports.cbowWindow(block, count, alpha),
  }
}

// The smallest module using a SIMD instruction (v128.const, drop): validates only where
// WebAssembly SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 23, 1, 21, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 26, 11,
])

/** Whether this runtime has WebAssembly with SIMD and shared memory (threads). */
export function wasmSimdAvailable(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE) && typeof SharedArrayBuffer === 'function'
  } catch {
    return false
  }
}
