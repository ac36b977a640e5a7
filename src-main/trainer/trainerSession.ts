/**
 * The trainer's one coordinator: it parses every message, answers every request with exactly
 * one response, and holds what the requests act on (the loaded corpus, the run, vectors opened
 * from a file). It holds no math and no I/O of its own: corpus loading and runs come from
 * node/session, queries from vectorQueries, the run's life from RunSupervisor. Events leave
 * through the injected `emit`, responses through the `respond` of the link a request came on,
 * so the whole session runs in-process in tests.
 */
import { basename } from 'node:path'
import {
  type RunInfo, type RunRecord, TRAINER_PHASES, type TrainerEvent, type TrainerPhase, type TrainerRequest, type TrainerState, TrainerRequestSchema,
} from '../core/contract/trainerProtocol'
import type { AnsweredRequestType, TrainerDescription, TrainerResult } from '../core/contract/trainerResults'
import { checkMessage } from '../core/contract/validation'
import { type CorpusMinibatch, drawCorpusMinibatch } from '../core/corpusGradientCheck'
import { NoTrainingContextError, WarmStartError } from '../core/training/trainingErrors'
import type { WarmStart } from '../core/training/warmStart'
import { continuedRun, pretrainedRun } from '../node/session/warmStarts'
import { streamingConfigWarnings } from '../core/training/streamingConfig'
import type { Embeddings } from '../core/vectors/embeddings'
import { runWithoutOutsideVectors } from '../core/vectors/vectorSelection'
import { continuedSettings } from '../core/settings/continuedSettings'
import {
  type LoadedCorpus, type TrainingData, corpusName, encodedCorpus, loadCorpus, planStreamingCorpus, savedVocabulary, trainingData, vocabularyOf,
} from '../node/session/loadedCorpus'
import { createTrainingRun } from '../node/session/trainingRun'
import { type KernelChoice, chooseKernel } from '../node/training/kernelModule'
import { type CorpusSettings, type ScheduleSettings, type TrainingState, checkResumedEncodings, loadTrainingCheckpoint } from '../node/training/trainingCheckpoint'
import { OutputLocationError, checkOutputLocations } from '../node/outputLocation'
import { readEmbeddings } from '../node/vectors/readEmbeddings'
import { releaseTokenStore, retainTokenStore } from '../node/tokenFile'
import { type GradientCheckRunner, gradientCheckRows } from './gradientCheckJob'
import { PlotSnapshots } from './plotSnapshots'
import { ProgressStream } from './progressStream'
import { type AutosaveSettings, RunSupervisor } from './runSupervisor'
import { TaskRegistry } from './taskRegistry'
import { KindedError, TrainerStateError, log, toTrainerError } from './trainerErrors'
import { VectorQueries } from './vectorQueries'

/** Words plotted when a run is started without a list: the most frequent ones. */
export const DEFAULT_PLOT_WORDS = 100
/** Words listed when vectors are opened from a file. */
const TOP_WORDS_SHOWN = 20
/** How often a phase's advancing fraction is reported: often enough to see it move, rarely enough to cost nothing. */
const PHASE_PROGRESS_EVERY_MS = 100

export interface TrainerSessionOptions {
  readonly emit: (event: TrainerEvent) => void
  readonly checkGradients: GradientCheckRunner
  /** Default: the compiled WebAssembly kernels when they load, else the TypeScript ones. */
  readonly chooseKernel?: () => KernelChoice
  /**
   * Where runs are autosaved until configureAutosave says otherwise. Default none: the app names
   * a file in its data folder before the window can start a run, and that is where it looks
   * after a crash; a file invented here (the temp folder, named by pid) was found by nobody and
   * never removed.
   */
  readonly autosave?: AutosaveSettings
  readonly progressEveryMs?: number
  readonly snapshotEveryMs?: number
  /** Where a loaded corpus' token file goes (the OS's temporary folder unless given); it is deleted when no corpus or run holds it. */
  readonly tokenDirectory?: string
}

