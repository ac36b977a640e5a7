import { describe, expect, it } from 'vitest'
import { FORM_NUMBER_FIELDS, formFields, isFormBoolean, isFormChoice, optionLabel } from '../../src-main/core/contract/settingsForm'
import { presetHyperparameters } from '../../src-main/core/contract/settingsValidation'
import { SETTING_RULES } from '../../src-main/core/settings/settingRules'
import { SCHEDULES } from '../../src-main/core/settings/trainingSettings'

describe('the form’s fields, from the rule table', () => {
  it('are each a typed number or a choice, and the form’s values hold every one', () => {
    for (const schedule of SCHEDULES) {
      const values = presetHyperparameters(schedule, 1)
      for (const field of formFields(schedule)) {
        expect(isFormChoice(field) || isFormBoolean(field) || (FORM_NUMBER_FIELDS as readonly string[]).includes(field), field).toBe(true)
        expect(values[field], field).toBeDefined()
        expect(SETTING_RULES[field].schedules, field).toContain(schedule)
      }
    }
  })

  it('name a choice as the table does', () => {
    expect(optionLabel('model', 'skipgram')).toBe('skip-gram')
    expect(optionLabel('optimizer', 'adam')).toBe('Adam')
  })
})
