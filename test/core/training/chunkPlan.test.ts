import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { memoryTokenSource } from '../../../src-main/core/corpus/tokenStore'
import { SENTENCE_END } from '../../../src-main/core/corpus/tokenStream'
import { type ChunkPlan, planChunks, wordsBeforeChunk } from '../../../src-main/core/training/chunkPlan'
import { type TrainingCorpus } from '../../../src-main/core/corpus/corpusTypes'

/** A stream of these sentences, each a list of type ids (the plan cares only which are kept). */
const streamOf = (sentences: readonly (readonly number[])[]) => {
  const values: number[] = []
  for (const s of sentences) if (s.length > 0) values.push(...s, SENTENCE_END)
  const shared = new Int32Array(new SharedArrayBuffer(4 * values.length))
  shared.set(values)
  return memoryTokenSource({ kind: 'memory', values: shared })
}
/** Sentences of these lengths, every word kept. */
const keptOf = (lengths: readonly number[]) => streamOf(lengths.map((n) => new Array<number>(n).fill(0)))
const KEEP_ALL = Int32Array.of(0)

/**
 * The plan as it was made before training streamed, from the encoded corpus in memory: long
 * sentences cut every maxWords, then chunks of whole (cut) sentences of at least chunkWords words.
 * The streaming plan must cut exactly here, so a one-thread run trains exactly as before.
 */
function inMemoryPlan(corpus: TrainingCorpus, chunkWords: number, maxWords: number): { wordsBefore: number[]; wordsPerEpoch: number } {
  const ends: number[] = []
  let start = 0
  for (const end of corpus.sentenceEnds) {
    for (let cut = start + maxWords; cut < end; cut += maxWords) ends.push(cut)
    ends.push(end)
    start = end
  }
  const before = [0]
  let chunkStart = 0
  for (let s = 0; s < ends.length; s++) {
    if (ends[s]! - chunkStart >= chunkWords && s + 1 < ends.length) {
      before.push(ends[s]!)
      chunkStart = ends[s]!
    }
  }
  const wordsPerEpoch = ends.at(-1) ?? 0
  before.push(wordsPerEpoch)
  return { wordsBefore: before, wordsPerEpoch }
}

/** The kept words of each chunk, read back from the stream the way the kernels read it. */
function chunkWordsOf(plan: ChunkPlan, values: Int32Array, typeToVocab: Int32Array): number[] {
  return Array.from({ length: plan.chunks }, (_, c) => {
    let n = 0
    for (let i = plan.streamStart[c]!; i < plan.streamStart[c + 1]!; i++) if (values[i]! >= 0 && typeToVocab[values[i]!]! >= 0) n++
    return n
  })
}

describe('chunk plan', () => {
  it('cuts an epoch into chunks of whole sentences of about chunkWords words', () => {
    const plan = planChunks(keptOf([4, 4, 4, 1, 6, 2]), KEEP_ALL, { chunkWords: 8 })
    expect(plan.chunks).toBe(3)
    // Each sentence takes its words and one SENTENCE_END.
    expect([...plan.streamStart]).toEqual([0, 10, 24, 27])
    expect([...plan.wordsBefore]).toEqual([0, 8, 19, 21])
    expect(plan.wordsPerEpoch).toBe(21)
  })

  it('gives a run’s position before each chunk, across epochs, and the end for a chunk past the last', () => {
    const plan = planChunks(keptOf([4, 4, 4, 1, 6, 2]), KEEP_ALL, { chunkWords: 8 })
    const epochs = 2
    expect(Array.from({ length: 8 }, (_, k) => wordsBeforeChunk(plan, k, epochs))).toEqual([0, 8, 19, 21, 29, 40, 42, 42])
  })

  it('plans an empty corpus as one empty chunk, at position 0 whatever the chunk', () => {
    const plan = planChunks(keptOf([]), KEEP_ALL)
    expect(plan.chunks).toBe(1)
    expect([0, 1, 5].map((k) => wordsBeforeChunk(plan, k, 3))).toEqual([0, 0, 0])
  })

  it('counts only kept words, and a chunk does not end before a tail of dropped words alone', () => {
    // Type 1 is dropped: the last sentence keeps nothing, so the second chunk would be empty.
    const plan = planChunks(streamOf([[0, 1, 0], [1, 0, 0], [1, 1]]), Int32Array.of(0, -1), { chunkWords: 4 })
    expect(plan.chunks).toBe(1)
    expect(plan.wordsPerEpoch).toBe(4)
  })

  it('ends a chunk inside a long line where the kernels cut it', () => {
    const plan = planChunks(keptOf([3, 10]), KEEP_ALL, { chunkWords: 4, maxSentence: 4 })
    // Pieces of 3, 4, 4 and 2 words; chunks end after 7 and 11 words.
    expect([...plan.wordsBefore]).toEqual([0, 7, 11, 13])
    expect([...plan.streamStart]).toEqual([0, 8, 12, 15])
  })

  it('matches the in-memory plan of the encoded corpus, long lines and dropped words included', () => {
    const sentence = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 })
    fc.assert(fc.property(fc.array(sentence, { maxLength: 40 }), fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 12 }), (sentences, chunkWords, maxSentence) => {
      const typeToVocab = Int32Array.of(0, 1, -1, 2, -1, 3)
      const source = streamOf(sentences)
      const plan = planChunks(source, typeToVocab, { chunkWords, maxSentence })
      const kept = sentences.map((s) => s.filter((t) => typeToVocab[t]! >= 0)).filter((s) => s.length > 0)
      const ends: number[] = []
      kept.reduce((end, s) => (ends.push(end + s.length), end + s.length), 0)
      const expected = inMemoryPlan({ ids: new Int32Array(ends.at(-1) ?? 0), sentenceEnds: Uint32Array.from(ends) }, chunkWords, maxSentence)
      expect([...plan.wordsBefore]).toEqual(expected.wordsBefore)
      expect(plan.wordsPerEpoch).toBe(expected.wordsPerEpoch)
      const values = new Int32Array(source.length)
      source.read(0, values)
      const perChunk = chunkWordsOf(plan, values, typeToVocab)
      expect(perChunk).toEqual(expected.wordsBefore.slice(1).map((w, c) => w - expected.wordsBefore[c]!))
      expect(plan.streamStart[0]).toBe(0)
      expect(plan.streamStart.at(-1)).toBe(source.length)
    }))
  })

  it('caps a chunk’s stream length where nearly every word is dropped', () => {
    // One kept word in every 50: without the cap a 10-word chunk would span 500 values.
    const sentences = Array.from({ length: 40 }, (_, s) => Array.from({ length: 50 }, (_, i) => (i === s % 50 ? 0 : 1)))
    const plan = planChunks(streamOf(sentences), Int32Array.of(0, -1), { chunkWords: 10, maxStreamValues: 128 })
    for (let c = 0; c < plan.chunks; c++) expect(plan.streamStart[c + 1]! - plan.streamStart[c]!).toBeLessThanOrEqual(128)
    expect(plan.chunks).toBeGreaterThanOrEqual(Math.ceil((40 * 51) / 128))
    expect(plan.wordsPerEpoch).toBe(40)
  })

  it('refuses a stream with a type id the corpus does not have (the kernels would read past their table)', () => {
    expect(() => planChunks(streamOf([[0, 1], [2]]), Int32Array.of(0, 0))).toThrow(/type id 2 at 3, but the corpus has 2 types/)
  })
})
