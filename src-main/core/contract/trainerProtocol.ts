/**
 * The trainer process's protocol: every request the host (or the window, through the host)
 * sends it, every response and event it sends back. One schema per message; both ends parse
 * what they receive with `parseMessage`, so a malformed message is a typed ContractError.
 *
 * Requests carry an `id`; the trainer answers each with exactly one `response` of that id
 * (ok with a result, or a typed error). Long requests report `taskProgress` with their id and
 * can be cancelled with `cancel`. Events without an id (progress, snapshots, state changes,
 * warnings, errors) stream while training runs.
 */
import * as v from 'valibot'
import { ANALOGY_METHODS } from '../evaluation/mostSimilar'
import { MAX_EXPRESSION_TERMS } from '../evaluation/wordExpression'
import {
  ContinueSettingsSchema, ProjectionMethodSchema, ScheduleSettingsSchema, TokenizerOptionsSchema, VectorFormatSchema, VectorKindSchema, VocabularySettingsSchema,
} from './settingsSchemas'

/** Bumped whenever a message changes shape; the host refuses a trainer that speaks another version. */
export const PROTOCOL_VERSION = 4

/**
 * Request ids are strings so that each client has its own namespace: the window's ids start
 * with "r", the main process's with "m", a test's with anything else. The trainer only echoes them.
 */
export const RequestIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
const requestId = RequestIdSchema
const word = v.pipe(v.string(), v.minLength(1), v.maxLength(200))
const path = v.pipe(v.string(), v.minLength(1), v.maxLength(4096))
const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1))
const resultCount = v.pipe(positiveInt, v.maxValue(1000))
export const AnalogyMethodSchema = v.picklist(ANALOGY_METHODS)
export type AnalogyMethod = v.InferOutput<typeof AnalogyMethodSchema>
/** The most words an odd-one-out question may compare. */
export const MAX_ODD_ONE_OUT_WORDS = MAX_EXPRESSION_TERMS
/** An expression's text: each of its at most MAX_EXPRESSION_TERMS words may carry an operator and a weight. */
export const MAX_EXPRESSION_CHARS = MAX_EXPRESSION_TERMS * 240

/** At most this many words are plotted and snapshotted while training. */
export const MAX_PLOT_WORDS = 500

