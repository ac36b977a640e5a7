/**
 * The window's hyperparameter form, judged as the user types by the engine's own rules: the
 * presets, one sentence per field that is wrong, the warnings a run is still allowed with, the
 * memory a run will hold, and the `start` request the form becomes. Pure functions, so the
 * window (which may import only the contract) and its tests share them with the engine.
 */
import type { MinCountRow } from '../corpus/corpusStats'
import { DEFAULT_TOKENIZER_OPTIONS, type TokenizerOptions } from '../corpus/tokenizer'
import { COURSE_LIMITS, COURSE_PRESET } from '../training/courseTrainer'
import { courseMemoryEstimate, word2vecMemoryEstimate } from '../training/memoryEstimate'
import type { OptimizerKind } from '../training/optimizers'
import { type StreamingConfig, streamingConfigWarnings, validateStreamingConfig, word2vecDefaults } from '../training/streamingConfig'
import { TrainingConfigError } from '../training/trainingErrors'
import type * as v from 'valibot'
import type { ScheduleSettingsSchema, VocabularySettingsSchema } from './settingsSchemas'

type ScheduleSettings = v.InferOutput<typeof ScheduleSettingsSchema>
type VocabularySettings = v.InferOutput<typeof VocabularySettingsSchema>

export type Schedule = 'word2vec' | 'cs224n'

/**
 * One form for both schedules, in the words of its fields: `alpha` is the word2vec schedule's
 * alpha and the course's step, `window` its windowSize, `batch` its batchSize.
 */
export interface Hyperparameters {
  readonly schedule: Schedule
  readonly model: StreamingConfig['model']
  readonly loss: StreamingConfig['loss']
  readonly dim: number
  readonly window: number
  readonly negatives: number
  readonly minCount: number
  readonly sample: number
  readonly alpha: number
  /** word2vec schedule only. */
  readonly minAlpha: number
  readonly epochs: number
  readonly threads: number
  /** Course schedule only. */
  readonly iterations: number
  readonly batch: number
  readonly optimizer: OptimizerKind
  readonly annealEvery: number
  readonly seed: number
  /** Not on the form: each preset's choice. */
  readonly cbowMean: boolean
  readonly negativePower: number
}

export type HyperparameterField = keyof Hyperparameters

export interface FieldProblem {
  readonly field: HyperparameterField
  readonly message: string
}

/** Which fields each schedule reads; the others are kept but not judged. */
export const SCHEDULE_FIELDS: Readonly<Record<Schedule, readonly HyperparameterField[]>> = {
  word2vec: ['model', 'loss', 'dim', 'window', 'negatives', 'minCount', 'sample', 'alpha', 'minAlpha', 'epochs', 'threads', 'seed'],
  cs224n: ['model', 'loss', 'dim', 'window', 'negatives', 'minCount', 'sample', 'alpha', 'iterations', 'batch', 'optimizer', 'annealEvery', 'seed'],
}

export const PRESET_IDS = ['word2vec', 'cs224n', 'quick'] as const
export type PresetId = (typeof PRESET_IDS)[number]

export const PRESET_LABELS: Readonly<Record<PresetId, string>> = {
  word2vec: 'word2vec defaults',
  cs224n: 'CS224n assignment',
  quick: 'Quick look',
}

/** The course's fields as the form names them, so a word2vec preset can still switch schedule. */
const COURSE_FIELDS = {
  iterations: COURSE_PRESET.iterations,
  batch: COURSE_PRESET.batchSize,
  optimizer: COURSE_PRESET.optimizer,
  annealEvery: COURSE_PRESET.annealEvery,
} as const

function fromStreaming(config: StreamingConfig, minCount: number): Hyperparameters {
  return { schedule: 'word2vec', ...config, minCount, ...COURSE_FIELDS }
}

/** A preset's values; `threads` is what "one per core" means on this machine. */
export function presetHyperparameters(id: PresetId, threads: number): Hyperparameters {
  switch (id) {
    case 'word2vec':
      return fromStreaming(word2vecDefaults('skipgram', threads), 5)
    // Moby-Dick (215k tokens) in a few seconds: a small dimension and two passes.
    case 'quick':
      return fromStreaming({ ...word2vecDefaults('skipgram', threads), dim: 50, epochs: 2 }, 5)
    case 'cs224n': {
      const c = COURSE_PRESET
      const streaming = word2vecDefaults(c.model, threads)
      return {
        schedule: 'cs224n', model: c.model, loss: c.loss, dim: c.dim, window: c.windowSize, negatives: c.negatives,
        // The course keeps every word of its corpus.
        minCount: 1,
        sample: c.sample, alpha: c.step, minAlpha: streaming.minAlpha, epochs: streaming.epochs, threads,
        ...COURSE_FIELDS, seed: c.seed, cbowMean: c.cbowMean, negativePower: c.negativePower,
      }
    }
  }
}

