import type { TokenizerOptions } from '../../core/corpus/tokenizer'
import type { Vocabulary } from '../../core/corpus/corpusTypes'
import * as v from 'valibot'
import { ScheduleSettingsSchema, TokenizerOptionsSchema } from '../../core/contract/settingsSchemas'
import { assertVocabularySettings } from '../../core/settings/settingProblems'
import type { ScheduleSettings } from '../../core/settings/trainingSettings'
import type { CourseTrainerState } from '../../core/training/courseTrainer'
import { SLOTS_PER_MATRIX } from '../../core/training/optimizers'
import { TrainingConfigError, TrainingResumeError } from '../../core/training/trainingErrors'
import { encodingLabel } from '../../core/corpus/textEncodings'
import { outsideRowCount } from '../../core/word2vecLoss'
import { basename } from 'node:path'
import type { Embeddings } from '../../core/vectors/embeddings'
import { type VectorKind, runWithoutOutsideVectors, selectVectors } from '../../core/vectors/vectorSelection'
import { CheckpointError, type CheckpointArray, type CheckpointReadOptions, type JsonValue, readCheckpoint, readCheckpointMeta, writeCheckpoint } from '../checkpointFile'
import type { StreamingState } from './streamingTrainer'

export type { ScheduleSettings }

/** How the corpus became training data: needed to encode it again the same way on resume. */
export type CorpusSettings = {
  readonly tokenizer: Partial<TokenizerOptions>
  readonly minCount: number
  readonly maxVocab?: number
  /** The course's UNK was added to the vocabulary. */
  readonly unk?: boolean
  /**
   * The corpus files, in order (absolute when the CLI saved them), so the app can restore the run
   * by reading them again. Absent in checkpoints of earlier versions of the CLI, which still load.
   */
  readonly paths?: readonly string[]
  /**
   * The encoding each file of `paths` was read in (the decoder's name), so a resumed run can tell
   * that it reads the same words. Absent before version 4, whose files were read as UTF-8.
   */
  readonly encodings?: readonly string[]
}

export type TrainingState =
  | { readonly schedule: 'word2vec'; readonly state: StreamingState }
  | { readonly schedule: 'cs224n'; readonly state: CourseTrainerState }

export interface TrainingCheckpoint {
  readonly settings: ScheduleSettings
  readonly corpus: CorpusSettings
  readonly vocabulary: Pick<Vocabulary, 'words' | 'counts'>
  readonly training: TrainingState
  /** Training seconds up to the saved position, pauses excluded; absent in checkpoints written before it was kept. */
  readonly trainingSeconds?: number
}

const FORMAT = 'word2vec-studio-training'
/**
 * 2: the course's settings say `window` and `batch` (version 1: `windowSize` and `batchSize`).
 * 3: the course's settings say whose `subsampling` (before: always word2vec's), and the corpus may add `unk`.
 * 4: the corpus says the encoding each file was read in, and its tokenizer options may name one;
 *    the loss may be hierarchical softmax, whose outsideVectors hold |V| − 1 rows (the Huffman
 *    tree's inner nodes); an earlier app would misread such a file, so it is told it is newer.
 */
const VERSION = 4

/** Vocabulary, both matrices, schedule position, optimizer and generator states and config, in one atomic file. */
export async function saveTrainingCheckpoint(path: string, checkpoint: TrainingCheckpoint): Promise<void> {
  const arrays: Record<string, CheckpointArray> = { counts: checkpoint.vocabulary.counts }
  let position: JsonValue
  const t = checkpoint.training
  if (t.schedule === 'word2vec') {
    arrays.centerWordVectors = t.state.centerWordVectors
    arrays.outsideVectors = t.state.outsideVectors
    if (t.state.lockFactors) arrays.lockFactors = t.state.lockFactors
    if (t.state.keepProbability) arrays.keepProbability = t.state.keepProbability
    position = { wordsPerEpoch: t.state.wordsPerEpoch, nextChunk: t.state.nextChunk, rngStates: [...t.state.rngStates] }
  } else {
    arrays.centerWordVectors = t.state.centerWordVectors
    arrays.outsideVectors = t.state.outsideVectors
    t.state.optimizer.slots.forEach((slots, i) => slots.forEach((slot, j) => (arrays[`optimizer.${i}.${j}`] = slot)))
    position = {
      iteration: t.state.iteration, step: t.state.step, expLoss: t.state.expLoss,
      randomState: { s: [...t.state.randomState.s], spareNormal: t.state.randomState.spareNormal },
      optimizer: { kind: t.state.optimizer.kind, stepCount: t.state.optimizer.stepCount, slots: t.state.optimizer.slots.map((s) => s.length) },
    }
  }
  const meta: JsonValue = {
    format: FORMAT, version: VERSION,
    settings: checkpoint.settings,
    corpus: checkpoint.corpus,
    words: [...checkpoint.vocabulary.words],
    position,
    ...(checkpoint.trainingSeconds === undefined ? {} : { trainingSeconds: checkpoint.trainingSeconds }),
  }
  await writeCheckpoint(path, { meta, arrays })
}

