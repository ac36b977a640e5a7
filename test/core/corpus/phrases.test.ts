import { describe, expect, it } from 'vitest'
import { rawCorpusFromText } from '../../../src-main/core/corpus/corpusBuilder'
import { PhraseCounts, phraseScorer } from '../../../src-main/core/corpus/phraseCounts'
import { countPhrasesSteps, joinPhrasesSteps, topPhrases } from '../../../src-main/core/corpus/phraseJoining'
import { DEFAULT_PHRASE_OPTIONS, type PhraseOptions, phraseOptionProblems } from '../../../src-main/core/corpus/phraseOptions'
import { npmiScore, originalScore } from '../../../src-main/core/corpus/phraseScoring'
import { MemoryTokenSink, openMemoryTokenSource } from '../../../src-main/core/corpus/tokenStore'
import { rawTokens } from '../../support/rawTokens'

function drain<T>(steps: Generator<number, T, void>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value
}

/** One pass over `text` (a sentence a line, words split at spaces): the joined sentences and what was found. */
function onePass(text: string, options: Partial<PhraseOptions> = {}) {
  const o = { ...DEFAULT_PHRASE_OPTIONS, ...options }
  const raw = rawCorpusFromText(text, { segmentation: 'whitespace' })
  const counts = new PhraseCounts(o)
  const source = openMemoryTokenSource(raw.store)
  drain(countPhrasesSteps(source, raw.types, counts))
  const joined = drain(joinPhrasesSteps(source, raw, phraseScorer(counts, o), new MemoryTokenSink()))
  const { tokens, sentenceEnds } = rawTokens(joined.raw)
  const sentences: string[] = []
  let from = 0
  for (const end of sentenceEnds) {
    sentences.push(Array.from(tokens.subarray(from, end), (id) => joined.raw.types[id]!).join(' '))
    from = end
  }
  return { sentences, found: joined.found, counts, raw: joined.raw }
}

describe('phrase scores', () => {
  it('the default score is (count(a·b) − minCount) / (count(a)·count(b)) · |vocab|', () => {
    // (12 − 5) / (20 · 30) · 1000 = 7000 / 600
    expect(originalScore({ countA: 20, countB: 30, bigramCount: 12, vocabSize: 1000, minCount: 5, corpusWordCount: 5000 })).toBeCloseTo(11.6667, 4)
    expect(originalScore({ countA: 20, countB: 30, bigramCount: 5, vocabSize: 1000, minCount: 5, corpusWordCount: 5000 })).toBe(0)
  })

  it('NPMI is ln(p(ab)/(p(a)p(b))) / −ln p(ab), and −∞ below minCount', () => {
    // p(a) = 0.02, p(b) = 0.03, p(ab) = 0.01: ln(0.01 / 0.0006) / ln(100)
    const expected = Math.log(0.01 / 0.0006) / Math.log(100)
    expect(npmiScore({ countA: 20, countB: 30, bigramCount: 10, vocabSize: 0, minCount: 5, corpusWordCount: 1000 })).toBeCloseTo(expected, 12)
    // A pair that always occurs together, and whose words occur nowhere else, scores 1.
    expect(npmiScore({ countA: 10, countB: 10, bigramCount: 10, vocabSize: 0, minCount: 5, corpusWordCount: 1000 })).toBeCloseTo(1, 12)
    expect(npmiScore({ countA: 20, countB: 30, bigramCount: 4, vocabSize: 0, minCount: 5, corpusWordCount: 1000 })).toBe(-Infinity)
  })
})

