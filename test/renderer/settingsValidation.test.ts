import { describe, expect, it } from 'vitest'
import {
  hyperparameterWarnings, presetHyperparameters, startSettings, trainingMemoryEstimate, validateHyperparameters, vocabularyAt,
} from '../../src-main/core/contract/settingsValidation'
import { COURSE_PRESET, word2vecDefaults } from '../../src-main/core/settings/trainingSettings'
import { corpusResult } from './fakeW2v'

const corpus = corpusResult(['/c.txt'])

describe('settings validation', () => {
  it('accepts every preset', () => {
    for (const id of ['word2vec', 'cs224n', 'quick'] as const) expect(validateHyperparameters(presetHyperparameters(id, 4), corpus)).toEqual([])
  })

  it('names every wrong field with the engine’s sentence, not only the first', () => {
    const h = { ...presetHyperparameters('word2vec', 4), dim: 0, window: 1.5, alpha: -1 }
    expect(validateHyperparameters(h)).toEqual([
      { field: 'dim', message: 'The dimension must be a whole number from 1 to 2000, not 0.' },
      { field: 'window', message: 'The window must be a whole number from 1 to 100, not 1.5.' },
      { field: 'alpha', message: 'The learning rate alpha must be a number from 1e-8 to 10, not -1.' },
    ])
  })

  it('says a blank field needs a number instead of “not NaN”', () => {
    const problems = validateHyperparameters({ ...presetHyperparameters('quick', 1), epochs: Number.NaN })
    expect(problems).toEqual([{ field: 'epochs', message: 'The number of epochs needs a number.' }])
  })

  it('judges only the fields the schedule reads', () => {
    const course = { ...presetHyperparameters('cs224n', 1), epochs: 0, minAlpha: -5, threads: 0, iterations: 0, batch: 0 }
    expect(validateHyperparameters(course).map((p) => p.field)).toEqual(['iterations', 'batch'])
    const word2vec = { ...presetHyperparameters('word2vec', 1), iterations: 0, annealEvery: -1 }
    expect(validateHyperparameters(word2vec)).toEqual([])
  })

  it('refuses a minCount that leaves the corpus without vocabulary', () => {
    const rows = [{ minCount: 1, vocabSize: 10, coverage: 1 }, { minCount: 5, vocabSize: 1, coverage: 0.2 }]
    expect(validateHyperparameters({ ...presetHyperparameters('quick', 1), minCount: 7 }, { tokens: 100, vocabularyByMinCount: rows })).toEqual([
      { field: 'minCount', message: 'Only one word occurs at least 7 times in this corpus; lower minCount so there is something to learn.' },
    ])
    expect(vocabularyAt(rows, 7)).toEqual({ vocabSize: 1, coverage: 0.2, exact: false })
    expect(vocabularyAt(rows, 5)).toEqual({ vocabSize: 1, coverage: 0.2, exact: true })
  })

  it('warns about naive softmax on a large vocabulary and a learning rate likely to diverge', () => {
    const naive = { ...presetHyperparameters('quick', 1), loss: 'naiveSoftmax' as const }
    expect(hyperparameterWarnings(naive, 17_000)[0]).toMatch(/^Naive softmax touches all 17,000 words/)
    expect(hyperparameterWarnings(naive, 100)).toEqual([])
    expect(hyperparameterWarnings({ ...presetHyperparameters('quick', 1), alpha: 1 }, 100)[0]).toMatch(/^A learning rate of 1 is likely to diverge/)
    expect(hyperparameterWarnings(presetHyperparameters('cs224n', 1), 100)).toEqual([])
    expect(hyperparameterWarnings({ ...presetHyperparameters('cs224n', 1), optimizer: 'adam' }, 100)).toEqual([
      'A step of 0.3 is likely to diverge with adam; the course uses 0.3 with plain SGD.',
    ])
  })

  it('turns the form into the engine’s settings for either schedule', () => {
    expect(startSettings(presetHyperparameters('word2vec', 3))).toEqual({ settings: { schedule: 'word2vec', config: word2vecDefaults('skipgram', 3) }, vocabulary: { minCount: 5 } })
    expect(startSettings(presetHyperparameters('cs224n', 3))).toEqual({ settings: { schedule: 'cs224n', config: COURSE_PRESET }, vocabulary: { minCount: 1, unk: true } })
  })

  it('estimates more memory for a larger dimension, and float64 matrices for the course', () => {
    const small = trainingMemoryEstimate(presetHyperparameters('quick', 1), corpus)!
    const large = trainingMemoryEstimate(presetHyperparameters('word2vec', 1), corpus)!
    expect(large).toBeGreaterThan(small)
    const course = { ...presetHyperparameters('word2vec', 1), schedule: 'cs224n' as const }
    expect(trainingMemoryEstimate(course, corpus)! - large).toBeGreaterThan(2 * 4900 * 100 * 4 - 1)
  })
})
