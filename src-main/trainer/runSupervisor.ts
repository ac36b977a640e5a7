/**
 * One training run from start (or restore) to its end: drives the TrainingRun, feeds its progress
 * to the stream and its vectors to the plot, autosaves it on a timer and when it ends, and
 * turns how it ended into events. Pause, resume, stop and every save go through one queue, so
 * a save never pauses a run that a stop is ending, and a save of the streaming schedule always
 * sees its threads paused: a consistent position, resumed right after.
 */
import type { RunInfo, RunOutcome as RunOutcomeName, RunRecord, TrainerEvent, TrainerPhase } from '../core/contract/trainerProtocol'
import type { CorpusCheckSettings } from '../core/corpusGradientCheck'
import { TrainingDivergedError } from '../core/training/trainingErrors'
import type { TrainingData } from '../node/session/loadedCorpus'
import type { RunOutcome, RunProgress, TrainingRun } from '../node/session/trainingRun'
import { type CorpusSettings, type TrainingState, saveTrainingCheckpoint } from '../node/training/trainingCheckpoint'
import type { PlotSnapshots, PlotSource } from './plotSnapshots'
import type { ProgressStream } from './progressStream'
import { RunCurve } from './runCurve'
import { TrainerStateError, log, toTrainerError } from './trainerErrors'

/** 'restored': loaded from a checkpoint and not yet resumed; 'ending': trained out, being saved. */
export type RunPhase = 'restored' | 'running' | 'paused' | 'stopping' | 'ending' | 'ended' | 'diverged'

/** The trainer's phase for each of the run's, but 'ended', which is 'finished' or 'stopped' by how it ended. */
const TRAINER_PHASE: Readonly<Record<Exclude<RunPhase, 'ended'>, TrainerPhase>> = {
  restored: 'paused', running: 'training', paused: 'paused', stopping: 'stopping', ending: 'saving', diverged: 'diverged',
}

export interface AutosaveSettings {
  readonly path: string
  /** 0: only when the run ends. */
  readonly everySeconds: number
}

export interface RunSupervisorOptions {
  readonly runId: string
  /** The run's number in this trainer process, from 1. */
  readonly number: number
  readonly run: TrainingRun
  readonly data: TrainingData
  readonly corpus: CorpusSettings
  readonly emit: (event: TrainerEvent) => void
  readonly stream: ProgressStream
  readonly snapshots: PlotSnapshots
  /** null: nobody chose where to autosave, so the run is saved only when asked. */
  readonly autosave: () => AutosaveSettings | null
  /** The phase or the checkpoint path changed. */
  readonly onDidChange: () => void
  /** Restored from this checkpoint: the run starts paused and this is its checkpoint until the next save. */
  readonly restoredFrom?: string
  /** Training seconds before this run was restored (the checkpoint's); 0 for a fresh run. */
  readonly secondsBefore?: number
  /** What a warm start kept and what is new (see core/training/warmStartSummary.ts). */
  readonly warmStart?: string
}

type SaveReason = Extract<TrainerEvent, { type: 'checkpointSaved' }>['reason']

function allFinite(training: TrainingState): boolean {
  for (const matrix of [training.state.centerWordVectors, training.state.outsideVectors]) {
    for (let i = 0; i < matrix.length; i++) if (!Number.isFinite(matrix[i]!)) return false
  }
  return true
}

export class RunSupervisor {
  phase: RunPhase
  checkpointPath: string | null
  /** How the run ended, as far as its state and `finished` event tell. */
  private outcome: Pick<RunOutcome, 'done' | 'seconds' | 'finalLoss' | 'stopped'> | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private writes: Promise<unknown> = Promise.resolve()
  private saving = false
  private ended: Promise<void> | null = null
  private autosaveTimer: ReturnType<typeof setInterval> | null = null
  private readonly curve = new RunCurve()
  /** The latest progress point of this call to run; null before the first. */
  private latest: RunProgress | null = null

  constructor(private readonly options: RunSupervisorOptions) {
    this.phase = options.restoredFrom ? 'restored' : 'running'
    this.checkpointPath = options.restoredFrom ?? null
  }

  get run(): TrainingRun {
    return this.options.run
  }

  get data(): TrainingData {
    return this.options.data
  }

  /** How its corpus became training data: a continuation reads its new corpus the same way. */
  get corpus(): CorpusSettings {
    return this.options.corpus
  }

  /** A run that has not ended: it holds the corpus and the vectors, and blocks loading others. */
  get active(): boolean {
    return this.phase !== 'ended' && this.phase !== 'diverged'
  }

  /** The trainer's phase while this run is its current one. */
  get trainerPhase(): TrainerPhase {
    if (this.phase !== 'ended') return TRAINER_PHASE[this.phase]
    return this.outcome?.stopped ? 'stopped' : 'finished'
  }

  private get outcomeName(): RunOutcomeName {
    if (this.phase === 'diverged') return 'diverged'
    if (this.phase !== 'ended') return 'running'
    return this.outcome?.stopped ? 'stopped' : 'finished'
  }

