import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildVocabulary, corpusStats, rawCorpusFromText } from '../../../src-main/core/corpus/index'

describe('corpusStats', () => {
  const raw = rawCorpusFromText('the cat sat on the mat\nthe cat sat\na dog\non the mat cat sat\n')

  it('counts tokens, types and sentences and lists the top words, ties by first occurrence', () => {
    const stats = corpusStats(raw, { minCounts: [1, 2], topN: 4 })
    expect(stats.tokens).toBe(16)
    expect(stats.types).toBe(7)
    expect(stats.sentences).toBe(4)
    expect(stats.topWords).toEqual([{ word: 'the', count: 4 }, { word: 'cat', count: 3 }, { word: 'sat', count: 3 }, { word: 'on', count: 2 }])
    expect(corpusStats(raw, { topN: 100 }).topWords).toHaveLength(7)
    expect(corpusStats(raw, { topN: 0 }).topWords).toEqual([])
  })

  it('gives each candidate minCount its vocabulary size and coverage, in the order asked', () => {
    const rows = corpusStats(raw, { minCounts: [3, 1, 5, 2] }).vocabularyByMinCount
    expect(rows).toEqual([
      { minCount: 3, vocabSize: 3, coverage: 10 / 16 },
      { minCount: 1, vocabSize: 7, coverage: 1 },
      { minCount: 5, vocabSize: 0, coverage: 0 },
      { minCount: 2, vocabSize: 5, coverage: 14 / 16 },
    ])
  })

  it('agrees with buildVocabulary for every minCount on random corpora', () => {
    const text = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 20 })
    fc.assert(
      fc.property(text, (lines) => {
        const corpus = rawCorpusFromText(lines.map((l) => l.join(' ')).join('\n'))
        const minCounts = [1, 2, 3, 4, 6, 10]
        const rows = corpusStats(corpus, { minCounts }).vocabularyByMinCount
        rows.forEach((row) => {
          let expected = { vocabSize: 0, coverage: 0 }
          try {
            const { stats } = buildVocabulary(corpus, { minCount: row.minCount })
            expected = { vocabSize: stats.keptTypes, coverage: stats.coverage }
          } catch {
            // nothing reaches this minCount
          }
          expect(row.vocabSize).toBe(expected.vocabSize)
          expect(row.coverage).toBeCloseTo(expected.coverage, 12)
        })
      }),
      { numRuns: 100 },
    )
  })
})
