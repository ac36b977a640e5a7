import { describe, expect, it } from 'vitest'
import { buildVocabulary, rawCorpusFromText, updateVocabulary } from '../../../src-main/core/corpus/index'
import { WarmStartError } from '../../../src-main/core/training/trainingErrors'
import { continuedStart, pretrainedStart } from '../../../src-main/core/training/warmStart'
import { continuedSummary, pretrainedSummary } from '../../../src-main/core/training/warmStartSummary'

const DIM = 2
const vocabulary = buildVocabulary(rawCorpusFromText('cat cat cat dog dog sun\n'), { minCount: 1 }).vocabulary // cat, dog, sun

describe('pretrainedStart (gensim’s intersect_word2vec_format)', () => {
  const pretrained = { words: ['moon', 'sun', 'cat'], vectors: Float32Array.from([9, 9, 1, 2, 3, 4]), dim: DIM, counts: null }

  it('gives each shared word the file’s vector and lock factor, and counts the rest as random', () => {
    const start = pretrainedStart(vocabulary, pretrained, DIM, 0, 'p.vec')
    expect(Array.from(start.rows)).toEqual([2, 0])
    expect(Array.from(start.centerWordVectors)).toEqual([1, 2, 3, 4])
    expect(Array.from(start.lockFactors!)).toEqual([0, 1, 0])
    expect(start.outsideVectors).toBeNull()
    expect({ used: start.used, random: start.random }).toEqual({ used: 2, random: 1 })
    expect(pretrainedSummary(start, 'p.vec', 0)).toBe('2 pretrained vectors used from “p.vec” (locked), 1 corpus word starts random.')
  })

  it('keeps no lock table when the vectors train freely', () => {
    expect(pretrainedStart(vocabulary, pretrained, DIM, 1, 'p.vec').lockFactors).toBeNull()
  })

  it('refuses another dimension, and a file sharing no word, in sentences', () => {
    expect(() => pretrainedStart(vocabulary, pretrained, 3, 1, 'p.vec')).toThrow(new WarmStartError('The pretrained vectors in “p.vec” have 2 dimensions but this run trains 3; set the dimension to 2 or use vectors of dimension 3.'))
    const foreign = { words: ['chat', 'chien'], vectors: new Float32Array(4), dim: DIM, counts: null }
    expect(() => pretrainedStart(vocabulary, foreign, DIM, 1, 'fr.vec')).toThrow(/None of the 2 words in “fr.vec” is in the corpus' vocabulary/)
  })
})

describe('continuedStart', () => {
  const update = updateVocabulary(vocabulary, rawCorpusFromText('owl cat owl\n'), 1) // cat, dog, sun + owl
  const saved = { counts: vocabulary.counts, centerWordVectors: Float32Array.from([1, 1, 2, 2, 3, 3]), outsideVectors: Float32Array.from([4, 4, 5, 5, 6, 6]) }

  it('gives the saved words their saved rows of both matrices and leaves new words to start fresh', () => {
    const start = continuedStart(update, saved, 0)
    expect(Array.from(start.rows)).toEqual([0, 1, 2])
    expect(start.centerWordVectors).toBe(saved.centerWordVectors)
    expect(start.outsideVectors).toBe(saved.outsideVectors)
    expect(start.lockFactors).toBeNull()
    expect(continuedSummary(update, 1)).toBe('Continuing the saved run: kept 3 words, added 1 new word (1 of them occurs at least 1 time in the new corpus; counts merged).')
  })

  it('carries saved lock factors over (new words at 1) and a saved word’s keep probability when the new corpus does not retain it', () => {
    const start = continuedStart(update, { ...saved, lockFactors: Float32Array.from([0, 0, 1]), keepProbability: Float32Array.from([0.1, 0.2, 0.3]) }, 0.1)
    expect(Array.from(start.lockFactors!)).toEqual([0, 0, 1, 1])
    // cat and owl are retained (counts 1 and 2, T = 3, s·T = 0.3); dog and sun keep theirs.
    const formula = (c: number): number => Math.min(1, (Math.sqrt(c / 0.3) + 1) * (0.3 / c))
    expect(Array.from(start.keepProbability!)).toEqual([formula(1), 0.2, 0.3, formula(2)].map(Math.fround))
  })
})
