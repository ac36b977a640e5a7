/**
 * The window's hyperparameter form, judged as the user types by the engine's own rules (the
 * rule table in core/settings): the presets, one sentence per field that is wrong, the warnings
 * a run is still allowed with, the memory a run will hold, and the `start` request the form
 * becomes. Pure functions, so the window (which may import only the contract) and its tests
 * share them with the engine.
 */
import type { MinCountRow } from '../corpus/corpusStats'
import { DEFAULT_TOKENIZER_OPTIONS, type TokenizerOptions } from '../corpus/tokenizer'
import { type FieldProblem, settingProblems } from '../settings/settingProblems'
import { configFields } from '../settings/settingRules'
import {
  type AllSettings, COURSE_PRESET, type Cs224nSettings, type OptimizerKind, type Schedule, type ScheduleSettings, type SettingField,
  type VocabularySettings, type Word2vecSettings, word2vecDefaults,
} from '../settings/trainingSettings'
import { copyTokensBound } from '../training/courseSubsampling'
import { courseMemoryEstimate, word2vecMemoryEstimate } from '../training/memoryEstimate'
import { naiveSoftmaxWarnings, streamingConfigWarnings } from '../training/streamingConfig'

export type { FieldProblem, Schedule }

/** The form's values: every field of both schedules, so switching schedule and back keeps what the user typed. */
export type Hyperparameters = { readonly schedule: Schedule; readonly unk: boolean } & Omit<AllSettings, 'maxVocab' | 'unk'>
export type HyperparameterField = Exclude<SettingField, 'maxVocab'>

export const PRESET_IDS = ['word2vec', 'cs224n', 'quick'] as const
export type PresetId = (typeof PRESET_IDS)[number]

export const PRESET_LABELS: Readonly<Record<PresetId, string>> = {
  word2vec: 'word2vec defaults',
  cs224n: 'CS224n assignment',
  quick: 'Quick look',
}

/** The course's own fields, so a word2vec preset can still switch schedule. */
const { step, iterations, batch, annealEvery, optimizer, subsampling } = COURSE_PRESET

function fromWord2vec(config: Word2vecSettings, minCount: number): Hyperparameters {
  return { schedule: 'word2vec', ...config, minCount, unk: false, step, iterations, batch, annealEvery, optimizer, subsampling }
}

/** A preset's values; `threads` is what "one per core" means on this machine. */
export function presetHyperparameters(id: PresetId, threads: number): Hyperparameters {
  switch (id) {
    case 'word2vec':
      return fromWord2vec(word2vecDefaults('skipgram', threads), 5)
    // Moby-Dick (215k tokens) in a few seconds: a small dimension and two passes.
    case 'quick':
      return fromWord2vec({ ...word2vecDefaults('skipgram', threads), dim: 50, epochs: 2 }, 5)
    case 'cs224n': {
      const { alpha, minAlpha, epochs } = word2vecDefaults(COURSE_PRESET.model, threads)
      // The course keeps every word of its corpus, and adds UNK.
      return { schedule: 'cs224n', ...COURSE_PRESET, minCount: 1, unk: true, alpha, minAlpha, epochs, threads }
    }
  }
}

/**
 * How a preset reads the corpus, in the layout its first lines showed (corpusLayout.ts): the
 * course's reading (utils/treebank.py) splits each sentence at whitespace and lower-cases it,
 * dropping nothing; the others read words as the default tokenizer does.
 */
export function presetTokenizer(id: PresetId, layout: TokenizerOptions['format'] = 'plain'): TokenizerOptions {
  return { ...DEFAULT_TOKENIZER_OPTIONS, ...(id === 'cs224n' ? { segmentation: 'whitespace' } : {}), format: layout }
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
  /** For the course's memory figure (4 to 8 bytes a sentence); unknown counts as none. */
  readonly sentences?: number
  /** Distinct tokens, for word2vec's memory figure; unknown counts as the vocabulary at minCount 1. */
  readonly types?: number
  readonly vocabularyByMinCount: readonly MinCountRow[]
}

