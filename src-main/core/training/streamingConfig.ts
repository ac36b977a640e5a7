import type { Word2vecSettings } from '../settings/trainingSettings'

/**
 * Above this many words naive softmax gets a warning: it costs |V|·d per prediction, so 5,000
 * words is already ~1,000 times the work of negative sampling with K = 5.
 */
export const NAIVE_SOFTMAX_WARNING_VOCABULARY = 5000

/** Naive softmax over a large vocabulary: allowed, but the user should know it will be slow. */
export function naiveSoftmaxWarnings(loss: Word2vecSettings['loss'], vocabSize: number): string[] {
  if (loss !== 'naiveSoftmax' || vocabSize <= NAIVE_SOFTMAX_WARNING_VOCABULARY) return []
  return [`Naive softmax touches all ${vocabSize.toLocaleString('en-US')} words for every prediction; training will be very slow. Negative sampling learns comparable vectors far faster.`]
}

/** Warnings a user should see before a word2vec run (not errors: the run is allowed). */
export function streamingConfigWarnings(config: Pick<Word2vecSettings, 'loss' | 'alpha'>, vocabSize: number): string[] {
  const warnings = naiveSoftmaxWarnings(config.loss, vocabSize)
  if (config.alpha > 0.5) warnings.push(`A learning rate of ${config.alpha} is likely to diverge; word2vec uses 0.025 (skip-gram) or 0.05 (CBOW).`)
  return warnings
}

/** The learning rate after a fraction `progress` (0..1) of all epochs: linear from alpha to minAlpha. */
export function learningRateAt(config: Pick<Word2vecSettings, 'alpha' | 'minAlpha'>, progress: number): number {
  return Math.max(config.minAlpha, config.alpha - (config.alpha - config.minAlpha) * Math.min(1, Math.max(0, progress)))
}
