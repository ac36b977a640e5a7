import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BenchmarkFormatError, EvaluationCancelledError, NoKnownWordsError, type VectorIndex, averageRanks, buildVectorIndex, evaluateAnalogies,
  evaluateWordPairs, parseAnalogyFile, parseWordPairFile, pearson, spearman,
} from '../../../src-main/core/evaluation/index'
import { SHARED_DIR } from '../../support/sharedData'

function indexOf(rows: [string, number[]][]): VectorIndex {
  return buildVectorIndex({ words: rows.map(([w]) => w), vectors: Float32Array.from(rows.flatMap(([, v]) => v)), dim: rows[0]![1].length, counts: null })
}

function formatError(run: () => unknown): BenchmarkFormatError {
  try {
    run()
  } catch (error) {
    if (error instanceof BenchmarkFormatError) return error
    throw error
  }
  throw new Error('expected a BenchmarkFormatError')
}

describe('parseAnalogyFile', () => {
  it('reads sections and questions with their line numbers, ignoring blank lines and CRLF', () => {
    const text = ': capital-common-countries\r\nAthens Greece Baghdad Iraq\r\n\r\n:  family \nboy girl brother sister\n'
    expect(parseAnalogyFile(text)).toEqual([
      { section: 'capital-common-countries', questions: [{ a: 'Athens', b: 'Greece', c: 'Baghdad', expected: 'Iraq', line: 2 }] },
      { section: 'family', questions: [{ a: 'boy', b: 'girl', c: 'brother', expected: 'sister', line: 5 }] },
    ])
  })

  it('reads the whole questions-words benchmark', () => {
    const sections = parseAnalogyFile(readFileSync(join(SHARED_DIR, 'data/questions-words.txt'), 'utf8'))
    expect(sections).toHaveLength(14)
    expect(sections.reduce((sum, s) => sum + s.questions.length, 0)).toBe(19_544)
    expect(sections.at(-1)!.section).toBe('gram9-plural-verbs')
  })

  it('names the line of a question without four words', () => {
    const error = formatError(() => parseAnalogyFile(': family\nboy girl brother sister\nking queen prince\n', 'q.txt'))
    expect(error.line).toBe(3)
    expect(error.kind).toBe('analogy')
    expect(error.message).toBe('Line 3 of “q.txt” has 3 words; a question has four (“a b c d”: a is to b as c is to d), and a section header starts with “: ”.')
    expect(() => parseAnalogyFile(': s\n:family\n')).toThrow(/^Line 2 of the analogy file has one word;/)
  })

  it('refuses a question before any section header, and a file without questions', () => {
    expect(() => parseAnalogyFile('\nboy girl brother sister\n')).toThrow('Line 2 of the analogy file comes before any section header; an analogy file starts with a line such as “: capital-common-countries”.')
    expect(() => parseAnalogyFile(': empty\n\n', 'e.txt')).toThrow('“e.txt” holds no analogy questions (“a b c d” lines under “: section” headers).')
  })
})

describe('parseWordPairFile', () => {
  it('reads pairs, skipping comments and blank lines, keeping words as written', () => {
    const text = '# a comment\n# Word 1\tWord 2\tHuman (mean)\nlove\tsex\t6.77\r\n\nTiger\tcat\t-1e-1\n'
    expect(parseWordPairFile(text)).toEqual([
      { word1: 'love', word2: 'sex', score: 6.77, line: 3 },
      { word1: 'Tiger', word2: 'cat', score: -0.1, line: 5 },
    ])
  })

  it('reads WordSim-353 and SimLex-999', () => {
    expect(parseWordPairFile(readFileSync(join(SHARED_DIR, 'data/wordsim353.tsv'), 'utf8'))).toHaveLength(353)
    expect(parseWordPairFile(readFileSync(join(SHARED_DIR, 'data/simlex999.txt'), 'utf8'))).toHaveLength(999)
  })

  it('names the line of a malformed pair', () => {
    const cases: [string, string][] = [
      ['love sex 6.77', 'Line 2 of “ws.tsv” has no tab; a word pair is “word1<TAB>word2<TAB>score” (two tabs), and comment lines start with “#”.'],
      ['love\tsex\t6.77\tx', 'Line 2 of “ws.tsv” has 3 tabs; a word pair is “word1<TAB>word2<TAB>score” (two tabs), and comment lines start with “#”.'],
      ['love\tsex\tmuch', 'Line 2 of “ws.tsv” has the score “much”, which is not a number; a word pair is “word1<TAB>word2<TAB>score”.'],
      ['love\tsex\tnan', 'Line 2 of “ws.tsv” has the score “nan”, which is not a number; a word pair is “word1<TAB>word2<TAB>score”.'],
      ['\tsex\t1', 'Line 2 of “ws.tsv” has an empty word; a word pair is “word1<TAB>word2<TAB>score”.'],
    ]
    for (const [line, message] of cases) {
      const error = formatError(() => parseWordPairFile(`tiger\tcat\t7.35\n${line}\n`, 'ws.tsv'))
      expect(error.message).toBe(message)
      expect(error.line).toBe(2)
      expect(error.kind).toBe('wordPair')
    }
    expect(() => parseWordPairFile('# only comments\n')).toThrow('The word-pair file holds no word pairs (“word1<TAB>word2<TAB>score” lines).')
  })
})

