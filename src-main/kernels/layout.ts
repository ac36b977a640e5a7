/**
 * Where everything the kernels touch lives in their one linear memory. The WebAssembly kernel
 * and the TypeScript fallback read the same layout, so the trainer fills memory once and can
 * run either. All offsets are in bytes and 16-byte aligned (SIMD loads of whole rows).
 *
 * A chunk's parameters are passed as a small block of fields (PARAM_*) rather than a long
 * argument list, so both kernels share one calling convention and a thread's RNG state and
 * loss totals simply stay in its block between calls.
 */

/** Field offsets inside a thread's parameter block (bytes). */
export const PARAM = {
  model: 0, // i32: 0 skip-gram, 1 CBOW
  loss: 4, // i32: 0 negative sampling, 1 naive softmax
  stride: 8, // i32: floats per matrix row (dim rounded up to a multiple of 4; padding stays 0)
  vocabSize: 12, // i32
  window: 16, // i32: maximum window on each side
  negatives: 20, // i32: K
  cbowMean: 24, // i32: 1 = average the context vectors
  maxSentence: 28, // i32: sentence buffer capacity (words)
  syn0: 32, // u32 pointer: centre vectors V (|V| × stride f32)
  syn1: 36, // u32 pointer: outside vectors U (|V| × stride f32)
  aliasProbability: 40, // u32 pointer: f32[|V|]
  aliasIndex: 44, // u32 pointer: i32[|V|]
  keepProbability: 48, // u32 pointer: f32[|V|] (sub-sampling)
  ids: 52, // u32 pointer: i32 corpus word ids
  sentenceEnds: 56, // u32 pointer: u32 exclusive ends
  sentenceFrom: 60, // i32: first sentence of this chunk
  sentenceTo: 64, // i32: one past the last sentence
  alphaStart: 68, // f32: learning rate at the chunk's first word
  alphaEnd: 72, // f32: learning rate after its last word
  chunkWords: 76, // i32: corpus words in the chunk (for the learning-rate interpolation)
  neu1e: 80, // u32 pointer, scratch: accumulated update of the input vector (stride f32)
  hidden: 84, // u32 pointer, scratch: CBOW's combined context vector h (stride f32)
  targets: 88, // u32 pointer, scratch: i32[K + 1], the true word then the negatives
  gradients: 92, // u32 pointer, scratch: f32[K + 1], each target's step
  sentence: 96, // u32 pointer, scratch: i32[maxSentence], the sub-sampled sentence
  scores: 100, // u32 pointer, scratch: f32[|V|] for naive softmax
  rngState: 104, // u64: this thread's generator (word2vec.c's linear congruential generator)
  lossSum: 112, // f64 out: sum of prediction losses since reset
  lossCount: 120, // f64 out: number of predictions in lossSum
  wordsDone: 128, // f64 out: corpus words consumed (sub-sampled ones included)
  context: 136, // u32 pointer, scratch: i32[2 · window], a CBOW window's context words
} as const

/**
 * 256 bytes, not the 144 the fields need: each thread writes its block constantly (its generator
 * state on every draw), and blocks sharing a cache line made two threads slower than one.
 */
export const PARAM_BLOCK_BYTES = 256

export const MODEL_CODE = { skipgram: 0, cbow: 1 } as const
export const LOSS_CODE = { negSampling: 0, naiveSoftmax: 1 } as const

/** Words per sentence processed at once; longer lines are cut into pieces, as word2vec.c does (1,000) and gensim (10,000). */
export const MAX_SENTENCE = 10_000

const align16 = (n: number): number => Math.ceil(n / 16) * 16

/** Floats per row: the dimension rounded up to whole 4-float SIMD lanes. */
export function rowStride(dim: number): number {
  return Math.ceil(dim / 4) * 4
}

/**
 * A thread's scratch: neu1e (accumulated input-vector update) and h (CBOW's combined context)
 * of one row each, the targets and their step sizes for one prediction, the sub-sampled
 * sentence, for naive softmax one score per word, and a CBOW window's context words.
 */
export interface ScratchLayout {
  /** Offsets inside one thread's scratch area. */
  readonly neu1e: number
  readonly hidden: number
  readonly targets: number
  readonly gradients: number
  readonly sentence: number
  readonly scores: number
  readonly context: number
  readonly bytes: number
}

export function scratchLayout(stride: number, negatives: number, window: number, vocabSize: number, naiveSoftmax: boolean): ScratchLayout {
  let offset = 0
  const take = (bytes: number): number => {
    const at = offset
    offset = align16(offset + bytes)
    return at
  }
  const neu1e = take(4 * stride)
  const hidden = take(4 * stride)
  const targets = take(4 * (negatives + 1))
  const gradients = take(4 * (negatives + 1))
  const sentence = take(4 * MAX_SENTENCE)
  const scores = take(naiveSoftmax ? 4 * vocabSize : 0)
  const context = take(4 * 2 * window)
  // Whole cache lines (and then some) per thread, for the same reason as PARAM_BLOCK_BYTES.
  return { neu1e, hidden, targets, gradients, sentence, scores, context, bytes: Math.ceil(offset / 256) * 256 }
}

export interface MemoryPlanInput {
  readonly vocabSize: number
  readonly dim: number
  readonly tokens: number
  readonly sentences: number
  readonly threads: number
  readonly negatives: number
  readonly window: number
  readonly naiveSoftmax: boolean
}

/** Byte offsets of every region, and the total size. */
export interface MemoryPlan {
  readonly stride: number
  readonly syn0: number
  readonly syn1: number
  readonly aliasProbability: number
  readonly aliasIndex: number
  readonly keepProbability: number
  readonly ids: number
  readonly sentenceEnds: number
  /** Parameter block of thread t at paramBlocks + t · PARAM_BLOCK_BYTES. */
  readonly paramBlocks: number
  /** Scratch of thread t at scratch + t · scratchLayout.bytes. */
  readonly scratch: number
  readonly scratchLayout: ScratchLayout
  readonly bytes: number
}

/**
 * The first 128 KiB belong to the WebAssembly module's own static data (the math library's
 * tables for exp and log, and our sigmoid and softplus tables), which every instantiation writes; our regions start after it.
 */
export const RESERVED_BYTES = 131072

export function planMemory(input: MemoryPlanInput): MemoryPlan {
  const stride = rowStride(input.dim)
  const scratch = scratchLayout(stride, input.negatives, input.window, input.vocabSize, input.naiveSoftmax)
  let offset = RESERVED_BYTES
  const take = (bytes: number, alignment = 16): number => {
    const at = Math.ceil(offset / alignment) * alignment
    offset = align16(at + bytes)
    return at
  }
  const matrixBytes = 4 * input.vocabSize * stride
  return {
    stride,
    syn0: take(matrixBytes),
    syn1: take(matrixBytes),
    aliasProbability: take(4 * input.vocabSize),
    aliasIndex: take(4 * input.vocabSize),
    keepProbability: take(4 * input.vocabSize),
    ids: take(4 * input.tokens),
    sentenceEnds: take(4 * input.sentences),
    paramBlocks: take(PARAM_BLOCK_BYTES * input.threads, 256),
    scratch: take(scratch.bytes * input.threads, 256),
    scratchLayout: scratch,
    bytes: offset,
  }
}