/** Kept words of the corpus the gradient check draws its windows from: its first sentences, not the whole corpus in memory. */
const GRADIENT_CHECK_SAMPLE_WORDS = 100_000

type Request<T extends AnsweredRequestType> = Extract<TrainerRequest, { type: T }>
type Respond = (event: TrainerEvent) => void

/** The id of a message that failed to parse, when it has a string one to answer to. */
function readableId(message: unknown): string | null {
  const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined
  return typeof id === 'string' && id.length > 0 ? id : null
}

function asFloat32(values: Float32Array | Float64Array): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values)
}

/**
 * A turn of the event loop, so that the state event just posted leaves before synchronous work
 * of seconds (encoding a corpus, allocating the vectors) holds the thread.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function corpusSummary(loaded: LoadedCorpus): TrainerResult<'loadCorpus'> {
  const { stats } = loaded
  return {
    paths: [...loaded.paths], bytes: loaded.bytes, tokens: stats.tokens, types: stats.types, sentences: stats.sentences,
    ...(loaded.raw.store.kind === 'file' ? { preparedBytes: 4 * loaded.raw.store.length } : {}),
    vocabularyByMinCount: stats.vocabularyByMinCount.map((r) => ({ ...r })), topWords: stats.topWords.map((w) => ({ ...w })), notices: loaded.notices.map((n) => ({ ...n })),
    files: loaded.files.map((f) => ({ ...f, detected: f.detected ? { ...f.detected } : null })),
    ...(loaded.phrases ? { phrases: { ...loaded.phrases, top: loaded.phrases.top.map((p) => ({ ...p })) } } : {}),
  }
}

/** What a new run is made of, whether it starts from scratch or from a checkpoint. */
interface RunPlan {
  readonly loaded: LoadedCorpus
  readonly settings: ScheduleSettings
  readonly corpus: CorpusSettings
  readonly vocabulary: () => TrainingData['vocabulary']
  readonly resume?: TrainingState
  /** A fresh run's given vectors (see node/session/warmStarts.ts), made once the vocabulary is known. */
  readonly warmStart?: (vocabulary: TrainingData['vocabulary']) => Promise<{ start: WarmStart; summary: string }> | { start: WarmStart; summary: string }
  readonly restoredFrom?: string
  readonly secondsBefore?: number
}

/** Work of the session's own (no run drives it), which ends by replacing the run: while it lasts there is no current run. */
interface Busy {
  readonly phase: TrainerPhase
  fraction: number | null
  /** A stop asked for while a run is being prepared: the start is abandoned at its next step. */
  stopRequested: boolean
}

export class TrainerSession {
  private readonly emit: (event: TrainerEvent) => void
  private readonly stream: ProgressStream
  private readonly snapshots: PlotSnapshots
  private readonly tasks: TaskRegistry
  /** Chosen (and compiled) at the first word2vec run, which says so as a phase of its own. */
  private kernelChoice: KernelChoice | null = null
  private readonly kernel = (): KernelChoice => (this.kernelChoice ??= (this.options.chooseKernel ?? chooseKernel)())
  private autosave: AutosaveSettings | null
  private corpus: LoadedCorpus | null = null
  private busy: Busy | null = null
  private lastPhaseReport = 0
  private supervisor: RunSupervisor | null = null
  /** The runs of this process before the current one, as they ended. */
  private readonly history: RunRecord[] = []
  private opened: { summary: TrainerResult<'openVectors'>; embeddings: Embeddings } | null = null
  private queriesCache: VectorQueries | null = null
  private runCount = 0
  private lastAnnounced = ''
  private stateVersion = 0

  constructor(private readonly options: TrainerSessionOptions) {
    this.emit = options.emit
    this.stream = new ProgressStream({ send: (batch) => this.emit(batch), everyMs: options.progressEveryMs })
    this.snapshots = new PlotSnapshots({ send: (snapshot) => this.emit(snapshot), congested: () => this.stream.congested, everyMs: options.snapshotEveryMs })
    this.tasks = new TaskRegistry(this.emit)
    this.autosave = options.autosave ?? null
  }

