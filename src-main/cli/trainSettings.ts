/**
 * `w2v train`'s flags as the window's hyperparameter form: the rule table gives each setting its
 * flag and the schedules that read it, and validateHyperparameters judges the values, so the
 * command refuses exactly what the form and the engine refuse. Everything here runs before any
 * file is read.
 */
import { availableParallelism } from 'node:os'
import { type Hyperparameters, PRESET_IDS, type PresetId, presetHyperparameters, presetTokenizer, startSettings, validateHyperparameters } from '../core/contract/settingsValidation'
import { type TokenizerOptions, encodingOf, unknownEncodingMessage } from '../core/corpus/index'
import { CONTINUE_FIELDS, continuedSettings } from '../core/settings/continuedSettings'
import { assertScheduleSettings, fieldProblem } from '../core/settings/settingProblems'
import { SETTING_FIELDS, SETTING_RULES, type SettingRule } from '../core/settings/settingRules'
import { SCHEDULES, type Schedule, type SettingField, word2vecDefaults } from '../core/settings/trainingSettings'
import type { CorpusSettings, ScheduleSettings } from '../node/training/trainingCheckpoint'
import { type FlagKind, type FlagValues, UsageError } from './flags'
import { hasPhraseFlags, phraseFlagSpec, phraseOptionsFromFlags } from './phraseFlags'

function flagKind(rule: SettingRule): FlagKind {
  switch (rule.type) {
    case 'choice': return rule.options
    case 'boolean': return 'boolean'
    // Ranges are judged with the other settings (a bound may read another field), in the form's sentences.
    default: return rule.type
  }
}

/** The flags that set a training setting, from the rule table: `train`'s parser takes these. */
export const SETTING_FLAGS: Readonly<Record<string, FlagKind>> = Object.fromEntries(SETTING_FIELDS.map((field) => [SETTING_RULES[field].flag, flagKind(SETTING_RULES[field])]))

const PHRASES_PREFIX = 'phrases-'

/** `train`'s phrase flags: --phrases turns joining on, --phrases-min-count … set it as `w2v phrases` does. */
export const PHRASE_FLAGS: Readonly<Record<string, FlagKind>> = { phrases: 'boolean', ...phraseFlagSpec(PHRASES_PREFIX) }

/** The other flags a saved run fixes: its schedule and how its corpus became training data. */
const FIXED_FLAGS = ['keep-case', 'keep-punctuation', 'strip-numbers', 'segment', 'format', 'schedule', 'preset', ...Object.keys(PHRASE_FLAGS)] as const

/** `--preset`'s choices: the window's presets. */
export const PRESET_FLAG = PRESET_IDS

function fieldOfFlag(flag: string): SettingField | undefined {
  return SETTING_FIELDS.find((field) => SETTING_RULES[field].flag === flag)
}

const flagOf = (field: SettingField): string => `--${SETTING_RULES[field].flag}`

function flagUsage(field: SettingField): string {
  const rule = SETTING_RULES[field]
  const value = rule.type === 'choice' ? ` ${rule.options.join('|')}` : rule.type === 'boolean' ? '' : rule.type === 'integer' ? ' N' : ' X'
  return `${flagOf(field)}${value}`
}

/** The usage lines of the setting flags, shared and per schedule, from the table the check uses. */
export function settingFlagsUsage(): string {
  const shared = SETTING_FIELDS.filter((field) => SETTING_RULES[field].schedules.length === SCHEDULES.length).map(flagUsage)
  const half = Math.ceil(shared.length / 2)
  const lines = [shared.slice(0, half), shared.slice(half)].map((flags) => `  ${flags.join('  ')}`)
  for (const schedule of SCHEDULES) {
    const own = SETTING_FIELDS.filter((field) => SETTING_RULES[field].schedules.length < SCHEDULES.length && SETTING_RULES[field].schedules.includes(schedule))
    lines.push(`  ${schedule} schedule only: ${own.map(flagUsage).join('  ')}`)
  }
  return lines.join('\n')
}

/** Refuses a setting flag the schedule does not read (the course has no epochs or threads, word2vec no minibatches). */
export function checkScheduleFlags(flags: FlagValues, schedule: Schedule): void {
  for (const field of SETTING_FIELDS) {
    const { flag, schedules, counterpart } = SETTING_RULES[field]
    if (flags[flag] === undefined || schedules.includes(schedule)) continue
    // The learning rate is --alpha under word2vec and --step under the course: point to the one this run reads.
    const instead = counterpart !== undefined && SETTING_RULES[counterpart].schedules.includes(schedule)
      ? `use --${SETTING_RULES[counterpart].flag}, its counterpart in the ${schedule} schedule, or --schedule ${schedules[0]}`
      : `drop it or use --schedule ${schedules[0]}`
    throw new UsageError(`--${flag} is a setting of the ${schedules.join(' and ')} schedule, which this run (schedule ${schedule}) does not use; ${instead}.`)
  }
}

/** The preset the flags start from: --preset, else the schedule's own (its defaults). */
function presetOf(flags: FlagValues): PresetId {
  return (flags.preset as PresetId | undefined) ?? (flags.schedule as Schedule | undefined) ?? 'word2vec'
}