/**
 * About how many bytes saveTrainingCheckpoint will write for a run of these settings and
 * words, known before training: the matrices (and the course's optimizer slots) dominate.
 */
export function estimateTrainingCheckpointBytes(settings: ScheduleSettings, words: readonly string[]): number {
  const values = (words.length + outsideRowCount(settings.config.loss, words.length)) * settings.config.dim
  const matrices = settings.schedule === 'word2vec' ? values * 4 : values * 8 * (1 + SLOTS_PER_MATRIX[settings.config.optimizer])
  const wordBytes = words.reduce((sum, word) => sum + Buffer.byteLength(JSON.stringify(word)) + 1, 0)
  // 64 KiB covers the settings, the position, the array list and the alignment padding.
  // 12 bytes a word: its count, and the lock factors and keep probabilities a warm-started run saves.
  return matrices + 12 * words.length + wordBytes + 65_536
}

/** The vectors of one kind a run holds, as float32 rows, ready for writeEmbeddings. */
export function trainedEmbeddings(run: Pick<TrainingCheckpoint, 'settings' | 'vocabulary' | 'training'>, kind: VectorKind): Embeddings {
  const { state } = run.training
  const f32 = (a: Float32Array | Float64Array): Float32Array => (a instanceof Float32Array ? a : Float32Array.from(a))
  const whyNoOutside = runWithoutOutsideVectors(run.settings.config.loss)
  const selected = whyNoOutside === null
    ? selectVectors(f32(state.centerWordVectors), f32(state.outsideVectors), run.settings.config.dim, kind)
    : selectVectors(f32(state.centerWordVectors), null, run.settings.config.dim, kind, whyNoOutside)
  return { words: run.vocabulary.words, counts: run.vocabulary.counts, vectors: selected.vectors, dim: selected.dim }
}

function foreign(path: string, why: string): CheckpointError {
  return new CheckpointError('foreign', path, `“${path}” is not a training checkpoint of Word2Vec Studio (${why}).`)
}

function damaged(path: string, why: string): CheckpointError {
  return new CheckpointError('corrupt', path, `“${path}” is damaged (${why}) and cannot be used. Use an earlier checkpoint.`)
}

const wholeAtLeast = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min))
const finiteNumber = v.pipe(v.number(), v.finite())
/** A generator state of the kernels: a uint64 written in decimal (JSON has no 64-bit integers). */
const uint64Text = v.pipe(v.string(), v.check((text) => /^\d{1,20}$/.test(text) && BigInt(text) < 2n ** 64n, 'not a whole number from 0 to 2⁶⁴ − 1'))
const uint32 = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1))

/** The corpus settings in the checkpoint; their ranges are the rule table's (assertVocabularySettings). */
const CorpusSettingsSchema = v.strictObject({
  tokenizer: TokenizerOptionsSchema,
  minCount: v.pipe(v.number(), v.integer()),
  maxVocab: v.optional(v.pipe(v.number(), v.integer())),
  unk: v.optional(v.boolean()),
  paths: v.optional(v.array(v.string())),
  encodings: v.optional(v.array(v.string())),
})

const StreamingPositionSchema = v.strictObject({
  wordsPerEpoch: wholeAtLeast(0),
  nextChunk: wholeAtLeast(0),
  rngStates: v.array(uint64Text),
})

const CoursePositionSchema = v.strictObject({
  iteration: wholeAtLeast(0),
  step: v.pipe(finiteNumber, v.gtValue(0)),
  expLoss: v.nullable(finiteNumber),
  randomState: v.strictObject({ s: v.tuple([uint32, uint32, uint32, uint32]), spareNormal: v.nullable(finiteNumber) }),
  optimizer: v.strictObject({ kind: v.picklist(['sgd', 'momentum', 'adam']), stepCount: wholeAtLeast(0), slots: v.array(wholeAtLeast(0)) }),
})