/** One problem per field that is wrong, all at once, in form order; empty when the form can start a run. */
export function validateHyperparameters(h: Hyperparameters, corpus: CorpusVocabulary | null = null): FieldProblem[] {
  const problems = settingProblems(h, h.schedule)
  if (corpus && !problems.some((p) => p.field === 'minCount')) {
    const kept = vocabularyAt(corpus.vocabularyByMinCount, h.minCount)
    if (kept && kept.vocabSize < 2) {
      problems.push({ field: 'minCount', message: `${kept.vocabSize === 0 ? 'No word occurs' : 'Only one word occurs'} at least ${h.minCount} times in this corpus; lower minCount so there is something to learn.` })
    }
  }
  return problems
}

/**
 * The course's step is a plain SGD step on the minibatch's mean gradient (0.3 in the course);
 * momentum multiplies the effective step by 1/(1 − β) = 10, and Adam's step is already per
 * coordinate, so each diverges from a much smaller step.
 */
const COURSE_DIVERGING_STEP: Readonly<Record<OptimizerKind, number>> = { sgd: 3, momentum: 0.3, adam: 0.1 }

/** Things worth knowing before a run that is still allowed: slow naive softmax, a learning rate likely to diverge. */
export function hyperparameterWarnings(h: Hyperparameters, vocabSize: number | null): string[] {
  if (h.schedule === 'word2vec') return streamingConfigWarnings(h, vocabSize ?? 0)
  const warnings = naiveSoftmaxWarnings(h.loss, vocabSize ?? 0)
  const limit = COURSE_DIVERGING_STEP[h.optimizer]
  if (limit !== undefined && h.step > limit) warnings.push(`A step of ${h.step} is likely to diverge with ${h.optimizer}; the course uses 0.3 with plain SGD.`)
  return warnings
}

/**
 * Bytes the run will hold: the engines' own estimate (the one they refuse a run by), from the
 * vocabulary the minCount keeps and the share of the corpus it covers.
 */
export function trainingMemoryEstimate(h: Hyperparameters, corpus: CorpusVocabulary): number | null {
  const kept = vocabularyAt(corpus.vocabularyByMinCount, h.minCount)
  if (!kept || !Number.isInteger(h.dim) || h.dim < 1) return null
  if (h.schedule === 'word2vec') {
    const types = corpus.types ?? vocabularyAt(corpus.vocabularyByMinCount, 1)?.vocabSize ?? kept.vocabSize
    return word2vecMemoryEstimate(h, { vocabSize: kept.vocabSize, types }, corpus.tokens).bytes
  }
  const tokens = Math.round(kept.coverage * corpus.tokens)
  const copies = h.sample > 0 && h.subsampling === 'cs224n' ? { copyTokens: copyTokensBound(tokens, kept.vocabSize, h.sample) } : {}
  return courseMemoryEstimate(h, { vocabSize: kept.vocabSize, tokens, sentences: corpus.sentences ?? 0, ...copies }).bytes
}

/** The fields of `h` a schedule's config holds, as the table lists them. */
function configOf(h: Hyperparameters, schedule: 'word2vec'): Word2vecSettings
function configOf(h: Hyperparameters, schedule: 'cs224n'): Cs224nSettings
function configOf(h: Hyperparameters, schedule: Schedule): Word2vecSettings | Cs224nSettings {
  // configFields(schedule) are exactly the keys of that schedule's settings type.
  return Object.fromEntries(configFields(schedule).map((field) => [field, h[field as HyperparameterField]])) as unknown as Word2vecSettings | Cs224nSettings
}

/** The `start` request's settings and vocabulary for a valid form. */
export function startSettings(h: Hyperparameters): { settings: ScheduleSettings; vocabulary: VocabularySettings } {
  // UNK is the course's: the word2vec schedule's vocabulary is word2vec's.
  const vocabulary = { minCount: h.minCount, ...(h.schedule === 'cs224n' && h.unk ? { unk: true } : {}) }
  const settings: ScheduleSettings = h.schedule === 'word2vec'
    ? { schedule: 'word2vec', config: configOf(h, 'word2vec') }
    : { schedule: 'cs224n', config: configOf(h, 'cs224n') }
  return { settings, vocabulary }
}

export type { TokenizerOptions }

/** The tokenizer's defaults, for the corpus panel's options. */
export const TOKENIZER_DEFAULTS: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS

export { DEFAULT_PHRASE_OPTIONS, MAX_PHRASE_PASSES, MAX_PHRASE_VOCAB, type PhraseOptions, phraseOptionProblems } from '../corpus/phraseOptions'
