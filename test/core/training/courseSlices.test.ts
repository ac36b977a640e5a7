/**
 * The course schedule cut into slices of windows (so the trainer can answer requests inside a
 * large minibatch) trains exactly the numbers of whole minibatches, and a state saved halfway
 * through a minibatch resumes to the same numbers.
 */
import { describe, expect, it } from 'vitest'
import type { TrainingCorpus, Vocabulary } from '../../../src-main/core/corpus/corpusTypes'
import { Random } from '../../../src-main/core/random'
import type { ContextSource } from '../../../src-main/core/minibatch'
import { CourseTrainer } from '../../../src-main/core/training/courseTrainer'
import { COURSE_PRESET, type Cs224nSettings } from '../../../src-main/core/settings/trainingSettings'
import {
  type SparsePairLoss, SlicedMinibatch, SparseRowGradient, SparseWord2vec, sparseMinibatch, sparseNaiveSoftmaxLoss,
} from '../../../src-main/core/training/sparseGradients'

function randomCorpus(types: number, sentences: number, seed = 3): { corpus: TrainingCorpus; vocabulary: Vocabulary } {
  const random = new Random(seed)
  const lengths = Array.from({ length: sentences }, () => 3 + random.nextInt(10))
  const ids = Int32Array.from({ length: lengths.reduce((a, b) => a + b, 0) }, () => Math.min(random.nextInt(types), random.nextInt(types)))
  const counts = new Uint32Array(types)
  for (const id of ids) counts[id]!++
  for (let w = 0; w < types; w++) counts[w] = Math.max(1, counts[w]!)
  const words = Array.from({ length: types }, (_, w) => `w${w}`)
  let end = 0
  return {
    corpus: { ids, sentenceEnds: Uint32Array.from(lengths, (n) => (end += n)) },
    vocabulary: { words, counts, index: new Map(words.map((w, i) => [w, i])) },
  }
}

const { corpus, vocabulary } = randomCorpus(60, 200)

function snapshot(trainer: CourseTrainer) {
  return { v: Array.from(trainer.centerWordVectors), u: Array.from(trainer.outsideVectors), expLoss: trainer.expLoss, step: trainer.currentStep, iteration: trainer.iteration }
}

const CONFIGS: readonly [string, Cs224nSettings][] = [
  ['skip-gram, negative sampling, sgd', { ...COURSE_PRESET, dim: 6, iterations: 40, batch: 13, annealEvery: 15, seed: 11 }],
  ['skip-gram, naive softmax, adam', { ...COURSE_PRESET, loss: 'naiveSoftmax', optimizer: 'adam', step: 0.01, dim: 5, iterations: 30, batch: 17, annealEvery: 10, seed: 12 }],
  ['cbow, negative sampling, momentum, sub-sampling', { ...COURSE_PRESET, model: 'cbow', optimizer: 'momentum', step: 0.03, sample: 0.01, dim: 4, iterations: 30, batch: 9, annealEvery: 10, seed: 13 }],
]

describe.each(CONFIGS)('CourseTrainer in slices of predictions (%s)', (_, config) => {
  it('trains exactly the parameters of whole minibatches', () => {
    const whole = new CourseTrainer(corpus, vocabulary, config)
    let wholeLoss = 0
    for (let i = 0; i < config.iterations; i++) wholeLoss += whole.runIterations(1).lossSum
    const sliced = new CourseTrainer(corpus, vocabulary, config)
    let slicedLoss = 0
    let steps = 0
    const sizes = [1, 7, 2, 30, 5]
    for (let i = 0; !sliced.done; i++) {
      const progress = sliced.runPredictions(sizes[i % sizes.length]!)
      slicedLoss += progress.lossSum
      steps += progress.steps
    }
    expect(steps).toBe(config.iterations)
    expect(snapshot(sliced)).toEqual(snapshot(whole))
    expect(slicedLoss).toBeCloseTo(wholeLoss, 9)
  })

  it('saved halfway through a minibatch, resumes to the same parameters', () => {
    const unbroken = new CourseTrainer(corpus, vocabulary, config)
    unbroken.runIterations(config.iterations)
    const first = new CourseTrainer(corpus, vocabulary, config)
    first.runIterations(7)
    first.runPredictions(Math.floor(config.batch / 2))
    expect(first.iteration).toBe(7)
    const resumed = new CourseTrainer(corpus, vocabulary, config, first.exportState())
    resumed.runIterations(config.iterations)
    // The first run goes on with its half-done minibatch and lands on the same numbers too.
    first.runIterations(config.iterations)
    expect(snapshot(resumed)).toEqual(snapshot(unbroken))
    expect(snapshot(first)).toEqual(snapshot(unbroken))
  })
})

describe('SlicedMinibatch', () => {
  it('stops inside a skip-gram window after the predictions it was given, and adds up to sparseMinibatch', () => {
    const dim = 3
    const vocabSize = 60
    const wide: ContextSource = { vocabSize, getRandomContext: (_, random) => ({ centerWordIdx: random.nextInt(vocabSize), contextWordIdxs: Array.from({ length: 50 }, (_, i) => i) }) }
    const params = () => {
      const random = new Random(4)
      const values = () => Float64Array.from({ length: vocabSize * dim }, () => random.nextFloat() - 0.5)
      return { vocabSize, dim, centerWordVectors: values(), outsideVectors: values() }
    }
    const grads = () => ({ gradCenterVecs: new SparseRowGradient(vocabSize, dim), gradOutsideVectors: new SparseRowGradient(vocabSize, dim) })
    let calls = 0
    const naive = sparseNaiveSoftmaxLoss(vocabSize)
    const counted: SparsePairLoss = (...args) => (calls++, naive(...args))
    const options = { model: 'skipgram' as const, lossFn: counted, window: 5, batch: 3 }

    const sliced = grads()
    const minibatch = new SlicedMinibatch(params(), wide, new Random(9), new SparseWord2vec(dim), options, sliced)
    minibatch.begin()
    expect(minibatch.advance(3)).toBe(3)
    expect(calls).toBe(3)
    expect(minibatch.complete).toBe(false)
    while (!minibatch.complete) minibatch.advance(7)
    expect(calls).toBe(150)

    const whole = grads()
    const loss = sparseMinibatch(params(), wide, new Random(9), new SparseWord2vec(dim), options, whole)
    expect(minibatch.loss).toBe(loss)
    expect(Array.from(sliced.gradCenterVecs.toDense())).toEqual(Array.from(whole.gradCenterVecs.toDense()))
    expect(Array.from(sliced.gradOutsideVectors.toDense())).toEqual(Array.from(whole.gradOutsideVectors.toDense()))
  })
})