/** Everything but the arrays; the schedule's settings are the contract's, as in a start request. */
const MetaSchema = v.strictObject({
  format: v.literal(FORMAT),
  version: v.literal(VERSION),
  settings: ScheduleSettingsSchema,
  corpus: CorpusSettingsSchema,
  words: v.array(v.string()),
  position: v.unknown(),
  trainingSeconds: v.optional(v.pipe(finiteNumber, v.minValue(0))),
})

function isJsonObject(value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An earlier version's metadata in today's words: version 1's course `windowSize` and `batchSize`
 * became `window` and `batch`; before version 3 the course's runs sub-sampled with word2vec's
 * formula; before version 4 files without a byte-order mark were read as UTF-8 (legacy encodings
 * were not detected), so they are read so again, and the loss could not be hierarchical softmax.
 */
function fromEarlierVersion(meta: { readonly [key: string]: JsonValue }): JsonValue {
  const corpus = isJsonObject(meta.corpus) && isJsonObject(meta.corpus.tokenizer) ? { ...meta.corpus, tokenizer: { encoding: 'utf-8', ...meta.corpus.tokenizer } } : meta.corpus ?? null
  const settings = meta.settings
  if (meta.version === 3 || !isJsonObject(settings) || settings.schedule !== 'cs224n' || !isJsonObject(settings.config)) return { ...meta, version: VERSION, corpus }
  let config: { readonly [key: string]: JsonValue } = { ...settings.config, subsampling: 'word2vec' }
  if (meta.version === 1) {
    const { windowSize, batchSize, ...rest } = config
    config = { ...rest, window: windowSize ?? null, batch: batchSize ?? null }
  }
  return { ...meta, version: VERSION, corpus, settings: { ...settings, config } }
}

/** Parses `value` with `schema`, or says in a CheckpointError where it does not fit. */
function parseMeta<const S extends v.GenericSchema>(path: string, schema: S, value: unknown, prefix = ''): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value)
  if (parsed.success) return parsed.output
  const issue = parsed.issues[0]
  const where = `${prefix}${v.getDotPath(issue) ?? ''}`
  const what = where ? `its ${where}` : 'its description'
  throw damaged(path, issue.input === undefined ? `${what} is missing` : `${what} is invalid: ${issue.message}`)
}

/** Checks that `array` exists, is of `type` and holds `length` finite values, or says which of these it is not. */
function checkMatrix<T extends CheckpointArray>(path: string, name: string, array: CheckpointArray | undefined, type: { new (n: number): T; name: string }, length: number): T {
  if (array === undefined) throw damaged(path, `${name} is missing`)
  if (!(array instanceof type)) throw damaged(path, `${name} is stored as ${array.constructor.name}, not ${type.name}`)
  if (array.length !== length) throw damaged(path, `${name} has ${array.length.toLocaleString('en-US')} values where its vocabulary and dimension need ${length.toLocaleString('en-US')}`)
  for (let i = 0; i < array.length; i++) {
    if (!Number.isFinite(array[i]!)) throw damaged(path, `${name} holds ${array[i]} at value ${(i + 1).toLocaleString('en-US')}, not a finite number`)
  }
  return array
}

/** The engine's own check of a saved setting, as a CheckpointError. */
function checkWith(path: string, check: () => void): void {
  try {
    check()
  } catch (error) {
    if (error instanceof TrainingConfigError) throw damaged(path, `its settings are invalid: ${error.message.replace(/\.$/, '')}`)
    throw error
  }
}

/**
 * Reads a checkpoint written by saveTrainingCheckpoint. Every part is checked before it is
 * trusted: the description against the contract's schemas, the settings by the engine's rules,
 * each array's type, length (vocabulary size × dimension) and finiteness. A file from elsewhere,
 * or one whose checksum is right but whose contents are not, gets a CheckpointError.
 */
