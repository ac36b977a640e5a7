import type { Word2vecLossKind } from '../settings/trainingSettings'
import { outsideRowCount } from '../word2vecLoss'

/**
 * The regions of the kernels' one linear memory (see kernels/layout.ts for the fields inside a
 * thread's block): both matrices, the sampling tables, the type → word table, and each thread's
 * block and scratch (with the chunk of the token stream it trains): nothing grows with the
 * corpus' length. Pure sizes and offsets, here in core so the memory a word2vec run needs is known
 * before anything is allocated, from the very plan the kernels are laid out by.
 */

/**
 * 256 bytes, not the 168 the fields need: each thread writes its block constantly (its generator
 * state on every draw), and blocks sharing a cache line made two threads slower than one.
 */
export const PARAM_BLOCK_BYTES = 256

/** Words per sentence processed at once; longer lines are cut into pieces, as word2vec.c does (1,000) and gensim (10,000). */
export const MAX_SENTENCE = 10_000

/**
 * Most stream values in one chunk: the size of each thread's chunk buffer (4 MiB). A chunk
 * normally holds CHUNK_WORDS to CHUNK_WORDS + MAX_SENTENCE kept words plus the dropped ones and
 * sentence ends among them, a few tens of thousands of values; only a stream where almost every
 * word is dropped (a tiny maxVocab on a huge corpus) reaches this cap, and is cut early.
 */
export const CHUNK_STREAM_VALUES = 1 << 20

/** The kernels' memory is a WebAssembly.Memory (the TypeScript kernel trains in one too): wasm32 addresses at most 65,536 pages of 64 KiB, 4 GiB. */
export const WASM_PAGE_BYTES = 65536
export const MAX_KERNEL_MEMORY_PAGES = 65536
export const MAX_KERNEL_MEMORY_BYTES = WASM_PAGE_BYTES * MAX_KERNEL_MEMORY_PAGES

const align16 = (n: number): number => Math.ceil(n / 16) * 16

/** Floats per row: the dimension rounded up to whole 4-float SIMD lanes. */
export function rowStride(dim: number): number {
  return Math.ceil(dim / 4) * 4
}

/**
 * A thread's scratch: neu1e (accumulated input-vector update) and h (CBOW's combined context)
 * of one row each, the targets and their step sizes for one prediction, the sub-sampled
 * sentence, for naive softmax one score per word, a CBOW window's context words, the chunk of
 * the token stream being trained, and the windows drawn ahead (see trainSentence in
 * assembly/word2vec.ts).
 */
/**
 * Under hierarchical softmax every prediction updates the rows of the tree's top inner nodes (the
 * root is on every path), and Hogwild threads writing the same rows at once fight over their cache
 * lines: on SOTU (11,587 words) two threads took 11.9 s an epoch where one took 7.0. So with more
 * than one thread each thread trains its own copy of the HOT_TREE_ROWS inner nodes most paths
 * cross (the last merges of the tree, which have the largest counts) and every
 * HOT_SYNC_PREDICTIONS predictions adds what it changed to the shared rows and takes theirs, with
 * the other threads' changes, as its new copy. A thread thus sees the others' steps on those rows
 * a few sentences late instead of at once, as Hogwild's threads see each other's steps late
 * anyway; one thread trains the shared rows directly, exactly as before.
 */
export const HOT_TREE_ROWS = 32
export const HOT_SYNC_PREDICTIONS = 128

/** The inner nodes each thread keeps its own copy of (see HOT_TREE_ROWS): 0 but under hierarchical softmax at several threads. */
export function replicatedTreeRows(loss: Word2vecLossKind, threads: number, vocabSize: number): number {
  if (loss !== 'hierarchicalSoftmax' || threads < 2) return 0
  return Math.max(0, Math.min(HOT_TREE_ROWS, vocabSize - 1))
}

export interface ScratchLayout {
  /** Offsets inside one thread's scratch area. */
  readonly neu1e: number
  readonly hidden: number
  readonly targets: number
  readonly gradients: number
  readonly sentence: number
  readonly scores: number
  readonly context: number
  readonly chunk: number
  /** Two window records {lo, hi, targets of up to 2 · window predictions}: the window being trained and the next, drawn ahead. */
  readonly drawn: number
  /** Under hierarchical softmax at several threads: the thread's copy of the hot tree rows, and those rows as last synced. */
  readonly hotLocal: number
  readonly hotBase: number
  readonly bytes: number
}