/** The form's values for these flags: the preset, under --schedule if given (as the form's schedule select), then every flag given. */
function hyperparameters(flags: FlagValues, schedule: Schedule): Hyperparameters {
  const threads = (flags.threads as number | undefined) ?? availableParallelism()
  const id = presetOf(flags)
  const preset = presetHyperparameters(id, threads)
  const model = (flags.model as Hyperparameters['model'] | undefined) ?? preset.model
  // word2vec's defaults depend on the model (CBOW starts at alpha 0.05).
  const base: Hyperparameters = { ...(id === 'word2vec' ? { ...preset, ...word2vecDefaults(model, threads) } : preset), schedule }
  const given = Object.fromEntries(Object.keys(flags).flatMap((flag) => {
    const field = fieldOfFlag(flag)
    const rule = field && SETTING_RULES[field]
    return rule && field !== 'maxVocab' ? [[field, rule.type === 'boolean' ? rule.flagSets : flags[flag]]] : []
  }))
  const h: Hyperparameters = { ...base, ...given }
  // A small alpha alone lowers the final rate with it, rather than being refused for lying below the default final rate.
  return flags['min-alpha'] === undefined ? { ...h, minAlpha: Math.min(base.minAlpha, h.alpha) } : h
}

/**
 * The run the flags describe, judged as the form judges it; a UsageError or TrainingConfigError
 * names what is wrong. `layout` is what the corpus's first lines look like (a preset reads the
 * course's file as the course does unless --format says otherwise).
 */
export function trainSettingsFromFlags(flags: FlagValues, layout: TokenizerOptions['format'] = 'plain'): { settings: ScheduleSettings; corpus: CorpusSettings } {
  const presetSchedule = presetHyperparameters(presetOf(flags), 1).schedule
  const schedule = (flags.schedule as Schedule | undefined) ?? presetSchedule
  checkScheduleFlags(flags, schedule)
  const h = hyperparameters(flags, schedule)
  const maxVocab = flags['max-vocab'] as number | undefined
  const vocabulary = { ...startSettings(h).vocabulary, ...(maxVocab === undefined ? {} : { maxVocab }) }
  const maxVocabProblem = fieldProblem('maxVocab', vocabulary)
  const problems = [...validateHyperparameters(h), ...(maxVocabProblem === null ? [] : [{ field: 'maxVocab' as const, message: maxVocabProblem }])]
  if (problems.length > 0) throw new UsageError(problems.map((p) => `${flagOf(p.field)}: ${p.message}`).join(' '))
  // Only --preset cs224n reads as the course does: --schedule cs224n alone is the course's optimizer on a text read the usual way.
  const preset = presetTokenizer((flags.preset as PresetId | undefined) ?? 'word2vec', layout)
  const tokenizer = tokenizerFromFlags(flags, preset)
  if (flags.phrases !== true && hasPhraseFlags(flags, PHRASES_PREFIX)) throw new UsageError(`the --${PHRASES_PREFIX}… flags need --phrases, which turns phrase joining on`)
  return { settings: startSettings(h).settings, corpus: { tokenizer: flags.phrases === true ? { ...tokenizer, phrases: phraseOptionsFromFlags(flags, PHRASES_PREFIX) } : tokenizer, ...vocabulary } }
}


/** The flags that say how a corpus is read, as `train` and `phrases` take them. */
export const TOKENIZER_FLAGS = {
  'keep-case': 'boolean', 'keep-punctuation': 'boolean', 'strip-numbers': 'boolean', segment: ['spaces', 'words', 'whitespace'], format: ['plain', 'cs224n'],
} as const

/** The reading the tokenizer flags ask for, starting from `preset`. */
export function tokenizerFromFlags(flags: FlagValues, preset: TokenizerOptions): Partial<TokenizerOptions> {
  return {
    lowercase: flags['keep-case'] !== true && preset.lowercase,
    punctuation: flags['keep-punctuation'] === true ? 'keep' : preset.punctuation,
    numbers: flags['strip-numbers'] === true ? 'strip' : preset.numbers,
    segmentation: (flags.segment as TokenizerOptions['segmentation'] | undefined) ?? preset.segmentation,
    format: (flags.format as TokenizerOptions['format'] | undefined) ?? preset.format,
    ...encodingFlag(flags),
  }
}

/** `--encoding`'s label as the tokenizer option (the decoder's name for it), none without the flag; a UsageError for a label no decoder knows. */
export function encodingFlag(flags: FlagValues): Pick<TokenizerOptions, 'encoding'> {
  const label = flags.encoding as string | undefined
  if (label === undefined) return {}
  const encoding = encodingOf(label)
  if (encoding === null) throw new UsageError(`--encoding: ${unknownEncodingMessage(label)}`)
  return { encoding }
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

export function checkContinueFlags(flags: FlagValues): void {
  const allowed = new Set(CONTINUE_FIELDS.map((field) => SETTING_RULES[field].flag))
  for (const flag of [...Object.keys(SETTING_FLAGS), ...FIXED_FLAGS]) {
    if (flags[flag] === undefined || allowed.has(flag)) continue
    throw new UsageError(`--${flag} cannot be used with --continue: a continued run keeps the model and corpus settings it was saved with (only ${[...allowed].map((f) => `--${f}`).join(', ')} may change).`)
  }
}

/** The saved run's settings with the continuation's own epochs, learning rates and threads (continuedSettings.ts). */
export function continuedSettingsOf(flags: FlagValues, saved: ScheduleSettings): ScheduleSettings {
  checkScheduleFlags(flags, saved.schedule)
  const given = Object.fromEntries(CONTINUE_FIELDS.flatMap((field) => (flags[SETTING_RULES[field].flag] === undefined ? [] : [[field, flags[SETTING_RULES[field].flag]]])))
  return continuedSettings(saved, given)
}

/** The saved run's settings, with --threads if the flags give it and the schedule reads it. */
export function resumedSettings(flags: FlagValues, saved: ScheduleSettings): ScheduleSettings {
  checkScheduleFlags(flags, saved.schedule)
  const threads = flags.threads as number | undefined
  if (saved.schedule !== 'word2vec' || threads === undefined) return saved
  const settings: ScheduleSettings = { schedule: 'word2vec', config: { ...saved.config, threads } }
  assertScheduleSettings(settings)
  return settings
}