describe('correlation', () => {
  it('gives tied values their average rank', () => {
    expect(Array.from(averageRanks([10, 20, 20, 20, 5]))).toEqual([2, 4, 4, 4, 1])
    expect(Array.from(averageRanks([3, 3]))).toEqual([1.5, 1.5])
  })

  it('computes Spearman’s ρ with ties by hand', () => {
    // ranks x = [1, 2.5, 2.5, 4], y = [1, 3, 2, 4]: Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5, so ρ = 4.5 / √22.5 = 3 / √10.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(3 / Math.sqrt(10), 14)
    // ranks x = [1.5, 1.5, 3.5, 3.5], y = [1, 2, 3, 4]: ρ = 4 / √20 = 2 / √5.
    expect(spearman([1, 1, 2, 2], [10, 20, 30, 40])).toBeCloseTo(2 / Math.sqrt(5), 14)
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBe(1)
  })

  it('computes Pearson’s r, NaN where scipy gives none', () => {
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(15 / Math.sqrt(228), 14)
    expect(pearson([1, 2], [5, 3])).toBe(-1)
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN()
    expect(pearson([1], [1])).toBeNaN()
    expect(() => pearson([1, 2], [1])).toThrow(RangeError)
  })
})

// Axes: male, female, royal, fruit. “Woman” points exactly along king − man + woman, so it beats
// queen: a case variant of an input, which gensim passes over when case-insensitive.
const royals = indexOf([
  ['man', [1, 0, 0, 0]],
  ['woman', [0, 1, 0, 0]],
  ['king', [1, 0, 1, 0]],
  ['queen', [0, 1, 1, 0]],
  ['Woman', [1 - Math.SQRT1_2 - 1, 1, Math.SQRT1_2, 0]],
  ['prince', [1, 0, 0.8, 0.1]],
  ['apple', [0, 0, 0, 1]],
])

const QUESTIONS = parseAnalogyFile([
  ': royalty', 'man king woman queen', 'MAN KING WOMAN QUEEN', 'man king woman prince',
  ': fruit', 'apple apple apple pear',
].join('\n'))

