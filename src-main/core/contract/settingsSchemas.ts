/**
 * Runtime schemas of the settings that cross process boundaries: tokenizer options, the two
 * training schedules, what to export. The training settings' schemas are built from the rule
 * table (core/settings/settingRules.ts), ranges included, so a message the engine would refuse
 * never gets past the boundary; their outputs are the core's own types (checked below).
 */
import * as v from 'valibot'
import { PHRASE_SCORINGS, type PhraseOptions, type PhraseScoring, phraseOptionProblems } from '../corpus/phraseOptions'
import type { TokenizerOptions } from '../corpus/tokenizer'
import { encodingOf } from '../corpus/textEncodings'
import { CONTINUE_FIELDS, type ContinueSettings } from '../settings/continuedSettings'
import { fieldProblem } from '../settings/settingProblems'
import { SETTING_RULES, type SettingRule, VOCABULARY_FIELDS, configFields } from '../settings/settingRules'
import {
  type Cs224nSettings, type SettingField, type VocabularySettings, type Word2vecSettings,
} from '../settings/trainingSettings'
import { METHOD_NAMES, type ProjectionMethod } from '../projection/projection'
import { VECTOR_FORMATS, type VectorFormat } from '../vectors/vectorFormats'
import type { VectorKind } from '../vectors/vectorSelection'

/** Phrase joining's options, judged by the rules the CLI and the form use. */
export const PhraseOptionsSchema = v.pipe(
  v.strictObject({
    minCount: v.number(), threshold: v.number(), scoring: v.picklist(PHRASE_SCORINGS as [PhraseScoring, ...PhraseScoring[]]), maxVocab: v.number(),
    delimiter: v.string(), passes: v.number(),
  }),
  v.check((options) => phraseOptionProblems(options).length === 0, (issue) => phraseOptionProblems(issue.input as PhraseOptions)[0]?.message ?? ''),
)

export const TokenizerOptionsSchema = v.strictObject({
  lowercase: v.optional(v.boolean()),
  punctuation: v.optional(v.picklist(['strip', 'keep'])),
  numbers: v.optional(v.picklist(['keep', 'strip'])),
  segmentation: v.optional(v.picklist(['spaces', 'words', 'whitespace'])),
  locale: v.optional(v.pipe(v.string(), v.maxLength(64))),
  format: v.optional(v.picklist(['plain', 'cs224n'])),
  /** The decoder's own name for the encoding (as encodingOf gives it), not any label. */
  encoding: v.optional(v.pipe(v.string(), v.maxLength(64), v.check((name) => encodingOf(name) === name, 'not the name of a text encoding'))),
  phrases: v.optional(PhraseOptionsSchema),
})

/** A field's type as the table gives it; the range is judged by fieldProblem, with the sentence the form shows. */
function fieldSchema(field: SettingField): v.GenericSchema {
  const rule: SettingRule = SETTING_RULES[field]
  const base = rule.type === 'choice' ? v.picklist(rule.options) : rule.type === 'boolean' ? v.boolean() : v.number()
  return rule.type !== 'choice' && rule.optional ? v.optional(base) : base
}

/** A strict object of the given fields, checked field by field against the table (a bound may read another field). */
function settingsSchema<T>(fields: readonly SettingField[]): v.GenericSchema<unknown, T> {
  const shape = v.strictObject(Object.fromEntries(fields.map((field) => [field, fieldSchema(field)])))
  const ranged = v.pipe(shape, ...fields.map((field) => v.forward(v.check((values: Record<string, unknown>) => fieldProblem(field, values) === null, (issue) => fieldProblem(field, issue.input as Record<string, unknown>) ?? ''), [field] as never)))
  // Built from the table, so its output type is asserted here and checked against the fields below.
  return ranged as unknown as v.GenericSchema<unknown, T>
}

export const Word2vecSettingsSchema = settingsSchema<Word2vecSettings>(configFields('word2vec'))
/** A continuation's own epochs, learning rates and threads; judged with the saved run's other settings once merged (continuedSettings). */
export const ContinueSettingsSchema = v.strictObject(Object.fromEntries(CONTINUE_FIELDS.map((field) => [field, v.optional(fieldSchema(field))]))) as unknown as v.GenericSchema<unknown, ContinueSettings>
export const Cs224nSettingsSchema = settingsSchema<Cs224nSettings>(configFields('cs224n'))

export const ScheduleSettingsSchema = v.variant('schedule', [
  v.strictObject({ schedule: v.literal('word2vec'), config: Word2vecSettingsSchema }),
  v.strictObject({ schedule: v.literal('cs224n'), config: Cs224nSettingsSchema }),
])

/** How the corpus becomes training data. */
export const VocabularySettingsSchema = settingsSchema<VocabularySettings>(VOCABULARY_FIELDS)

export const VectorKindSchema = v.picklist(['center', 'outside', 'sum', 'concat'])
export const VectorFormatSchema = v.picklist(VECTOR_FORMATS.map((f) => f.format) as [VectorFormat, ...VectorFormat[]])
export const ProjectionMethodSchema = v.picklist(Object.keys(METHOD_NAMES) as [ProjectionMethod, ...ProjectionMethod[]])

// Compile-time checks that the schemas produce the engine's types.
type Assert<T extends true> = T
type Extends<A, B> = [A] extends [B] ? true : false
export type SchemaChecks = [
  Assert<Extends<v.InferOutput<typeof TokenizerOptionsSchema>, Partial<TokenizerOptions>>>,
  Assert<Extends<v.InferOutput<typeof VectorKindSchema>, VectorKind>>,
  Assert<Extends<v.InferOutput<typeof VectorFormatSchema>, VectorFormat>>,
]

/** What a continuation may set anew, for the window (which may import only the contract). */
export { CONTINUE_FIELDS, type ContinueSettings } from '../settings/continuedSettings'