  /** Training seconds so far, pauses excluded, counting those before a restore. */
  get seconds(): number {
    return (this.options.secondsBefore ?? 0) + (this.outcome?.seconds ?? this.latest?.t ?? 0)
  }

  info(): RunInfo {
    const { run, corpus } = this.options
    const done = this.outcome?.done ?? run.done
    const settings = run.settings
    // Before the first point of a restored run, its epoch is the one its position lies in.
    const epoch = settings.schedule === 'cs224n' ? null : this.latest?.epoch ?? Math.min(settings.config.epochs, Math.floor(done / Math.max(1, run.boundaryEvery)) + 1)
    return {
      runId: this.options.runId, number: this.options.number, schedule: settings.schedule, settings,
      vocabulary: { minCount: corpus.minCount, ...(corpus.maxVocab === undefined ? {} : { maxVocab: corpus.maxVocab }) },
      outcome: this.outcomeName, done, total: run.total, fraction: run.total > 0 ? Math.min(1, done / run.total) : 0, epoch,
      seconds: this.seconds, finalLoss: this.outcome?.finalLoss ?? null,
      vocabSize: this.options.data.vocabulary.words.length, dim: settings.config.dim, checkpointPath: this.checkpointPath,
      restoredFrom: this.options.restoredFrom ?? null, warmStart: this.options.warmStart ?? null,
    }
  }

  /** The run and the curve kept of it. */
  record(): RunRecord {
    return { ...this.info(), points: this.curve.snapshot() }
  }

  plotSource(): PlotSource {
    const { run, data } = this.options
    return { runId: this.options.runId, index: data.vocabulary.index, dim: run.settings.config.dim, centerRows: (rows) => run.centerRows(rows) }
  }

  /** The run's objective, for a gradient check on its corpus. */
  checkSettings(): CorpusCheckSettings {
    const { loss, negatives, negativePower, window, cbowMean } = this.options.run.settings.config
    return { loss, negatives, negativePower, window, cbowMean }
  }

  /** Trains: a fresh run at once, a restored one on `resume`. */
  start(): void {
    const { run, stream, snapshots, emit } = this.options
    stream.begin({
      runId: this.options.runId, schedule: run.settings.schedule, boundaryEvery: run.boundaryEvery, total: run.total, done: run.done,
      secondsBefore: this.options.secondsBefore ?? 0, curve: this.curve,
    })
    this.phase = 'running'
    this.startTimers()
    const onProgress = (progress: RunProgress): void => {
      this.latest = progress
      stream.add(progress)
    }
    this.ended = run.run({ onProgress, onNotice: (message) => emit({ type: 'warning', message }) })
      .then((outcome) => this.finish(outcome), (error: unknown) => this.fail(error))
      .catch((error: unknown) => log('Ending the run failed:', error))
    snapshots.takeNow()
  }

  private startTimers(): void {
    this.options.snapshots.start()
    this.restartAutosave()
  }

  private stopTimers(): void {
    this.options.snapshots.stop()
    if (this.autosaveTimer) clearInterval(this.autosaveTimer)
    this.autosaveTimer = null
  }

  /** Applies new autosave settings to the timer (it runs only while training). */
  restartAutosave(): void {
    if (this.autosaveTimer) clearInterval(this.autosaveTimer)
    this.autosaveTimer = null
    const autosave = this.options.autosave()
    if (this.phase !== 'running' || !autosave || autosave.everySeconds <= 0) return
    this.autosaveTimer = setInterval(() => {
      if (this.phase !== 'running' || this.saving) return
      this.save(autosave.path, 'autosave').catch((error: unknown) => {
        // A stop or a divergence overtook the save: the run's end is saved (or reported) instead.
        if (error instanceof TrainerStateError) return
        this.options.emit({ type: 'warning', message: `The run could not be autosaved: ${toTrainerError(error).message}` })
      })
    }, autosave.everySeconds * 1000)
  }

  private exclusive<T>(operation: () => Promise<T> | T): Promise<T> {
    const result = this.queue.then(operation)
    this.queue = result.catch(() => undefined)
    return result
  }

  private pauseRefusal(): TrainerStateError {
    switch (this.phase) {
      case 'restored':
      case 'paused':
        return new TrainerStateError('The training is already paused; resume it to go on.')
      case 'stopping':
      case 'ending':
        return new TrainerStateError('The training is stopping; there is nothing to pause.')
      case 'diverged':
        return new TrainerStateError('The training diverged, so there is nothing to pause; start a new run with a smaller learning rate.')
      default:
        return new TrainerStateError('The training has finished, so there is nothing to pause; start a new run to train again.')
    }
  }

  async pause(): Promise<void> {
    if (this.phase !== 'running') throw this.pauseRefusal()
    await this.exclusive(() => this.options.run.pause())
    // The run may have ended while its threads were reaching a pause.
    if (this.phase !== 'running') return
    this.phase = 'paused'
    this.stopTimers()
    this.options.stream.flush()
    this.options.snapshots.takeNow()
    this.options.onDidChange()
  }

