import type { TokenizerOptions } from '../../core/corpus/tokenizer'
import type { Vocabulary } from '../../core/corpus/corpusTypes'
import type { CourseConfig, CourseTrainerState } from '../../core/training/courseTrainer'
import type { StreamingConfig } from '../../core/training/streamingConfig'
import { CheckpointError, type CheckpointArray, type JsonValue, readCheckpoint, readCheckpointMeta, writeCheckpoint } from '../checkpointFile'
import type { StreamingState } from './streamingTrainer'

/** Which schedule a run uses, with its settings. */
export type ScheduleSettings =
  | { readonly schedule: 'word2vec'; readonly config: StreamingConfig }
  | { readonly schedule: 'cs224n'; readonly config: CourseConfig }

/** How the corpus became training data: needed to encode it again the same way on resume. */
export interface CorpusSettings {
  readonly tokenizer: Partial<TokenizerOptions>
  readonly minCount: number
  readonly maxVocab?: number
  /** The corpus files, in order, so the app can restore the run by reading them again; absent in the CLI's checkpoints. */
  readonly paths?: readonly string[]
}

export type TrainingState =
  | { readonly schedule: 'word2vec'; readonly state: StreamingState }
  | { readonly schedule: 'cs224n'; readonly state: CourseTrainerState }

export interface TrainingCheckpoint {
  readonly settings: ScheduleSettings
  readonly corpus: CorpusSettings
  readonly vocabulary: Pick<Vocabulary, 'words' | 'counts'>
  readonly training: TrainingState
}

const FORMAT = 'word2vec-studio-training'
const VERSION = 1

/** Vocabulary, both matrices, schedule position, optimizer and generator states and config, in one atomic file. */
export async function saveTrainingCheckpoint(path: string, checkpoint: TrainingCheckpoint): Promise<void> {
  const arrays: Record<string, CheckpointArray> = { counts: checkpoint.vocabulary.counts }
  let position: JsonValue
  const t = checkpoint.training
  if (t.schedule === 'word2vec') {
    arrays.centerWordVectors = t.state.centerWordVectors
    arrays.outsideVectors = t.state.outsideVectors
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
    settings: checkpoint.settings as unknown as JsonValue,
    corpus: checkpoint.corpus as unknown as JsonValue,
    words: [...checkpoint.vocabulary.words],
    position,
  }
  await writeCheckpoint(path, { meta, arrays })
}

function foreign(path: string, why: string): CheckpointError {
  return new CheckpointError('foreign', path, `“${path}” is not a training checkpoint of Word2Vec Studio (${why}).`)
}

/** Reads a checkpoint written by saveTrainingCheckpoint; a file from elsewhere gets a CheckpointError. */
export async function loadTrainingCheckpoint(path: string): Promise<TrainingCheckpoint> {
  const { meta, arrays } = await readCheckpoint(path)
  const m = meta as Record<string, JsonValue> | null
  if (typeof m !== 'object' || m === null || m.format !== FORMAT) throw foreign(path, 'it holds something else')
  if (m.version !== VERSION) throw new CheckpointError('version', path, `“${path}” was saved by a newer Word2Vec Studio (training checkpoint version ${String(m.version)}); update the app to resume it.`)
  const words = m.words
  const counts = arrays.counts
  const V = arrays.centerWordVectors
  const U = arrays.outsideVectors
  if (!Array.isArray(words) || !words.every((w) => typeof w === 'string') || !(counts instanceof Uint32Array) || counts.length !== words.length || !V || !U) {
    throw new CheckpointError('corrupt', path, `“${path}” is damaged: its vocabulary or vectors are missing or inconsistent.`)
  }
  const settings = m.settings as unknown as ScheduleSettings
  const corpus = m.corpus as unknown as CorpusSettings
  const position = m.position as Record<string, JsonValue>
  let training: TrainingState
  if (settings.schedule === 'word2vec' && V instanceof Float32Array && U instanceof Float32Array) {
    training = { schedule: 'word2vec', state: { wordsPerEpoch: position.wordsPerEpoch as number, nextChunk: position.nextChunk as number, rngStates: position.rngStates as string[], centerWordVectors: V, outsideVectors: U } }
  } else if (settings.schedule === 'cs224n' && V instanceof Float64Array && U instanceof Float64Array) {
    const optimizer = position.optimizer as { kind: CourseTrainerState['optimizer']['kind']; stepCount: number; slots: number[] }
    const slots = optimizer.slots.map((count, i) => Array.from({ length: count }, (_, j) => {
      const slot = arrays[`optimizer.${i}.${j}`]
      if (!(slot instanceof Float64Array)) throw new CheckpointError('corrupt', path, `“${path}” is damaged: optimizer state ${i}.${j} is missing.`)
      return slot
    }))
    const random = position.randomState as unknown as CourseTrainerState['randomState']
    training = {
      schedule: 'cs224n',
      state: {
        iteration: position.iteration as number, step: position.step as number, expLoss: position.expLoss as number | null,
        randomState: random, optimizer: { kind: optimizer.kind, stepCount: optimizer.stepCount, slots }, centerWordVectors: V, outsideVectors: U,
      },
    }
  } else {
    throw new CheckpointError('corrupt', path, `“${path}” is damaged: its schedule and vectors do not match.`)
  }
  return { settings, corpus, vocabulary: { words: words as string[], counts }, training }
}

/**
 * The corpus files a training checkpoint names, read from its header alone (the matrices may be
 * gigabytes): the app asks the user before the trainer reads them. None for the CLI's
 * checkpoints, nor for a list the trainer would not read either.
 */
export async function checkpointCorpusPaths(path: string): Promise<string[]> {
  const m = (await readCheckpointMeta(path)) as Record<string, JsonValue> | null
  if (typeof m !== 'object' || m === null || m.format !== FORMAT) throw foreign(path, 'it holds something else')
  const paths = (m.corpus as { paths?: unknown } | null)?.paths
  return Array.isArray(paths) && paths.every((p) => typeof p === 'string') ? paths : []
}
