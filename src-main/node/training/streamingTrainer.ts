import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { CorpusError } from '../../core/corpus/corpusErrors'
import type { TokenSource, TokenStore } from '../../core/corpus/tokenStore'
import { type ChunkPlan, planChunks, wordsBeforeChunk } from '../../core/training/chunkPlan'
import { word2vecMemoryEstimate } from '../../core/training/memoryEstimate'
import { assertScheduleSettings } from '../../core/settings/settingProblems'
import type { Word2vecSettings } from '../../core/settings/trainingSettings'
import { learningRateAt } from '../../core/training/streamingConfig'
import { TrainingDivergedError, TrainingResumeError } from '../../core/training/trainingErrors'
import { type ChunkLoopEvent, CONTROL, CONTROL_SLOTS, RUN_STATE, runChunkLoop } from '../../kernels/chunkLoop'
import { TrainingMemory, type WordTables } from '../../kernels/trainingMemory'
import type { WarmStart } from '../../core/training/warmStart'
import { createTypeScriptKernel } from '../../kernels/typescriptKernel'
import { instantiateWasmKernel } from '../../kernels/wasmKernel'
import type { KernelChoice } from './kernelModule'
import { openTokenSource } from '../tokenFile'
import { ensureMemory } from './machineMemory'
import type { KernelWorkerInit } from './kernelWorker'

export interface StreamingProgress {
  readonly wordsDone: number
  readonly totalWords: number
  readonly fraction: number
  /** 1-based epoch the run is in. */
  readonly epoch: number
  readonly alpha: number
  /** Mean prediction loss since the previous report; null if no prediction finished since. */
  readonly loss: number | null
  readonly wordsPerSec: number
  readonly etaSeconds: number | null
  readonly elapsedSeconds: number
}

export interface StreamingResult {
  /** Position in the run (a resumed run counts the words trained before it too). */
  readonly wordsDone: number
  /** Words this call trained. */
  readonly wordsTrained: number
  readonly totalWords: number
  /** Training time, pauses excluded. */
  readonly seconds: number
  readonly wordsPerSec: number
  /** Mean prediction loss over the last epoch trained (or what was trained of it). */
  readonly finalLoss: number | null
  readonly stopped: boolean
  readonly threads: number
  readonly kernel: KernelChoice['kind']
}

/** What a word2vec run reads: the corpus' token stream and which of its types are words of the vocabulary. */
export interface StreamingCorpus {
  readonly store: TokenStore
  /** Each type's word id (-1: dropped): typeToVocabulary(raw.types, vocabulary). */
  readonly typeToVocab: Int32Array
  /** planChunks of the two, when the caller made it already (in steps, showing progress); else create() does. */
  readonly plan?: ChunkPlan
}

/** The "encoding" pass: one sequential read of the stream finds each chunk's place in it. */
function planStream(corpus: StreamingCorpus): ChunkPlan {
  const source = openTokenSource(corpus.store)
  try {
    return planChunks(source, corpus.typeToVocab)
  } finally {
    source.close()
  }
}

/** Everything needed to continue a run where it stood (with its config and vocabulary). */
export interface StreamingState {
  /** Words in one epoch of the corpus the run trained on: a resume must see the same corpus. */
  readonly wordsPerEpoch: number
  readonly nextChunk: number
  readonly rngStates: readonly string[]
  readonly centerWordVectors: Float32Array
  readonly outsideVectors: Float32Array
  /** Each word's lock factor, when the run was started with some below 1 (see WarmStart). */
  readonly lockFactors?: Float32Array
  /** Each word's keep probability, when not word2vec's formula on the counts (a continued run's). */
  readonly keepProbability?: Float32Array
}

export interface StreamingRunOptions {
  readonly kernel: KernelChoice
  readonly onProgress?: (progress: StreamingProgress) => void
  /** Something the user should know that does not stop training (e.g. running on one thread). */
  readonly onNotice?: (message: string) => void
  readonly reportEvery?: number
  /** Starts one training thread; replaceable so a host (or a test) can supply its own. */
  readonly startWorker?: () => Worker
}

type RunState = 'idle' | 'running' | 'paused' | 'finished'