  get phase(): TrainerPhase {
    if (this.busy) return this.busy.phase
    if (this.supervisor) return this.supervisor.trainerPhase
    return this.corpus ? 'ready' : 'empty'
  }

  get state(): TrainerState {
    return TRAINER_PHASES[this.phase].state
  }

  /** The run the trainer reports: none while work that will replace it is under way. */
  private get currentRun(): RunSupervisor | null {
    return this.busy ? null : this.supervisor
  }

  /** How far the current phase is: the busy work's fraction, else the run's; null when neither is known. */
  private fraction(run: RunInfo | null): number | null {
    return this.busy ? this.busy.fraction : run?.fraction ?? null
  }

  /** A new receiver (the window's port) starts its flow-control window afresh. */
  receiverChanged(): void {
    this.stream.resetReceiver()
  }

  /** Parses and handles one message; never throws. */
  async handle(message: unknown, respond: Respond): Promise<void> {
    const parsed = checkMessage(TrainerRequestSchema, message, 'trainer request')
    if (!parsed.ok) {
      log(parsed.error.message)
      const error = { kind: 'protocol', message: parsed.error.message } as const
      const id = readableId(message)
      respond(id === null ? { type: 'error', error } : { type: 'response', id, ok: false, error })
      return
    }
    const request = parsed.value
    if (request.type === 'ack') {
      this.stream.ack(request.seq)
      return
    }
    try {
      const result = await this.dispatch(request)
      respond({ type: 'response', id: request.id, ok: true, result })
    } catch (error) {
      respond({ type: 'response', id: request.id, ok: false, error: toTrainerError(error) })
    }
  }

  private dispatch(request: Exclude<TrainerRequest, { type: 'ack' }>): Promise<TrainerResult<AnsweredRequestType>> | TrainerResult<AnsweredRequestType> {
    switch (request.type) {
      case 'loadCorpus': return this.loadCorpus(request)
      case 'start': return this.start(request)
      case 'continueRun': return this.continueRun(request)
      case 'pause': return this.requireRun('pause').pause().then(() => ({ state: this.state }))
      case 'resume': return this.resume()
      case 'stop': return this.stop()
      case 'gradientCheck': return this.gradientCheck(request)
      case 'setPlotWords': return this.setPlotWords(request)
      case 'neighbours': return this.queries().neighbours(request)
      case 'analogy': return this.queries().analogy(request)
      case 'expression': return this.queries().expression(request)
      case 'oddOneOut': return this.queries().oddOneOut(request)
      case 'projection': return this.tasks.run(request.id, (task) => this.queries().projection(request, task))
      case 'evaluate': return this.tasks.run(request.id, (task) => this.queries().evaluate(request, task))
      case 'export': return this.tasks.run(request.id, (task) => this.queries().export(request, task))
      case 'saveCheckpoint': return this.requireRun('save it').save(request.path, 'request').then(({ path }) => ({ path }))
      case 'loadCheckpoint': return this.loadCheckpoint(request)
      case 'openVectors': return this.openVectors(request)
      case 'configureAutosave': return this.configureAutosave(request)
      case 'describe': return this.describe()
      case 'forgetRuns': return this.forgetRuns(request.runIds)
      case 'cancel': return { cancelled: this.tasks.cancel(request.target) }
    }
  }

  /** Posts `state` when the phase, its fraction, the run or its checkpoint changed. */
  private announce(): void {
    const run: RunInfo | null = this.currentRun?.info() ?? null
    const phase = this.phase
    const fraction = this.fraction(run)
    const key = `${phase}|${this.busy?.fraction ?? ''}|${run?.runId ?? ''}|${run?.checkpointPath ?? ''}`
    if (key === this.lastAnnounced) return
    this.lastAnnounced = key
    this.emit({ type: 'state', version: ++this.stateVersion, state: TRAINER_PHASES[phase].state, phase, fraction, run })
  }

