/**
 * A stand-in for the preload's `window.w2v`: every invoke channel answers from a handler the
 * test may replace, trainer requests are answered per request type, and the test pushes
 * trainer and app events as the app would. Calls are recorded so a test can assert them.
 */
import { APP_INVOKE, type AppArgs, type AppChannel, type AppEvent, type AppResponse, DEFAULT_SETTINGS } from '../../src-main/core/contract/appProtocol'
import type { DroppedFile, W2vApi } from '../../src-main/core/contract/preloadApi'
import { TOKENIZER_DEFAULTS, presetHyperparameters, startSettings } from '../../src-main/core/contract/settingsValidation'
import {
  type ProgressBatch, type RunInfo, TRAINER_PHASES, type TrainerError, type TrainerEvent, type TrainerPhase, type TrainerRequest, type TrainerRequestType,
} from '../../src-main/core/contract/trainerProtocol'
import type { TrainerDescription, TrainerResult } from '../../src-main/core/contract/trainerResults'
import { vi } from 'vitest'
import { connectSession, startSession } from '../../src-renderer/src/composables/session'
import { runCommand } from '../../src-renderer/src/composables/commands'
import { openPaths } from '../../src-renderer/src/composables/fileOpening'

export type TrainerReply = { ok: true; result: unknown } | { ok: false; error: TrainerError }
type TrainerHandler = (request: TrainerRequest) => TrainerReply | Promise<TrainerReply>
type AppHandler<K extends AppChannel> = (args: AppArgs<K>) => AppResponse<K> | Promise<AppResponse<K>>

export const BUILT_IN_PATH = '/app/resources/moby-dick.txt'

export interface FakeW2v extends W2vApi {
  readonly calls: { channel: AppChannel; args: unknown }[]
  readonly trainerRequests: TrainerRequest[]
  /** Dropped files' paths by file name ('' = a file without one). */
  readonly paths: Map<string, string>
  handle<K extends AppChannel>(channel: K, handler: AppHandler<K>): void
  handleTrainer(type: TrainerRequestType, handler: TrainerHandler): void
  emitTrainer(event: TrainerEvent): void
  emitApp(event: AppEvent): void
  requestsOf<T extends TrainerRequestType>(type: T): Extract<TrainerRequest, { type: T }>[]
  /** What `describe` answers; a corpus load the fake answers ok updates its corpus and phase. */
  description: TrainerDescription
  /** A state event in `phase`, as the trainer sends one; the description follows it. */
  emitPhase(phase: TrainerPhase, run?: RunInfo | null, fraction?: number | null): void
}

/** A run as the trainer describes it: Quick look on Moby-Dick, just started. */
export function runInfo(runId: string, overrides: Partial<RunInfo> = {}): RunInfo {
  const { settings, vocabulary } = startSettings(presetHyperparameters('quick', 4))
  return {
    runId, number: 1, schedule: 'word2vec', settings, vocabulary, outcome: 'running', done: 0, total: 430_000, fraction: 0, epoch: 1, seconds: 0,
    finalLoss: null, vocabSize: 4900, dim: 50, checkpointPath: null, restoredFrom: null, warmStart: null, ...overrides,
  }
}

export function emptyDescription(): TrainerDescription {
  return { version: 0, state: 'empty', phase: 'empty', fraction: null, corpus: null, vectors: null, run: null, runs: [], plotWords: [] }
}

export function corpusResult(paths: readonly string[], overrides: Partial<TrainerResult<'loadCorpus'>> = {}): TrainerResult<'loadCorpus'> {
  return {
    paths: [...paths], bytes: 1_250_000, tokens: 215_000, types: 17_000, sentences: 22_000,
    vocabularyByMinCount: [
      { minCount: 1, vocabSize: 17_000, coverage: 1 }, { minCount: 2, vocabSize: 9_800, coverage: 0.97 }, { minCount: 3, vocabSize: 7_100, coverage: 0.95 },
      { minCount: 5, vocabSize: 4_900, coverage: 0.93 }, { minCount: 10, vocabSize: 2_900, coverage: 0.89 }, { minCount: 20, vocabSize: 1_600, coverage: 0.84 },
      { minCount: 50, vocabSize: 700, coverage: 0.76 }, { minCount: 100, vocabSize: 350, coverage: 0.69 },
    ],
    topWords: [{ word: 'the', count: 14_000 }, { word: 'of', count: 6_600 }],
    notices: [],
    files: paths.map(() => ({ encoding: 'utf-8', byteOrderMark: false, chosen: false, replacedSequences: 0, detected: null })),
    ...overrides,
  }
}

export const ok = (result: unknown): TrainerReply => ({ ok: true, result })
export const refused = (kind: TrainerError['kind'], message: string): TrainerReply => ({ ok: false, error: { kind, message } })

