/**
 * Every failure a request can meet, as the protocol's typed error: a kind the window can act on
 * and the sentence the layer that failed already wrote. Errors nobody anticipated become
 * 'internal', with their stack logged to stderr, never a crash.
 */
import type { TrainerError } from '../core/contract/trainerProtocol'
import { CorpusError } from '../core/corpus/corpusErrors'
import { BenchmarkFormatError, EvaluationCancelledError, NoKnownWordsError, UnknownWordError } from '../core/evaluation/evaluationErrors'
import { WordExpressionError } from '../core/evaluation/wordExpression'
import { ProjectionError } from '../core/projection/projection'
import { NoTrainingContextError, TrainingConfigError, TrainingDivergedError, TrainingResumeError, WarmStartError } from '../core/training/trainingErrors'
import { VectorSelectionError } from '../core/vectors/vectorSelection'
import { CheckpointError } from '../node/checkpointFile'
import { VectorExportError } from '../node/vectors/vectorExportError'
import { VectorsFileError } from '../node/vectors/vectorsFileError'

/** A request that does not fit what the trainer is doing; the message says what to do instead. */
export class TrainerStateError extends Error {
  override readonly name = 'TrainerStateError'
}

/** A failure with its protocol kind already decided (a benchmark file that cannot be read, say). */
export class KindedError extends Error {
  constructor(readonly kind: TrainerError['kind'], message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

export function log(message: string, error?: unknown): void {
  const detail = error instanceof Error && error.stack ? `\n${error.stack}` : ''
  process.stderr.write(`[trainer] ${message}${detail}\n`)
}

function cancelledOr(kind: TrainerError['kind'], error: { kind: string; message: string }): TrainerError {
  return { kind: error.kind === 'cancelled' ? 'cancelled' : kind, message: error.message }
}

export function toTrainerError(error: unknown): TrainerError {
  if (error instanceof KindedError) return { kind: error.kind, message: error.message }
  if (error instanceof TrainerStateError) return { kind: 'state', message: error.message }
  if (error instanceof CorpusError) return cancelledOr('corpus', error)
  if (error instanceof NoTrainingContextError) return { kind: 'corpus', message: error.message }
  if (error instanceof TrainingConfigError) return { kind: 'config', message: error.message, field: error.field }
  if (error instanceof TrainingDivergedError) return { kind: 'diverged', message: error.message }
  if (error instanceof TrainingResumeError) return { kind: 'checkpoint', message: error.message }
  if (error instanceof WarmStartError) return { kind: 'vectors', message: error.message }
  if (error instanceof CheckpointError) return cancelledOr('checkpoint', error)
  if (error instanceof VectorsFileError) return cancelledOr('vectors', error)
  if (error instanceof VectorSelectionError) return { kind: 'vectors', message: error.message }
  if (error instanceof VectorExportError) return cancelledOr('export', error)
  if (error instanceof UnknownWordError) return { kind: 'unknownWord', message: error.message }
  if (error instanceof WordExpressionError) return { kind: 'expression', message: error.message }
  if (error instanceof EvaluationCancelledError) return { kind: 'cancelled', message: error.message }
  if (error instanceof BenchmarkFormatError || error instanceof NoKnownWordsError) return { kind: 'evaluation', message: error.message }
  if (error instanceof ProjectionError) return cancelledOr('projection', error)
  // Our modules check their arguments with RangeErrors whose message is a sentence about the value.
  if (error instanceof RangeError) return { kind: 'badRequest', message: error.message }
  log('Unexpected failure:', error)
  const detail = error instanceof Error ? error.message : String(error)
  return { kind: 'internal', message: `Something went wrong inside the trainer (${detail}). Please report it.` }
}
