import type { TrainingCorpus } from '../corpus/corpusTypes'

/** Words per chunk: one kernel call, the unit threads claim and progress is counted in (gensim's job size). */
export const CHUNK_WORDS = 10_000

/**
 * Cuts sentences longer than `maxWords` into pieces, as word2vec.c and gensim do, so a file
 * without line breaks still splits into chunks that threads can share and progress can count.
 */
export function splitLongSentences(corpus: TrainingCorpus, maxWords: number): TrainingCorpus {
  const ends: number[] = []
  let start = 0
  for (const end of corpus.sentenceEnds) {
    for (let cut = start + maxWords; cut < end; cut += maxWords) ends.push(cut)
    ends.push(end)
    start = end
  }
  return ends.length === corpus.sentenceEnds.length ? corpus : { ids: corpus.ids, sentenceEnds: Uint32Array.from(ends) }
}

/**
 * One epoch cut into chunks of whole sentences of about CHUNK_WORDS words. Chunk c covers
 * sentences [firstSentence[c], firstSentence[c + 1]) and starts wordsBefore[c] words into the epoch.
 * Chunks of a run are numbered on across epochs: chunk k is chunk k % chunks of epoch ⌊k / chunks⌋.
 */
export interface ChunkPlan {
  /** At least 1: an empty corpus is one empty chunk, so a run of it still has a first and a last chunk. */
  readonly chunks: number
  readonly firstSentence: Uint32Array
  readonly wordsBefore: Float64Array
  readonly wordsPerEpoch: number
}

export function planChunks(corpus: TrainingCorpus, chunkWords = CHUNK_WORDS): ChunkPlan {
  const first: number[] = [0]
  const before: number[] = [0]
  const ends = corpus.sentenceEnds
  let chunkStart = 0
  for (let s = 0; s < ends.length; s++) {
    if (ends[s]! - chunkStart >= chunkWords && s + 1 < ends.length) {
      first.push(s + 1)
      before.push(ends[s]!)
      chunkStart = ends[s]!
    }
  }
  first.push(ends.length)
  const wordsPerEpoch = ends.length === 0 ? 0 : ends[ends.length - 1]!
  before.push(wordsPerEpoch)
  return { chunks: first.length - 1, firstSentence: Uint32Array.from(first), wordsBefore: Float64Array.from(before), wordsPerEpoch }
}

/**
 * Words of an `epochs`-epoch run before its chunk k: the run's position when k is the next chunk
 * to train. A k past the last chunk (threads claim one past the end as they finish) is the end.
 */
export function wordsBeforeChunk(plan: ChunkPlan, k: number, epochs: number): number {
  const clamped = Math.min(k, plan.chunks * epochs)
  return Math.floor(clamped / plan.chunks) * plan.wordsPerEpoch + plan.wordsBefore[clamped % plan.chunks]!
}
