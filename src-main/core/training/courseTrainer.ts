import type { TrainingCorpus, Vocabulary } from '../corpus/corpusTypes'
import { buildAliasTable, keepProbabilities, unigramWeights } from '../corpus/sampling'
import type { ContextSource } from '../minibatch'
import { Random, type RandomState } from '../random'
import type { Word2vecLossKind, Word2vecModelKind } from '../word2vecLoss'
import { corpusContextSource, noiseSampler } from './corpusContexts'
import { type OptimizerKind, type OptimizerState, type SparseOptimizer, createOptimizer } from './optimizers'
import {
  type SparseGradients, type SparsePairLoss, type WordVectorParams, SparseRowGradient, SparseWord2vec, sparseMinibatch,
  sparseNaiveSoftmaxLoss, sparseNegSamplingLoss,
} from './sparseGradients'
import { TrainingConfigError, TrainingDivergedError, TrainingResumeError } from './trainingErrors'

export interface CourseConfig {
  readonly model: Word2vecModelKind
  readonly loss: Word2vecLossKind
  readonly dim: number
  /** C: each window's size is drawn from 1..C. */
  readonly windowSize: number
  /** K negative samples per (centre, outside) pair. */
  readonly negatives: number
  /** The initial learning rate, halved every `annealEvery` iterations. */
  readonly step: number
  readonly iterations: number
  /** B windows per minibatch. */
  readonly batchSize: number
  readonly annealEvery: number
  readonly optimizer: OptimizerKind
  /** CBOW only: average the context vectors instead of summing them (the course sums). */
  readonly cbowMean: boolean
  /** Sub-sampling threshold (word2vec's `sample`); 0 = off. */
  readonly sample: number
  /** Exponent of the unigram counts in the noise distribution. */
  readonly negativePower: number
  readonly seed: number
}

/**
 * CS224n assignment 2's run.py: skip-gram with negative sampling, d = 10, C = 5, K = 10, plain SGD
 * with step 0.3 for 40,000 iterations of B = 50 windows, the step halved every 20,000 (sgd.py's
 * ANNEAL_EVERY), V uniform in [−0.5, 0.5)/d and U zero. Where this differs from the course:
 * - sub-sampling is off; the course always drops frequent words (keep √(10⁻⁵·T / c_w), once over
 *   30 copies of the corpus). Set `sample` to sub-sample with word2vec's formula at every window;
 * - negatives come from an exact alias table of c_w^0.75, not a 10⁶-entry approximate table;
 * - one seeded generator drives everything, so the numbers are not Python's and NumPy's.
 */
export const COURSE_PRESET: CourseConfig = {
  model: 'skipgram',
  loss: 'negSampling',
  dim: 10,
  windowSize: 5,
  negatives: 10,
  step: 0.3,
  iterations: 40000,
  batchSize: 50,
  annealEvery: 20000,
  optimizer: 'sgd',
  cbowMean: false,
  sample: 0,
  negativePower: 0.75,
  seed: 31415,
}

/** Where a course run stands; plain data, enough to continue it exactly. */
export interface CourseTrainerState {
  readonly iteration: number
  readonly step: number
  readonly expLoss: number | null
  readonly randomState: RandomState
  readonly optimizer: OptimizerState
  readonly centerWordVectors: Float64Array
  readonly outsideVectors: Float64Array
}

export interface CourseProgress {
  /** The trainer's iteration count after the call. */
  readonly iterations: number
  /** Sum of the minibatch losses of the iterations this call ran; lossSum / steps is their mean. */
  readonly lossSum: number
  /** Iterations (optimizer steps) this call ran. */
  readonly steps: number
}

/** The course updates its loss average every PRINT_EVERY = 10 iterations, from that iteration's loss. */
const EXP_LOSS_EVERY = 10

