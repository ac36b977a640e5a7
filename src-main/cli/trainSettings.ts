/**
 * `w2v train`'s flags as the window's hyperparameter form: each setting flag names a field of
 * the form, SCHEDULE_FIELDS says which schedule reads it, and validateHyperparameters judges the
 * values, so the command refuses exactly what the form refuses. Everything here runs before any
 * file is read.
 */
import { availableParallelism } from 'node:os'
import {
  type HyperparameterField, type Hyperparameters, type Schedule, SCHEDULE_FIELDS, presetHyperparameters, startSettings, validateHyperparameters,
} from '../core/contract/settingsValidation'
import { type TokenizerOptions, checkVocabularyOptions } from '../core/corpus/index'
import { validateStreamingConfig, word2vecDefaults } from '../core/training/streamingConfig'
import type { CorpusSettings, ScheduleSettings } from '../node/training/trainingCheckpoint'
import { type FlagValues, UsageError } from './flags'

/** The flags that set a field of the form, by the form's name for it. */
const SETTING_FLAGS = {
  model: 'model', loss: 'loss', dim: 'dim', window: 'window', negative: 'negatives', 'min-count': 'minCount', sample: 'sample',
  alpha: 'alpha', 'min-alpha': 'minAlpha', epochs: 'epochs', threads: 'threads', seed: 'seed', iterations: 'iterations', batch: 'batch',
  optimizer: 'optimizer', 'anneal-every': 'annealEvery',
} as const satisfies Record<string, HyperparameterField>
type SettingFlag = keyof typeof SETTING_FLAGS

/** The other flags a saved run fixes: its schedule and how its corpus became training data. */
const FIXED_FLAGS = ['max-vocab', 'cbow-sum', 'keep-case', 'keep-punctuation', 'strip-numbers', 'segment', 'format', 'schedule'] as const

const SCHEDULES = Object.keys(SCHEDULE_FIELDS) as Schedule[]

function flagOf(field: HyperparameterField): string {
  const flag = (Object.keys(SETTING_FLAGS) as SettingFlag[]).find((f) => SETTING_FLAGS[f] === field)
  return flag === undefined ? field : `--${flag}`
}

/** The usage lines of the flags only one schedule reads, from the same table the check uses. */
export function scheduleFlagsUsage(): string {
  return SCHEDULES.map((schedule) => {
    const own = (Object.keys(SETTING_FLAGS) as SettingFlag[]).filter((f) => SCHEDULES.every((s) => SCHEDULE_FIELDS[s].includes(SETTING_FLAGS[f]) === (s === schedule)))
    return `  ${schedule} schedule only: ${own.map((f) => `--${f}`).join('  ')}`
  }).join('\n')
}

/** Refuses a setting flag the schedule does not read (the course has no epochs or threads, word2vec no minibatches). */
export function checkScheduleFlags(flags: FlagValues, schedule: Schedule): void {
  for (const flag of Object.keys(SETTING_FLAGS) as SettingFlag[]) {
    if (flags[flag] === undefined || SCHEDULE_FIELDS[schedule].includes(SETTING_FLAGS[flag])) continue
    const owners = SCHEDULES.filter((s) => SCHEDULE_FIELDS[s].includes(SETTING_FLAGS[flag]))
    throw new UsageError(`--${flag} is a setting of the ${owners.join(' and ')} schedule, which this run (schedule ${schedule}) does not use; drop it or use --schedule ${owners[0]}.`)
  }
}

/** The form's values for these flags: the schedule's preset, then every flag given. */
function hyperparameters(flags: FlagValues, schedule: Schedule): Hyperparameters {
  const threads = (flags.threads as number | undefined) ?? availableParallelism()
  const preset = presetHyperparameters(schedule, threads)
  const model = (flags.model as Hyperparameters['model'] | undefined) ?? preset.model
  // word2vec's defaults depend on the model (CBOW starts at alpha 0.05), the course's do not.
  const base: Hyperparameters = schedule === 'word2vec' ? { ...preset, ...word2vecDefaults(model, threads) } : preset
  const given = Object.fromEntries((Object.keys(SETTING_FLAGS) as SettingFlag[]).filter((f) => flags[f] !== undefined).map((f) => [SETTING_FLAGS[f], flags[f]]))
  const h: Hyperparameters = { ...base, ...given, cbowMean: flags['cbow-sum'] === true ? false : base.cbowMean }
  // A small alpha alone lowers the final rate with it, rather than being refused for lying below the default final rate.
  return flags['min-alpha'] === undefined ? { ...h, minAlpha: Math.min(base.minAlpha, h.alpha) } : h
}

/** The run the flags describe, judged as the form judges it; a UsageError or TrainingConfigError names what is wrong. */
export function trainSettingsFromFlags(flags: FlagValues): { settings: ScheduleSettings; corpus: CorpusSettings } {
  const schedule = (flags.schedule as Schedule | undefined) ?? 'word2vec'
  checkScheduleFlags(flags, schedule)
  const h = hyperparameters(flags, schedule)
  const maxVocab = flags['max-vocab'] as number | undefined
  const vocabulary = { minCount: h.minCount, ...(maxVocab === undefined ? {} : { maxVocab }) }
  checkVocabularyOptions(vocabulary)
  const problems = validateHyperparameters(h)
  if (problems.length > 0) throw new UsageError(problems.map((p) => `${flagOf(p.field)}: ${p.message}`).join(' '))
  const tokenizer: Partial<TokenizerOptions> = {
    lowercase: flags['keep-case'] !== true,
    punctuation: flags['keep-punctuation'] === true ? 'keep' : 'strip',
    numbers: flags['strip-numbers'] === true ? 'strip' : 'keep',
    segmentation: (flags.segment as TokenizerOptions['segmentation'] | undefined) ?? 'spaces',
    format: (flags.format as TokenizerOptions['format'] | undefined) ?? 'plain',
  }
  return { settings: startSettings(h).settings, corpus: { tokenizer, ...vocabulary } }
}

/**
 * A resumed run keeps the settings it was saved with; only the word2vec schedule's thread count
 * may change. Any other setting flag would be ignored, so it is refused (before the checkpoint is read).
 */
export function checkResumeFlags(flags: FlagValues): void {
  for (const flag of [...Object.keys(SETTING_FLAGS), ...FIXED_FLAGS]) {
    if (flags[flag] === undefined || flag === 'threads') continue
    throw new UsageError(`--${flag} cannot be used with --resume: a resumed run keeps the settings it was saved with (only --threads may change).`)
  }
}

/** The saved run's settings, with --threads if the flags give it and the schedule reads it. */
export function resumedSettings(flags: FlagValues, saved: ScheduleSettings): ScheduleSettings {
  checkScheduleFlags(flags, saved.schedule)
  const threads = flags.threads as number | undefined
  if (saved.schedule !== 'word2vec' || threads === undefined) return saved
  const config = { ...saved.config, threads }
  validateStreamingConfig(config)
  return { schedule: 'word2vec', config }
}
