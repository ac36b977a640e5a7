/**
 * The hyperparameter form's fields, from the rule table: which to show for a schedule, with the
 * table's label, help and choices, so the window declares none of them itself.
 */
import { type SettingRule, SCHEDULE_RULE, SETTING_FIELDS, SETTING_RULES, scheduleFields } from '../settings/settingRules'
import type { Schedule, SettingField } from '../settings/trainingSettings'

export { SCHEDULE_RULE, SETTING_RULES }
export type { SettingRule }

/** A field the form shows as a typed number (the others are choices). */
export type FormNumberField = Exclude<SettingField, FormChoiceField | FormBooleanField | 'cbowMean' | 'maxVocab' | 'negativePower'>

const isFormNumber = (field: SettingField): field is FormNumberField => {
  const rule = SETTING_RULES[field]
  return rule.onForm && (rule.type === 'integer' || rule.type === 'number')
}

export const FORM_NUMBER_FIELDS: readonly FormNumberField[] = SETTING_FIELDS.filter(isFormNumber)

/** A field the form shows as a select of the table's options. */
export type FormChoiceField = 'model' | 'loss' | 'optimizer' | 'subsampling'
/** A field the form shows as a checkbox. */
export type FormBooleanField = 'unk'
export type FormField = FormNumberField | FormChoiceField | FormBooleanField

export function isFormChoice(field: FormField): field is FormChoiceField {
  return SETTING_RULES[field].type === 'choice'
}

export function isFormBoolean(field: FormField): field is FormBooleanField {
  return SETTING_RULES[field].type === 'boolean'
}

/** How the window names a choice: "skip-gram" for model skipgram. */
export function optionLabel(field: FormChoiceField, option: string): string {
  const rule = SETTING_RULES[field]
  return (rule.type === 'choice' ? rule.optionLabels[option] : undefined) ?? option
}

/** The fields the form shows for a schedule, in table order; a field the schedule does not read is not shown. */
export function formFields(schedule: Schedule): FormField[] {
  // onForm marks exactly the FormField names (checked by the form's component test).
  return scheduleFields(schedule).filter((field) => SETTING_RULES[field].onForm) as FormField[]
}