  /**
   * Enters a phase of the session's own work and lets its state event leave before the work
   * holds the thread. The first call of a request must come before its first await, so that a
   * request arriving meanwhile finds the trainer busy.
   */
  private async enter(phase: TrainerPhase, fraction: number | null = null): Promise<void> {
    this.abandonIfStopped()
    this.busy = { phase, fraction, stopRequested: this.busy?.stopRequested ?? false }
    this.lastPhaseReport = Date.now()
    this.announce()
    await nextTurn()
  }

  /** Reports the busy phase's fraction, at most every PHASE_PROGRESS_EVERY_MS. */
  private advance(fraction: number): void {
    const busy = this.busy
    if (!busy || Date.now() - this.lastPhaseReport < PHASE_PROGRESS_EVERY_MS) return
    busy.fraction = fraction
    this.lastPhaseReport = Date.now()
    this.announce()
  }

  private leave(): void {
    this.busy = null
  }

  private abandonIfStopped(): void {
    if (this.busy?.stopRequested) throw new KindedError('cancelled', 'The run was stopped before it began training.')
  }

  /** Drops earlier runs from the history; the current run is not in it, so it stays. */
  private forgetRuns(runIds: readonly string[]): { forgotten: string[] } {
    const forgotten: string[] = []
    for (let i = this.history.length - 1; i >= 0; i--) {
      const runId = this.history[i]!.runId
      if (!runIds.includes(runId)) continue
      forgotten.push(runId)
      this.history.splice(i, 1)
    }
    return { forgotten: forgotten.reverse() }
  }

  private describe(): TrainerDescription {
    const current = this.currentRun
    const run = current?.info() ?? null
    const loaded = this.corpus
    return {
      version: this.stateVersion, state: this.state, phase: this.phase, fraction: this.fraction(run),
      corpus: loaded ? { ...corpusSummary(loaded), tokenizer: { ...loaded.tokenizer } } : null,
      vectors: this.opened ? { ...this.opened.summary, topWords: [...this.opened.summary.topWords] } : null,
      run,
      runs: [...this.history, ...(this.supervisor ? [this.supervisor.record()] : [])],
      plotWords: current ? [...this.snapshots.plotted] : [],
    }
  }

  private readonly runChanged = (): void => {
    this.queriesCache = null
    this.announce()
  }

  private requireRun(action: string): RunSupervisor {
    if (this.busy) throw new TrainerStateError(`The trainer is busy (${TRAINER_PHASES[this.busy.phase].label.toLowerCase()}); wait for it before you ${action}.`)
    if (!this.supervisor) throw new TrainerStateError(`Nothing is training; start a run (or load a checkpoint) before you ${action}.`)
    return this.supervisor
  }

  /** Loading a corpus, a checkpoint or vectors replaces what a running training holds: refused until it ends. */
  private requireIdle(action: string): void {
    if (this.busy) throw new TrainerStateError(`The trainer is busy (${TRAINER_PHASES[this.busy.phase].label.toLowerCase()}); wait for it (or cancel it) before you ${action}.`)
    if (this.supervisor?.active) throw new TrainerStateError(`A training run is in progress; stop it before you ${action}.`)
  }

  /** The current run goes to the history, as it is now, and `supervisor` (if any) takes its place. */
  private replaceRun(supervisor: RunSupervisor | null): void {
    const previous = this.supervisor
    if (previous) {
      previous.dispose()
      this.history.push(previous.record())
      releaseTokenStore(previous.data.raw.store)
    }
    this.supervisor = supervisor
    this.queriesCache = null
  }

  /** The session's corpus is now `loaded`: the one it replaces lets its token file go (a run on it may still hold it). */
  private setCorpus(loaded: LoadedCorpus): void {
    if (this.corpus && this.corpus !== loaded) releaseTokenStore(this.corpus.raw.store)
    this.corpus = loaded
  }

