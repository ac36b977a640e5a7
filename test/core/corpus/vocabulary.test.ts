import { describe, expect, it } from 'vitest'
import { CorpusError, buildVocabulary, encodeCorpus, rawCorpusFromText, typeToVocabulary } from '../../../src-main/core/corpus/index'
import { rawTokens } from '../../support/rawTokens'
import { assertVocabularySettings } from '../../../src-main/core/settings/settingProblems'
import { TrainingConfigError } from '../../../src-main/core/training/trainingErrors'

// Counts: the 4, cat 3, sat 3 (cat first), on 2, mat 2 (on first), a 1, dog 1.
const TEXT = 'the cat sat on the mat\nthe cat sat\na dog\non the mat cat sat\n'
const raw = rawCorpusFromText(TEXT)

describe('buildVocabulary', () => {
  it('sorts by count, ties by first occurrence, and indexes words by id', () => {
    const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
    expect(vocabulary.words).toEqual(['the', 'cat', 'sat', 'on', 'mat', 'a', 'dog'])
    expect(Array.from(vocabulary.counts)).toEqual([4, 3, 3, 2, 2, 1, 1])
    vocabulary.words.forEach((w, id) => expect(vocabulary.index.get(w)).toBe(id))
  })

  it('drops words below minCount and reports what is kept', () => {
    const { vocabulary, stats } = buildVocabulary(raw, { minCount: 2 })
    expect(vocabulary.words).toEqual(['the', 'cat', 'sat', 'on', 'mat'])
    expect(vocabulary.index.has('dog')).toBe(false)
    expect(stats).toEqual({ tokens: 16, types: 7, keptTypes: 5, keptTokens: 14, coverage: 14 / 16 })
  })

  it('keeps at most maxVocab words, the most frequent', () => {
    const { vocabulary, stats } = buildVocabulary(raw, { minCount: 1, maxVocab: 2 })
    expect(vocabulary.words).toEqual(['the', 'cat'])
    expect(stats.keptTokens).toBe(7)
    expect(buildVocabulary(raw, { minCount: 3, maxVocab: 100 }).vocabulary.words).toEqual(['the', 'cat', 'sat'])
  })

  it('fails with a sentence naming the corpus when no word reaches minCount', () => {
    const run = () => buildVocabulary(raw, { minCount: 5 }, 'x.txt')
    expect(run).toThrow(CorpusError)
    expect(run).toThrow('No word occurs at least 5 times in “x.txt”; lower minCount or use a larger corpus.')
    try {
      run()
    } catch (error) {
      expect((error as CorpusError).kind).toBe('noVocabulary')
    }
    expect(() => buildVocabulary(rawCorpusFromText('...'), { minCount: 1 })).toThrow(/contains no words/)
  })

  it('refuses options out of range with a TrainingConfigError naming the option, before looking at the corpus', () => {
    expect(() => buildVocabulary(raw, { minCount: 1.5 })).toThrow(TrainingConfigError)
    expect(() => buildVocabulary(raw, { minCount: -1 })).toThrow(/minCount\) must be a whole number from 1 to 1,000,000,000, not -1/)
    expect(() => buildVocabulary(raw, { minCount: 1, maxVocab: -3 })).toThrow(/maxVocab\) must be a whole number from 1 to/)
    expect(() => assertVocabularySettings({ minCount: 1, maxVocab: 0 })).toThrow(expect.objectContaining({ field: 'maxVocab' }))
    // The rule table's bound, as the form and the contract have it.
    expect(() => assertVocabularySettings({ minCount: 0 })).toThrow(expect.objectContaining({ field: 'minCount' }))
  })
})

describe('encodeCorpus', () => {
  it('removes dropped words and the sentences they leave empty', () => {
    const text = 'the cat sat\nscarce words only\nthe cat rare sat\nsat\n'
    const corpus = rawCorpusFromText(text)
    const { vocabulary } = buildVocabulary(corpus, { minCount: 2 }) // sat 3, the 2, cat 2
    const encoded = encodeCorpus(corpus, vocabulary)
    const words = Array.from(encoded.ids, (id) => vocabulary.words[id])
    expect(words).toEqual(['the', 'cat', 'sat', 'the', 'cat', 'sat', 'sat'])
    expect(Array.from(encoded.sentenceEnds)).toEqual([3, 6, 7])
    const strict = encodeCorpus(corpus, buildVocabulary(corpus, { minCount: 3 }).vocabulary)
    expect(Array.from(strict.ids)).toEqual([0, 0, 0])
    expect(Array.from(strict.sentenceEnds)).toEqual([1, 2, 3])
  })

  it('keeps every token when every word is in the vocabulary', () => {
    const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
    const encoded = encodeCorpus(raw, vocabulary)
    const { tokens, sentenceEnds } = rawTokens(raw)
    expect(encoded.ids.length).toBe(raw.tokenCount)
    expect(Array.from(encoded.sentenceEnds)).toEqual(Array.from(sentenceEnds))
    expect(Array.from(encoded.ids, (id) => vocabulary.words[id])).toEqual(Array.from(tokens, (t) => raw.types[t]))
  })

  it('encodes only the first sentences when asked for at most maxWords words', () => {
    const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
    const whole = encodeCorpus(raw, vocabulary)
    const first = encodeCorpus(raw, vocabulary, undefined, 1)
    // The first sentence whole, however long: a sample never cuts one.
    expect(Array.from(first.sentenceEnds)).toEqual([whole.sentenceEnds[0]])
    expect(Array.from(first.ids)).toEqual(Array.from(whole.ids.subarray(0, whole.sentenceEnds[0])))
  })

  it('maps each type to its word id, -1 for a dropped one', () => {
    const { vocabulary } = buildVocabulary(raw, { minCount: 2 })
    const table = typeToVocabulary(raw.types, vocabulary)
    raw.types.forEach((type, t) => expect(table[t]).toBe(vocabulary.index.get(type) ?? -1))
    expect(table).toContain(-1)
  })
})