describe('phrase counts and pruning', () => {
  it('counts words and adjacent pairs within sentences only', () => {
    const counts = new PhraseCounts({ maxVocab: 100, delimiter: '_' })
    for (const w of ['new', 'york', 'new', 'york']) counts.addWord(w)
    counts.endSentence()
    counts.addWord('york')
    counts.endSentence()
    expect(counts.count('new')).toBe(2)
    expect(counts.count('york')).toBe(3)
    expect(counts.count('new_york')).toBe(2)
    expect(counts.count('york_new')).toBe(1)
    expect(counts.count('york_york')).toBe(0)
    expect(counts.vocabSize).toBe(4)
    expect(counts.corpusWordCount).toBe(5)
  })

  it('prunes as gensim: at a sentence end over the cap, entries under minReduce go, minReduce starting at 1', () => {
    const counts = new PhraseCounts({ maxVocab: 3, delimiter: '_' })
    const sentence = (...words: string[]) => {
      for (const w of words) counts.addWord(w)
      counts.endSentence()
    }
    sentence('a', 'b')
    sentence('a', 'b')
    expect(counts.vocabSize).toBe(3)
    // 6 entries > 3: the first pruning (minReduce 1) forgets nothing.
    sentence('c', 'd')
    expect([counts.vocabSize, counts.prunings]).toEqual([6, 1])
    // 9 > 3: minReduce 2 forgets everything seen once (c, d, c_d, e, f, e_f).
    sentence('e', 'f')
    expect([counts.vocabSize, counts.prunings]).toEqual([3, 2])
    expect(counts.count('a_b')).toBe(2)
    expect(counts.count('c')).toBe(0)
    // A forgotten word counts from zero again; 4 > 3 entries: minReduce 3 forgets everything seen fewer than 3 times.
    counts.addWord('c')
    expect(counts.count('c')).toBe(1)
    counts.endSentence()
    expect([counts.vocabSize, counts.prunings]).toEqual([0, 3])
    expect(counts.corpusWordCount).toBe(9)
  })
})

describe('a sentence longer than a Map can count', () => {
  it('prunes mid-sentence, as often as it takes, once the table is full', () => {
    const counts = new PhraseCounts({ maxVocab: 1000, delimiter: '_' }, 6)
    for (const w of ['a', 'b', 'a', 'b', 'a', 'b']) counts.addWord(w)
    // a, b, a_b, b_a: 4 entries, under the ceiling of 6.
    expect([counts.vocabSize, counts.prunings]).toEqual([4, 0])
    counts.addWord('c')
    // c and b_c make 6: the first pruning forgets nothing, the second everything seen once.
    expect([counts.vocabSize, counts.prunings]).toEqual([4, 2])
    expect(counts.count('c')).toBe(0)
    expect(counts.count('a')).toBe(3)
  })
})

describe('joining', () => {
  const text = ['new york is big', 'i love new york', 'new york new york', 'york new'].join('\n')

  it('joins left to right: a joined pair is not joined again with its next token', () => {
    const { sentences, found } = onePass(text, { minCount: 1, threshold: 1 })
    // new: 5, york: 5, new_york: 4, |vocab| = 12 (6 words, 6 pairs): (4 − 1) / 25 · 12 = 1.44 > 1; york_new: (2 − 1) / 25 · 12 < 1.
    expect(sentences).toEqual(['new_york is big', 'i love new_york', 'new_york new_york', 'york new'])
    expect(found).toEqual([{ phrase: 'new_york', score: (4 - 1) / 25 * 12, count: 4 }])
  })

  it('joins nothing under the threshold, and keeps sentences, types and counts consistent', () => {
    const { sentences, found, raw } = onePass(text, { minCount: 1, threshold: 2 })
    expect(sentences).toEqual(text.split('\n'))
    expect(found).toEqual([])
    expect(raw.tokenCount).toBe(14)
    expect(raw.sentenceCount).toBe(4)
    expect(Array.from(raw.typeCounts).reduce((a, b) => a + b, 0)).toBe(14)
  })

  it('never joins a pair seen minCount times or fewer with the default scorer', () => {
    expect(onePass(text, { minCount: 4, threshold: 0.001 }).found).toEqual([])
  })

  it('ranks the top phrases by joins, then score', () => {
    const found = [{ phrase: 'a_b', score: 20, count: 3 }, { phrase: 'c_d', score: 12, count: 9 }, { phrase: 'e_f', score: 30, count: 3 }]
    expect(topPhrases(found, 2).map((f) => f.phrase)).toEqual(['c_d', 'e_f'])
  })
})

describe('phrase options', () => {
  it('accepts gensim’s defaults and names every wrong field with a sentence', () => {
    expect(phraseOptionProblems(DEFAULT_PHRASE_OPTIONS)).toEqual([])
    const problems = phraseOptionProblems({ minCount: 0, threshold: 10, scoring: 'npmi', maxVocab: 0, delimiter: ' ', passes: 9 })
    expect(problems.map((p) => p.field)).toEqual(['minCount', 'threshold', 'maxVocab', 'delimiter', 'passes'])
    expect(problems[1]!.message).toMatch(/between −1 and 1/)
    expect(phraseOptionProblems({ ...DEFAULT_PHRASE_OPTIONS, threshold: 0 })[0]!.message).toMatch(/above 0/)
  })
})
