import { describe, expect, it } from 'vitest'
import { planChunks, splitLongSentences, wordsBeforeChunk } from '../../../src-main/core/training/chunkPlan'

/** A corpus of sentences of these lengths (the ids do not matter to the plan). */
const corpusOf = (lengths: readonly number[]) => {
  const ends: number[] = []
  lengths.reduce((end, length) => (ends.push(end + length), end + length), 0)
  return { ids: new Int32Array(ends.at(-1) ?? 0), sentenceEnds: Uint32Array.from(ends) }
}

describe('chunk plan', () => {
  it('cuts an epoch into chunks of whole sentences of about chunkWords words', () => {
    const plan = planChunks(corpusOf([4, 4, 4, 1, 6, 2]), 8)
    expect(plan.chunks).toBe(3)
    expect([...plan.firstSentence]).toEqual([0, 2, 5, 6])
    expect([...plan.wordsBefore]).toEqual([0, 8, 19, 21])
    expect(plan.wordsPerEpoch).toBe(21)
  })

  it('gives a run’s position before each chunk, across epochs, and the end for a chunk past the last', () => {
    const plan = planChunks(corpusOf([4, 4, 4, 1, 6, 2]), 8)
    const epochs = 2
    expect(Array.from({ length: 8 }, (_, k) => wordsBeforeChunk(plan, k, epochs))).toEqual([0, 8, 19, 21, 29, 40, 42, 42])
  })

  it('plans an empty corpus as one empty chunk, at position 0 whatever the chunk', () => {
    const plan = planChunks(corpusOf([]))
    expect(plan.chunks).toBe(1)
    expect([0, 1, 5].map((k) => wordsBeforeChunk(plan, k, 3))).toEqual([0, 0, 0])
  })

  it('splits a sentence longer than the kernels take into pieces', () => {
    expect([...splitLongSentences(corpusOf([3, 10]), 4).sentenceEnds]).toEqual([3, 7, 11, 13])
  })
})
