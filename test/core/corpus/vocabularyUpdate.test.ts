import { describe, expect, it } from 'vitest'
import { buildVocabulary, continuedKeepProbabilities, keepProbabilities, rawCorpusFromText, updateVocabulary } from '../../../src-main/core/corpus/index'

// The saved run: a (4), b (3), c (2) with minCount 2; d (1) fell under it.
const saved = buildVocabulary(rawCorpusFromText('a a a a b b b c c d\n'), { minCount: 2 }).vocabulary

describe('updateVocabulary (gensim 4’s build_vocab(update=True))', () => {
  // The new corpus, in order of first occurrence: e (3), b (1), d (2), a (5), f (1); c is absent.
  const raw = rawCorpusFromText('e b d a a e\nd a a e a f\n')
  const update = updateVocabulary(saved, raw, 2)

  it('keeps every saved word at its id and appends new words of at least minCount in order of first occurrence', () => {
    expect(saved.words).toEqual(['a', 'b', 'c'])
    expect(update.vocabulary.words).toEqual(['a', 'b', 'c', 'e', 'd'])
    expect([...update.vocabulary.index]).toEqual([['a', 0], ['b', 1], ['c', 2], ['e', 3], ['d', 4]])
    expect({ kept: update.keptWords, added: update.addedWords, retrained: update.retrainedWords, dropped: update.droppedTypes }).toEqual({ kept: 3, added: 2, retrained: 1, dropped: 1 })
  })

  it('adds the new corpus’ count to every saved word, even one under minCount there (b), and starts new words at theirs', () => {
    // a 4 + 5, b 3 + 1, c 2 + 0, e 3, d 2 (d's count in the saved corpus was under minCount and is not remembered).
    expect(Array.from(update.vocabulary.counts)).toEqual([9, 4, 2, 3, 2])
  })

  it('gives the sub-sampling table the new corpus’ counts of the words that reach minCount there', () => {
    expect(Array.from(update.retainedCounts)).toEqual([5, 0, 0, 3, 2])
  })

  it('leaves the saved vocabulary untouched', () => {
    expect(saved.words).toEqual(['a', 'b', 'c'])
    expect(Array.from(saved.counts)).toEqual([4, 3, 2])
  })
})

describe('continuedKeepProbabilities', () => {
  it('uses the formula on the retained counts (T their sum) and keeps a saved word’s own probability otherwise', () => {
    const savedKeep = Float32Array.from([0.25, 0.5, 0.75])
    const keep = continuedKeepProbabilities([50, 0, 0, 30, 20], savedKeep, 0.01)
    // T = 100, s·T = 1: (√(c/1) + 1) · 1/c.
    expect(keep[0]).toBeCloseTo((Math.sqrt(50) + 1) / 50, 6)
    expect(keep[3]).toBeCloseTo((Math.sqrt(30) + 1) / 30, 6)
    expect(keep[4]).toBeCloseTo((Math.sqrt(20) + 1) / 20, 6)
    expect([keep[1], keep[2]]).toEqual([0.5, 0.75])
  })

  it('is the plain formula when every word is retained, and 1 everywhere with sample 0', () => {
    expect(continuedKeepProbabilities([40, 7, 3], new Float32Array(0), 0.01)).toEqual(keepProbabilities([40, 7, 3], 0.01))
    expect(Array.from(continuedKeepProbabilities([40, 7, 0], Float32Array.from([1, 1, 0.3]), 0)).slice(0, 2)).toEqual([1, 1])
  })
})