/** The bundled worker, or, when running from source (tests, `npm run w2v`), the TypeScript one through tsx. */
function startWorker(): Worker {
  const built = new URL('./kernelWorker.js', import.meta.url)
  if (existsSync(fileURLToPath(built))) return new Worker(built)
  const source = new URL('./kernelWorker.ts', import.meta.url).href
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`, { eval: true })
}

/**
 * The streaming (word2vec) schedule: epochs over the corpus with the learning rate falling
 * linearly from alpha to minAlpha, trained by `threads` Hogwild worker threads sharing one
 * WebAssembly memory, with pause, resume, stop, progress and resumable state. Each thread reads
 * the token stream a chunk at a time (its own reader of the file), so memory does not grow with
 * the corpus' length.
 */
export class StreamingTrainer {
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS))
  private readonly plan: ChunkPlan
  private runState: RunState = 'idle'
  private pauseWaiters: (() => void)[] = []
  private resumeWaiters: (() => void)[] = []
  private pausedThreads = 0
  private activeThreads = 0
  private wordsDone: number
  private pausedAt: number | null = null
  private pausedMs = 0

  private constructor(
    private readonly memory: TrainingMemory, private readonly config: Word2vecSettings, private readonly store: TokenStore, plan: ChunkPlan,
    private readonly tables: WordTables, resume?: StreamingState,
  ) {
    this.plan = plan
    const start = resume ? resume.nextChunk : 0
    Atomics.store(this.control, CONTROL.nextChunk, start)
    this.wordsDone = this.position
  }

  /** A fresh run (from random vectors, or from `start`'s), or `resume`'s continued where it stood. */
  static create(counts: Uint32Array, corpus: StreamingCorpus, config: Word2vecSettings, resume?: StreamingState, start?: WarmStart): StreamingTrainer {
    assertScheduleSettings({ schedule: 'word2vec', config })
    const plan = corpus.plan ?? planStream(corpus)
    const streamLength = plan.streamStart[plan.chunks]!
    ensureMemory(word2vecMemoryEstimate(config, { vocabSize: counts.length, types: corpus.typeToVocab.length }, streamLength))
    const given = resume ?? start
    const tables: WordTables = {
      ...(given?.lockFactors ? { lockFactors: given.lockFactors } : {}),
      ...(given?.keepProbability ? { keepProbability: given.keepProbability } : {}),
    }
    for (const table of [tables.lockFactors, tables.keepProbability]) {
      if (table && table.length !== counts.length) throw new TrainingResumeError(`The saved word tables do not fit ${counts.length} words; resume with the corpus and settings of the saved run.`)
    }
    const memory = TrainingMemory.create(counts, corpus.typeToVocab, config, tables)
    if (start && !resume) memory.writeRows(start.rows, start.centerWordVectors, start.outsideVectors)
    if (resume) {
      if (resume.centerWordVectors.length !== counts.length * config.dim || resume.outsideVectors.length !== memory.outsideRows * config.dim) {
        throw new TrainingResumeError(`The saved vectors do not fit ${counts.length} words × ${config.dim} dimensions; resume with the corpus and settings of the saved run.`)
      }
      memory.restoreVectors(resume.centerWordVectors, resume.outsideVectors)
      // A thread the saved run did not have keeps its fresh seed.
      memory.blocks.forEach((block, t) => {
        const saved = resume.rngStates[t]
        if (saved !== undefined) block.rngState = BigInt(saved)
      })
    }
    const trainer = new StreamingTrainer(memory, config, corpus.store, plan, tables, resume)
    if (resume && resume.wordsPerEpoch !== trainer.plan.wordsPerEpoch) {
      throw new TrainingResumeError(`The saved run trained on ${resume.wordsPerEpoch.toLocaleString('en-US')} words per epoch but this corpus has ${trainer.plan.wordsPerEpoch.toLocaleString('en-US')}; resume with the corpus and settings of the saved run.`)
    }
    return trainer
  }

  get totalWords(): number {
    return this.plan.wordsPerEpoch * this.config.epochs
  }

  /** Words in one epoch: where a run's epochs begin. */
  get wordsPerEpoch(): number {
    return this.plan.wordsPerEpoch
  }

  /**
   * Words of the run before its next chunk: where a state exported now resumes. Consistent, like
   * exportState, only while paused or outside `run` (running, it counts the chunks in flight).
   */
  get position(): number {
    return wordsBeforeChunk(this.plan, Atomics.load(this.control, CONTROL.nextChunk), this.config.epochs)
  }

  async run(options: StreamingRunOptions): Promise<StreamingResult> {
    if (this.runState !== 'idle') throw new Error('A StreamingTrainer runs once.')
    this.runState = 'running'
    const reportEvery = options.reportEvery ?? 50
    const started = performance.now()
    const elapsedMs = (): number => performance.now() - started - this.pausedMs - (this.pausedAt === null ? 0 : performance.now() - this.pausedAt)
    const startWords = this.wordsDone
    let windowLoss = 0
    let windowCount = 0
    let epochLoss = { epoch: 0, sum: 0, count: 0 }
    let diverged: { chunk: number; value: number } | null = null

    const report = (): void => {
      const elapsed = elapsedMs() / 1000
      const rate = elapsed > 0 ? (this.wordsDone - startWords) / elapsed : 0
      const fraction = this.totalWords > 0 ? this.wordsDone / this.totalWords : 1
      options.onProgress?.({
        wordsDone: this.wordsDone, totalWords: this.totalWords, fraction,
        epoch: Math.min(this.config.epochs, Math.floor(this.wordsDone / Math.max(1, this.plan.wordsPerEpoch)) + 1),
        alpha: learningRateAt(this.config, fraction),
        loss: windowCount > 0 ? windowLoss / windowCount : null,
        wordsPerSec: rate, etaSeconds: rate > 0 ? (this.totalWords - this.wordsDone) / rate : null, elapsedSeconds: elapsed,
      })
      windowLoss = 0
      windowCount = 0
    }

    const onEvent = (event: ChunkLoopEvent): void => {
      switch (event.type) {
        case 'progress': {
          const epoch = Math.floor(this.wordsDone / Math.max(1, this.plan.wordsPerEpoch))
          if (epoch !== epochLoss.epoch && this.wordsDone < this.totalWords) epochLoss = { epoch, sum: 0, count: 0 }
          this.wordsDone += event.words
          windowLoss += event.lossSum
          windowCount += event.lossCount
          epochLoss.sum += event.lossSum
          epochLoss.count += event.lossCount
          break
        }
        case 'paused':
          if (++this.pausedThreads === this.activeThreads) this.settlePause()
          break
        case 'diverged':
          diverged ??= event
          break
        case 'finished':
          this.activeThreads--
          if (this.pausedThreads >= this.activeThreads) this.settlePause()
          break
      }
    }

    const timer = setInterval(() => {
      if (windowCount > 0 && this.runState === 'running') report()
    }, reportEvery)
    try {
      const threads = await this.startThreads(options, onEvent)
      report()
      if (diverged) {
        const { chunk, value } = diverged as { chunk: number; value: number }
        throw new TrainingDivergedError({
          at: `epoch ${Math.floor(chunk / this.plan.chunks) + 1} (${((100 * wordsBeforeChunk(this.plan, chunk, this.config.epochs)) / Math.max(1, this.totalWords)).toFixed(0)}% of the run)`,
          quantity: 'loss', value, learningRate: this.config.alpha, setting: 'alpha',
        })
      }
      const seconds = elapsedMs() / 1000
      return {
        wordsDone: this.wordsDone, wordsTrained: this.wordsDone - startWords, totalWords: this.totalWords, seconds,
        wordsPerSec: seconds > 0 ? (this.wordsDone - startWords) / seconds : 0,
        finalLoss: epochLoss.count > 0 ? epochLoss.sum / epochLoss.count : null,
        stopped: this.wordsDone < this.totalWords, threads, kernel: options.kernel.kind,
      }
    } finally {
      clearInterval(timer)
      this.runState = 'finished'
      this.settlePause()
    }
  }

  /**
   * Runs the threads to the end; resolves with how many trained. A thread that fails to start
   * leaves its share to the others (it never claimed a chunk); if none starts, training runs on
   * this thread. Either way the user is told. A thread that fails after starting is a crash.
   */
  private async startThreads(options: StreamingRunOptions, onEvent: (event: ChunkLoopEvent) => void): Promise<number> {
    const module = options.kernel.kind === 'wasm-simd' ? options.kernel.module : null
    const failures: string[] = []
    this.activeThreads = this.config.threads
    const runWorker = (t: number): Promise<void> => new Promise<void>((resolve, reject) => {
      let worker: Worker
      try {
        worker = (options.startWorker ?? startWorker)()
      } catch (error) {
        failures.push((error as Error).message)
        this.activeThreads--
        resolve()
        return
      }
      let started = false
      worker.on('message', (event: ChunkLoopEvent) => {
        started = true
        onEvent(event)
      })
      worker.once('error', (error) => {
        // A token file that cannot be read (deleted, a failing disk) is the user's to fix: neither a
        // thread that could not start nor a crash. The class does not cross the thread; its name and kind do.
        const { kind } = error as Partial<CorpusError>
        const corpusError = error.name === 'CorpusError' && kind !== undefined ? new CorpusError(kind, error.message, { cause: error }) : null
        if (!started && corpusError === null) {
          failures.push(error.message)
          this.activeThreads--
          resolve()
          return
        }
        Atomics.store(this.control, CONTROL.state, RUN_STATE.stopping)
        Atomics.notify(this.control, CONTROL.state)
        reject(corpusError ?? new Error(`Training thread ${t + 1} crashed: ${error.message}`))
      })
      worker.once('exit', () => resolve())
      const init: KernelWorkerInit = {
        module, memory: this.memory.memory, control: this.control, plan: this.plan, store: this.store,
        blockOffset: this.memory.blocks[t]!.offset, epochs: this.config.epochs, alpha: this.config.alpha, minAlpha: this.config.minAlpha,
        reportEvery: options.reportEvery ?? 50,
      }
      worker.postMessage(init)
    })
    await Promise.all(Array.from({ length: this.config.threads }, (_, t) => runWorker(t)))
    const started = this.config.threads - failures.length
    if (failures.length > 0) {
      options.onNotice?.(started > 0
        ? `${failures.length} of ${this.config.threads} training threads could not start (${failures[0]}); the others did the work.`
        : `Training threads could not be started (${failures[0]}); training on one thread.`)
    }
    if (started > 0) return started
    await this.runOnThisThread(options, onEvent)
    return 1
  }

  private async runOnThisThread(options: StreamingRunOptions, onEvent: (event: ChunkLoopEvent) => void): Promise<void> {
    const kernel = options.kernel.kind === 'wasm-simd' ? instantiateWasmKernel(options.kernel.module, this.memory.memory) : createTypeScriptKernel(this.memory.memory.buffer)
    this.activeThreads = 1
    let lastYield = performance.now()
    const stream: TokenSource = openTokenSource(this.store)
    try {
      await runChunkLoop({
        kernel, block: this.memory.blocks[0]!, control: this.control, plan: this.plan, stream, epochs: this.config.epochs,
        alpha: this.config.alpha, minAlpha: this.config.minAlpha, post: onEvent, now: () => performance.now(), reportEvery: options.reportEvery ?? 50,
        waitWhilePaused: () => new Promise<void>((resolve) => this.resumeWaiters.push(resolve)),
        // Let pause and stop requests (and progress timers) in between chunks.
        betweenChunks: async () => {
          if (performance.now() - lastYield < 10) return
          await new Promise<void>((resolve) => setImmediate(resolve))
          lastYield = performance.now()
        },
      })
    } finally {
      stream.close()
    }
  }

  /** Asks every thread to pause after its current chunk; resolves when all have. */
  pause(): Promise<void> {
    if (this.runState !== 'running') return Promise.resolve()
    const paused = new Promise<void>((resolve) => this.pauseWaiters.push(resolve))
    this.pausedThreads = 0
    this.pausedAt = performance.now()
    Atomics.store(this.control, CONTROL.state, RUN_STATE.paused)
    return paused
  }

  private settlePause(): void {
    if (this.pauseWaiters.length === 0) return
    if (this.runState === 'running' && Atomics.load(this.control, CONTROL.state) === RUN_STATE.paused) this.runState = 'paused'
    for (const resolve of this.pauseWaiters.splice(0)) resolve()
  }

  resume(): void {
    if (Atomics.load(this.control, CONTROL.state) !== RUN_STATE.paused) return
    if (this.pausedAt !== null) this.pausedMs += performance.now() - this.pausedAt
    this.pausedAt = null
    if (this.runState === 'paused') this.runState = 'running'
    Atomics.store(this.control, CONTROL.state, RUN_STATE.running)
    Atomics.notify(this.control, CONTROL.state)
    for (const resolve of this.resumeWaiters.splice(0)) resolve()
  }

  /** Threads finish their current chunk and the run resolves with what was trained. */
  stop(): void {
    Atomics.store(this.control, CONTROL.state, RUN_STATE.stopping)
    Atomics.notify(this.control, CONTROL.state)
    for (const resolve of this.resumeWaiters.splice(0)) resolve()
  }

  get paused(): boolean {
    return this.runState === 'paused'
  }

  /**
   * The run's position and parameters; consistent only while paused or after the run. With
   * `inPlace` (after the run only: nothing trains again) the vectors may be views of the
   * kernels' memory rather than copies, so saving a finished run does not hold the matrices twice.
   */
  exportState(options: { readonly inPlace?: boolean } = {}): StreamingState {
    if (this.runState === 'running') throw new Error('Pause the run before saving its state.')
    const inPlace = options.inPlace === true
    if (inPlace && this.runState !== 'finished') throw new Error('Only a finished run exports its vectors in place.')
    const total = this.plan.chunks * this.config.epochs
    return {
      wordsPerEpoch: this.plan.wordsPerEpoch,
      nextChunk: Math.min(Atomics.load(this.control, CONTROL.nextChunk), total),
      rngStates: this.memory.blocks.map((block) => block.rngState.toString()),
      centerWordVectors: this.memory.centerWordVectors(inPlace),
      outsideVectors: this.memory.outsideVectors(inPlace),
      ...this.tables,
    }
  }

  centerWordVectors(): Float32Array {
    return this.memory.centerWordVectors()
  }

  /** The given rows of the centre vectors (a copy; Hogwild reads while training). */
  centerRows(rows: readonly number[]): Float32Array {
    return this.memory.centerRows(rows)
  }

  outsideVectors(): Float32Array {
    return this.memory.outsideVectors()
  }

  /** The given rows of the outside vectors (a copy; Hogwild reads while training). */
  outsideRows(rows: readonly number[]): Float32Array {
    return this.memory.outsideRowsOf(rows)
  }
}
