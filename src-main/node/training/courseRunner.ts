import type { TrainingCorpus, Vocabulary } from '../../core/corpus/corpusTypes'
import { assertScheduleSettings } from '../../core/settings/settingProblems'
import type { Cs224nSettings } from '../../core/settings/trainingSettings'
import { CourseTrainer, type CourseTrainerState } from '../../core/training/courseTrainer'
import { courseMemoryEstimate } from '../../core/training/memoryEstimate'
import { ensureMemory } from './machineMemory'

export interface CourseProgressEvent {
  readonly iteration: number
  readonly iterations: number
  readonly fraction: number
  readonly step: number
  /** Mean minibatch loss since the previous report. */
  readonly loss: number | null
  /** The course's exponential moving average of the loss. */
  readonly expLoss: number | null
  readonly iterationsPerSec: number
  readonly etaSeconds: number | null
  readonly elapsedSeconds: number
}

export interface CourseRunResult {
  readonly iterations: number
  readonly seconds: number
  readonly finalLoss: number | null
  readonly stopped: boolean
}

/** Milliseconds a slice aims for: the thread answers requests between slices. */
const SLICE_MS = 5

/**
 * Runs the course schedule on this thread in slices of a few milliseconds, so progress is
 * reported every ~50 ms and pause and stop take effect between slices. A slice is counted in
 * predictions, not minibatches: one minibatch of naive softmax over a large batch takes minutes.
 */
export class CourseRunner {
  private stopping = false
  private running = false
  private pauseRequested: (() => void) | null = null
  private resumeWaiter: (() => void) | null = null

  constructor(readonly trainer: CourseTrainer) {}

  /**
   * A run of the course schedule on the corpus `decode` makes, refused with a TrainingMemoryError
   * before anything is allocated (the decoded corpus included) when the machine cannot hold it:
   * `size` bounds the decoded corpus (its kept tokens, and at most its sentences).
   */
  static create(decode: () => TrainingCorpus, size: { readonly tokens: number; readonly sentences: number }, vocabulary: Vocabulary, config: Cs224nSettings, resume?: CourseTrainerState): CourseRunner {
    assertScheduleSettings({ schedule: 'cs224n', config })
    ensureMemory(courseMemoryEstimate(config, { vocabSize: vocabulary.words.length, ...size }), config.optimizer)
    return new CourseRunner(new CourseTrainer(decode(), vocabulary, config, resume))
  }

  async run(options: { onProgress?: (progress: CourseProgressEvent) => void; reportEvery?: number } = {}): Promise<CourseRunResult> {
    this.running = true
    const reportEvery = options.reportEvery ?? 50
    const total = this.trainer.config.iterations
    const startIteration = this.trainer.iteration
    let activeMs = 0
    let lossSum = 0
    let steps = 0
    let lastLoss: number | null = null
    let lastReport = performance.now()
    let slice = 1
    const report = (): void => {
      const done = this.trainer.iteration - startIteration
      const rate = activeMs > 0 ? (1000 * done) / activeMs : 0
      lastLoss = steps > 0 ? lossSum / steps : lastLoss
      options.onProgress?.({
        iteration: this.trainer.iteration, iterations: total, fraction: total > 0 ? this.trainer.iteration / total : 1,
        step: this.trainer.currentStep, loss: steps > 0 ? lossSum / steps : null, expLoss: this.trainer.expLoss,
        iterationsPerSec: rate, etaSeconds: rate > 0 ? (total - this.trainer.iteration) / rate : null, elapsedSeconds: activeMs / 1000,
      })
      lossSum = 0
      steps = 0
      lastReport = performance.now()
    }
    while (!this.trainer.done && !this.stopping) {
      if (this.pauseRequested) {
        report()
        const settle = this.pauseRequested
        this.pauseRequested = null
        const resumed = new Promise<void>((resolve) => (this.resumeWaiter = resolve))
        settle()
        await resumed
        continue
      }
      const t0 = performance.now()
      const progress = this.trainer.runPredictions(slice)
      const ms = performance.now() - t0
      activeMs += ms
      lossSum += progress.lossSum
      steps += progress.steps
      // At most doubling: a few fast predictions must not promise a slice of slow ones.
      slice = Math.max(1, Math.min(1_000_000, Math.round(slice * Math.min(2, ms > 0 ? SLICE_MS / ms : 2))))
      if (performance.now() - lastReport >= reportEvery) report()
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
    report()
    this.running = false
    this.pauseRequested?.()
    this.pauseRequested = null
    return { iterations: this.trainer.iteration, seconds: activeMs / 1000, finalLoss: this.trainer.expLoss ?? lastLoss, stopped: !this.trainer.done }
  }

  /** Resolves once the current slice has finished and the run waits (at once if it is not running). */
  pause(): Promise<void> {
    if (!this.running) return Promise.resolve()
    return new Promise<void>((resolve) => (this.pauseRequested = resolve))
  }

  resume(): void {
    this.resumeWaiter?.()
    this.resumeWaiter = null
  }

  stop(): void {
    this.stopping = true
    this.resume()
  }
}