  private readCorpus(id: string, paths: readonly string[], tokenizer: CorpusSettings['tokenizer']): Promise<LoadedCorpus> {
    return this.tasks.run(id, async (task) => {
      await this.enter('readingCorpus', 0)
      return loadCorpus(paths, tokenizer, {
        signal: task.signal,
        ...(this.options.tokenDirectory === undefined ? {} : { tokenDirectory: this.options.tokenDirectory }),
        onProgress: (read, total) => {
          const fraction = total > 0 ? read / total : 1
          task.progress(fraction, `Reading ${corpusName({ paths })}`)
          this.advance(fraction)
        },
        beforePhrases: () => this.enter('joiningPhrases', 0),
        onPhrasesProgress: (fraction) => {
          task.progress(fraction, `Joining phrases in ${corpusName({ paths })}`)
          this.advance(fraction)
        },
      })
    })
  }

  private async loadCorpus(request: Request<'loadCorpus'>): Promise<TrainerResult<'loadCorpus'>> {
    this.requireIdle('load another corpus')
    try {
      const loaded = await this.readCorpus(request.id, request.paths, request.tokenizer)
      this.setCorpus(loaded)
      this.replaceRun(null)
      return corpusSummary(loaded)
    } finally {
      this.leave()
      this.announce()
    }
  }

  /**
   * Builds a run in its phases, each announced before its synchronous work: the vocabulary, the
   * corpus in its ids (for word2vec, the chunk plan's pass over the token file, in steps that
   * report their fraction), then the tables and vectors. A stop meanwhile abandons it.
   */
  private async prepare(plan: RunPlan): Promise<RunSupervisor> {
    await this.enter('buildingVocabulary')
    const vocabulary = plan.vocabulary()
    const warm = plan.warmStart ? await plan.warmStart(vocabulary) : undefined
    this.abandonIfStopped()
    await this.enter('encodingCorpus')
    let data = trainingData(plan.loaded, vocabulary)
    if (plan.settings.schedule === 'word2vec') {
      data = {
        ...data, streaming: await planStreamingCorpus(data, async (fraction) => {
          this.advance(fraction)
          await nextTurn()
          this.abandonIfStopped()
        }),
      }
    }
    if (plan.settings.schedule === 'word2vec' && !this.kernelChoice) {
      await this.enter('compilingKernels')
      this.kernel()
    }
    await this.enter('allocating')
    const run = createTrainingRun(plan.settings, data, this.kernel, plan.resume, warm?.start)
    this.abandonIfStopped()
    // The run holds the token file until it is replaced, even if its corpus is replaced first.
    retainTokenStore(data.raw.store)
    const number = ++this.runCount
    return new RunSupervisor({
      runId: `run-${Date.now().toString(36)}-${number}`, number, run, data, corpus: plan.corpus,
      emit: this.emit, stream: this.stream, snapshots: this.snapshots, autosave: () => this.autosave, onDidChange: this.runChanged,
      ...(plan.restoredFrom === undefined ? {} : { restoredFrom: plan.restoredFrom }),
      ...(plan.secondsBefore === undefined ? {} : { secondsBefore: plan.secondsBefore }),
      ...(warm === undefined ? {} : { warmStart: warm.summary }),
    })
  }

  /** Stops the run, or abandons the one being prepared. */
  private async stop(): Promise<TrainerResult<'stop'>> {
    const busy = this.busy
    if (busy && TRAINER_PHASES[busy.phase].state === 'preparing') {
      busy.stopRequested = true
      return { state: 'stopping' }
    }
    await this.requireRun('stop').stop()
    return { state: this.state }
  }

  private plotDefaultWords(supervisor: RunSupervisor, words: readonly string[]): { words: string[]; missing: string[] } {
    const chosen = words.length > 0 ? words : supervisor.data.vocabulary.words.slice(0, DEFAULT_PLOT_WORDS)
    return this.snapshots.setWords(supervisor.plotSource(), chosen)
  }

