import type { TrainingCorpus, Vocabulary } from '../corpus/corpusTypes'
import { buildAliasTable, keepProbabilities, unigramWeights } from '../corpus/sampling'
import type { ContextSource } from '../minibatch'
import { Random, type RandomState } from '../random'
import { assertScheduleSettings } from '../settings/settingProblems'
import type { Cs224nSettings } from '../settings/trainingSettings'
import { corpusContextSource, noiseSampler } from './corpusContexts'
import { rejectProbabilities, subsampledCopies, subsamplingRandom } from './courseSubsampling'
import { type OptimizerState, type SparseOptimizer, createOptimizer } from './optimizers'
import {
  type SparseGradients, type SparsePairLoss, type WordVectorParams, SlicedMinibatch, SparseRowGradient, SparseWord2vec,
  sparseHierarchicalSoftmaxLoss, sparseNaiveSoftmaxLoss, sparseNegSamplingLoss,
} from './sparseGradients'
import { buildHuffmanTree } from '../huffmanTree'
import { outsideRowCount } from '../word2vecLoss'
import { TrainingDivergedError, TrainingResumeError } from './trainingErrors'

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

function checkResume(state: CourseTrainerState, size: number, outsideSize: number): void {
  if (state.centerWordVectors.length !== size || state.outsideVectors.length !== outsideSize) {
    throw new TrainingResumeError(`The saved word vectors have ${state.centerWordVectors.length} and ${state.outsideVectors.length} values, but this vocabulary, dimension and loss need ${size} and ${outsideSize}: the state comes from another run.`)
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

/** Windows from the corpus, sub-sampled as the settings say: the course's copies, or word2vec's keep at every window. */
function contextSource(corpus: TrainingCorpus, vocabulary: Vocabulary, config: Cs224nSettings): ContextSource {
  const vocabSize = vocabulary.words.length
  if (config.sample <= 0) return corpusContextSource(corpus, vocabSize)
  if (config.subsampling === 'cs224n') {
    const copies = subsampledCopies(corpus, rejectProbabilities(vocabulary.counts, config.sample), subsamplingRandom(config.seed))
    return corpusContextSource(copies, vocabSize)
  }
  return corpusContextSource(corpus, vocabSize, { keep: keepProbabilities(vocabulary.counts, config.sample) })
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
  private readonly minibatch: SlicedMinibatch
  /** The generator as the current minibatch began (null: none begun): a state exported halfway replays that minibatch whole. */
  private minibatchStart: RandomState | null = null
  /** Set once training diverged: the parameters may hold NaN, so nothing may run or be exported after. */
  private divergence: TrainingDivergedError | null = null

  constructor(corpus: TrainingCorpus, vocabulary: Vocabulary, readonly config: Cs224nSettings, resume?: CourseTrainerState) {
    assertScheduleSettings({ schedule: 'cs224n', config })
    const { dim } = config
    const vocabSize = vocabulary.words.length
    if (vocabulary.counts.length !== vocabSize) throw new RangeError(`The vocabulary has ${vocabSize} words but ${vocabulary.counts.length} counts.`)
    this.vocabSize = vocabSize
    this.random = new Random(config.seed)

    this.source = contextSource(corpus, vocabulary, config)
    this.lossFn = config.loss === 'negSampling'
      ? sparseNegSamplingLoss(noiseSampler(buildAliasTable(unigramWeights(vocabulary.counts, config.negativePower)), this.random, config.negatives))
      : config.loss === 'hierarchicalSoftmax' ? sparseHierarchicalSoftmaxLoss(buildHuffmanTree(vocabulary.counts)) : sparseNaiveSoftmaxLoss(vocabSize)

    const size = vocabSize * dim
    const outsideRows = outsideRowCount(config.loss, vocabSize)
    const outsideSize = outsideRows * dim
    if (resume) checkResume(resume, size, outsideSize)
    const centerWordVectors = resume ? Float64Array.from(resume.centerWordVectors) : new Float64Array(size)
    const outsideVectors = resume ? Float64Array.from(resume.outsideVectors) : new Float64Array(outsideSize)
    // run.py: V = (rand(|V|, d) − 0.5) / d, U = 0. A resumed run's generator already moved past these draws.
    if (!resume) for (let i = 0; i < size; i++) centerWordVectors[i] = (this.random.nextFloat() - 0.5) / dim
    else this.random.setState(resume.randomState)
    this.params = { vocabSize, dim, centerWordVectors, outsideVectors }

    this.model = new SparseWord2vec(dim)
    this.grads = { gradCenterVecs: new SparseRowGradient(vocabSize, dim), gradOutsideVectors: new SparseRowGradient(outsideRows, dim) }
    this.optimizer = createOptimizer(config.optimizer, [size, outsideSize], {}, resume?.optimizer)
    this.iterationCount = resume?.iteration ?? 0
    this.stepSize = resume?.step ?? config.step
    this.expLossValue = resume?.expLoss ?? null
    const options = { model: config.model, lossFn: this.lossFn, window: config.window, batch: config.batch, cbowMean: config.cbowMean }
    this.minibatch = new SlicedMinibatch(this.params, this.source, this.random, this.model, options, this.grads)
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
    const target = Math.min(this.iterationCount + n, this.config.iterations)
    let lossSum = 0
    let steps = 0
    while (this.iterationCount < target) {
      lossSum += this.advance(Infinity).loss!
      steps++
    }
    return { iterations: this.iterationCount, lossSum, steps }
  }

  /**
   * Runs up to `budget` predictions (an outside word of a skip-gram window, or a CBOW window),
   * ending the iterations whose minibatch fills: a host bounds its slices by predictions, so a
   * minibatch whose windows cost seconds (naive softmax, a wide window, a large batch) cannot
   * hold it that long. The numbers are exactly those of whole minibatches; the parameters change
   * only as an iteration ends.
   */
  runPredictions(budget: number): CourseProgress {
    if (!(budget >= 0)) throw new RangeError(`runPredictions needs a number of predictions, not ${budget}.`)
    let lossSum = 0
    let steps = 0
    while (budget > 0 && this.iterationCount < this.config.iterations) {
      const { used, loss } = this.advance(budget)
      budget -= used
      if (loss === null) break
      lossSum += loss
      steps++
    }
    return { iterations: this.iterationCount, lossSum, steps }
  }

  /** Up to `budget` predictions of the current minibatch; its loss when it filled and the iteration ended, else null. */
  private advance(budget: number): { used: number; loss: number | null } {
    if (this.divergence) throw this.divergence
    const { config, params, grads, minibatch } = this
    if (this.minibatchStart === null) {
      this.minibatchStart = this.random.getState()
      minibatch.begin()
    }
    const used = minibatch.advance(budget)
    if (!minibatch.complete) return { used, loss: null }
    this.minibatchStart = null
    const iteration = this.iterationCount + 1
    const loss = minibatch.loss
    if (!Number.isFinite(loss)) this.diverged(iteration, 'loss', loss)
    this.optimizer.update([params.centerWordVectors, params.outsideVectors], [grads.gradCenterVecs, grads.gradOutsideVectors], this.stepSize)
    const bad = nonFiniteInRows(params.centerWordVectors, grads.gradCenterVecs) ?? nonFiniteInRows(params.outsideVectors, grads.gradOutsideVectors)
    if (bad !== undefined) this.diverged(iteration, 'vectors', bad)

    this.iterationCount = iteration
    if (iteration % EXP_LOSS_EVERY === 0) this.expLossValue = this.expLossValue === null ? loss : 0.95 * this.expLossValue + 0.05 * loss
    if (iteration % config.annealEvery === 0) this.stepSize *= 0.5
    return { used, loss }
  }

  /** A copy of everything needed to continue this run exactly. Throws the divergence error once training diverged. */
  exportState(): CourseTrainerState {
    if (this.divergence) throw this.divergence
    return {
      iteration: this.iterationCount,
      step: this.stepSize,
      expLoss: this.expLossValue,
      // Halfway through a minibatch the parameters are still those before it: its windows are drawn again on resume.
      randomState: this.minibatchStart ?? this.random.getState(),
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