  resume(): void {
    if (this.phase === 'restored') {
      this.start()
    } else if (this.phase === 'paused') {
      this.options.run.resume()
      this.phase = 'running'
      this.startTimers()
    } else {
      throw new TrainerStateError(this.phase === 'running' ? 'The training is already running.' : 'Only a paused training can be resumed; this one has ' + (this.phase === 'diverged' ? 'diverged.' : 'ended or is stopping.'))
    }
    this.options.onDidChange()
  }

  /** Ends the run where it is; resolves once it has ended and been saved. */
  async stop(): Promise<void> {
    if (this.phase === 'restored') {
      // Nothing to train: run with the stop already given, so it ends (and is saved) the usual way.
      this.options.run.stop()
      this.start()
    } else if (this.phase !== 'running' && this.phase !== 'paused' && this.phase !== 'stopping' && this.phase !== 'ending') {
      throw new TrainerStateError(this.phase === 'diverged' ? 'The training has already ended: it diverged.' : 'The training has already finished.')
    }
    if (this.phase === 'running' || this.phase === 'paused') {
      this.phase = 'stopping'
      this.stopTimers()
      this.options.onDidChange()
      await this.exclusive(() => this.options.run.stop())
    }
    await this.ended
  }

  /**
   * Saves the run at a consistent position: while training, its threads (or slices) pause for
   * the copy and go on. Posts checkpointSaved; an autosave or final save becomes the run's checkpoint.
   */
  async save(path: string, reason: SaveReason): Promise<{ path: string; done: number }> {
    if (this.phase === 'diverged') throw new TrainerStateError('The training diverged, so its parameters are not finite and cannot be saved; the last good checkpoint is kept.')
    const { run } = this.options
    this.saving = true
    try {
      const exported = await this.exclusive(async () => {
        if (this.phase === 'stopping') throw new TrainerStateError('The training is stopping; it is saved when it has stopped.')
        // An ended run trains no more, so its vectors are saved from the kernels' memory as they
        // are: a copy would hold both matrices twice at the end of every run.
        if (this.phase !== 'running') return run.exportState({ inPlace: this.phase === 'ending' || this.phase === 'ended' })
        await run.pause()
        try {
          return run.exportState()
        } finally {
          run.resume()
        }
      })
      if (!allFinite(exported.training)) throw new TrainerStateError('The parameters are not finite numbers (the training is diverging), so they were not saved; the last good checkpoint is kept.')
      const seconds = this.seconds
      const write = this.writes.then(() => saveTrainingCheckpoint(path, {
        settings: run.settings, corpus: this.options.corpus, vocabulary: this.options.data.vocabulary, training: exported.training, trainingSeconds: seconds,
      }))
      this.writes = write.catch(() => undefined)
      await write
      this.options.emit({ type: 'checkpointSaved', path, reason, done: exported.done })
      if (reason !== 'request') {
        this.checkpointPath = path
        this.options.onDidChange()
      }
      return { path, done: exported.done }
    } finally {
      this.saving = false
    }
  }

  private async finish(outcome: RunOutcome): Promise<void> {
    this.phase = 'ending'
    this.stopTimers()
    this.options.stream.flush(true)
    this.options.snapshots.takeNow()
    this.options.onDidChange()
    const autosave = this.options.autosave()
    try {
      if (autosave) await this.save(autosave.path, outcome.stopped ? 'stop' : 'finished')
    } catch (error) {
      this.options.emit({ type: 'warning', message: `The finished run could not be saved: ${toTrainerError(error).message}` })
    }
    this.outcome = outcome
    this.phase = 'ended'
    this.options.onDidChange()
    this.options.emit({ type: 'finished', runId: this.options.runId, stopped: outcome.stopped, done: outcome.done, seconds: this.seconds, finalLoss: outcome.finalLoss })
  }

  private fail(error: unknown): void {
    this.stopTimers()
    this.options.stream.flush(true)
    const { emit } = this.options
    if (error instanceof TrainingDivergedError) {
      this.phase = 'diverged'
      const kept = this.checkpointPath ? ` The last good checkpoint is kept: ${this.checkpointPath}.` : ' No checkpoint had been saved yet.'
      emit({ type: 'error', error: { kind: 'diverged', message: error.message + kept } })
      this.options.onDidChange()
      return
    }
    const outcome = { done: this.options.run.done, seconds: this.latest?.t ?? 0, finalLoss: null, stopped: true }
    this.outcome = outcome
    this.phase = 'ended'
    emit({ type: 'error', error: toTrainerError(error) })
    this.options.onDidChange()
    emit({ type: 'finished', runId: this.options.runId, stopped: true, done: outcome.done, seconds: this.seconds, finalLoss: null })
  }

  /** Stops timers (the session is being replaced or closed); the run itself is left to end. */
  dispose(): void {
    this.stopTimers()
  }
}