  private async start(request: Request<'start'>): Promise<TrainerResult<'start'>> {
    this.requireIdle('start another')
    const loaded = this.corpus
    if (!loaded) throw new TrainerStateError('Load a corpus before you start training.')
    const { settings } = request
    const corpus: CorpusSettings = {
      tokenizer: loaded.tokenizer, minCount: request.vocabulary.minCount, paths: loaded.paths, encodings: loaded.files.map((f) => f.encoding),
      ...(request.vocabulary.maxVocab === undefined ? {} : { maxVocab: request.vocabulary.maxVocab }),
      ...(request.vocabulary.unk === true ? { unk: true } : {}),
    }
    const { initVectors } = request
    if (initVectors && settings.schedule !== 'word2vec') throw new WarmStartError('Only the word2vec schedule can start from pretrained vectors; the cs224n schedule starts from its own random ones.')
    let supervisor: RunSupervisor
    try {
      supervisor = await this.prepare({
        loaded, settings, corpus, vocabulary: () => vocabularyOf(loaded, request.vocabulary),
        ...(initVectors ? { warmStart: (vocabulary) => this.readPretrained(request.id, initVectors, vocabulary, settings.config.dim) } : {}),
      })
    } catch (error) {
      this.leave()
      this.announce()
      throw error
    }
    this.leave()
    return this.begin(supervisor, request.plotWords)
  }

  /** The pretrained vectors of a start, read as a phase of its own with its progress (and cancelled by a stop). */
  private readPretrained(id: string, initVectors: { path: string; lock: boolean }, vocabulary: TrainingData['vocabulary'], dim: number): Promise<{ start: WarmStart; summary: string }> {
    return this.tasks.run(id, async (task) => {
      await this.enter('readingPretrained', 0)
      const pretrained = await pretrainedRun(initVectors.path, vocabulary, dim, { lock: initVectors.lock, signal: task.signal, onProgress: (read, total) => this.advance(total > 0 ? read / total : 1) })
      for (const message of pretrained.warnings) this.emit({ type: 'warning', message })
      return pretrained
    })
  }

  /**
   * The ended run trained further on other corpus files, read with its own tokenizer: its words
   * keep their vectors and counts grow, new words join (gensim's update rules). The new corpus
   * becomes the loaded one; the ended run goes to the history.
   */
  private async continueRun(request: Request<'continueRun'>): Promise<TrainerResult<'continueRun'>> {
    const previous = this.supervisor
    if (!previous) throw new TrainerStateError('Train a run (or load a checkpoint) before you continue it on another corpus.')
    this.requireIdle('continue it on another corpus')
    if (previous.phase === 'diverged') throw new TrainerStateError('A diverged run has no finite vectors to continue from; start a new run with a smaller learning rate.')
    const saved = { settings: previous.run.settings, corpus: previous.corpus, vocabulary: previous.data.vocabulary, training: previous.run.exportState().training }
    if (saved.settings.schedule !== 'word2vec') throw new WarmStartError('Only a run of the word2vec schedule can be continued on another corpus; this run is of the cs224n schedule.')
    // Judged before the corpus is read, so a wrong value costs no reading.
    const settings = continuedSettings(saved.settings, request.settings ?? {})
    let supervisor: RunSupervisor
    let loaded: LoadedCorpus | null = null
    try {
      loaded = await this.readCorpus(request.id, request.paths, saved.corpus.tokenizer)
      const corpus = loaded
      let continued: ReturnType<typeof continuedRun> | null = null
      supervisor = await this.prepare({
        loaded: corpus, settings, corpus: { ...saved.corpus, paths: corpus.paths },
        vocabulary: () => (continued = continuedRun(saved, corpus.raw)).vocabulary,
        warmStart: () => continued!,
      })
    } catch (error) {
      if (loaded) releaseTokenStore(loaded.raw.store)
      this.leave()
      this.announce()
      throw error
    }
    this.leave()
    this.setCorpus(loaded)
    return this.begin(supervisor, [])
  }

