/**
 * One training run behind one interface, whichever schedule it uses: the streaming word2vec
 * schedule (StreamingTrainer: Hogwild threads) or the course's (CourseTrainer in CourseRunner's
 * slices on this thread). A host drives it (run, pause, resume, stop), hears progress points in
 * one shape, and saves it as a TrainingState at a consistent position. The one driver of every
 * run: the trainer process's and `w2v train`'s (and so the benchmark's).
 */
import type { CourseTrainer } from '../../core/training/courseTrainer'
import { WarmStartError } from '../../core/training/trainingErrors'
import type { WarmStart } from '../../core/training/warmStart'
import { courseCopySize } from '../../core/training/courseSubsampling'
import { copyRows } from '../../core/vectors/matrixRows'
import { CourseRunner } from '../training/courseRunner'
import type { KernelChoice } from '../training/kernelModule'
import { StreamingTrainer } from '../training/streamingTrainer'
import type { ScheduleSettings, TrainingState } from '../training/trainingCheckpoint'
import { type TrainingData, encodedCorpus, streamingCorpus } from './loadedCorpus'

/** A point of the loss curve. */
export interface RunProgress {
  /** Words done (word2vec) or iterations done (cs224n). */
  readonly x: number
  /** Mean loss since the previous point; null when nothing finished since. */
  readonly loss: number | null
  /** The schedule's own smoothed loss (the course's moving average); null when it keeps none. */
  readonly smoothedLoss: number | null
  /** The learning rate (alpha, or the course's step) at this point. */
  readonly alpha: number
  /** Training seconds of this call to run, pauses excluded. */
  readonly t: number
  readonly fraction: number
  /** 1-based epoch (word2vec); null for the course schedule. */
  readonly epoch: number | null
  readonly wordsPerSec: number | null
  /** x per training second of this call to run: words (word2vec) or iterations (cs224n). */
  readonly xPerSecond: number
  readonly etaSeconds: number | null
}

/**
 * Milliseconds between loss points: finer than the ~50 ms batches a host sends, so each batch
 * carries a few points and the curve has detail.
 */
export const POINT_EVERY_MS = 10

export interface RunHooks {
  readonly onProgress: (progress: RunProgress) => void
  /** Something the user should know that does not stop training (e.g. training on one thread). */
  readonly onNotice: (message: string) => void
  /** Milliseconds between progress points; POINT_EVERY_MS unless given. */
  readonly reportEvery?: number
}

export interface RunOutcome {
  /** The position reached. */
  readonly done: number
  /** What this call trained: done less the position it started from. */
  readonly trained: number
  /** The threads and kernel that trained (word2vec); null for the course schedule, float64 on this thread. */
  readonly engine: { readonly threads: number; readonly kernel: KernelChoice['kind'] } | null
  readonly seconds: number
  readonly finalLoss: number | null
  readonly stopped: boolean
}

export interface TrainingRun {
  readonly settings: ScheduleSettings
  readonly total: number
  /** Epochs (word2vec) or anneal steps (cs224n) begin at the multiples of this x. */
  readonly boundaryEvery: number
  /** The position as last reported (while running, up to one report behind). */
  readonly done: number
  /** Trains until the end or a stop; rejects with TrainingDivergedError when training diverges. Once. */
  run(hooks: RunHooks): Promise<RunOutcome>
  /** Resolves once training waits (at once when it is not running). */
  pause(): Promise<void>
  resume(): void
  /** Ends the run after the current chunk or slice; before `run`, makes `run` end at once. */
  stop(): void
  /**
   * A copy of the run's state and its exact position: only while paused, before `run` or after
   * it. `inPlace`, once `run` has ended for good: the vectors may be the run's own arrays instead
   * of copies (the command line saves a finished run without holding its matrices twice).
   */
  exportState(options?: { readonly inPlace?: boolean }): { readonly training: TrainingState; readonly done: number }
  /** Copies (word2vec, read while training: Hogwild reads) or the live arrays (cs224n, between slices). */
  centerWordVectors(): Float32Array | Float64Array
  /** The given rows of the centre vectors, in that order: a copy of rows.length × d, not of the whole matrix. */
  centerRows(rows: readonly number[]): Float32Array | Float64Array
  outsideVectors(): Float32Array | Float64Array
  outsideRows(rows: readonly number[]): Float32Array | Float64Array
}

class StreamingRun implements TrainingRun {
  readonly total: number
  readonly boundaryEvery: number
  done: number
  private readonly trainer: StreamingTrainer

  constructor(readonly settings: Extract<ScheduleSettings, { schedule: 'word2vec' }>, data: TrainingData, private readonly kernel: KernelChoice, resume?: TrainingState, start?: WarmStart) {
    this.trainer = StreamingTrainer.create(data.vocabulary.counts, streamingCorpus(data), settings.config, resume?.schedule === 'word2vec' ? resume.state : undefined, start)
    this.total = this.trainer.totalWords
    this.boundaryEvery = this.trainer.wordsPerEpoch
    this.done = this.trainer.position
  }

