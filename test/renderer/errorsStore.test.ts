import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunInfo } from '../../src-main/core/contract/trainerProtocol'
import { connectEvents } from '../../src-renderer/src/composables/eventBridge'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { useErrorsStore } from '../../src-renderer/src/stores/errors'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { BUILT_IN_PATH, type FakeW2v, installFakeW2v, ok } from './fakeW2v'

const RUN: RunInfo = { runId: 'run-1', schedule: 'word2vec', number: 1, settings: { schedule: 'word2vec', config: { model: 'skipgram', loss: 'negSampling', dim: 50, window: 5, negatives: 5, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001, epochs: 3, threads: 2, seed: 1, cbowMean: true, negativePower: 0.75 } }, vocabulary: { minCount: 5 }, outcome: 'running', fraction: 0, epoch: 1, seconds: 0, finalLoss: null, restoredFrom: null, done: 0, total: 1000, vocabSize: 10, dim: 50, checkpointPath: null }

describe('errors store: a crashed trainer', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    disconnect = connectEvents()
    fake.handleTrainer('start', () => ok(RUN))
    await useCorpusStore().init()
    await useTrainingStore().train()
    fake.emitTrainer({ type: 'progress', seq: 1, runId: 'run-1', schedule: 'word2vec', x: [100], loss: [4], smoothedLoss: [4], alpha: [0.02], t: [0.1], fraction: 0.1, epoch: 1, wordsPerSec: 1000, etaSeconds: 1, boundaries: [] })
  })
  afterEach(() => {
    disconnect()
    vi.unstubAllGlobals()
  })

  it('shows the crash banner, keeps the curve, and disables Train until the trainer is back', () => {
    fake.emitApp({ type: 'trainerExited', code: null, reason: 'out of memory', checkpointPath: '/data/autosave.w2vckpt' })
    const errors = useErrorsStore()
    const training = useTrainingStore()
    expect(errors.crash).toEqual({ code: null, reason: 'out of memory', checkpointPath: '/data/autosave.w2vckpt' })
    expect(training.current).toMatchObject({ outcome: 'interrupted' })
    expect(training.current?.series.x).toEqual([100])
    expect(training.canTrain).toBe(false)
  })

  it('restarts from the last checkpoint and continues the same run record', async () => {
    fake.handle('restartTrainer', () => ({ ok: true, value: { restoredFrom: '/data/autosave.w2vckpt' } }))
    fake.emitApp({ type: 'trainerExited', code: 1, reason: 'killed', checkpointPath: '/data/autosave.w2vckpt' })
    const errors = useErrorsStore()
    await errors.restart()
    expect(fake.calls.filter((c) => c.channel === 'restartTrainer').map((c) => c.args)).toEqual([{ fromCheckpoint: true }])
    expect(errors.crash).toBeNull()
    fake.emitTrainer({ type: 'state', version: 1, state: 'paused', phase: 'paused', fraction: null, run: { ...RUN, runId: 'run-2', done: 100 } })
    const training = useTrainingStore()
    expect(training.state).toBe('paused')
    expect(training.runs).toHaveLength(1)
    expect(training.current).toMatchObject({ outcome: 'running', runIds: ['run-1', 'run-2'] })
  })

  it('without a checkpoint, restarts and loads the corpus again', async () => {
    fake.handle('restartTrainer', () => ({ ok: true, value: { restoredFrom: null } }))
    fake.emitApp({ type: 'trainerExited', code: 1, reason: 'killed', checkpointPath: null })
    const before = fake.requestsOf('loadCorpus').length
    await useErrorsStore().restart()
    expect(fake.calls.filter((c) => c.channel === 'restartTrainer').map((c) => c.args)).toEqual([{ fromCheckpoint: false }])
    expect(fake.requestsOf('loadCorpus').slice(before).map((r) => r.paths)).toEqual([[BUILT_IN_PATH]])
    expect(useTrainingStore().state).toBe('ready')
  })

  it('keeps the banner and says why when the restart fails', async () => {
    fake.handle('restartTrainer', () => ({ ok: false, error: { kind: 'unavailable', message: 'The trainer did not answer within 10 seconds.' } }))
    fake.emitApp({ type: 'trainerExited', code: 1, reason: 'killed', checkpointPath: null })
    const errors = useErrorsStore()
    await errors.restart()
    expect(errors.crash).not.toBeNull()
    expect(errors.message).toBe('The trainer did not answer within 10 seconds.')
  })
})