/** How each numeric field is named in a sentence that starts with it. */
const NUMBER_NAMES: Partial<Record<HyperparameterField, string>> = {
  dim: 'The dimension', window: 'The window', negatives: 'The number of negative samples', minCount: 'The minimum count (minCount)',
  sample: 'The sub-sampling threshold', alpha: 'The learning rate', minAlpha: 'The final learning rate minAlpha',
  epochs: 'The number of epochs', threads: 'The number of threads', iterations: 'The number of iterations',
  batch: 'The batch size', annealEvery: 'The anneal interval', seed: 'The seed', negativePower: 'The noise-distribution exponent',
}

function streamingConfigOf(h: Hyperparameters): StreamingConfig {
  return {
    model: h.model, loss: h.loss, dim: h.dim, window: h.window, negatives: h.negatives, sample: h.sample, alpha: h.alpha,
    minAlpha: h.minAlpha, epochs: h.epochs, threads: h.threads, seed: h.seed, cbowMean: h.cbowMean, negativePower: h.negativePower,
  }
}

/**
 * Every field validateStreamingConfig objects to, not just the first: after each objection the
 * field takes a value the engine accepts and the check runs again.
 */
function engineProblems(config: StreamingConfig, judged: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = []
  const accepted = word2vecDefaults('skipgram', 1)
  let candidate: StreamingConfig = config
  const seen = new Set<string>()
  for (;;) {
    try {
      validateStreamingConfig(candidate)
      return problems
    } catch (error) {
      if (!(error instanceof TrainingConfigError)) throw error
      // A fallback the engine refuses too (minAlpha above a tiny alpha) would loop: one sentence per field is enough.
      if (seen.has(error.field)) return problems
      seen.add(error.field)
      if (judged.has(error.field)) problems.push({ field: error.field as HyperparameterField, message: error.message })
      const field = error.field as keyof StreamingConfig
      candidate = { ...candidate, [field]: field === 'minAlpha' ? Math.min(accepted.minAlpha, candidate.alpha) : accepted[field] }
    }
  }
}

function wholeNumberProblem(field: HyperparameterField, value: number, min: number, max: number): FieldProblem | null {
  if (Number.isInteger(value) && value >= min && value <= max) return null
  return { field, message: `${NUMBER_NAMES[field]} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, not ${value}.` }
}

/** The course's own settings (CourseTrainer's checks, with upper bounds a window can show). */
function courseProblems(h: Hyperparameters): FieldProblem[] {
  const problems = [
    wholeNumberProblem('iterations', h.iterations, COURSE_LIMITS.iterations.min, COURSE_LIMITS.iterations.max),
    wholeNumberProblem('batch', h.batch, COURSE_LIMITS.batchSize.min, COURSE_LIMITS.batchSize.max),
    wholeNumberProblem('annealEvery', h.annealEvery, COURSE_LIMITS.annealEvery.min, COURSE_LIMITS.annealEvery.max),
  ].filter((p): p is FieldProblem => p !== null)
  if (!['sgd', 'momentum', 'adam'].includes(h.optimizer)) problems.push({ field: 'optimizer', message: `The optimizer must be sgd, momentum or adam, not ${String(h.optimizer)}.` })
  return problems
}

/** The vocabulary a minCount keeps, from the corpus's rows: exact when it is a listed minCount, else an upper bound. */
export function vocabularyAt(rows: readonly MinCountRow[], minCount: number): { vocabSize: number; coverage: number; exact: boolean } | null {
  let best: MinCountRow | null = null
  for (const row of rows) {
    if (row.minCount === minCount) return { vocabSize: row.vocabSize, coverage: row.coverage, exact: true }
    if (row.minCount < minCount && (best === null || row.minCount > best.minCount)) best = row
  }
  return best ? { vocabSize: best.vocabSize, coverage: best.coverage, exact: false } : null
}

/** What the form is judged against beyond its own values: the loaded corpus's vocabulary by minCount. */
export interface CorpusVocabulary {
  readonly tokens: number
  /** For the memory figure (4 to 8 bytes a sentence); unknown counts as none. */
  readonly sentences?: number
  readonly vocabularyByMinCount: readonly MinCountRow[]
}

