/**
 * What the trainer answers to each request type. The client knows which request an id belongs
 * to, so it parses the response's `result` with that request's schema here.
 */
import * as v from 'valibot'
import { CORPUS_NOTICE_KINDS } from '../corpus/corpusNotices'
import { RunInfoSchema, RunRecordSchema, StateVersionSchema, TRAINER_STATES, TrainerPhaseSchema, type TrainerRequestType } from './trainerProtocol'
import { ProjectionMethodSchema, TokenizerOptionsSchema } from './settingsSchemas'

const num = v.number()
// An undefined statistic (a correlation over a constant series) is null: NaN would not survive JSON.
const stat = v.nullable(v.number())

const StateResult = v.strictObject({ state: v.picklist(TRAINER_STATES) })

const CoordinateCheckSchema = v.strictObject({ index: num, row: num, col: num, analytic: num, numerical: num, relError: num })
const ParameterCheckSchema = v.strictObject({ name: v.string(), count: num, maxRelError: num, threshold: num, passed: v.boolean(), worst: v.array(CoordinateCheckSchema) })
export const GradientCheckRowSchema = v.strictObject({
  name: v.string(),
  /** "dummy" (the course's problem), "random" or "corpus" (a minibatch of the loaded corpus, current parameters). */
  problem: v.string(),
  passed: v.boolean(),
  maxRelError: num,
  threshold: num,
  loss: num,
  parameters: v.array(ParameterCheckSchema),
})

/** A loaded corpus: what the corpus panel shows. */
const CorpusSchema = v.strictObject({
  paths: v.array(v.string()),
  bytes: num,
  tokens: num,
  types: num,
  sentences: num,
  /** Bytes of the token file the corpus was prepared into (training reads it each epoch); absent when it is held in memory. */
  preparedBytes: v.optional(num),
  vocabularyByMinCount: v.array(v.strictObject({ minCount: num, vocabSize: num, coverage: num })),
  topWords: v.array(v.strictObject({ word: v.string(), count: num })),
  /** How the text was read, worth telling: its encoding, bytes not UTF-8, word breaks that do not fit the script. */
  notices: v.array(v.strictObject({ kind: v.picklist(CORPUS_NOTICE_KINDS), message: v.string() })),
  /**
   * How each file of `paths` was read: the encoding (the decoder's name), whether a byte-order
   * mark or the user (the tokenizer option `encoding`) gave it, the legacy encoding a sample of
   * its bytes looks like (null: none) and the sequences it could not read.
   */
  files: v.array(v.strictObject({
    encoding: v.string(), byteOrderMark: v.boolean(), chosen: v.boolean(), replacedSequences: num,
    detected: v.nullable(v.strictObject({ encoding: v.string(), confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)) })),
  })),
  /** What phrase joining found, when the corpus options ask for it: the phrases joined most often, and the totals. */
  phrases: v.optional(v.strictObject({
    top: v.array(v.strictObject({ phrase: v.string(), score: num, count: num, pass: num })),
    distinct: num,
    joins: num,
    /** Tokens before joining (the corpus' `tokens` are after). */
    tokensBefore: num,
    /** Times a pass reached the vocabulary cap and forgot its rarest entries. */
    prunings: num,
  })),
})

const OpenedVectorsSchema = v.strictObject({ path: v.string(), words: num, dim: num, hasOutsideVectors: v.boolean(), topWords: v.array(v.string()) })

/**
 * The trainer's whole state, from which a window that (re)connects rebuilds everything it shows
 * of the trainer. Its runs are those of this trainer process, oldest first; the current run
 * (the last of them, when there is one) is also `run`, without its points.
 */
export const TrainerDescriptionSchema = v.strictObject({
  /** The version of the last state event sent before this description was taken (0: none yet). */
  version: StateVersionSchema,
  state: v.picklist(TRAINER_STATES),
  phase: TrainerPhaseSchema,
  fraction: v.nullable(num),
  /** The loaded corpus and the tokenizer it was read with; null before one is loaded. */
  corpus: v.nullable(v.strictObject({ ...CorpusSchema.entries, tokenizer: TokenizerOptionsSchema })),
  /** Vectors opened from a file, when they (not a run) are what queries use. */
  vectors: v.nullable(OpenedVectorsSchema),
  run: v.nullable(RunInfoSchema),
  runs: v.array(RunRecordSchema),
  /** The words the scatter plot follows. */
  plotWords: v.array(v.string()),
})
export type TrainerDescription = v.InferOutput<typeof TrainerDescriptionSchema>

const NeighbourList = v.array(v.strictObject({ word: v.string(), score: num }))

export const TRAINER_RESULT_SCHEMAS = {
  loadCorpus: CorpusSchema,
  start: RunInfoSchema,
  continueRun: RunInfoSchema,
  pause: StateResult,
  resume: StateResult,
  stop: StateResult,
  gradientCheck: v.strictObject({ passed: v.boolean(), checks: v.array(GradientCheckRowSchema), corpusSkipped: v.nullable(v.string()) }),
  setPlotWords: v.strictObject({ words: v.array(v.string()), missing: v.array(v.string()) }),
  neighbours: v.strictObject({ word: v.string(), neighbours: NeighbourList }),
  analogy: v.strictObject({ neighbours: NeighbourList }),
  /** The terms as parsed (signed weights), written back as `king − man + 0.5 × woman`, and the nearest words, the terms' words left out. */
  expression: v.strictObject({ expression: v.string(), terms: v.array(v.strictObject({ word: v.string(), weight: num })), neighbours: NeighbourList }),
  /** The odd word, every known word with its cosine to the group's mean direction (most central first), and the unknown words. */
  oddOneOut: v.strictObject({ word: v.string(), ranking: NeighbourList, unknown: v.array(v.string()) }),
  projection: v.strictObject({
    method: ProjectionMethodSchema,
    words: v.array(v.string()),
    coordinates: v.array(num),
    missing: v.array(v.string()),
    explainedVariance: v.nullable(v.tuple([num, num])),
    sampled: v.boolean(),
  }),
  evaluate: v.variant('kind', [
    v.strictObject({
      kind: v.literal('analogy'), accuracy: num, correct: num, total: num, skipped: num,
      sections: v.array(v.strictObject({ section: v.string(), correct: num, total: num, accuracy: num })),
    }),
    v.strictObject({ kind: v.literal('wordPairs'), spearman: stat, pearson: stat, oovRatio: num, pairs: num, skipped: num }),
  ]),
  export: v.strictObject({ files: v.array(v.string()) }),
  saveCheckpoint: v.strictObject({ path: v.string() }),
  loadCheckpoint: RunInfoSchema,
  openVectors: OpenedVectorsSchema,
  configureAutosave: v.strictObject({ path: v.string(), everySeconds: num }),
  describe: TrainerDescriptionSchema,
  /** The ids the history held and no longer does. */
  forgetRuns: v.strictObject({ forgotten: v.array(v.string()) }),
  cancel: v.strictObject({ cancelled: v.boolean() }),
} satisfies Record<Exclude<TrainerRequestType, 'ack'>, v.GenericSchema>

export type AnsweredRequestType = keyof typeof TRAINER_RESULT_SCHEMAS
export type TrainerResult<K extends AnsweredRequestType> = v.InferOutput<(typeof TRAINER_RESULT_SCHEMAS)[K]>
export type GradientCheckRow = v.InferOutput<typeof GradientCheckRowSchema>
