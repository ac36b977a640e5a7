/**
 * The memory a training run holds, from sizes alone (no allocation): one function per schedule,
 * used by the window's form for its figure and by the engines to refuse a run the machine cannot
 * hold, before they allocate. The word2vec figure is the kernels' own memory plan; the course's
 * counts the float64 arrays CourseTrainer keeps. Both count the copy a save makes, the peak of a run.
 */
import type { Cs224nSettings, OptimizerKind, Word2vecSettings } from '../settings/trainingSettings'
import { CHUNK_WORDS } from './chunkPlan'
import { COURSE_COPIES } from './courseSubsampling'
import { MAX_KERNEL_MEMORY_BYTES, planMemory } from './kernelMemoryPlan'
import { SLOTS_PER_MATRIX } from './optimizers'
import { TrainingMemoryError } from './trainingErrors'
import { outsideRowCount } from '../word2vecLoss'

/** What the corpus and its vocabulary bring to a course run (after minCount): it holds the kept tokens in memory. */
export interface RunSize {
  readonly vocabSize: number
  readonly tokens: number
  readonly sentences: number
  /** Tokens the course's sub-sampled copies hold (expectedCopyTokens, or copyTokensBound before the counts are known); unset: none. */
  readonly copyTokens?: number
}

/** What the corpus and its vocabulary bring to a word2vec run: it streams the tokens, so only its types count. */
export interface StreamingRunSize {
  readonly vocabSize: number
  /** Distinct tokens of the corpus (the type → word table, the loaded corpus' words and counts). */
  readonly types: number
}

export interface MemoryEstimate {
  /** Bytes the run holds at its peak. */
  readonly bytes: number
  /** Of which the word vectors and what grows with them (|V| × d); the rest grows with the corpus. */
  readonly parameterBytes: number
  /** Of which in the kernels' WebAssembly memory (word2vec; 0 for the course, which has none). */
  readonly kernelBytes: number
}

/** Words, counts and the word → id map: a rough 64 bytes a word of JavaScript heap. */
const VOCABULARY_BYTES_PER_WORD = 64
/** Bytes a chunk plan keeps per chunk (its stream offset and words before it, float64 each). */
const PLAN_BYTES_PER_CHUNK = 16
/** The course's sampling tables: alias probability (f64) and index (i32), draw probabilities (f64), keep (f32), weights (f64). */
const COURSE_TABLE_BYTES_PER_WORD = 32

/**
 * The corpus' tokens stream from their store a chunk at a time, so nothing here grows with the
 * corpus' length but the chunk plan (16 bytes per 10,000 words: 1.6 MB at a billion tokens),
 * counted at `tokens` when given.
 */
export function word2vecMemoryEstimate(config: Pick<Word2vecSettings, 'dim' | 'threads' | 'negatives' | 'window' | 'loss'>, size: StreamingRunSize, tokens = 0): MemoryEstimate {
  const plan = planMemory({
    vocabSize: size.vocabSize, dim: config.dim, types: size.types,
    threads: config.threads, negatives: config.negatives, window: config.window, loss: config.loss, tokens,
  })
  const matrices = plan.aliasTable - plan.syn0
  // Beside the kernel memory: the loaded corpus' types and counts, the vocabulary, the chunk
  // plan, and the unpadded float32 copy of both matrices a save makes.
  const saveCopy = (size.vocabSize + plan.outsideRows) * config.dim * 4
  const chunkPlan = PLAN_BYTES_PER_CHUNK * Math.ceil(tokens / CHUNK_WORDS)
  const outside = VOCABULARY_BYTES_PER_WORD * (size.vocabSize + size.types) + chunkPlan + saveCopy
  return { bytes: plan.bytes + outside, parameterBytes: matrices + saveCopy, kernelBytes: plan.bytes }
}

type CourseSizing = Pick<Cs224nSettings, 'dim' | 'loss' | 'model' | 'optimizer' | 'batch' | 'window' | 'negatives'>

