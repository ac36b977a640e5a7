import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { restartTrainer, train, trainBlocker } from '../../src-renderer/src/composables/session'
import { useErrorsStore } from '../../src-renderer/src/stores/errors'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { BUILT_IN_PATH, type FakeW2v, batch, deferred, emptyDescription, installFakeW2v, ok, runInfo, startFakeSession } from './fakeW2v'

const CHECKPOINT = '/data/autosave.w2vckpt'

describe('a crashed trainer', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    fake.handleTrainer('start', () => {
      fake.emitPhase('training', runInfo('run-1'))
      return ok(runInfo('run-1'))
    })
    disconnect = await startFakeSession()
    await train()
    fake.emitTrainer(batch('run-1', 1, [100_000, 200_000, 300_000, 400_000], [4, 3.8, 3.5, 3.4], [4, 3.9, 3.7, 3.6]))
    fake.emitTrainer({ type: 'checkpointSaved', path: CHECKPOINT, reason: 'autosave', done: 335_000 })
  })
  afterEach(() => {
    disconnect()
    vi.unstubAllGlobals()
  })

  it('shows the crash banner, keeps the curve, says so in the bar and disables Train until the trainer is back', () => {
    fake.emitApp({ type: 'trainerExited', code: null, reason: 'out of memory', checkpointPath: CHECKPOINT })
    const errors = useErrorsStore()
    const training = useTrainingStore()
    expect(errors.crash).toEqual({ code: null, reason: 'out of memory', checkpointPath: CHECKPOINT })
    expect(training.current).toMatchObject({ outcome: 'interrupted' })
    expect(training.current?.series.x).toHaveLength(4)
    expect(training.phaseLabel).toBe('The trainer stopped')
    expect(trainBlocker()).toBe('The trainer stopped; restart it first.')
  })

  it('restarts from the last checkpoint: the same run record, at the checkpoint’s progress', async () => {
    const started = deferred<void>()
    fake.handle('restartTrainer', async () => {
      await started.promise
      const restored = runInfo('run-9', { done: 335_000, fraction: 0.78, epoch: 2, seconds: 1.5, restoredFrom: CHECKPOINT, checkpointPath: CHECKPOINT })
      fake.description = { ...emptyDescription(), corpus: fake.description.corpus, runs: [{ ...restored, points: { x: [], loss: [], smoothedLoss: [], alpha: [], t: [], boundaries: [] } }] }
      fake.emitPhase('paused', restored)
      return { ok: true, value: { restoredFrom: CHECKPOINT } }
    })
    fake.emitApp({ type: 'trainerExited', code: 1, reason: 'killed', checkpointPath: CHECKPOINT })
    const training = useTrainingStore()
    const restarting = restartTrainer()
    expect(training.phaseLabel).toBe('Restarting the trainer')
    started.resolve()
    await restarting
    expect(fake.calls.filter((c) => c.channel === 'restartTrainer').map((c) => c.args)).toEqual([{ fromCheckpoint: true }])
    expect(useErrorsStore().crash).toBeNull()
    expect(training.state).toBe('paused')
    expect(training.fraction).toBe(0.78)
    expect(training.epoch).toBe(2)
    expect(training.runs).toHaveLength(1)
    expect(training.current).toMatchObject({ number: 1, outcome: 'running', runIds: ['run-1', 'run-9'], seconds: 1.5 })
    // The points after the checkpoint are trained again; the curve before it stays.
    expect(training.current?.series.x).toEqual([100_000, 200_000, 300_000])
  })

  it('without a checkpoint, restarts and loads the corpus again', async () => {
    fake.handle('restartTrainer', () => {
      fake.description = emptyDescription()
      return { ok: true, value: { restoredFrom: null } }
    })
    fake.emitApp({ type: 'trainerExited', code: 1, reason: 'killed', checkpointPath: null })
    const before = fake.requestsOf('loadCorpus').length
    await restartTrainer()
    expect(fake.calls.filter((c) => c.channel === 'restartTrainer').map((c) => c.args)).toEqual([{ fromCheckpoint: false }])
    expect(fake.requestsOf('loadCorpus').slice(before).map((r) => r.paths)).toEqual([[BUILT_IN_PATH]])
    expect(useTrainingStore().phaseLabel).toBe('Ready to train')
    expect(useTrainingStore().current).toMatchObject({ outcome: 'interrupted' })
  })

  it('keeps the banner and says why when the restart fails', async () => {
    fake.handle('restartTrainer', () => ({ ok: false, error: { kind: 'unavailable', message: 'The trainer did not answer within 10 seconds.' } }))
    fake.emitApp({ type: 'trainerExited', code: 1, reason: 'killed', checkpointPath: null })
    const errors = useErrorsStore()
    await restartTrainer()
    expect(errors.crash).not.toBeNull()
    expect(errors.message).toBe('The trainer did not answer within 10 seconds.')
    expect(useTrainingStore().phaseLabel).toBe('The trainer stopped')
  })
})