export const TrainerRequestSchema = v.variant('type', [
  /** Read and tokenize one or more files (concatenated), count the vocabulary; progress as taskProgress. */
  v.strictObject({ type: v.literal('loadCorpus'), id: requestId, paths: v.pipe(v.array(path), v.minLength(1), v.maxLength(100)), tokenizer: TokenizerOptionsSchema }),
  /** Train the loaded corpus from scratch. */
  v.strictObject({
    type: v.literal('start'), id: requestId,
    settings: ScheduleSettingsSchema,
    vocabulary: VocabularySettingsSchema,
    /** Words whose 2-D positions stream as snapshots; empty = the most frequent words. */
    plotWords: v.pipe(v.array(word), v.maxLength(MAX_PLOT_WORDS)),
    /**
     * Start the corpus' words found in this vectors file from its vectors (word2vec schedule
     * only); `lock` keeps them fixed while the other words train (gensim's lock factor 0).
     */
    initVectors: v.optional(v.strictObject({ path, lock: v.boolean() })),
  }),
  /**
   * Train the current run further on other corpus files (read with the run's own tokenizer), as
   * gensim's build_vocab(update=True) then train: its words keep their vectors, new words join.
   * The run must have ended; the new corpus replaces the loaded one.
   */
  /** The ended run trained further on these files; `settings`: the continuation's own epochs, learning rates and threads (unset: the run's). */
  v.strictObject({ type: v.literal('continueRun'), id: requestId, paths: v.pipe(v.array(path), v.minLength(1), v.maxLength(100)), settings: v.optional(ContinueSettingsSchema) }),
  v.strictObject({ type: v.literal('pause'), id: requestId }),
  v.strictObject({ type: v.literal('resume'), id: requestId }),
  /** Stop cleanly: the run ends where it is, is saved (autosave file) and can be exported. */
  v.strictObject({ type: v.literal('stop'), id: requestId }),
  /** The course's dummy problem, and a minibatch of the loaded corpus with the current parameters (float64 copy). */
  v.strictObject({ type: v.literal('gradientCheck'), id: requestId, seed: v.optional(v.pipe(v.number(), v.integer())) }),
  v.strictObject({ type: v.literal('setPlotWords'), id: requestId, words: v.pipe(v.array(word), v.maxLength(MAX_PLOT_WORDS)) }),
  v.strictObject({ type: v.literal('neighbours'), id: requestId, word, k: resultCount, vectors: VectorKindSchema }),
  v.strictObject({ type: v.literal('analogy'), id: requestId, a: word, b: word, c: word, k: resultCount, method: AnalogyMethodSchema, vectors: VectorKindSchema }),
  /** The words nearest to `king - man + woman` (parsed by the trainer, which answers a mistake with a sentence). */
  v.strictObject({
    type: v.literal('expression'), id: requestId, text: v.pipe(v.string(), v.maxLength(MAX_EXPRESSION_CHARS)), k: resultCount, method: AnalogyMethodSchema,
    vectors: VectorKindSchema,
  }),
  /** gensim's doesnt_match: which of the words does not belong with the others. */
  v.strictObject({ type: v.literal('oddOneOut'), id: requestId, words: v.pipe(v.array(word), v.minLength(1), v.maxLength(MAX_ODD_ONE_OUT_WORDS)), vectors: VectorKindSchema }),
  v.strictObject({
    type: v.literal('projection'), id: requestId,
    words: v.pipe(v.array(word), v.minLength(1), v.maxLength(10_000)),
    method: ProjectionMethodSchema, vectors: VectorKindSchema,
    seed: v.optional(v.pipe(v.number(), v.integer())),
  }),
  /** Score the current vectors on an analogy file (questions-words format) or a word-pair file (WordSim/SimLex). */
  v.strictObject({ type: v.literal('evaluate'), id: requestId, kind: v.picklist(['analogy', 'wordPairs']), path }),
  v.strictObject({
    type: v.literal('export'), id: requestId, path,
    format: v.optional(VectorFormatSchema), vectors: VectorKindSchema,
    topN: v.optional(positiveInt), normalize: v.boolean(),
  }),
  v.strictObject({ type: v.literal('saveCheckpoint'), id: requestId, path }),
  /** Restore a saved run (re-reading its corpus), paused at its saved position; `resume` continues it. */
  v.strictObject({
    type: v.literal('loadCheckpoint'), id: requestId, path,
    /**
     * The corpus files the user confirmed for it (main asks before it forwards the request): the
     * trainer reads no other, so a checkpoint changed between the question and the read is refused.
     */
    corpusPaths: v.optional(v.pipe(v.array(path), v.maxLength(100))),
  }),
  /** Open a vectors file (any format the app reads) for exploration, replacing the current vectors. */
  v.strictObject({ type: v.literal('openVectors'), id: requestId, path }),
  /** Where and how often the running training is saved; `everySeconds` 0 turns the timer off (stop still saves). */
  v.strictObject({ type: v.literal('configureAutosave'), id: requestId, path, everySeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(86_400)) }),
  /** The trainer's whole state (corpus, vectors, current run, run history with their points), for a window that (re)connects. */
  v.strictObject({ type: v.literal('describe'), id: requestId }),
  /**
   * Drop earlier runs from the history (the user removed them from the run list), so a window that
   * reconnects does not show them again and their points are freed. The current run stays.
   */
  v.strictObject({ type: v.literal('forgetRuns'), id: requestId, runIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(10_000)) }),
  /** Cancel a long request (loadCorpus, projection, evaluate, export); it answers with a 'cancelled' error. */
  v.strictObject({ type: v.literal('cancel'), id: requestId, target: requestId }),
  /** Flow control: the receiver has handled progress batches up to `seq`. Not answered. */
  v.strictObject({ type: v.literal('ack'), seq: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
])

export type TrainerRequest = v.InferOutput<typeof TrainerRequestSchema>
export type TrainerRequestType = TrainerRequest['type']
/** A request as a caller writes it: the id is the client's to assign. */
export type TrainerCall = TrainerRequest extends infer R ? R extends { id: string } ? Omit<R, 'id'> : never : never

/** What went wrong, as a kind the window can act on and one sentence it can show. */
export const TRAINER_ERROR_KINDS = [
  'badRequest', 'protocol', 'state', 'corpus', 'config', 'diverged', 'checkpoint', 'vectors', 'export', 'evaluation', 'projection', 'unknownWord', 'expression',
  'cancelled', 'internal',
] as const
export const TrainerErrorSchema = v.strictObject({
  kind: v.picklist(TRAINER_ERROR_KINDS),
  message: v.string(),
  /** The setting at fault, for config errors. */
  field: v.optional(v.string()),
})
export type TrainerError = v.InferOutput<typeof TrainerErrorSchema>

/**
 * What the trainer is doing, coarsely: which requests make sense now (the window's buttons).
 * 'preparing' is the work between a start and its first step; 'stopped' a run ended early by a
 * stop, unlike 'finished', which trained to the end.
 */
