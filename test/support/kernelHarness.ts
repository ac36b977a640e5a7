import { readFileSync } from 'node:fs'
import { KERNELS_OUTPUT, requireFreshBuilds } from './builtOutputs'
import type { HuffmanTree } from '../../src-main/core/huffmanTree'
import type { Word2vecKernel } from '../../src-main/kernels/kernel'
import { type MemoryPlan, PARAM_BLOCK_BYTES, planMemory } from '../../src-main/kernels/layout'
import { type ChunkSettings, ParamBlock } from '../../src-main/kernels/paramBlock'
import { createTypeScriptKernel } from '../../src-main/kernels/typescriptKernel'
import { createKernelMemory, instantiateWasmKernel } from '../../src-main/kernels/wasmKernel'

export const WASM_PATH = 'out/kernels/word2vec.wasm'

export function loadWasmModule(): WebAssembly.Module {
  const stale = requireFreshBuilds([KERNELS_OUTPUT])
  if (stale) throw stale
  return new WebAssembly.Module(readFileSync(WASM_PATH))
}

export interface KernelSetup {
  readonly kernel: Word2vecKernel
  readonly plan: MemoryPlan
  readonly block: ParamBlock
  readonly f32: Float32Array
  readonly i32: Int32Array
  readonly u32: Uint32Array
}

export type KernelKind = Word2vecKernel['kind']

/** Memory laid out for a problem, one thread's block configured, and the chosen kernel on it (with the tree's paths under hierarchical softmax). */
export function setUpKernel(kind: KernelKind, settings: ChunkSettings & { dim: number; types?: number; tree?: HuffmanTree }, seed = 1n): KernelSetup {
  const plan = planMemory({
    vocabSize: settings.vocabSize, dim: settings.dim, types: settings.types ?? 0,
    threads: 1, negatives: settings.negatives, window: settings.window, loss: settings.loss, pathEntries: settings.tree?.points.length ?? 0,
  })
  const memory = createKernelMemory(plan.bytes)
  if (settings.tree) {
    new Int32Array(memory.buffer).set(settings.tree.offsets, plan.huffmanOffsets / 4)
    new Int32Array(memory.buffer).set(settings.tree.points, plan.huffmanPoints / 4)
    new Uint8Array(memory.buffer).set(settings.tree.codes, plan.huffmanCodes)
  }
  const kernel = kind === 'wasm-simd' ? instantiateWasmKernel(loadWasmModule(), memory) : createTypeScriptKernel(memory.buffer)
  const block = new ParamBlock(memory.buffer, plan.paramBlocks)
  block.configure(plan, 0, settings, seed)
  // Every centre row takes its whole update, as in a run not started from locked vectors.
  new Float32Array(memory.buffer).fill(1, plan.lockFactor / 4, plan.lockFactor / 4 + settings.vocabSize)
  return { kernel, plan, block, f32: new Float32Array(memory.buffer), i32: new Int32Array(memory.buffer), u32: new Uint32Array(memory.buffer) }
}

export const KERNEL_KINDS: readonly KernelKind[] = ['wasm-simd', 'typescript']
export { PARAM_BLOCK_BYTES }
