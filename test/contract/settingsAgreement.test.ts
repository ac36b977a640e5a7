/**
 * The form, `w2v train` and the engines judge a run's settings by one table, so for every field
 * and schedule, at its bounds and just outside them, and for a non-number, all three agree.
 */
import { describe, expect, it } from 'vitest'
import { TRAIN_FLAGS } from '../../src-main/cli/trainCommand'
import { trainSettingsFromFlags } from '../../src-main/cli/trainSettings'
import { parseFlags } from '../../src-main/cli/flags'
import * as v from 'valibot'
import { ScheduleSettingsSchema, VocabularySettingsSchema } from '../../src-main/core/contract/settingsSchemas'
import { type Hyperparameters, presetHyperparameters, startSettings, validateHyperparameters } from '../../src-main/core/contract/settingsValidation'
import { assertScheduleSettings, assertVocabularySettings } from '../../src-main/core/settings/settingProblems'
import { SETTING_RULES, VOCABULARY_FIELDS, boundAt, scheduleFields } from '../../src-main/core/settings/settingRules'
import { SCHEDULES, type Schedule, type SettingField } from '../../src-main/core/settings/trainingSettings'

type Value = number | string

/** Each schedule's preset, with the final rate at 0 so alpha's own bounds are what is tested. */
function base(schedule: Schedule): Hyperparameters {
  return { ...presetHyperparameters(schedule, 1), minAlpha: 0 }
}

/** The preset with one field set; a non-number reaches the form and the engine as NaN (what a blank or typed text parses to). */
function withValue(schedule: Schedule, field: SettingField, value: Value): Hyperparameters {
  return { ...base(schedule), [field]: typeof value === 'string' && SETTING_RULES[field].type !== 'choice' ? Number.NaN : value } as Hyperparameters
}

function formRefuses(schedule: Schedule, field: SettingField, value: Value): boolean {
  const h = withValue(schedule, field, value)
  return validateHyperparameters(h).some((p) => p.field === field)
}

function cliRefuses(schedule: Schedule, field: SettingField, value: Value): boolean {
  const b = base(schedule)
  const args = ['--schedule', schedule, ...(schedule === 'word2vec' ? ['--min-alpha', '0', '--threads', '1'] : [])]
  const flag = `--${SETTING_RULES[field].flag}`
  const rest = args.includes(flag) ? args.slice(0, args.indexOf(flag)).concat(args.slice(args.indexOf(flag) + 2)) : args
  try {
    const { flags } = parseFlags([...rest, flag, String(value)], TRAIN_FLAGS)
    const { settings } = trainSettingsFromFlags(flags)
    // The CLI's base is the form's preset: the run it builds differs only in the field tested.
    expect(settings.config.seed).toBe(field === 'seed' ? value : b.seed)
    return false
  } catch (error) {
    const message = (error as Error).message
    expect(message, `${flag} ${value}`).toContain(flag)
    return true
  }
}

function engineRefuses(schedule: Schedule, field: SettingField, value: Value): boolean {
  const h = withValue(schedule, field, value)
  try {
    if ((VOCABULARY_FIELDS as readonly string[]).includes(field)) assertVocabularySettings({ minCount: h.minCount, [field]: h[field as keyof Hyperparameters] })
    else assertScheduleSettings(startSettings(h).settings)
    return false
  } catch (error) {
    expect((error as { field?: string }).field).toBe(field)
    return true
  }
}

/** The contract's schema, as the trainer parses a start request or a checkpoint. */
function contractRefuses(schedule: Schedule, field: SettingField, value: Value): boolean {
  const h = withValue(schedule, field, value)
  const parsed = (VOCABULARY_FIELDS as readonly string[]).includes(field)
    ? v.safeParse(VocabularySettingsSchema, { minCount: h.minCount, [field]: h[field as keyof Hyperparameters] })
    : v.safeParse(ScheduleSettingsSchema, startSettings(h).settings)
  return !parsed.success
}

/** min − 1, min, max, max + 1 and a non-number for a number; each option and one that is not for a choice. */
function probes(schedule: Schedule, field: SettingField): [Value, boolean][] {
  const rule = SETTING_RULES[field]
  if (rule.type === 'choice') return [...rule.options.map((o): [Value, boolean] => [o, false]), ['bogus', true]]
  if (rule.type === 'boolean') return []
  const min = boundAt(rule.min, base(schedule))!
  const max = boundAt(rule.max, base(schedule))!
  return [[min - 1, true], [min, false], [max, false], [max + 1, true], ['abc', true]]
}

describe('the form, the CLI and the engine give the same verdict', () => {
  for (const schedule of SCHEDULES) {
    for (const field of scheduleFields(schedule)) {
      const cases = probes(schedule, field)
      if (cases.length === 0) continue
      it.each(cases)(`${schedule} ${field} = %s (refused: %s)`, (value, refused) => {
        const verdicts = {
          form: field === 'maxVocab' ? refused : formRefuses(schedule, field, value),
          cli: cliRefuses(schedule, field, value),
          engine: engineRefuses(schedule, field, value),
          contract: contractRefuses(schedule, field, value),
        }
        expect(verdicts).toEqual({ form: refused, cli: refused, engine: refused, contract: refused })
      })
    }
  }

  it('the course takes the seed, sample and dimension the word2vec schedule takes, and refuses what it refuses', () => {
    for (const [field, value] of [['seed', -1], ['sample', 5], ['dim', 3000]] as const) {
      expect(formRefuses('cs224n', field, value), field).toBe(true)
      expect(cliRefuses('cs224n', field, value), field).toBe(true)
      expect(engineRefuses('cs224n', field, value), field).toBe(true)
    }
  })
})