/** Throws a TrainingConfigError naming the first course setting the trainer cannot run with. */
export function validateCourseConfig(config: CourseConfig): void {
  const wholeAtLeast = (field: keyof CourseConfig, min: number) => {
    const value = config[field]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw new TrainingConfigError(field, `${field} must be a whole number of at least ${min}, not ${String(value)}.`)
    }
  }
  if (config.model !== 'skipgram' && config.model !== 'cbow') throw new TrainingConfigError('model', `model must be skipgram or cbow, not ${String(config.model)}.`)
  if (config.loss !== 'negSampling' && config.loss !== 'naiveSoftmax') throw new TrainingConfigError('loss', `loss must be negSampling or naiveSoftmax, not ${String(config.loss)}.`)
  if (!['sgd', 'momentum', 'adam'].includes(config.optimizer)) throw new TrainingConfigError('optimizer', `optimizer must be sgd, momentum or adam, not ${String(config.optimizer)}.`)
  wholeAtLeast('dim', 1)
  wholeAtLeast('windowSize', 1)
  wholeAtLeast('negatives', config.loss === 'negSampling' ? 1 : 0)
  wholeAtLeast('iterations', 0)
  wholeAtLeast('batchSize', 1)
  wholeAtLeast('annealEvery', 1)
  if (!Number.isInteger(config.seed)) throw new TrainingConfigError('seed', `seed must be a whole number, not ${config.seed}.`)
  if (!(config.step > 0) || !Number.isFinite(config.step)) throw new TrainingConfigError('step', `step (the learning rate) must be a positive number, not ${config.step}.`)
  if (!(config.sample >= 0) || !Number.isFinite(config.sample)) throw new TrainingConfigError('sample', `sample must be 0 (off) or a positive threshold such as 0.001, not ${config.sample}.`)
  if (!Number.isFinite(config.negativePower)) throw new TrainingConfigError('negativePower', `negativePower must be a number such as 0.75, not ${config.negativePower}.`)
}

function checkResume(state: CourseTrainerState, size: number): void {
  if (state.centerWordVectors.length !== size || state.outsideVectors.length !== size) {
    throw new TrainingResumeError(`The saved word vectors have ${state.centerWordVectors.length} and ${state.outsideVectors.length} values, but this vocabulary and dimension need ${size}: the state comes from another run.`)
  }
  if (!Number.isInteger(state.iteration) || state.iteration < 0) throw new TrainingResumeError(`The saved iteration ${state.iteration} is not a whole number.`)
  if (!(state.step > 0) || !Number.isFinite(state.step)) throw new TrainingResumeError(`The saved step ${state.step} is not a positive number.`)
}

/** The first value in the touched rows of x that is not finite, or undefined when all are. */
function nonFiniteInRows(x: Float64Array, grad: SparseRowGradient): number | undefined {
  const d = grad.dim
  for (let i = 0; i < grad.size; i++) {
    const offset = grad.rows[i]! * d
    for (let k = 0; k < d; k++) {
      const value = x[offset + k]!
      if (!Number.isFinite(value)) return value
    }
  }
  return undefined
}

/**
 * The course's schedule (CS224n A2 run.py + sgd.py) on a real corpus, with sparse gradients so a
 * step costs what the minibatch touches, not |V|·d. Runs in slices (`runIterations`) so a caller
 * can report progress, pause, and checkpoint between them.
 */
export class CourseTrainer {
  readonly vocabSize: number
  private readonly random: Random
  private readonly params: WordVectorParams
  private readonly source: ContextSource
  private readonly lossFn: SparsePairLoss
  private readonly model: SparseWord2vec
  private readonly grads: SparseGradients
  private readonly optimizer: SparseOptimizer
  private iterationCount: number
  private stepSize: number
  private expLossValue: number | null
  /** Set once training diverged: the parameters may hold NaN, so nothing may run or be exported after. */
  private divergence: TrainingDivergedError | null = null

  constructor(corpus: TrainingCorpus, vocabulary: Vocabulary, readonly config: CourseConfig, resume?: CourseTrainerState) {
    validateCourseConfig(config)
    const { dim } = config
    const vocabSize = vocabulary.words.length
    if (vocabulary.counts.length !== vocabSize) throw new RangeError(`The vocabulary has ${vocabSize} words but ${vocabulary.counts.length} counts.`)
    this.vocabSize = vocabSize
    this.random = new Random(config.seed)

    const keep = config.sample > 0 ? keepProbabilities(vocabulary.counts, config.sample) : undefined
    this.source = corpusContextSource(corpus, vocabSize, { keep })
    this.lossFn = config.loss === 'negSampling'
      ? sparseNegSamplingLoss(noiseSampler(buildAliasTable(unigramWeights(vocabulary.counts, config.negativePower)), this.random, config.negatives))
      : sparseNaiveSoftmaxLoss(vocabSize)

    const size = vocabSize * dim
    if (resume) checkResume(resume, size)
    const centerWordVectors = resume ? Float64Array.from(resume.centerWordVectors) : new Float64Array(size)
    const outsideVectors = resume ? Float64Array.from(resume.outsideVectors) : new Float64Array(size)
    // run.py: V = (rand(|V|, d) − 0.5) / d, U = 0. A resumed run's generator already moved past these draws.
    if (!resume) for (let i = 0; i < size; i++) centerWordVectors[i] = (this.random.nextFloat() - 0.5) / dim
    else this.random.setState(resume.randomState)
    this.params = { vocabSize, dim, centerWordVectors, outsideVectors }

    this.model = new SparseWord2vec(dim)
    this.grads = { gradCenterVecs: new SparseRowGradient(vocabSize, dim), gradOutsideVectors: new SparseRowGradient(vocabSize, dim) }
    this.optimizer = createOptimizer(config.optimizer, [size, size], {}, resume?.optimizer)
    this.iterationCount = resume?.iteration ?? 0
    this.stepSize = resume?.step ?? config.step
    this.expLossValue = resume?.expLoss ?? null
  }

