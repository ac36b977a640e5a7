/**
 * The one table of training settings: for every field its type, bounds, label, help, the name a
 * sentence gives it, its `w2v train` flag and the schedules that use it. The contract's schemas,
 * the form, the CLI's flags and usage, the engines' assertion and checkpoint parsing all derive
 * from it, so a bound is written once and every process gives the same verdict.
 */
import {
  type AllSettings, LOSSES, MODELS, OPTIMIZERS, type Schedule, SCHEDULES, type SettingField, SUBSAMPLINGS,
} from './trainingSettings'

/** The values a bound or a condition may read: the other fields, as the form or a request holds them. */
export type SettingValues = Partial<Record<SettingField, unknown>>

/** A bound fixed in the table, or one read from another field (minAlpha ≤ alpha). */
export type Bound = number | { readonly field: SettingField; readonly at: (values: SettingValues) => number | undefined }

interface RuleBase {
  readonly label: string
  readonly help: string
  /** How a sentence that starts with the field names it: "The dimension must be …". */
  readonly sentence: string
  /** The `w2v train` flag (without --). */
  readonly flag: string
  readonly schedules: readonly Schedule[]
  /** Whether the form shows it; the others are each preset's choice or command-line only. */
  readonly onForm: boolean
  /** The field that plays this one's part under the other schedule (word2vec's alpha is the course's step). */
  readonly counterpart?: SettingField
  /** Judged only when this holds (negatives only for negative sampling); unset: always. */
  readonly when?: (values: SettingValues) => boolean
}

export interface NumberRule extends RuleBase {
  readonly type: 'integer' | 'number'
  readonly min: Bound
  readonly max: Bound
  readonly unit?: string
  /** May be left unset (maxVocab: no limit). */
  readonly optional?: boolean
}

export interface ChoiceRule extends RuleBase {
  readonly type: 'choice'
  readonly options: readonly string[]
  readonly optionLabels: Readonly<Record<string, string>>
}

export interface BooleanRule extends RuleBase {
  readonly type: 'boolean'
  /** The flag sets the field to this value (--cbow-sum sets cbowMean to false). */
  readonly flagSets: boolean
  /** May be left unset, which means false (unk). */
  readonly optional?: boolean
}

export type SettingRule = NumberRule | ChoiceRule | BooleanRule

const BOTH = SCHEDULES
const WORD2VEC: readonly Schedule[] = ['word2vec']
const CS224N: readonly Schedule[] = ['cs224n']
const negSampling = (values: SettingValues): boolean => values.loss === 'negSampling'
const subsampling = (values: SettingValues): boolean => !(typeof values.sample === 'number' && values.sample === 0)
const alphaOf = (values: SettingValues): number | undefined => (typeof values.alpha === 'number' && Number.isFinite(values.alpha) ? values.alpha : undefined)

