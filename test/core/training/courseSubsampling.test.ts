import { describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/random'
import {
  COURSE_COPIES, copyTokensBound, expectedCopyTokens, rejectProbabilities, subsampledCopies, subsamplingRandom,
} from '../../../src-main/core/training/courseSubsampling'

/** A corpus whose word w occurs counts[w] times, spread over sentences of `length` tokens, in a shuffled order. */
function corpusOf(counts: readonly number[], length: number, seed = 5) {
  const tokens = counts.flatMap((c, w) => Array.from({ length: c }, () => w))
  const random = new Random(seed)
  for (let i = tokens.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1)
    ;[tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!]
  }
  const ends = Array.from({ length: Math.ceil(tokens.length / length) }, (_, s) => Math.min(tokens.length, (s + 1) * length))
  return { ids: Int32Array.from(tokens), sentenceEnds: Uint32Array.from(ends) }
}

describe('the course’s sub-sampling', () => {
  it('rejects word w with max(0, 1 − √(s·T / c_w)), T the sum of the counts', () => {
    const counts = [1000, 100, 10, 1, 0]
    const reject = rejectProbabilities(counts, 0.01)
    const T = 1111
    for (let w = 0; w < 4; w++) expect(reject[w]).toBeCloseTo(Math.max(0, 1 - Math.sqrt((0.01 * T) / counts[w]!)), 15)
    expect(reject[3]).toBe(0)
    expect(reject[4]).toBe(0)
    expect(rejectProbabilities(counts, 0).every((r) => r === 0)).toBe(true)
  })

  it('keeps each word in the share 1 − reject_w of its occurrences over the 30 copies (within 4.5 standard errors)', () => {
    // A Zipf-like corpus: 300 words, word w occurring ⌊20,000 / (w + 1)⌋ times (130k tokens).
    const counts = Array.from({ length: 300 }, (_, w) => Math.floor(20_000 / (w + 1)))
    const corpus = corpusOf(counts, 40)
    const reject = rejectProbabilities(counts, 1e-4)
    const copies = subsampledCopies(corpus, reject, subsamplingRandom(7))
    const kept = new Float64Array(counts.length)
    for (const id of copies.ids) kept[id]! += 1
    let checked = 0
    for (let w = 0; w < counts.length; w++) {
      const n = COURSE_COPIES * counts[w]!
      const p = 1 - reject[w]!
      // Sentences left with one token are removed, which takes a few more tokens: 40-token sentences make that rare.
      const se = Math.sqrt(n * p * (1 - p))
      expect(Math.abs(kept[w]! - n * p), `word ${w}: kept ${kept[w]} of ${n}, expected ${n * p}`).toBeLessThanOrEqual(4.5 * se + 1)
      if (p < 1) checked++
    }
    expect(checked).toBeGreaterThan(200)
    // The expectation sizes the copies' memory: within 0.5 % of what was kept.
    expect(Math.abs(copies.ids.length - expectedCopyTokens(counts, reject)) / copies.ids.length).toBeLessThan(0.005)
    expect(copies.ids.length).toBeLessThanOrEqual(copyTokensBound(corpus.ids.length, counts.length, 1e-4))
  })

  it('keeps the sentences in order, copy after copy, and removes those left with one token or none', () => {
    const corpus = { ids: Int32Array.from([0, 1, 2, 3, 0, 1, 3]), sentenceEnds: Uint32Array.from([3, 4, 7]) }
    // Word 0 always rejected, the others never.
    const reject = Float64Array.from([1, 0, 0, 0])
    const copies = subsampledCopies(corpus, reject, new Random(1), 2)
    // [0 1 2] → [1 2]; [3] → removed; [0 1 3] → [1 3]; twice.
    expect(Array.from(copies.ids)).toEqual([1, 2, 1, 3, 1, 2, 1, 3])
    expect(Array.from(copies.sentenceEnds)).toEqual([2, 4, 6, 8])
  })

  it('draws the same copies from the same seed, and others from another', () => {
    const counts = Array.from({ length: 50 }, (_, w) => 200 - 3 * w)
    const corpus = corpusOf(counts, 10)
    const reject = rejectProbabilities(counts, 1e-3)
    const a = subsampledCopies(corpus, reject, subsamplingRandom(31415))
    const b = subsampledCopies(corpus, reject, subsamplingRandom(31415))
    const c = subsampledCopies(corpus, reject, subsamplingRandom(31416))
    expect(Array.from(a.ids)).toEqual(Array.from(b.ids))
    expect(Array.from(a.ids)).not.toEqual(Array.from(c.ids))
  })
})