export function scratchLayout(stride: number, negatives: number, window: number, vocabSize: number, naiveSoftmax: boolean, hotRows: number): ScratchLayout {
  let offset = 0
  const take = (bytes: number): number => {
    const at = offset
    offset = align16(offset + bytes)
    return at
  }
  const neu1e = take(4 * stride)
  const hidden = take(4 * stride)
  const targets = take(4 * (negatives + 1))
  // Hierarchical softmax keeps four nodes' scores and steps here (hierarchicalSoftmaxStep).
  const gradients = take(4 * Math.max(negatives + 1, 4))
  const sentence = take(4 * MAX_SENTENCE)
  const scores = take(naiveSoftmax ? 4 * vocabSize : 0)
  const context = take(4 * 2 * window)
  const chunk = take(4 * CHUNK_STREAM_VALUES)
  const drawn = take(2 * (8 + 4 * 2 * window * (negatives + 1)))
  const hotLocal = take(4 * hotRows * stride)
  const hotBase = take(4 * hotRows * stride)
  // Whole cache lines (and then some) per thread, for the same reason as PARAM_BLOCK_BYTES.
  return { neu1e, hidden, targets, gradients, sentence, scores, context, chunk, drawn, hotLocal, hotBase, bytes: Math.ceil(offset / 256) * 256 }
}

export interface MemoryPlanInput {
  readonly vocabSize: number
  readonly dim: number
  /** Distinct tokens of the corpus: the typeToVocab table maps each to its word id. */
  readonly types: number
  readonly threads: number
  /** K; only negative sampling draws (and keeps room for) negatives. */
  readonly negatives: number
  readonly window: number
  readonly loss: Word2vecLossKind
  /**
   * Hierarchical softmax: the Huffman paths' total length (Σ code lengths), exact once the tree
   * is built; unset, huffmanPathBound's allowance for `tokens` corpus words.
   */
  readonly pathEntries?: number
  /** Corpus words, for that allowance. */
  readonly tokens?: number
}

/**
 * An upper bound on the Huffman paths' total length before the counts are known: a word of
 * count c sits at depth at most about log_φ(N / c) + 1 in a Huffman tree over N tokens (the
 * Fibonacci bound), so no path is longer than 1.45·log₂ N + 2, nor than |V| − 1.
 */
export function huffmanPathBound(vocabSize: number, tokens: number): number {
  const depth = Math.min(Math.max(0, vocabSize - 1), Math.ceil(1.45 * Math.log2(Math.max(2, tokens)) + 2))
  return vocabSize * depth
}

/** Byte offsets of every region, and the total size. */
export interface MemoryPlan {
  readonly stride: number
  readonly syn0: number
  /** U: one row per word, or under hierarchical softmax one per inner node of the Huffman tree. */
  readonly syn1: number
  readonly outsideRows: number
  /** The hot tree rows each thread keeps a copy of (replicatedTreeRows). */
  readonly replicatedRows: number
  /** Hierarchical softmax (else empty): word w's path is entries offsets[w] .. offsets[w + 1] of points (i32) and codes (u8). */
  readonly huffmanOffsets: number
  readonly huffmanPoints: number
  readonly huffmanCodes: number
  /** Walker's alias table, one 8-byte entry per word: f32 probability, then i32 alias. */
  readonly aliasTable: number
  /** Each word's lock factor (f32): how much of its update its centre row takes. */
  readonly lockFactor: number
  readonly keepProbability: number
  readonly typeToVocab: number
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
  const negatives = input.loss === 'negSampling' ? input.negatives : 0
  const replicatedRows = replicatedTreeRows(input.loss, input.threads, input.vocabSize)
  const scratch = scratchLayout(stride, negatives, input.window, input.vocabSize, input.loss === 'naiveSoftmax', replicatedRows)
  const hierarchical = input.loss === 'hierarchicalSoftmax'
  const outsideRows = outsideRowCount(input.loss, input.vocabSize)
  const pathEntries = !hierarchical ? 0 : (input.pathEntries ?? huffmanPathBound(input.vocabSize, input.tokens ?? 0))
  let offset = RESERVED_BYTES
  const take = (bytes: number, alignment = 16): number => {
    const at = Math.ceil(offset / alignment) * alignment
    offset = align16(at + bytes)
    return at
  }
  return {
    stride,
    syn0: take(4 * input.vocabSize * stride),
    syn1: take(4 * outsideRows * stride),
    outsideRows,
    replicatedRows,
    huffmanOffsets: take(hierarchical ? 4 * (input.vocabSize + 1) : 0),
    huffmanPoints: take(4 * pathEntries),
    huffmanCodes: take(pathEntries),
    aliasTable: take(8 * input.vocabSize),
    lockFactor: take(4 * input.vocabSize),
    keepProbability: take(4 * input.vocabSize),
    typeToVocab: take(4 * input.types),
    paramBlocks: take(PARAM_BLOCK_BYTES * input.threads, 256),
    scratch: take(scratch.bytes * input.threads, 256),
    scratchLayout: scratch,
    bytes: offset,
  }
}
