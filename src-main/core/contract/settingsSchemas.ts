/**
 * Runtime schemas of the settings that cross process boundaries: tokenizer options, the two
 * training schedules, what to export. Their outputs are the core's own types (checked at
 * compile time below), so a parsed message goes straight into the engine. Ranges are the
 * engine's to judge (validateStreamingConfig names the field and the allowed range); these
 * schemas check shape and type only.
 */
import * as v from 'valibot'
import type { TokenizerOptions } from '../corpus/tokenizer'
import type { CourseConfig } from '../training/courseTrainer'
import type { StreamingConfig } from '../training/streamingConfig'
import type { VectorFormat } from '../vectors/vectorFormats'
import type { VectorKind } from '../vectors/vectorSelection'

const finite = v.pipe(v.number(), v.finite())
const count = v.pipe(v.number(), v.integer(), v.minValue(0))

export const TokenizerOptionsSchema = v.strictObject({
  lowercase: v.optional(v.boolean()),
  punctuation: v.optional(v.picklist(['strip', 'keep'])),
  numbers: v.optional(v.picklist(['keep', 'strip'])),
  segmentation: v.optional(v.picklist(['spaces', 'words'])),
  locale: v.optional(v.pipe(v.string(), v.maxLength(64))),
  format: v.optional(v.picklist(['plain', 'cs224n'])),
})

export const StreamingConfigSchema = v.strictObject({
  model: v.picklist(['skipgram', 'cbow']),
  loss: v.picklist(['negSampling', 'naiveSoftmax']),
  dim: count,
  window: count,
  negatives: count,
  sample: finite,
  alpha: finite,
  minAlpha: finite,
  epochs: count,
  threads: count,
  seed: v.pipe(v.number(), v.integer()),
  cbowMean: v.boolean(),
  negativePower: finite,
})

export const CourseConfigSchema = v.strictObject({
  model: v.picklist(['skipgram', 'cbow']),
  loss: v.picklist(['negSampling', 'naiveSoftmax']),
  dim: count,
  windowSize: count,
  negatives: count,
  step: finite,
  iterations: count,
  batchSize: count,
  annealEvery: count,
  optimizer: v.picklist(['sgd', 'momentum', 'adam']),
  cbowMean: v.boolean(),
  sample: finite,
  negativePower: finite,
  seed: v.pipe(v.number(), v.integer()),
})

export const ScheduleSettingsSchema = v.variant('schedule', [
  v.strictObject({ schedule: v.literal('word2vec'), config: StreamingConfigSchema }),
  v.strictObject({ schedule: v.literal('cs224n'), config: CourseConfigSchema }),
])

/** How the corpus becomes training data. */
export const VocabularySettingsSchema = v.strictObject({
  minCount: v.pipe(v.number(), v.integer(), v.minValue(1)),
  maxVocab: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
})

export const VectorKindSchema = v.picklist(['center', 'outside', 'sum', 'concat'])
export const VectorFormatSchema = v.picklist(['word2vec-text', 'word2vec-binary', 'glove', 'projector', 'npy', 'json'])
export const ProjectionMethodSchema = v.picklist(['pca', 'tsne', 'umap'])

// Compile-time checks that the schemas produce the engine's types.
type Assert<T extends true> = T
type Extends<A, B> = [A] extends [B] ? true : false
export type SchemaChecks = [
  Assert<Extends<v.InferOutput<typeof TokenizerOptionsSchema>, Partial<TokenizerOptions>>>,
  Assert<Extends<v.InferOutput<typeof StreamingConfigSchema>, StreamingConfig>>,
  Assert<Extends<v.InferOutput<typeof CourseConfigSchema>, CourseConfig>>,
  Assert<Extends<v.InferOutput<typeof VectorKindSchema>, VectorKind>>,
  Assert<Extends<v.InferOutput<typeof VectorFormatSchema>, VectorFormat>>,
]