/** Rows a minibatch's sparse gradient can touch: its pool grows by doubling up to all of the matrix' rows. */
function gradientRows(config: CourseSizing, vocabSize: number, matrix: 'center' | 'outside'): number {
  const rows = matrix === 'outside' ? outsideRowCount(config.loss, vocabSize) : vocabSize
  const pairs = config.batch * 2 * config.window
  // Under hierarchical softmax a prediction touches its path's inner nodes, which can be all of them.
  const touched = matrix === 'outside'
    ? (config.loss === 'negSampling' ? pairs * (config.negatives + 1) : rows)
    : (config.model === 'skipgram' ? config.batch : pairs)
  return Math.min(rows, 2 * touched)
}

export function courseMemoryEstimate(config: CourseSizing, size: RunSize): MemoryEstimate {
  const { vocabSize, tokens, sentences } = size
  const matrices = 8 * (vocabSize + outsideRowCount(config.loss, vocabSize)) * config.dim
  // V and U with the optimizer's slots, twice: the live arrays and the copy a save exports.
  const parameters = 2 * matrices * (1 + SLOTS_PER_MATRIX[config.optimizer])
  const gradients = (['center', 'outside'] as const).reduce((sum, m) => sum + gradientRows(config, vocabSize, m) * (8 * config.dim + 4) + 4 * vocabSize, 0)
  const scores = config.loss === 'naiveSoftmax' ? 8 * vocabSize : 0
  const parameterBytes = parameters + gradients + scores
  // The corpus in ids, its sentence ends and the sentences a window can be drawn from.
  const corpus = 4 * tokens + 8 * sentences
  // The course's copies: their growing buffer and its final slice at once, and their sentences' ends.
  const copies = size.copyTokens === undefined ? 0 : 8 * size.copyTokens + 12 * COURSE_COPIES * sentences
  const perWord = (VOCABULARY_BYTES_PER_WORD + COURSE_TABLE_BYTES_PER_WORD) * vocabSize
  return { bytes: parameterBytes + corpus + copies + perWord, parameterBytes, kernelBytes: 0 }
}

/** Bytes as a user reads them: "13.4 GB", "820 MB". */
export function describeBytes(bytes: number): string {
  const gb = bytes / 2 ** 30
  return gb >= 1 ? `${gb.toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 2 ** 20))} MB`
}

/** What to lower, in the words of the form: the settings that move the larger part of the figure. */
function advice(estimate: MemoryEstimate, optimizer: OptimizerKind | null): { field: string; sentence: string } {
  if (estimate.parameterBytes * 2 >= estimate.bytes) {
    const slots = optimizer && SLOTS_PER_MATRIX[optimizer] > 0 ? `, or use the sgd optimizer (${optimizer} keeps ${SLOTS_PER_MATRIX[optimizer] === 1 ? 'another copy' : 'two more copies'} of the vectors)` : ''
    return { field: 'dim', sentence: `Lower the dimension or raise minCount (a smaller vocabulary)${slots}.` }
  }
  return { field: 'minCount', sentence: 'Use a smaller corpus, or raise minCount so fewer of its words are kept.' }
}

/**
 * Refuses a run that would not fit, before it allocates: more than `availableBytes` in all, or
 * more kernel memory than WebAssembly can address. `optimizer`: the course's, for its advice.
 */
export function checkMemory(estimate: MemoryEstimate, availableBytes: number, optimizer: OptimizerKind | null = null): void {
  const { field, sentence } = advice(estimate, optimizer)
  if (estimate.kernelBytes > MAX_KERNEL_MEMORY_BYTES) throw kernelMemoryError(estimate.kernelBytes, sentence, field)
  if (estimate.bytes > availableBytes) {
    throw new TrainingMemoryError(field, `This run needs about ${describeBytes(estimate.bytes)} of memory, but only about ${describeBytes(availableBytes)} is available. ${sentence}`, estimate.bytes, availableBytes)
  }
}

/** The kernels' memory cannot grow past 4 GiB, however much the machine has. */
export function kernelMemoryError(bytes: number, sentence = 'Lower the dimension or raise minCount (a smaller vocabulary), or use a smaller corpus.', field = 'dim'): TrainingMemoryError {
  return new TrainingMemoryError(field, `This run needs about ${describeBytes(bytes)} of memory in the training kernels, but WebAssembly allows at most ${describeBytes(MAX_KERNEL_MEMORY_BYTES)}. ${sentence}`, bytes, MAX_KERNEL_MEMORY_BYTES)
}
