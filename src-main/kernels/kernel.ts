/**
 * What the trainer calls, whichever kernel runs: the WebAssembly SIMD build or the TypeScript
 * fallback. Both read and write the memory layout of ./layout and take a parameter block's
 * byte offset.
 */
export interface Word2vecKernel {
  readonly kind: 'wasm-simd' | 'typescript'
  /** Trains on the block's sentence range; adds to its loss and word totals. */
  trainChunk(block: number): void
  /** One skip-gram pair step, the true word and negatives already in the block's targets. Returns the loss. */
  skipgramPair(block: number, center: number, alpha: number): number
  /** One CBOW window step, its context words and targets already in the block's buffers. Returns the loss. */
  cbowWindow(block: number, contextCount: number, alpha: number): number
}
