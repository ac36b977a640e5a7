/**
 * The verdict on a run's settings, from the rule table alone: every field that is wrong at once,
 * each with one sentence. The form shows these; the engines and the CLI throw the first as a
 * TrainingConfigError naming the field.
 */
import { TrainingConfigError } from '../training/trainingErrors'
import { type NumberRule, SETTING_RULES, type SettingValues, VOCABULARY_FIELDS, boundAt, configFields, scheduleFields } from './settingRules'
import type { Schedule, ScheduleSettings, SettingField, VocabularySettings } from './trainingSettings'

export interface FieldProblem {
  readonly field: SettingField
  readonly message: string
}

// Separators only where they help: "2000" reads as a year would, "1,000,000,000" needs them.
const formatBound = (value: number): string => (Number.isInteger(value) && Math.abs(value) >= 10_000 ? value.toLocaleString('en-US') : String(value))
const shown = (value: unknown): string => (typeof value === 'number' ? formatBound(value) : JSON.stringify(value) ?? String(value))

function numberProblem(rule: NumberRule, value: unknown, values: SettingValues): string | null {
  if (value === undefined && rule.optional) return null
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${rule.sentence} needs a number.`
  // A bound read from a field that is itself wrong is that field's problem, not this one's.
  if ([rule.min, rule.max].some((bound) => typeof bound !== 'number' && fieldProblem(bound.field, values) !== null)) return null
  const min = boundAt(rule.min, values)
  const max = boundAt(rule.max, values)
  if (min === undefined || max === undefined) return null
  const whole = rule.type === 'integer'
  if ((whole && !Number.isInteger(value)) || value < min || value > max) {
    const upper = typeof rule.max === 'number' ? formatBound(max) : `${formatBound(max)} (${rule.max.field})`
    return `${rule.sentence} must be ${whole ? 'a whole number' : 'a number'} from ${formatBound(min)} to ${upper}, not ${shown(value)}.`
  }
  return null
}

/** The problem with one field's value, or null when the rule accepts it (or does not apply to these settings). */
export function fieldProblem(field: SettingField, values: SettingValues): string | null {
  const rule = SETTING_RULES[field]
  if (rule.when && !rule.when(values)) return null
  const value = values[field]
  switch (rule.type) {
    case 'choice':
      return typeof value === 'string' && rule.options.includes(value) ? null : `${rule.sentence} must be ${rule.options.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not ${shown(value)}.`
    case 'boolean':
      return typeof value === 'boolean' || (value === undefined && rule.optional) ? null : `${rule.sentence} must be true or false, not ${shown(value)}.`
    default:
      return numberProblem(rule, value, values)
  }
}

/** Every problem with the fields `schedule` reads, in table order; empty when a run may start. */
export function settingProblems(values: SettingValues, schedule: Schedule, fields = scheduleFields(schedule)): FieldProblem[] {
  return fields.flatMap((field) => {
    const message = fieldProblem(field, values)
    return message === null ? [] : [{ field, message }]
  })
}

/** The engines' own check: throws a TrainingConfigError naming the first field out of range. */
export function assertScheduleSettings(settings: ScheduleSettings): void {
  const [first] = settingProblems(settings.config, settings.schedule, configFields(settings.schedule))
  if (first) throw new TrainingConfigError(first.field, first.message)
}

/** The vocabulary's check, by the same table. */
export function assertVocabularySettings(vocabulary: VocabularySettings): void {
  const [first] = settingProblems(vocabulary, 'word2vec', [...VOCABULARY_FIELDS])
  if (first) throw new TrainingConfigError(first.field, first.message)
}
