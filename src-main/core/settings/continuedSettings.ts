/**
 * What a run continued on another corpus may set anew. Like gensim's `train(epochs=…,
 * start_alpha=…, end_alpha=…)` on new text, the continuation has its own epochs and learning-rate
 * schedule (and threads, which do not change the result's shape); everything that shapes the model,
 * or how the corpus becomes words, stays the saved run's. `w2v train --continue` and the window's
 * "Continue this run on another corpus…" both go through here.
 */
import { assertScheduleSettings } from './settingProblems'
import type { ScheduleSettings, Word2vecSettings } from './trainingSettings'

export const CONTINUE_FIELDS = ['threads', 'epochs', 'alpha', 'minAlpha'] as const satisfies readonly (keyof Word2vecSettings)[]

export type ContinueField = (typeof CONTINUE_FIELDS)[number]

/** The continuation's own values; a field left out keeps the saved run's. */
export type ContinueSettings = Partial<Pick<Word2vecSettings, ContinueField>>

/** The saved run's settings with the continuation's own values, judged as the form judges them (a TrainingConfigError with the form's sentence). */
export function continuedSettings(saved: ScheduleSettings, given: ContinueSettings): ScheduleSettings {
  if (saved.schedule !== 'word2vec') return saved
  const chosen = Object.fromEntries(CONTINUE_FIELDS.flatMap((field) => (given[field] === undefined ? [] : [[field, given[field]]])))
  const config = { ...saved.config, ...chosen }
  // A lower alpha alone lowers the final rate with it, as in a fresh run.
  const minAlpha = given.minAlpha === undefined ? Math.min(config.minAlpha, config.alpha) : config.minAlpha
  const settings: ScheduleSettings = { schedule: 'word2vec', config: { ...config, minAlpha } }
  assertScheduleSettings(settings)
  return settings
}