  /** A prepared run becomes the current one and starts; the answer is where it starts. */
  private begin(supervisor: RunSupervisor, plotWords: readonly string[]): RunInfo {
    const { settings } = supervisor.run
    if (settings.schedule === 'word2vec') {
      const kernel = this.kernel()
      if (kernel.kind === 'typescript') this.emit({ type: 'warning', message: kernel.reason })
      for (const message of streamingConfigWarnings(settings.config, supervisor.data.vocabulary.words.length)) this.emit({ type: 'warning', message })
    }
    this.replaceRun(supervisor)
    this.opened = null
    this.plotDefaultWords(supervisor, plotWords)
    // Where the run starts: the course schedule's first slice runs before this returns.
    const info = supervisor.info()
    supervisor.start()
    this.announce()
    return info
  }

  private resume(): TrainerResult<'resume'> {
    this.requireRun('resume it').resume()
    return { state: this.state }
  }

  private async gradientCheck(request: Request<'gradientCheck'>): Promise<TrainerResult<'gradientCheck'>> {
    const seed = request.seed ?? 31415
    let minibatch: CorpusMinibatch | null = null
    let corpusSkipped: string | null = null
    const supervisor = this.supervisor
    if (!supervisor) {
      corpusSkipped = this.opened
        ? 'Vectors opened from a file have no outside vectors and no corpus, so only the course’s problems were checked.'
        : `${this.corpus ? 'Start training (or load a checkpoint)' : 'Load a corpus and start training'} first: the corpus check uses the run’s current parameters.`
    } else if (supervisor.phase === 'diverged') {
      corpusSkipped = 'The training diverged, so its parameters are not finite numbers and cannot be checked.'
    } else {
      const { run, data } = supervisor
      try {
        minibatch = drawCorpusMinibatch(encodedCorpus(data, GRADIENT_CHECK_SAMPLE_WORDS), data.vocabulary.counts, run, run.settings.config.dim, supervisor.checkSettings(), seed)
      } catch (error) {
        if (!(error instanceof NoTrainingContextError)) throw error
        corpusSkipped = error.message
      }
      if (minibatch && ![minibatch.centerWordVectors, minibatch.outsideVectors].every((m) => m.every(Number.isFinite))) {
        minibatch = null
        corpusSkipped = 'The current parameters are not finite numbers (the training is diverging), so they cannot be checked.'
      }
    }
    const checks = gradientCheckRows(await this.options.checkGradients({ seed, minibatch }))
    return { passed: checks.every((c) => c.passed), checks, corpusSkipped }
  }

  private setPlotWords(request: Request<'setPlotWords'>): TrainerResult<'setPlotWords'> {
    const supervisor = this.requireRun('choose the plotted words')
    const result = this.plotDefaultWords(supervisor, request.words)
    this.snapshots.takeNow()
    return result
  }

  /** The current vectors: the run's (live while it trains), else a file's. */
  private queries(): VectorQueries {
    if (this.queriesCache) return this.queriesCache
    const supervisor = this.supervisor
    let queries: VectorQueries
    if (supervisor) {
      const { run, data } = supervisor
      const whyNoOutside = runWithoutOutsideVectors(run.settings.config.loss)
      queries = new VectorQueries({
        words: data.vocabulary.words, counts: data.vocabulary.counts, dim: run.settings.config.dim,
        get stable() {
          return supervisor.phase !== 'running' && supervisor.phase !== 'stopping'
        },
        centerWordVectors: () => asFloat32(run.centerWordVectors()),
        ...(whyNoOutside === null
          ? { outsideVectors: () => asFloat32(run.outsideVectors()) }
          : { outsideVectors: () => null, whyNoOutside }),
      })
    } else if (this.opened) {
      const { embeddings } = this.opened
      queries = new VectorQueries({
        words: embeddings.words, counts: embeddings.counts, dim: embeddings.dim, stable: true,
        centerWordVectors: () => embeddings.vectors, outsideVectors: () => null,
      })
    } else {
      throw new TrainerStateError('There are no vectors yet: train on a corpus or open a vectors file first.')
    }
    this.queriesCache = queries
    return queries
  }