/** In form order. */
export const SETTING_RULES: { readonly [F in SettingField]-?: SettingRule } = {
  model: {
    type: 'choice', options: MODELS, optionLabels: { skipgram: 'skip-gram', cbow: 'CBOW' }, label: 'Model', flag: 'model', schedules: BOTH, onForm: true,
    sentence: 'The model', help: 'Skip-gram: centre → context; CBOW: context → centre.',
  },
  loss: {
    type: 'choice', options: LOSSES,
    // "hierarchical softmax" does not fit the form's narrowest select; the help spells it out.
    optionLabels: { negSampling: 'negative sampling', naiveSoftmax: 'naive softmax', hierarchicalSoftmax: 'hier. softmax' },
    label: 'Loss', flag: 'loss', schedules: BOTH, onForm: true, sentence: 'The loss',
    help: 'Negative sampling is fast; naive softmax is exact; hierarchical (hier.) softmax is exact over a Huffman tree, in log |V| steps.',
  },
  dim: {
    type: 'integer', min: 1, max: 2000, label: 'Dimension d', flag: 'dim', schedules: BOTH, onForm: true, sentence: 'The dimension',
    help: 'Numbers per word vector.',
  },
  window: {
    type: 'integer', min: 1, max: 100, unit: 'words', label: 'Window', flag: 'window', schedules: BOTH, onForm: true, sentence: 'The window',
    help: 'Context words on each side (at most).',
  },
  negatives: {
    type: 'integer', min: 1, max: 100, label: 'Negative samples K', flag: 'negative', schedules: BOTH, onForm: true, when: negSampling,
    sentence: 'The number of negative samples', help: 'Noise words per prediction.',
  },
  minCount: {
    type: 'integer', min: 1, max: 1e9, label: 'minCount', flag: 'min-count', schedules: BOTH, onForm: true, sentence: 'The minimum count (minCount)',
    help: 'Rarer words are left out.',
  },
  maxVocab: {
    type: 'integer', min: 1, max: 1e9, optional: true, label: 'maxVocab', flag: 'max-vocab', schedules: BOTH, onForm: false,
    sentence: 'The largest vocabulary (maxVocab)', help: 'Keep at most this many words, the most frequent; unset for no limit.',
  },
  unk: {
    // The course's preset adds it, so the flag turns it off.
    type: 'boolean', flagSets: false, optional: true, label: 'Add UNK', flag: 'no-unk', schedules: CS224N, onForm: true, sentence: 'The UNK setting',
    help: "The course's extra word of count 1.",
  },
  sample: {
    type: 'number', min: 0, max: 1, label: 'Sub-sampling threshold', flag: 'sample', schedules: BOTH, onForm: true, sentence: 'The sub-sampling threshold',
    help: '0 turns it off; word2vec: 0.001, the course: 0.00001.',
  },
  subsampling: {
    type: 'choice', options: SUBSAMPLINGS, optionLabels: { word2vec: 'word2vec (each window)', cs224n: 'course (30 copies)' }, label: 'Sub-sampling',
    flag: 'subsampling', schedules: CS224N, onForm: true, when: subsampling, sentence: 'The sub-sampling',
    help: 'word2vec keeps (√(c/sT)+1)·sT/c; the course keeps √(sT/c).',
  },
  alpha: {
    type: 'number', min: 1e-8, max: 10, label: 'Learning rate alpha', flag: 'alpha', schedules: WORD2VEC, onForm: true, counterpart: 'step', sentence: 'The learning rate alpha',
    help: '0.025 for skip-gram, 0.05 for CBOW.',
  },
  minAlpha: {
    type: 'number', min: 0, max: { field: 'alpha', at: alphaOf }, label: 'Final learning rate', flag: 'min-alpha', schedules: WORD2VEC, onForm: true,
    sentence: 'The final learning rate minAlpha', help: 'alpha decays linearly to this.',
  },
  epochs: {
    type: 'integer', min: 1, max: 10000, label: 'Epochs', flag: 'epochs', schedules: WORD2VEC, onForm: true, sentence: 'The number of epochs',
    help: 'Passes over the corpus.',
  },
  threads: {
    type: 'integer', min: 1, max: 256, label: 'Threads', flag: 'threads', schedules: WORD2VEC, onForm: true, sentence: 'The number of threads',
    help: 'Training threads (Hogwild).',
  },
  step: {
    type: 'number', min: 1e-8, max: 10, label: 'Step', flag: 'step', schedules: CS224N, onForm: true, counterpart: 'alpha', sentence: 'The step (the learning rate)',
    help: 'The learning rate; the course: 0.3.',
  },
  iterations: {
    type: 'integer', min: 1, max: 1e9, label: 'Iterations', flag: 'iterations', schedules: CS224N, onForm: true, sentence: 'The number of iterations',
    help: 'Minibatch steps.',
  },
  batch: {
    type: 'integer', min: 1, max: 100_000, unit: 'windows', label: 'Batch size', flag: 'batch', schedules: CS224N, onForm: true, sentence: 'The batch size',
    help: 'Windows per minibatch.',
  },
  annealEvery: {
    type: 'integer', min: 1, max: 1e9, unit: 'iterations', label: 'Halve the step every', flag: 'anneal-every', schedules: CS224N, onForm: true,
    sentence: 'The anneal interval', help: 'Iterations between halvings.',
  },
  optimizer: {
    type: 'choice', options: OPTIMIZERS, optionLabels: { sgd: 'SGD', momentum: 'momentum', adam: 'Adam' }, label: 'Optimizer', flag: 'optimizer',
    schedules: CS224N, onForm: true, sentence: 'The optimizer', help: 'The course uses plain SGD.',
  },
  seed: {
    type: 'integer', min: 0, max: 2 ** 32 - 1, label: 'Seed', flag: 'seed', schedules: BOTH, onForm: true, sentence: 'The seed',
    help: 'The same seed replays a run.',
  },
  cbowMean: {
    type: 'boolean', flagSets: false, label: 'CBOW mean', flag: 'cbow-sum', schedules: BOTH, onForm: false, sentence: 'The CBOW mean setting',
    help: 'CBOW: average the context vectors (word2vec) rather than sum them (the course).',
  },
  negativePower: {
    type: 'number', min: 0, max: 2, label: 'Noise exponent', flag: 'negative-power', schedules: BOTH, onForm: false, when: negSampling,
    sentence: 'The noise-distribution exponent', help: 'Noise words are drawn in proportion to their count to this power (word2vec: 0.75).',
  },
}

export const SETTING_FIELDS = Object.keys(SETTING_RULES) as SettingField[]

/** The fields a schedule reads, in form order. */
export function scheduleFields(schedule: Schedule): SettingField[] {
  return SETTING_FIELDS.filter((field) => SETTING_RULES[field].schedules.includes(schedule))
}

/** A bound's value for these settings; undefined when it reads a field that is not a number. */
export function boundAt(bound: Bound, values: SettingValues): number | undefined {
  return typeof bound === 'number' ? bound : bound.at(values)
}

export type { AllSettings }

/** The schedule: the union's tag, chosen before any of its fields. */
export const SCHEDULE_RULE = {
  label: 'Schedule',
  flag: 'schedule',
  options: SCHEDULES,
  optionLabels: { word2vec: 'word2vec', cs224n: 'CS224n' } as const satisfies Readonly<Record<Schedule, string>>,
  help: { word2vec: 'Epochs over the corpus, linear decay.', cs224n: 'Minibatch SGD with annealing.' } as const satisfies Readonly<Record<Schedule, string>>,
}

/** The fields of how the corpus becomes a vocabulary; the rest describe the run itself. */
export const VOCABULARY_FIELDS = ['minCount', 'maxVocab', 'unk'] as const satisfies readonly SettingField[]

/** The fields a run's `config` holds under a schedule: its schedule fields and the objective. */
export function configFields(schedule: Schedule): SettingField[] {
  return scheduleFields(schedule).filter((field) => !(VOCABULARY_FIELDS as readonly SettingField[]).includes(field))
}
