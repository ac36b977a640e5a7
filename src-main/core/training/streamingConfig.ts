import { TrainingConfigError } from './trainingErrors'

/** Settings of the streaming (word2vec) schedule: epochs over the corpus, linear learning-rate decay. */
export interface StreamingConfig {
  readonly model: 'skipgram' | 'cbow'
  readonly loss: 'negSampling' | 'naiveSoftmax'
  readonly dim: number
  /** Maximum window on each side; each centre word draws its own window from 1..window. */
  readonly window: number
  /** K negative samples per prediction (negative sampling only). */
  readonly negatives: number
  /** Sub-sampling threshold; 0 turns sub-sampling off. */
  readonly sample: number
  readonly alpha: number
  readonly minAlpha: number
  readonly epochs: number
  readonly threads: number
  readonly seed: number
  /** CBOW: average the context vectors (word2vec and gensim do) instead of summing them. */
  readonly cbowMean: boolean
  /** Exponent of the unigram noise distribution. */
  readonly negativePower: number
}

/** word2vec.c's and gensim's defaults: dim 100, window 5, negative 5, sample 1e-3, 5 epochs, alpha 0.025 (0.05 for CBOW). */
export function word2vecDefaults(model: StreamingConfig['model'] = 'skipgram', threads = 1): StreamingConfig {
  return {
    model, loss: 'negSampling', dim: 100, window: 5, negatives: 5, sample: 1e-3,
    alpha: model === 'cbow' ? 0.05 : 0.025, minAlpha: 0.0001, epochs: 5, threads, seed: 1, cbowMean: true, negativePower: 0.75,
  }
}

/**
 * Above this many words naive softmax gets a warning: it costs |V|·d per prediction, so 5,000
 * words is already ~1,000 times the work of negative sampling with K = 5.
 */
export const NAIVE_SOFTMAX_WARNING_VOCABULARY = 5000

/** Bounds of the settings both schedules share; the course's own are COURSE_LIMITS. */
export const OBJECTIVE_LIMITS = {
  dim: { min: 1, max: 2000 },
  window: { min: 1, max: 100 },
  negatives: { min: 1, max: 100 },
} as const

function requireInteger(field: string, value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TrainingConfigError(field, `${what} must be a whole number from ${min} to ${max}, not ${value}.`)
  }
}

function requireNumber(field: string, value: number, min: number, max: number, what: string): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new TrainingConfigError(field, `${what} must be a number from ${min} to ${max}, not ${value}.`)
  }
}

/** Throws a TrainingConfigError naming the first setting out of range. */
export function validateStreamingConfig(config: StreamingConfig): void {
  if (config.model !== 'skipgram' && config.model !== 'cbow') throw new TrainingConfigError('model', `The model must be skipgram or cbow, not ${String(config.model)}.`)
  if (config.loss !== 'negSampling' && config.loss !== 'naiveSoftmax') throw new TrainingConfigError('loss', `The loss must be negSampling or naiveSoftmax, not ${String(config.loss)}.`)
  requireInteger('dim', config.dim, OBJECTIVE_LIMITS.dim.min, OBJECTIVE_LIMITS.dim.max, 'The dimension')
  requireInteger('window', config.window, OBJECTIVE_LIMITS.window.min, OBJECTIVE_LIMITS.window.max, 'The window')
  if (config.loss === 'negSampling') requireInteger('negatives', config.negatives, OBJECTIVE_LIMITS.negatives.min, OBJECTIVE_LIMITS.negatives.max, 'The number of negative samples')
  requireNumber('sample', config.sample, 0, 1, 'The sub-sampling threshold')
  requireNumber('alpha', config.alpha, 1e-8, 10, 'The learning rate alpha')
  requireNumber('minAlpha', config.minAlpha, 0, config.alpha, 'The final learning rate minAlpha (at most alpha)')
  requireInteger('epochs', config.epochs, 1, 10000, 'The number of epochs')
  requireInteger('threads', config.threads, 1, 256, 'The number of threads')
  requireInteger('seed', config.seed, 0, 2 ** 32 - 1, 'The seed')
  requireNumber('negativePower', config.negativePower, 0, 2, 'The noise-distribution exponent')
}

/** Warnings a user should see before training (not errors: the run is allowed). */
export function streamingConfigWarnings(config: StreamingConfig, vocabSize: number): string[] {
  const warnings: string[] = []
  if (config.loss === 'naiveSoftmax' && vocabSize > NAIVE_SOFTMAX_WARNING_VOCABULARY) {
    warnings.push(`Naive softmax touches all ${vocabSize.toLocaleString('en-US')} words for every prediction; training will be very slow. Negative sampling learns comparable vectors far faster.`)
  }
  if (config.alpha > 0.5) warnings.push(`A learning rate of ${config.alpha} is likely to diverge; word2vec uses 0.025 (skip-gram) or 0.05 (CBOW).`)
  return warnings
}

/** The learning rate after a fraction `progress` (0..1) of all epochs: linear from alpha to minAlpha. */
export function learningRateAt(config: Pick<StreamingConfig, 'alpha' | 'minAlpha'>, progress: number): number {
  return Math.max(config.minAlpha, config.alpha - (config.alpha - config.minAlpha) * Math.min(1, Math.max(0, progress)))
}