export const TRAINER_STATES = [
  'empty', 'loadingCorpus', 'ready', 'preparing', 'training', 'paused', 'stopping', 'finished', 'stopped', 'diverged', 'restoring', 'loadingVectors',
] as const
export type TrainerState = (typeof TRAINER_STATES)[number]

/**
 * Every phase the trainer passes through, in the order a run meets them, with the sentence a
 * user sees and the state it belongs to. The one table of them: the trainer reports a phase in
 * every `state` event and the window shows its label, never the raw name.
 */
export const TRAINER_PHASES = {
  empty: { label: 'No corpus loaded', state: 'empty' },
  /** Reading, tokenizing and counting in one pass over the files; its fraction is the bytes read. */
  readingCorpus: { label: 'Reading the corpus', state: 'loadingCorpus' },
  /** Counting and joining frequent phrases, when the corpus options ask for it; its fraction covers every pass. */
  joiningPhrases: { label: 'Joining frequent phrases', state: 'loadingCorpus' },
  ready: { label: 'Ready to train', state: 'ready' },
  buildingVocabulary: { label: 'Building the vocabulary', state: 'preparing' },
  /** A start from pretrained vectors reads them (its fraction is the bytes read) once the vocabulary is known. */
  readingPretrained: { label: 'Reading the pretrained vectors', state: 'preparing' },
  encodingCorpus: { label: 'Encoding the corpus', state: 'preparing' },
  /** The first word2vec run of a trainer compiles the WebAssembly kernels, optimised from the start. */
  compilingKernels: { label: 'Compiling the training kernels', state: 'preparing' },
  /** One synchronous step of the engine (its sub-sampling and noise tables, the vectors, the corpus in shared memory): no fraction. */
  allocating: { label: 'Building the tables and allocating the vectors', state: 'preparing' },
  training: { label: 'Training', state: 'training' },
  paused: { label: 'Paused', state: 'paused' },
  stopping: { label: 'Stopping', state: 'stopping' },
  saving: { label: 'Saving the checkpoint', state: 'stopping' },
  finished: { label: 'Finished', state: 'finished' },
  stopped: { label: 'Stopped early', state: 'stopped' },
  diverged: { label: 'Diverged', state: 'diverged' },
  restoring: { label: 'Restoring the checkpoint', state: 'restoring' },
  readingVectors: { label: 'Reading the vectors file', state: 'loadingVectors' },
} as const satisfies Record<string, { readonly label: string; readonly state: TrainerState }>
export type TrainerPhase = keyof typeof TRAINER_PHASES
export const TrainerPhaseSchema = v.picklist(Object.keys(TRAINER_PHASES) as [TrainerPhase, ...TrainerPhase[]])

/** How a run of this trainer ended; 'running' until it does (training, paused, or restored and not resumed). */
export const RUN_OUTCOMES = ['running', 'finished', 'stopped', 'diverged'] as const
export type RunOutcome = (typeof RUN_OUTCOMES)[number]

const num = v.number()
const nullableNum = v.nullable(v.number())
const stringList = v.array(v.string())

/**
 * A run as the trainer describes it, complete enough to draw its bar and its row in the run list
 * without any other message: it rides on every `state` event, answers `start` and
 * `loadCheckpoint`, and fills `describe`.
 */
export const RunInfoSchema = v.strictObject({
  runId: v.string(),
  /** 1, 2, … in the order this trainer process started or restored them. */
  number: positiveInt,
  schedule: v.picklist(['word2vec', 'cs224n']),
  settings: ScheduleSettingsSchema,
  vocabulary: VocabularySettingsSchema,
  outcome: v.picklist(RUN_OUTCOMES),
  /** Words (word2vec) or iterations (cs224n) done and planned. */
  done: num,
  total: num,
  /** done / total, 0 to 1. */
  fraction: num,
  /** 1-based epoch (word2vec); null for the course schedule. */
  epoch: nullableNum,
  /** Training seconds, pauses excluded, including those before the checkpoint it was restored from. */
  seconds: num,
  /** The smoothed loss at the end; null until the run ends (and when no loss was measured). */
  finalLoss: nullableNum,
  vocabSize: num,
  dim: num,
  /** Autosave file of this run, once one has been written. */
  checkpointPath: v.nullable(v.string()),
  /** The checkpoint this run was restored from; null for a run started here. */
  restoredFrom: v.nullable(v.string()),
  /** What a run started from given vectors kept and what is new, in a sentence; null for a run started from random vectors. */
  warmStart: v.nullable(v.string()),
})
export type RunInfo = v.InferOutput<typeof RunInfoSchema>

