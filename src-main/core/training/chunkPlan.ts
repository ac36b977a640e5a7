import { type TokenSource, streamBlocks } from '../corpus/tokenStore'
import { SENTENCE_END } from '../corpus/tokenStream'
import { CHUNK_STREAM_VALUES, MAX_SENTENCE } from './kernelMemoryPlan'

/** Kept words per chunk: one kernel call, the unit threads claim and progress is counted in (gensim's job size). */
export const CHUNK_WORDS = 10_000

/**
 * One epoch cut into chunks of the token stream. Chunk c is the stream's values
 * [streamStart[c], streamStart[c + 1]) and starts wordsBefore[c] kept words into the epoch.
 * Chunks of a run are numbered on across epochs: chunk k is chunk k % chunks of epoch ⌊k / chunks⌋.
 */
export interface ChunkPlan {
  /** At least 1: an empty corpus is one empty chunk, so a run of it still has a first and a last chunk. */
  readonly chunks: number
  readonly streamStart: Float64Array
  readonly wordsBefore: Float64Array
  /** Kept (in-vocabulary) words in one epoch. */
  readonly wordsPerEpoch: number
}

export interface ChunkPlanOptions {
  readonly chunkWords?: number
  readonly maxSentence?: number
  readonly maxStreamValues?: number
}

/**
 * The chunk plan of a stream, in one pass over it, with `typeToVocab` deciding which words are
 * kept (-1: dropped). Sentences are what the kernels train on: a line's kept words, cut every
 * maxSentence kept words as word2vec.c and gensim cut long lines; lines with no kept word vanish.
 * A chunk ends after the sentence that brings it to chunkWords kept words, unless no kept word
 * follows. These are the boundaries the kernels trained on when the encoded corpus sat in
 * memory, so a one-thread run is bit-identical to those.
 */
export function planChunks(source: TokenSource, typeToVocab: Int32Array, options: ChunkPlanOptions = {}): ChunkPlan {
  const steps = chunkPlanSteps(source, typeToVocab, options)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * planChunks a block of the stream at a time: yields how many stream values it has read after
 * each block and returns the plan, for a caller that shows progress and may stop in between (a
 * billion-word corpus takes half a minute).
 */
export function* chunkPlanSteps(source: TokenSource, typeToVocab: Int32Array, options: ChunkPlanOptions = {}): Generator<number, ChunkPlan, void> {
  const { chunkWords = CHUNK_WORDS, maxSentence = MAX_SENTENCE, maxStreamValues = CHUNK_STREAM_VALUES } = options
  const starts: number[] = [0]
  const before: number[] = [0]
  let total = 0
  let chunkStart = 0
  let chunkKept = 0
  let sentenceKept = 0
  // Where the current chunk may end (after a sentence that filled it), once another kept word shows one follows.
  let boundary = -1
  let boundaryWords = 0
  const cut = (at: number, words: number): void => {
    starts.push(at)
    before.push(words)
    chunkStart = at
    chunkKept = total - words
    boundary = -1
  }
  const endSentence = (at: number): void => {
    sentenceKept = 0
    if (chunkKept >= chunkWords) {
      boundary = at
      boundaryWords = total
    }
  }
  for (const { block, offset } of streamBlocks(source)) {
    for (let i = 0; i < block.length; i++) {
      const at = offset + i
      if (at - chunkStart >= maxStreamValues) {
        if (boundary >= 0) cut(boundary, boundaryWords)
        else {
          // No sentence ends in the chunk: it ends here, and so does the sentence's piece (the
          // only case where training differs from a buffer without a limit).
          cut(at, total)
          sentenceKept = 0
        }
      }
      const value = block[i]!
      if (value === SENTENCE_END) {
        if (sentenceKept > 0) endSentence(at + 1)
        continue
      }
      // The kernels index typeToVocab without a bounds check: a value out of range must stop here.
      if (value < 0 || value >= typeToVocab.length) throw new RangeError(`The token stream holds type id ${value} at ${at}, but the corpus has ${typeToVocab.length} types; its token file was changed while in use. Load the corpus again.`)
      if (typeToVocab[value]! < 0) continue
      if (boundary >= 0) cut(boundary, boundaryWords)
      total++
      chunkKept++
      if (++sentenceKept === maxSentence) endSentence(at + 1)
    }
    yield offset + block.length
  }
  starts.push(source.length)
  before.push(total)
  return { chunks: starts.length - 1, streamStart: Float64Array.from(starts), wordsBefore: Float64Array.from(before), wordsPerEpoch: total }
}

/**
 * Words of an `epochs`-epoch run before its chunk k: the run's position when k is the next chunk
 * to train. A k past the last chunk (threads claim one past the end as they finish) is the end.
 */
export function wordsBeforeChunk(plan: ChunkPlan, k: number, epochs: number): number {
  const clamped = Math.min(k, plan.chunks * epochs)
  return Math.floor(clamped / plan.chunks) * plan.wordsPerEpoch + plan.wordsBefore[clamped % plan.chunks]!
}
