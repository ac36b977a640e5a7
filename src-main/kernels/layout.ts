/**
 * Where everything the kernels touch lives in their one linear memory. The WebAssembly kernel
 * and the TypeScript fallback read the same layout, so the trainer fills memory once and can
 * run either. All offsets are in bytes and 16-byte aligned (SIMD loads of whole rows). The plan
 * of the regions lives in core (kernelMemoryPlan.ts), so a run's memory can be estimated, from
 * the same numbers, where no kernel is loaded (the window's form, the check before a run).
 *
 * A chunk's parameters are passed as a small block of fields (PARAM_*) rather than a long
 * argument list, so both kernels share one calling convention and a thread's RNG state and
 * loss totals simply stay in its block between calls.
 */

/** Field offsets inside a thread's parameter block (bytes). */
export const PARAM = {
  model: 0, // i32: 0 skip-gram, 1 CBOW
  loss: 4, // i32: 0 negative sampling, 1 naive softmax, 2 hierarchical softmax
  stride: 8, // i32: floats per matrix row (dim rounded up to a multiple of 4; padding stays 0)
  vocabSize: 12, // i32
  window: 16, // i32: maximum window on each side
  negatives: 20, // i32: K
  cbowMean: 24, // i32: 1 = average the context vectors
  maxSentence: 28, // i32: sentence buffer capacity (words)
  syn0: 32, // u32 pointer: centre vectors V (|V| × stride f32)
  syn1: 36, // u32 pointer: outside vectors U (|V| × stride f32; hierarchical softmax: |V| − 1 inner nodes)
  // One noise draw reads a random column's probability and alias: side by side in one 8-byte
  // entry they cost one cache miss, not two (at |V| = 250k the table is 2 MB, past L2).
  aliasTable: 40, // u32 pointer: {f32 probability, i32 alias}[|V|]
  // gensim's vectors_lockf: a centre row's own update is scaled by its word's factor (0 freezes a pretrained row).
  lockFactor: 44, // u32 pointer: f32[|V|]
  keepProbability: 48, // u32 pointer: f32[|V|] (sub-sampling)
  huffmanPoints: 52, // u32 pointer: i32 per path entry, the inner node (syn1 row), root first
  huffmanCodes: 56, // u32 pointer: u8 per path entry, the branch bit
  huffmanOffsets: 60, // u32 pointer: i32[|V| + 1], word w's Huffman path is entries offsets[w] .. offsets[w + 1]
  // 64 to 67 are free (the corpus' ids and sentence ends were here before training streamed).
  alphaStart: 68, // f32: learning rate at the chunk's first word
  alphaEnd: 72, // f32: learning rate after its last word
  chunkWords: 76, // i32: kept corpus words in the chunk (for the learning-rate interpolation)
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
  chunk: 140, // u32 pointer, scratch: i32[CHUNK_STREAM_VALUES], the chunk's token stream (type ids, SENTENCE_END)
  chunkValues: 144, // i32: values of the stream in the chunk buffer
  typeToVocab: 148, // u32 pointer: i32[types], each type's word id (-1: dropped)
  drawn: 160, // u32 pointer, scratch: two window records (the WebAssembly kernel draws one window ahead)
  touched: 164, // i32 out: what the row prefetches read, kept only so they are not optimized away
  hotRows: 168, // i32: hierarchical softmax at several threads, the top inner nodes this thread trains a copy of (replicatedTreeRows)
  hotLocal: 172, // u32 pointer, scratch: f32[hotRows × stride], that copy
  hotBase: 176, // u32 pointer, scratch: f32[hotRows × stride], the shared rows as last synced
  hotSync: 180, // i32: predictions trained on that copy between two syncs (HOT_SYNC_PREDICTIONS)
} as const

export const MODEL_CODE = { skipgram: 0, cbow: 1 } as const
export const LOSS_CODE = { negSampling: 0, naiveSoftmax: 1, hierarchicalSoftmax: 2 } as const

export {
  CHUNK_STREAM_VALUES, HOT_SYNC_PREDICTIONS, HOT_TREE_ROWS, MAX_SENTENCE, PARAM_BLOCK_BYTES, RESERVED_BYTES, type MemoryPlan, type MemoryPlanInput, type ScratchLayout, huffmanPathBound, planMemory, rowStride,
  scratchLayout,
} from '../core/training/kernelMemoryPlan'