/**
 * The loss points the trainer keeps for a run, as columns (see LossPoints), and the x of every
 * epoch (word2vec) or anneal step (cs224n) boundary. At most MAX_KEPT_POINTS each: beyond, the
 * points are halved by halveLossPoints and the boundaries by keeping every other one, so a long
 * run costs a coarser curve, never unbounded memory.
 */
export const RunPointsSchema = v.strictObject({
  x: v.array(num), loss: v.array(num), smoothedLoss: v.array(nullableNum), alpha: v.array(num), t: v.array(num),
  boundaries: v.array(num),
})
export type RunPoints = v.InferOutput<typeof RunPointsSchema>
export const MAX_KEPT_POINTS = 4000

/**
 * Counts the trainer's state events, from 1. State events stream on the window's port while
 * `describe` is answered through main, so they can arrive in either order: a receiver keeps a
 * description unless it has applied a state event of a higher version, and applies a state event
 * only if its version is higher than that of what it holds. Progress batches in flight when a
 * description is taken may repeat its last points: a receiver skips points at or before the
 * last x of the curve it holds.
 */
export const StateVersionSchema = v.pipe(v.number(), v.integer(), v.minValue(0))

/** A run of the history: its description and its curve. */
export const RunRecordSchema = v.strictObject({ ...RunInfoSchema.entries, points: RunPointsSchema })
export type RunRecord = v.InferOutput<typeof RunRecordSchema>

export const TrainerEventSchema = v.variant('type', [
  v.strictObject({ type: v.literal('ready'), protocol: num, pid: num, threadsAvailable: num }),
  v.strictObject({ type: v.literal('response'), id: v.string(), ok: v.boolean(), result: v.optional(v.unknown()), error: v.optional(TrainerErrorSchema) }),
  /**
   * What the trainer is doing, on every change of phase or run, and as a phase that can last
   * over a second advances: the phase (its label and state come from TRAINER_PHASES), how far it
   * is (0 to 1; null when unknown) and the current run (null when there is none). These events
   * alone describe the run; the answers to start and loadCheckpoint add nothing they do not say.
   */
  v.strictObject({ type: v.literal('state'), version: StateVersionSchema, state: v.picklist(TRAINER_STATES), phase: TrainerPhaseSchema, fraction: nullableNum, run: v.nullable(RunInfoSchema) }),
  v.strictObject({ type: v.literal('taskProgress'), id: v.string(), fraction: num, label: v.string() }),
  /**
   * A batch of loss points since the previous batch (about every 50 ms, coalesced when the
   * receiver falls behind): x is words done (word2vec) or iteration (cs224n); alpha is the
   * learning rate (step) at that point; t the training seconds.
   */
  v.strictObject({
    type: v.literal('progress'), seq: num, runId: v.string(), schedule: v.picklist(['word2vec', 'cs224n']),
    x: v.array(num), loss: v.array(num), smoothedLoss: v.array(nullableNum), alpha: v.array(num), t: v.array(num),
    fraction: num, epoch: nullableNum, wordsPerSec: nullableNum,
    /** The course's speed (its iterations are minibatches, not words); null under word2vec's schedule. */
    iterationsPerSec: nullableNum, etaSeconds: nullableNum,
    /** x values where an epoch (word2vec) or an anneal step (cs224n) began since the previous batch. */
    boundaries: v.array(num),
  }),
  /** The plotted words' 2-D coordinates (PCA of the current vectors, aligned to the previous snapshot). */
  v.strictObject({ type: v.literal('snapshot'), runId: v.string(), words: stringList, coordinates: v.array(num), explainedVariance: v.nullable(v.tuple([num, num])) }),
  v.strictObject({ type: v.literal('checkpointSaved'), path: v.string(), reason: v.picklist(['autosave', 'stop', 'request', 'finished']), done: num }),
  v.strictObject({ type: v.literal('finished'), runId: v.string(), stopped: v.boolean(), done: num, seconds: num, finalLoss: nullableNum }),
  v.strictObject({ type: v.literal('warning'), message: v.string() }),
  v.strictObject({ type: v.literal('error'), error: TrainerErrorSchema }),
])

export type TrainerEvent = v.InferOutput<typeof TrainerEventSchema>
export type TrainerEventType = TrainerEvent['type']
export type ProgressBatch = Extract<TrainerEvent, { type: 'progress' }>
export type TrainerSnapshot = Extract<TrainerEvent, { type: 'snapshot' }>
export type TrainerResponseEvent = Extract<TrainerEvent, { type: 'response' }>