  async run(hooks: RunHooks): Promise<RunOutcome> {
    const result = await this.trainer.run({
      kernel: this.kernel,
      reportEvery: hooks.reportEvery ?? POINT_EVERY_MS,
      onNotice: hooks.onNotice,
      onProgress: (p) => {
        this.done = p.wordsDone
        hooks.onProgress({
          x: p.wordsDone, loss: p.loss, smoothedLoss: null, alpha: p.alpha, t: p.elapsedSeconds, fraction: p.fraction,
          epoch: p.epoch, wordsPerSec: p.wordsPerSec, xPerSecond: p.wordsPerSec, etaSeconds: p.etaSeconds,
        })
      },
    })
    this.done = result.wordsDone
    return {
      done: result.wordsDone, trained: result.wordsTrained, engine: { threads: result.threads, kernel: result.kernel },
      seconds: result.seconds, finalLoss: result.finalLoss, stopped: result.stopped,
    }
  }

  pause(): Promise<void> {
    return this.trainer.pause()
  }

  resume(): void {
    this.trainer.resume()
  }

  stop(): void {
    this.trainer.stop()
  }

  exportState(options: { readonly inPlace?: boolean } = {}): { training: TrainingState; done: number } {
    return { training: { schedule: 'word2vec', state: this.trainer.exportState(options) }, done: this.trainer.position }
  }

  centerWordVectors(): Float32Array {
    return this.trainer.centerWordVectors()
  }

  centerRows(rows: readonly number[]): Float32Array {
    return this.trainer.centerRows(rows)
  }

  outsideVectors(): Float32Array {
    return this.trainer.outsideVectors()
  }

  outsideRows(rows: readonly number[]): Float32Array {
    return this.trainer.outsideRows(rows)
  }
}

class CourseRun implements TrainingRun {
  readonly total: number
  readonly boundaryEvery: number
  private readonly trainer: CourseTrainer
  private readonly runner: CourseRunner

  constructor(readonly settings: Extract<ScheduleSettings, { schedule: 'cs224n' }>, data: TrainingData, resume?: TrainingState) {
    // The course draws windows from random sentences, so it holds the kept tokens in memory
    // (4 bytes each, 8 per sentence): meant for CS224n-sized corpora, and its memory estimate,
    // checked before decoding, says so.
    const size = { tokens: data.vocabulary.counts.reduce((sum, count) => sum + count, 0), sentences: data.raw.sentenceCount, ...courseCopySize(settings.config, data.vocabulary.counts) }
    this.runner = CourseRunner.create(() => encodedCorpus(data), size, data.vocabulary, settings.config, resume?.schedule === 'cs224n' ? resume.state : undefined)
    this.trainer = this.runner.trainer
    this.total = settings.config.iterations
    this.boundaryEvery = settings.config.annealEvery
  }

  get done(): number {
    return this.trainer.iteration
  }

  async run(hooks: RunHooks): Promise<RunOutcome> {
    const start = this.done
    const result = await this.runner.run({
      reportEvery: hooks.reportEvery ?? POINT_EVERY_MS,
      onProgress: (p) => hooks.onProgress({
        x: p.iteration, loss: p.loss, smoothedLoss: p.expLoss, alpha: p.step, t: p.elapsedSeconds, fraction: p.fraction,
        epoch: null, wordsPerSec: null, xPerSecond: p.iterationsPerSec, etaSeconds: p.etaSeconds,
      }),
    })
    return { done: result.iterations, trained: result.iterations - start, engine: null, seconds: result.seconds, finalLoss: result.finalLoss, stopped: result.stopped }
  }

  pause(): Promise<void> {
    return this.runner.pause()
  }

  resume(): void {
    this.runner.resume()
  }

  stop(): void {
    this.runner.stop()
  }

  exportState(): { training: TrainingState; done: number } {
    return { training: { schedule: 'cs224n', state: this.trainer.exportState() }, done: this.trainer.iteration }
  }

  centerWordVectors(): Float64Array {
    return this.trainer.centerWordVectors
  }

  centerRows(rows: readonly number[]): Float64Array {
    return copyRows(this.trainer.centerWordVectors, rows, this.settings.config.dim)
  }

  outsideVectors(): Float64Array {
    return this.trainer.outsideVectors
  }

  outsideRows(rows: readonly number[]): Float64Array {
    return copyRows(this.trainer.outsideVectors, rows, this.settings.config.dim)
  }
}

/**
 * A run of the given schedule over the data, fresh or continuing `resume` (a TrainingResumeError
 * when the state does not fit). Config errors are TrainingConfigErrors naming the field. A fresh
 * word2vec run may start from given vectors (`start`); the course's schedule has no warm start.
 */
export function createTrainingRun(settings: ScheduleSettings, data: TrainingData, kernel: () => KernelChoice, resume?: TrainingState, start?: WarmStart): TrainingRun {
  if (settings.schedule === 'word2vec') return new StreamingRun(settings, data, kernel(), resume, start)
  if (start) throw new WarmStartError('Only the word2vec schedule can start from given vectors; the cs224n schedule starts from its own random ones.')
  return new CourseRun(settings, data, resume)
}