  get iteration(): number {
    return this.iterationCount
  }

  /** The learning rate the next iteration uses (after annealing). */
  get currentStep(): number {
    return this.stepSize
  }

  /** 0.95 / 0.05 moving average of the loss, updated every 10th iteration as the course's sgd; null before the 10th. */
  get expLoss(): number | null {
    return this.expLossValue
  }

  get done(): boolean {
    return this.iterationCount >= this.config.iterations
  }

  /** V, |V| × d row-major. The live array: copy it to keep a snapshot. */
  get centerWordVectors(): Float64Array {
    return this.params.centerWordVectors
  }

  /** U, |V| × d row-major. The live array: copy it to keep a snapshot. */
  get outsideVectors(): Float64Array {
    return this.params.outsideVectors
  }

  /**
   * Runs up to n iterations (fewer when the run ends): each draws B windows, averages their loss
   * and gradients, and takes one optimizer step; the step halves every `annealEvery` iterations.
   * Throws `TrainingDivergedError` as soon as the loss or an updated vector is not finite, so
   * a state exported after a successful call never holds NaN or ±Infinity.
   */
  runIterations(n: number): CourseProgress {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`runIterations needs a whole number of iterations, not ${n}.`)
    if (this.divergence) throw this.divergence
    const { config, params, grads } = this
    const end = Math.min(this.iterationCount + n, config.iterations)
    const options = { model: config.model, lossFn: this.lossFn, windowSize: config.windowSize, batchSize: config.batchSize, cbowMean: config.cbowMean }
    const matrices = [params.centerWordVectors, params.outsideVectors]
    const gradients = [grads.gradCenterVecs, grads.gradOutsideVectors]
    let lossSum = 0
    let steps = 0
    while (this.iterationCount < end) {
      const iteration = this.iterationCount + 1
      const loss = sparseMinibatch(params, this.source, this.random, this.model, options, grads)
      if (!Number.isFinite(loss)) this.diverged(iteration, 'loss', loss)
      this.optimizer.update(matrices, gradients, this.stepSize)
      const bad = nonFiniteInRows(params.centerWordVectors, grads.gradCenterVecs) ?? nonFiniteInRows(params.outsideVectors, grads.gradOutsideVectors)
      if (bad !== undefined) this.diverged(iteration, 'vectors', bad)

      this.iterationCount = iteration
      lossSum += loss
      steps++
      if (iteration % EXP_LOSS_EVERY === 0) this.expLossValue = this.expLossValue === null ? loss : 0.95 * this.expLossValue + 0.05 * loss
      if (iteration % config.annealEvery === 0) this.stepSize *= 0.5
    }
    return { iterations: this.iterationCount, lossSum, steps }
  }

  /** A copy of everything needed to continue this run exactly. Throws the divergence error once training diverged. */
  exportState(): CourseTrainerState {
    if (this.divergence) throw this.divergence
    return {
      iteration: this.iterationCount,
      step: this.stepSize,
      expLoss: this.expLossValue,
      randomState: this.random.getState(),
      optimizer: this.optimizer.exportState(),
      centerWordVectors: Float64Array.from(this.params.centerWordVectors),
      outsideVectors: Float64Array.from(this.params.outsideVectors),
    }
  }

  private diverged(iteration: number, quantity: 'loss' | 'vectors', value: number): never {
    this.divergence = new TrainingDivergedError({ at: `iteration ${iteration}`, quantity, value, learningRate: this.config.step, setting: 'step' })
    throw this.divergence
  }
}
