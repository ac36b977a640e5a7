/** A run's settings in one line, for the run history and the loss chart's legend. */
import { optionLabel } from '@contract/settingsForm'
import type { ScheduleSettingsSchema } from '@contract/settingsSchemas'
import type * as v from 'valibot'
import { formatCount, formatNumber } from './format'

export type ScheduleSettings = v.InferOutput<typeof ScheduleSettingsSchema>

const modelName = (model: ScheduleSettings['config']['model']): string => optionLabel('model', model)

export function describeSettings(settings: ScheduleSettings, minCount: number): string {
  const c = settings.config
  const loss = c.loss === 'negSampling' ? `negative sampling (K=${c.negatives})` : optionLabel('loss', c.loss)
  const course = settings.schedule === 'cs224n' && settings.config.subsampling === 'cs224n'
  const sampling = c.sample > 0 ? `sample ${formatNumber(c.sample)}${course ? ' (course)' : ''}` : 'no sub-sampling'
  const common = [modelName(c.model), loss, `d=${c.dim}`, `window ${c.window}`, sampling]
  if (settings.schedule === 'word2vec') {
    const w = settings.config
    return [...common, `${w.epochs} epoch${w.epochs === 1 ? '' : 's'}`, `α ${formatNumber(w.alpha)} → ${formatNumber(w.minAlpha)}`, `minCount ${minCount}`].join(' · ')
  }
  const k = settings.config
  return [...common, `${formatCount(k.iterations)} iterations of ${k.batch}`, `step ${formatNumber(k.step)} (${k.optimizer})`, `minCount ${minCount}`].join(' · ')
}

/** "Run 3 · skip-gram, d=50" */
export function runLabel(number: number, settings: ScheduleSettings | null): string {
  if (!settings) return `Run ${number}`
  return `Run ${number} · ${modelName(settings.config.model)}, d=${settings.config.dim}`
}
