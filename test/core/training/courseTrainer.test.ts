import { describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/index'
import type { TrainingCorpus, Vocabulary } from '../../../src-main/core/corpus/corpusTypes'
import {
  COURSE_PRESET, CourseTrainer, TrainingConfigError, TrainingDivergedError, TrainingResumeError, type Cs224nSettings,
  type OptimizerKind,
} from '../../../src-main/core/training/index'

/** 4 topics × 5 words; each sentence draws 8 words from one topic, so co-occurrence has structure to learn. */
function topicCorpus(seed = 5): { corpus: TrainingCorpus; vocabulary: Vocabulary } {
  const random = new Random(seed)
  const raw: number[][] = Array.from({ length: 300 }, () => {
    const topic = random.nextInt(4)
    // Zipf-ish inside a topic, so counts differ and the noise table is not uniform.
    return Array.from({ length: 8 }, () => 5 * topic + Math.min(random.nextInt(5), random.nextInt(5)))
  })
  const rawCounts = new Array<number>(20).fill(0)
  for (const w of raw.flat()) rawCounts[w]!++
  const order = [...rawCounts.keys()].sort((a, b) => rawCounts[b]! - rawCounts[a]! || a - b)
  const idOf = new Map(order.map((w, id) => [w, id]))
  const words = order.map((w) => `t${Math.floor(w / 5)}w${w % 5}`)
  const vocabulary: Vocabulary = {
    words,
    counts: Uint32Array.from(order, (w) => rawCounts[w]!),
    index: new Map(words.map((word, id) => [word, id])),
  }
  let end = 0
  const corpus: TrainingCorpus = {
    ids: Int32Array.from(raw.flat(), (w) => idOf.get(w)!),
    sentenceEnds: Uint32Array.from(raw, (s) => (end += s.length)),
  }
  return { corpus, vocabulary }
}

const { corpus, vocabulary } = topicCorpus()
const small: Cs224nSettings = { ...COURSE_PRESET, dim: 8, window: 3, negatives: 5, iterations: 1000, batch: 20, annealEvery: 500, seed: 7, sample: 0 }

/** Mean minibatch loss of each tenth of the run. */
function lossByTenth(config: Cs224nSettings): number[] {
  const trainer = new CourseTrainer(corpus, vocabulary, config)
  const tenth = config.iterations / 10
  const means: number[] = []
  while (!trainer.done) {
    const { lossSum, steps } = trainer.runIterations(tenth)
    expect(steps).toBe(tenth)
    means.push(lossSum / steps)
  }
  return means
}

describe('CourseTrainer', () => {
  it.each<[OptimizerKind, Cs224nSettings['model'], Cs224nSettings['loss'], number]>([
    ['sgd', 'skipgram', 'negSampling', 0.3],
    ['momentum', 'skipgram', 'negSampling', 0.05],
    ['adam', 'skipgram', 'negSampling', 0.02],
    ['sgd', 'cbow', 'negSampling', 0.3],
    ['sgd', 'skipgram', 'naiveSoftmax', 0.3],
  ])('%s trains %s with %s: the loss of the last tenth is clearly below the first', (optimizer, model, loss, step) => {
    const means = lossByTenth({ ...small, optimizer, model, loss, step })
    expect(means).toHaveLength(10)
    expect(means.every(Number.isFinite)).toBe(true)
    expect(means[9]!).toBeLessThan(0.85 * means[0]!)
  })

  it('starts as run.py: V uniform in [−0.5, 0.5)/d, U zero', () => {
    const trainer = new CourseTrainer(corpus, vocabulary, small)
    const V = trainer.centerWordVectors
    expect(V).toHaveLength(20 * small.dim)
    expect(V.every((v) => v >= -0.5 / small.dim && v < 0.5 / small.dim)).toBe(true)
    expect(new Set(V).size).toBe(V.length)
    expect(trainer.outsideVectors.every((u) => u === 0)).toBe(true)
    expect([trainer.iteration, trainer.currentStep, trainer.expLoss, trainer.done]).toEqual([0, small.step, null, false])
  })

  it('halves the step every annealEvery iterations, updates the loss average every 10th and stops at the end', () => {
    const trainer = new CourseTrainer(corpus, vocabulary, { ...small, iterations: 250, annealEvery: 100 })
    trainer.runIterations(9)
    expect(trainer.expLoss).toBeNull()
    const first = trainer.runIterations(1)
    expect(trainer.expLoss).toBe(first.lossSum)
    trainer.runIterations(90)
    expect(trainer.currentStep).toBe(small.step / 2)
    const last = trainer.runIterations(1000)
    expect([last.iterations, last.steps, trainer.done, trainer.currentStep]).toEqual([250, 150, true, small.step / 4])
    expect(trainer.runIterations(10).steps).toBe(0)
  })

  it('gives bit-identical vectors for the same seed, different ones for another', () => {
    const config = { ...small, iterations: 300, optimizer: 'adam' as const, step: 0.02, sample: 0.01 }
    const a = new CourseTrainer(corpus, vocabulary, config)
    const b = new CourseTrainer(corpus, vocabulary, config)
    const c = new CourseTrainer(corpus, vocabulary, { ...config, seed: 8 })
    for (const t of [a, b, c]) t.runIterations(300)
    expect(b.centerWordVectors).toEqual(a.centerWordVectors)
    expect(b.outsideVectors).toEqual(a.outsideVectors)
    expect(c.centerWordVectors).not.toEqual(a.centerWordVectors)
  })

  it.each<[OptimizerKind, Cs224nSettings['model'], Cs224nSettings['subsampling']]>([['sgd', 'skipgram', 'word2vec'], ['momentum', 'cbow', 'word2vec'], ['adam', 'skipgram', 'word2vec'], ['sgd', 'cbow', 'cs224n']])(
    '%s / %s sub-sampled as %s, resumed from exported state, continues exactly like the unbroken run',
    (optimizer, model, subsampling) => {
      const config: Cs224nSettings = { ...small, optimizer, model, step: optimizer === 'sgd' ? 0.3 : 0.02, iterations: 400, annealEvery: 150, sample: 0.01, subsampling, cbowMean: true }
      const unbroken = new CourseTrainer(corpus, vocabulary, config)
      unbroken.runIterations(400)

      const first = new CourseTrainer(corpus, vocabulary, config)
      first.runIterations(170)
      const saved = first.exportState()
      // The generator's state comes from the saved state, not the seed; the course's copies come from the seed, which a resumed run keeps.
      const resumed = new CourseTrainer(corpus, vocabulary, { ...config, seed: subsampling === 'cs224n' ? config.seed : 12345 }, saved)
      expect([resumed.iteration, resumed.currentStep, resumed.expLoss]).toEqual([170, config.step / 2, first.expLoss])
      resumed.runIterations(400)

      expect(resumed.exportState()).toEqual(unbroken.exportState())
      // The state was a copy: the first trainer's own arrays kept moving without touching it.
      first.runIterations(10)
      expect(saved.centerWordVectors).not.toEqual(first.centerWordVectors)
    },
  )

  it('refuses a saved state that does not fit', () => {
    const saved = new CourseTrainer(corpus, vocabulary, small).exportState()
    expect(() => new CourseTrainer(corpus, vocabulary, { ...small, dim: 9 }, saved)).toThrow(TrainingResumeError)
    expect(() => new CourseTrainer(corpus, vocabulary, { ...small, optimizer: 'adam' }, saved)).toThrow(/for sgd, but this run uses adam/)
  })

  it('throws TrainingDivergedError naming the step when a huge step makes the loss blow up', () => {
    const trainer = new CourseTrainer(corpus, vocabulary, { ...small, loss: 'naiveSoftmax', step: 10 })
    let error: unknown
    try {
      trainer.runIterations(small.iterations)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TrainingDivergedError)
    const { message, details } = error as TrainingDivergedError
    expect(message).toMatch(/^Training diverged at iteration \d+: the (loss|word vectors) became (NaN|infinite)\. The learning rate \(10\) is probably too high; try a smaller step\.$/)
    expect(details.at).toBe(`iteration ${trainer.iteration + 1}`)
    // Nothing non-finite can be saved afterwards: the trainer refuses to go on or export.
    expect(() => trainer.exportState()).toThrow(TrainingDivergedError)
    expect(() => trainer.runIterations(1)).toThrow(TrainingDivergedError)
  })

  it('phrases a divergence as a user reads it', () => {
    const error = new TrainingDivergedError({ at: 'iteration 1234', quantity: 'loss', value: NaN, learningRate: 0.3, setting: 'step' })
    expect(error.message).toBe('Training diverged at iteration 1234: the loss became NaN. The learning rate (0.3) is probably too high; try a smaller step.')
    expect(error.kind).toBe('diverged')
  })

  it('rejects settings out of range with the field named', () => {
    const bad = (patch: Partial<Cs224nSettings>) => () => new CourseTrainer(corpus, vocabulary, { ...small, ...patch })
    expect(bad({ window: 0 })).toThrow(TrainingConfigError)
    expect(bad({ window: 0 })).toThrow(/The window must be a whole number from 1 to 100, not 0/)
    expect(bad({ step: -1 })).toThrow(/step \(the learning rate\) must be a number from 1e-8 to 10, not -1/)
    expect(bad({ batch: 2.5 })).toThrow(/batch size/)
    try {
      bad({ sample: -0.1 })()
    } catch (e) {
      expect((e as TrainingConfigError).field).toBe('sample')
    }
  })
})