export async function loadTrainingCheckpoint(path: string, options: CheckpointReadOptions = {}): Promise<TrainingCheckpoint> {
  const { meta, arrays } = await readCheckpoint(path, options)
  const m = meta as Record<string, JsonValue> | null
  if (typeof m !== 'object' || m === null || Array.isArray(m) || m.format !== FORMAT) throw foreign(path, 'it holds something else')
  if (m.version !== VERSION && m.version !== 1 && m.version !== 2 && m.version !== 3) throw new CheckpointError('version', path, `“${path}” was saved by a newer Word2Vec Studio (training checkpoint version ${String(m.version)}); update the app to resume it.`)
  const { settings, corpus, words, position: savedPosition, trainingSeconds } = parseMeta(path, MetaSchema, m.version === VERSION ? m : fromEarlierVersion(m))
  checkWith(path, () => assertVocabularySettings(corpus))
  if (words.length === 0) throw damaged(path, 'its vocabulary is empty')
  if (new Set(words).size !== words.length) throw damaged(path, 'its vocabulary lists a word twice')
  const counts = arrays.counts
  if (!(counts instanceof Uint32Array) || counts.length !== words.length) throw damaged(path, `its word counts are missing or do not match its ${words.length.toLocaleString('en-US')} words`)
  const size = words.length * settings.config.dim
  const outsideSize = outsideRowCount(settings.config.loss, words.length) * settings.config.dim
  let training: TrainingState
  if (settings.schedule === 'word2vec') {
    const position = parseMeta(path, StreamingPositionSchema, savedPosition, 'position.')
    training = {
      schedule: 'word2vec',
      state: {
        ...position,
        centerWordVectors: checkMatrix(path, 'centerWordVectors', arrays.centerWordVectors, Float32Array, size),
        outsideVectors: checkMatrix(path, 'outsideVectors', arrays.outsideVectors, Float32Array, outsideSize),
        // A warm-started run's word tables (see WarmStart): absent otherwise, and in earlier versions.
        ...(arrays.lockFactors === undefined ? {} : { lockFactors: checkMatrix(path, 'lockFactors', arrays.lockFactors, Float32Array, words.length) }),
        ...(arrays.keepProbability === undefined ? {} : { keepProbability: checkMatrix(path, 'keepProbability', arrays.keepProbability, Float32Array, words.length) }),
      },
    }
  } else {
    const position = parseMeta(path, CoursePositionSchema, savedPosition, 'position.')
    const { optimizer } = position
    if (optimizer.kind !== settings.config.optimizer) throw damaged(path, `its optimizer state is for ${optimizer.kind} but its settings use ${settings.config.optimizer}`)
    // One list of slots per matrix (centre, outside), each as many as the optimizer keeps.
    if (optimizer.slots.length !== 2 || optimizer.slots.some((count) => count !== SLOTS_PER_MATRIX[optimizer.kind])) {
      throw damaged(path, `its optimizer state does not have the ${SLOTS_PER_MATRIX[optimizer.kind]} saved matrices per parameter that ${optimizer.kind} keeps`)
    }
    const slots = optimizer.slots.map((count, i) => Array.from({ length: count }, (_, j) => checkMatrix(path, `optimizer state ${i}.${j}`, arrays[`optimizer.${i}.${j}`], Float64Array, i === 0 ? size : outsideSize)))
    training = {
      schedule: 'cs224n',
      state: {
        iteration: position.iteration, step: position.step, expLoss: position.expLoss, randomState: position.randomState,
        optimizer: { kind: optimizer.kind, stepCount: optimizer.stepCount, slots },
        centerWordVectors: checkMatrix(path, 'centerWordVectors', arrays.centerWordVectors, Float64Array, size),
        outsideVectors: checkMatrix(path, 'outsideVectors', arrays.outsideVectors, Float64Array, outsideSize),
      },
    }
  }
  return { settings, corpus, vocabulary: { words, counts }, training, ...(trainingSeconds === undefined ? {} : { trainingSeconds }) }
}

/**
 * Refuses to resume a run on a corpus read in other encodings than the saved run read it in (the
 * user named another, or the file changed): the same bytes would be other words. A checkpoint
 * that recorded no encodings, or not one for each file, cannot be judged so and passes.
 */
export function checkResumedEncodings(saved: Pick<CorpusSettings, 'encodings'>, paths: readonly string[], encodings: readonly string[]): void {
  const before = saved.encodings
  if (before === undefined || before.length !== encodings.length) return
  const i = encodings.findIndex((encoding, k) => encoding !== before[k])
  if (i === -1) return
  throw new TrainingResumeError(
    `The saved run read “${basename(paths[i]!)}” as ${encodingLabel(before[i]!)}, but it was read as ${encodingLabel(encodings[i]!)} now, which makes other words of its bytes; resume with the file read as ${encodingLabel(before[i]!)}.`,
  )
}

/**
 * The corpus files a training checkpoint names, read from its header alone (the matrices may be
 * gigabytes): the app asks the user before the trainer reads them. Empty for a checkpoint of an
 * earlier CLI, which named none; a CheckpointError for a list the trainer would refuse too.
 */
export async function checkpointCorpusPaths(path: string): Promise<string[]> {
  const m = (await readCheckpointMeta(path)) as Record<string, JsonValue> | null
  if (typeof m !== 'object' || m === null || Array.isArray(m) || m.format !== FORMAT) throw foreign(path, 'it holds something else')
  return parseMeta(path, CorpusSettingsSchema, m.corpus, 'corpus.').paths ?? []
}