  private async loadCheckpoint(request: Request<'loadCheckpoint'>): Promise<TrainerResult<'loadCheckpoint'>> {
    this.requireIdle('load a checkpoint')
    try {
      await this.enter('restoring', 0)
      const checkpoint = await loadTrainingCheckpoint(request.path, { onProgress: (read, total) => this.advance(read / total) })
      const savedPaths = checkpoint.corpus.paths ?? []
      const confirmed = request.corpusPaths
      const unconfirmed = confirmed && savedPaths.find((path) => !confirmed.includes(path))
      if (unconfirmed) {
        throw new KindedError('checkpoint', `“${basename(request.path)}” now names the corpus file “${unconfirmed}”, which was not confirmed when it was opened (the file changed since). Open it again.`)
      }
      let loaded: LoadedCorpus
      if (savedPaths.length > 0) {
        loaded = await this.readCorpus(request.id, savedPaths, checkpoint.corpus.tokenizer)
      } else if (this.corpus) {
        loaded = this.corpus
      } else {
        throw new KindedError('checkpoint', `“${basename(request.path)}” does not name the corpus files it was trained on. Load that corpus first, then load the checkpoint again.`)
      }
      let supervisor: RunSupervisor
      try {
        checkResumedEncodings(checkpoint.corpus, loaded.paths, loaded.files.map((f) => f.encoding))
        supervisor = await this.prepare({
          loaded, settings: checkpoint.settings, corpus: { ...checkpoint.corpus, paths: loaded.paths, encodings: loaded.files.map((f) => f.encoding) }, vocabulary: () => savedVocabulary(checkpoint.vocabulary),
          resume: checkpoint.training, restoredFrom: request.path, ...(checkpoint.trainingSeconds === undefined ? {} : { secondsBefore: checkpoint.trainingSeconds }),
        })
      } catch (error) {
        if (loaded !== this.corpus) releaseTokenStore(loaded.raw.store)
        throw error
      }
      this.setCorpus(loaded)
      this.opened = null
      this.replaceRun(supervisor)
      this.plotDefaultWords(supervisor, [])
      this.snapshots.takeNow()
      return supervisor.info()
    } finally {
      this.leave()
      this.announce()
    }
  }

  private async openVectors(request: Request<'openVectors'>): Promise<TrainerResult<'openVectors'>> {
    this.requireIdle('open other vectors')
    try {
      const { embeddings, warnings } = await this.tasks.run(request.id, async (task) => {
        await this.enter('readingVectors', 0)
        return readEmbeddings(request.path, {
          signal: task.signal,
          onProgress: (read, total) => {
            const fraction = total > 0 ? read / total : 1
            task.progress(fraction, `Reading ${basename(request.path)}`)
            this.advance(fraction)
          },
        })
      })
      for (const message of warnings) this.emit({ type: 'warning', message })
      const summary = { path: request.path, words: embeddings.words.length, dim: embeddings.dim, hasOutsideVectors: false, topWords: embeddings.words.slice(0, TOP_WORDS_SHOWN) }
      this.opened = { summary, embeddings }
      this.replaceRun(null)
      return summary
    } finally {
      this.leave()
      this.announce()
    }
  }

  private async configureAutosave(request: Request<'configureAutosave'>): Promise<TrainerResult<'configureAutosave'>> {
    // A missing or read-only folder would otherwise show only when the first save failed, mid-run.
    try {
      await checkOutputLocations([{ path: request.path, description: 'the autosave checkpoint' }], [])
    } catch (error) {
      throw error instanceof OutputLocationError ? new KindedError('checkpoint', error.message) : error
    }
    this.autosave = { path: request.path, everySeconds: request.everySeconds }
    this.supervisor?.restartAutosave()
    return { ...this.autosave }
  }
}