export function createFakeW2v(): FakeW2v {
  const calls: FakeW2v['calls'] = []
  const trainerRequests: TrainerRequest[] = []
  const trainerListeners = new Set<(event: TrainerEvent) => void>()
  const appListeners = new Set<(event: AppEvent) => void>()
  const paths = new Map<string, string>()
  let description = emptyDescription()
  function emitPhase(phase: TrainerPhase, run: RunInfo | null = null, fraction: number | null = null): void {
    const state = TRAINER_PHASES[phase].state
    const version = description.version + 1
    description = { ...description, version, state, phase, fraction, run }
    for (const listener of trainerListeners) listener({ type: 'state', version, state, phase, fraction, run })
  }
  const trainerHandlers = new Map<TrainerRequestType, TrainerHandler>([
    ['loadCorpus', (r) => ok(corpusResult((r as Extract<TrainerRequest, { type: 'loadCorpus' }>).paths))],
    ['describe', () => ok(description)],
  ])
  const appHandlers = new Map<AppChannel, AppHandler<AppChannel>>()
  const answer = <K extends AppChannel>(value: unknown) => ({ ok: true, value }) as AppResponse<K>
  appHandlers.set('getSettings', () => answer({ ...DEFAULT_SETTINGS }))
  appHandlers.set('builtInCorpus', () => answer({ path: BUILT_IN_PATH, title: 'Moby-Dick' }))
  // Dropped files are files unless a test says one is a Spark model's folder.
  appHandlers.set('sparkModelFolders', () => answer({ paths: [] }))
  appHandlers.set('trainerRequest', async (args) => {
    const request = args as TrainerRequest
    trainerRequests.push(request)
    const handler = trainerHandlers.get(request.type)
    const reply = handler ? await handler(request) : refused('internal', `The fake trainer has no answer to “${request.type}”.`)
    if (request.type === 'loadCorpus' && reply.ok) {
      description = { ...description, corpus: { ...(reply.result as TrainerResult<'loadCorpus'>), tokenizer: { ...TOKENIZER_DEFAULTS, ...request.tokenizer } } }
      emitPhase('ready')
    }
    return answer(reply)
  })

  const invoke = Object.fromEntries((Object.keys(APP_INVOKE) as AppChannel[]).map((channel) => [channel, async (args: unknown) => {
    calls.push({ channel, args })
    const handler = appHandlers.get(channel)
    if (!handler) return { ok: false, error: { kind: 'internal', message: `The fake app has no answer to “${channel}”.` } }
    return handler(args as never)
  }]))

  return {
    ...(invoke as unknown as W2vApi),
    runtime: { electron: '41.0.0', chrome: '146.0', node: '24.0.0', platform: 'linux' },
    calls,
    trainerRequests,
    paths,
    onTrainerEvent(listener) {
      trainerListeners.add(listener)
      return () => void trainerListeners.delete(listener)
    },
    onAppEvent(listener) {
      appListeners.add(listener)
      return () => void appListeners.delete(listener)
    },
    pathForFile: (file: DroppedFile) => paths.get(file.name) ?? '',
    handle(channel, handler) {
      appHandlers.set(channel, handler as unknown as AppHandler<AppChannel>)
    },
    handleTrainer(type, handler) {
      trainerHandlers.set(type, handler)
    },
    emitTrainer(event) {
      for (const listener of trainerListeners) listener(event)
    },
    emitApp(event) {
      for (const listener of appListeners) listener(event)
    },
    requestsOf<T extends TrainerRequestType>(type: T) {
      return trainerRequests.filter((r): r is Extract<TrainerRequest, { type: T }> => r.type === type)
    },
    get description() {
      return description
    },
    set description(next) {
      description = next
    },
    emitPhase,
  }
}

/** Makes the fake the window's `w2v` (in Node tests a bare `window`; in happy-dom the real one). */
export function installFakeW2v(fake: FakeW2v = createFakeW2v()): FakeW2v {
  if (typeof window === 'undefined' || typeof document === 'undefined') vi.stubGlobal('window', { w2v: fake })
  else Object.defineProperty(window, 'w2v', { value: fake, configurable: true })
  return fake
}

/** A promise the test resolves when it chooses (a trainer request that is still running). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** The window's session on the fake, started as App.vue starts it; returns the function that disconnects it. */
export async function startFakeSession(): Promise<() => void> {
  const disconnect = connectSession({ runCommand, openPaths })
  await startSession()
  return disconnect
}

/** A progress batch of a word2vec run of 430,000 words. */
export function batch(runId: string, seq: number, x: number[], loss: number[], smoothed: number[]): ProgressBatch {
  return {
    type: 'progress', seq, runId, schedule: 'word2vec', x, loss, smoothedLoss: smoothed, alpha: x.map(() => 0.02), t: x.map((v) => v / 1e5),
    fraction: (x.at(-1) ?? 0) / 430_000, epoch: 1, wordsPerSec: 250_000, iterationsPerSec: null, etaSeconds: 1.5, boundaries: [],
  }
}