/** One problem per field that is wrong, in form order; empty when the form can start a run. */
export function validateHyperparameters(h: Hyperparameters, corpus: CorpusVocabulary | null = null): FieldProblem[] {
  const judged = new Set<string>(SCHEDULE_FIELDS[h.schedule])
  judged.add('negativePower')
  const problems: FieldProblem[] = []
  // The engine's sentence for a blank field would end in "not NaN".
  for (const field of judged) {
    const value = h[field as HyperparameterField]
    if (typeof value === 'number' && !Number.isFinite(value)) problems.push({ field: field as HyperparameterField, message: `${NUMBER_NAMES[field as HyperparameterField]} needs a number.` })
  }
  const blank = new Set(problems.map((p) => p.field))
  const defaults = presetHyperparameters(h.schedule === 'word2vec' ? 'word2vec' : 'cs224n', 1)
  const filled = { ...h, ...Object.fromEntries([...blank].map((f) => [f, defaults[f]])) } as Hyperparameters
  const engine = streamingConfigOf(h.schedule === 'word2vec' ? filled : { ...filled, minAlpha: 0, epochs: 1, threads: 1 })
  problems.push(...engineProblems(engine, new Set([...judged].filter((f) => !blank.has(f as HyperparameterField)))))
  if (h.schedule === 'cs224n') problems.push(...courseProblems(filled))
  if (!blank.has('minCount')) {
    const minCount = wholeNumberProblem('minCount', h.minCount, 1, 1e9)
    if (minCount) problems.push(minCount)
    else if (corpus) {
      const kept = vocabularyAt(corpus.vocabularyByMinCount, h.minCount)
      if (kept && kept.vocabSize < 2) {
        problems.push({ field: 'minCount', message: `${kept.vocabSize === 0 ? 'No word occurs' : 'Only one word occurs'} at least ${h.minCount} times in this corpus; lower minCount so there is something to learn.` })
      }
    }
  }
  const order = SCHEDULE_FIELDS[h.schedule]
  return problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field))
}

/**
 * The course's step is a plain SGD step on the minibatch's mean gradient (0.3 in the course);
 * momentum multiplies the effective step by 1/(1 − β) = 10, and Adam's step is already per
 * coordinate, so each diverges from a much smaller step.
 */
const COURSE_DIVERGING_STEP: Readonly<Record<OptimizerKind, number>> = { sgd: 3, momentum: 0.3, adam: 0.1 }

/** Things worth knowing before a run that is still allowed: slow naive softmax, a learning rate likely to diverge. */
export function hyperparameterWarnings(h: Hyperparameters, vocabSize: number | null): string[] {
  if (h.schedule === 'word2vec') return streamingConfigWarnings(streamingConfigOf(h), vocabSize ?? 0)
  // The engine's learning-rate sentence speaks of word2vec's alpha, so the course's step is judged here.
  const warnings = streamingConfigWarnings({ ...streamingConfigOf(h), alpha: 0 }, vocabSize ?? 0)
  const limit = COURSE_DIVERGING_STEP[h.optimizer]
  if (limit !== undefined && h.alpha > limit) warnings.push(`A step of ${h.alpha} is likely to diverge with ${h.optimizer}; the course uses 0.3 with plain SGD.`)
  return warnings
}

/**
 * Bytes the run will hold: the engines' own estimate (the one they refuse a run by), from the
 * vocabulary the minCount keeps and the share of the corpus it covers.
 */
export function trainingMemoryEstimate(h: Hyperparameters, corpus: CorpusVocabulary): number | null {
  const kept = vocabularyAt(corpus.vocabularyByMinCount, h.minCount)
  if (!kept || !Number.isInteger(h.dim) || h.dim < 1) return null
  const size = { vocabSize: kept.vocabSize, tokens: Math.round(kept.coverage * corpus.tokens), sentences: corpus.sentences ?? 0 }
  const { settings } = startSettings(h)
  return (settings.schedule === 'word2vec' ? word2vecMemoryEstimate(settings.config, size) : courseMemoryEstimate(settings.config, size)).bytes
}

/** The `start` request's settings and vocabulary for a valid form. */
export function startSettings(h: Hyperparameters): { settings: ScheduleSettings; vocabulary: VocabularySettings } {
  const vocabulary = { minCount: h.minCount }
  if (h.schedule === 'word2vec') return { settings: { schedule: 'word2vec', config: streamingConfigOf(h) }, vocabulary }
  return {
    settings: {
      schedule: 'cs224n',
      config: {
        model: h.model, loss: h.loss, dim: h.dim, windowSize: h.window, negatives: h.negatives, step: h.alpha, iterations: h.iterations,
        batchSize: h.batch, annealEvery: h.annealEvery, optimizer: h.optimizer, cbowMean: h.cbowMean, sample: h.sample,
        negativePower: h.negativePower, seed: h.seed,
      },
    },
    vocabulary,
  }
}

export type { TokenizerOptions }

/** The tokenizer's defaults, for the corpus panel's options. */
export const TOKENIZER_DEFAULTS: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS
