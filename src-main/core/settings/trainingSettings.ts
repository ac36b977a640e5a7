/**
 * What a training run is, once for every process: the objective both schedules optimise, how the
 * corpus becomes a vocabulary, and the schedule that drives the updates (word2vec's linear decay
 * over epochs, or the course's annealed minibatch SGD). One name per concept, the course's.
 * The ranges of every field are in settingRules.ts.
 */

export const MODELS = ['skipgram', 'cbow'] as const
export type Word2vecModelKind = (typeof MODELS)[number]

export const LOSSES = ['negSampling', 'naiveSoftmax', 'hierarchicalSoftmax'] as const
export type Word2vecLossKind = (typeof LOSSES)[number]

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const
export type OptimizerKind = (typeof OPTIMIZERS)[number]

/** Sub-sampling of frequent words: word2vec's formula at every window, or the course's, once over 30 copies (courseSubsampling.ts). */
export const SUBSAMPLINGS = ['word2vec', 'cs224n'] as const
export type SubsamplingKind = (typeof SUBSAMPLINGS)[number]

export const SCHEDULES = ['word2vec', 'cs224n'] as const
export type Schedule = (typeof SCHEDULES)[number]

/** The function being minimised, the same under either schedule. */
export type Objective = {
  readonly model: Word2vecModelKind
  readonly loss: Word2vecLossKind
  readonly dim: number
  /** C: each centre word draws its own window from 1..C words on each side. */
  readonly window: number
  /** K negative samples per prediction (negative sampling only). */
  readonly negatives: number
  /** Exponent of the unigram counts in the noise distribution. */
  readonly negativePower: number
  /** CBOW only: average the context vectors (word2vec and gensim do) instead of summing them (the course). */
  readonly cbowMean: boolean
  /** Sub-sampling threshold; 0 turns sub-sampling off. */
  readonly sample: number
  readonly seed: number
}

/** word2vec's schedule: epochs over the corpus, the learning rate decaying linearly from alpha to minAlpha. */
export type Word2vecScheduleFields = {
  readonly alpha: number
  readonly minAlpha: number
  readonly epochs: number
  readonly threads: number
}

/** The course's schedule (CS224n A2's run.py and sgd.py): minibatches of windows, the step halved every annealEvery. */
export type Cs224nScheduleFields = {
  readonly step: number
  readonly iterations: number
  /** B windows per minibatch. */
  readonly batch: number
  readonly annealEvery: number
  readonly optimizer: OptimizerKind
  /** Whose sub-sampling `sample` sets; word2vec's schedule streams, so it has only word2vec's. */
  readonly subsampling: SubsamplingKind
}

export type Word2vecSettings = Objective & Word2vecScheduleFields
export type Cs224nSettings = Objective & Cs224nScheduleFields

/** Which schedule a run uses, with its settings. */
export type ScheduleSettings =
  | { readonly schedule: 'word2vec'; readonly config: Word2vecSettings }
  | { readonly schedule: 'cs224n'; readonly config: Cs224nSettings }

/** How the corpus becomes the vocabulary a run trains. */
export type VocabularySettings = {
  readonly minCount: number
  /** Keep at most this many words (the most frequent); unset: no limit. */
  readonly maxVocab?: number
  /** Add the course's UNK: a word of count 1 that never occurs (in T, and drawn as noise); unset: no. */
  readonly unk?: boolean
}

/** Every field of every part, flat: the form's values, which keep both schedules' fields. */
export type AllSettings = Objective & Word2vecScheduleFields & Cs224nScheduleFields & VocabularySettings
export type SettingField = keyof AllSettings

/** word2vec.c's and gensim's defaults: dim 100, window 5, negative 5, sample 1e-3, 5 epochs, alpha 0.025 (0.05 for CBOW). */
export function word2vecDefaults(model: Word2vecModelKind = 'skipgram', threads = 1): Word2vecSettings {
  return {
    model, loss: 'negSampling', dim: 100, window: 5, negatives: 5, sample: 1e-3,
    alpha: model === 'cbow' ? 0.05 : 0.025, minAlpha: 0.0001, epochs: 5, threads, seed: 1, cbowMean: true, negativePower: 0.75,
  }
}

/**
 * CS224n assignment 2's run.py: skip-gram with negative sampling, d = 10, C = 5, K = 10, plain SGD
 * with step 0.3 for 40,000 iterations of B = 50 windows, the step halved every 20,000 (sgd.py's
 * ANNEAL_EVERY), V uniform in [−0.5, 0.5)/d and U zero, and the course's sub-sampling (threshold
 * 10⁻⁵, once over 30 copies of the sentences). The preset also reads the corpus as the course
 * does and adds UNK (presetHyperparameters, COURSE_TOKENIZER). Where this differs from the course:
 * - negatives come from an exact alias table of c_w^0.75, not a 10⁶-entry approximate table;
 * - seeded generators drive everything, so the numbers are not Python's and NumPy's.
 */
export const COURSE_PRESET: Cs224nSettings = {
  model: 'skipgram',
  loss: 'negSampling',
  dim: 10,
  window: 5,
  negatives: 10,
  step: 0.3,
  iterations: 40000,
  batch: 50,
  annealEvery: 20000,
  optimizer: 'sgd',
  cbowMean: false,
  sample: 1e-5,
  subsampling: 'cs224n',
  negativePower: 0.75,
  seed: 31415,
}