describe('evaluateAnalogies', () => {
  it('scores sections and the total as gensim does, counting out-of-vocabulary questions as skipped', () => {
    expect(evaluateAnalogies(royals, QUESTIONS)).toEqual({
      accuracy: 2 / 3, correct: 2, total: 3, skipped: 1,
      sections: [
        { section: 'royalty', correct: 2, total: 3, accuracy: 2 / 3 },
        { section: 'fruit', correct: 0, total: 0, accuracy: 0 },
        { section: 'Total accuracy', correct: 2, total: 3, accuracy: 2 / 3 },
      ],
    })
  })

  it('matches case exactly when asked, so “Woman” is a fair answer and upper-case questions are unknown', () => {
    const result = evaluateAnalogies(royals, QUESTIONS, { caseInsensitive: false })
    expect(result.sections[0]).toEqual({ section: 'royalty', correct: 0, total: 2, accuracy: 0 })
    expect(result.skipped).toBe(2)
  })

  it('knows and searches only the first restrictVocab rows', () => {
    // prince is cut off (its question is skipped) and so is Woman (no longer a candidate).
    const result = evaluateAnalogies(royals, QUESTIONS, { restrictVocab: 4 })
    expect(result.sections[0]).toEqual({ section: 'royalty', correct: 2, total: 2, accuracy: 1 })
    expect(result.skipped).toBe(2)
    expect(evaluateAnalogies(royals, QUESTIONS, { restrictVocab: 0 }).skipped).toBe(4)
    expect(() => evaluateAnalogies(royals, QUESTIONS, { restrictVocab: -1 })).toThrow(RangeError)
  })

  it('lets the first case variant of a word stand for all of them', () => {
    const swapped = indexOf([['Man', [-1, 0, 1, 0]], ['man', [1, 0, 0, 0]], ['woman', [0, 1, 0, 0]], ['king', [1, 0, 1, 0]], ['queen', [0, 1, 1, 0]], ['duke', [Math.SQRT2, 1, 0, 0]]])
    const questions = parseAnalogyFile(': s\nman king woman queen\n')
    // “Man” stands for MAN: king − Man + woman then points at duke, not queen.
    expect(evaluateAnalogies(swapped, questions).correct).toBe(0)
    expect(evaluateAnalogies(swapped, questions, { caseInsensitive: false }).correct).toBe(1)
  })

  it('reports progress and stops when cancelled', () => {
    const progress: [number, number][] = []
    evaluateAnalogies(royals, QUESTIONS, { onProgress: (done, total) => progress.push([done, total]) })
    expect(progress.at(-1)).toEqual([4, 4])
    let asked = 0
    expect(() => evaluateAnalogies(royals, QUESTIONS, { isCancelled: () => ++asked > 2 })).toThrow(EvaluationCancelledError)
    expect(asked).toBe(3)
  })
})

describe('evaluateWordPairs', () => {
  const compass = indexOf([['east', [1, 0]], ['north', [0, 1]], ['northeast', [1, 1]], ['West', [-1, 0]], ['west', [0.5, 0.5]]])
  const pairs = parseWordPairFile('east\teast\t10\nEAST\tnortheast\t5\neast\tnorth\t2\neast\twest\t0\neast\tsouth\t3\n')

  it('correlates human scores with cosines over the known pairs and reports the OOV ratio', () => {
    const result = evaluateWordPairs(compass, pairs)
    // Cosines 1, √½, 0 and −1 (“West”, the first case variant, stands for west).
    const cosines = [1, Math.SQRT1_2, 0, -1]
    expect(result.spearman).toBe(1)
    expect(result.pearson).toBeCloseTo(pearson([10, 5, 2, 0], cosines), 6)
    expect(result.pearson).toBeLessThan(1)
    expect(result).toMatchObject({ oovRatio: 0.2, pairs: 4, skipped: 1 })
  })

  it('honours case and the restriction', () => {
    // Case-sensitive: EAST is unknown, and “west” is its own row (cosine √½ with east):
    // ranks of [10, 2, 0] and [1, 0, √½] are [3, 2, 1] and [3, 1, 2], so ρ = 1 / 2.
    expect(evaluateWordPairs(compass, pairs, { caseInsensitive: false })).toMatchObject({ pairs: 3, skipped: 2, oovRatio: 0.4, spearman: expect.closeTo(0.5, 12) })
    expect(evaluateWordPairs(compass, pairs, { restrictVocab: 3 })).toMatchObject({ pairs: 3, skipped: 2, spearman: 1 })
  })

  it('refuses to score when no pair is known', () => {
    const unknown = parseWordPairFile('east\tnortheast\t5\nnorth\tsouth\t1\n')
    const run = () => evaluateWordPairs(compass, unknown, { restrictVocab: 2 })
    expect(run).toThrow(NoKnownWordsError)
    expect(run).toThrow('None of the 2 word pairs has both words in the first 2 words of the vocabulary, so there is nothing to correlate.')
    expect(() => evaluateWordPairs(compass, unknown.slice(1))).toThrow('The only word pair does not have both words in the vocabulary (5 words), so there is nothing to correlate.')
    expect(() => evaluateWordPairs(compass, [])).toThrow('No word pairs were given, so there is nothing to correlate.')
  })
})
