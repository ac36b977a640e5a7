import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProgressBatch, RunInfo } from '../../src-main/core/contract/trainerProtocol'
import { runCommand } from '../../src-renderer/src/composables/commands'
import { connectEvents } from '../../src-renderer/src/composables/eventBridge'
import { MOBY_DICK_WORDS } from '../../src-renderer/src/composables/plotWords'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { usePlotStore } from '../../src-renderer/src/stores/plot'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { type FakeW2v, installFakeW2v, ok } from './fakeW2v'

function runInfo(runId: string): RunInfo {
  return { runId, schedule: 'word2vec', number: 1, settings: { schedule: 'word2vec', config: { model: 'skipgram', loss: 'negSampling', dim: 50, window: 5, negatives: 5, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001, epochs: 3, threads: 2, seed: 1, cbowMean: true, negativePower: 0.75 } }, vocabulary: { minCount: 5 }, outcome: 'running', fraction: 0, epoch: 1, seconds: 0, finalLoss: null, restoredFrom: null, done: 0, total: 430_000, vocabSize: 4900, dim: 50, checkpointPath: null }
}

function batch(runId: string, seq: number, x: number[], loss: number[], smoothed: number[]): ProgressBatch {
  return {
    type: 'progress', seq, runId, schedule: 'word2vec', x, loss, smoothedLoss: smoothed, alpha: x.map(() => 0.02), t: x.map((v) => v / 1e5),
    fraction: (x.at(-1) ?? 0) / 430_000, epoch: 1, wordsPerSec: 250_000, etaSeconds: 1.5, boundaries: [],
  }
}

describe('training store', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    disconnect = connectEvents()
    fake.handleTrainer('start', () => ok(runInfo('run-1')))
    await useCorpusStore().init()
  })
  afterEach(() => {
    disconnect()
    vi.unstubAllGlobals()
  })

  it('starts a run with the form’s settings and the Moby-Dick words on the built-in corpus', async () => {
    const training = useTrainingStore()
    await training.train()
    const [start] = fake.requestsOf('start')
    expect(start?.settings).toMatchObject({ schedule: 'word2vec', config: { dim: 50, epochs: 2 } })
    expect(start?.vocabulary).toEqual({ minCount: 5 })
    expect(start?.plotWords).toEqual([...MOBY_DICK_WORDS])
    expect(start?.id).toMatch(/^r\d+$/)
    expect(training.state).toBe('training')
    expect(training.runs.map((r) => r.label)).toEqual(['Run 1 · skip-gram, d=50'])
    expect(training.canTrain).toBe(false)
  })

  it('follows the trainer’s state events through pause, resume and the end of the run', async () => {
    const training = useTrainingStore()
    await training.train()
    fake.emitTrainer({ type: 'state', version: 1, state: 'paused', phase: 'paused', fraction: null, run: runInfo('run-1') })
    expect(training.state).toBe('paused')
    expect(training.active).toBe(true)
    fake.emitTrainer({ type: 'state', version: 1, state: 'training', phase: 'training', fraction: null, run: runInfo('run-1') })
    expect(training.state).toBe('training')
    fake.emitTrainer({ type: 'finished', runId: 'run-1', stopped: false, done: 430_000, seconds: 3.2, finalLoss: 2.41 })
    fake.emitTrainer({ type: 'state', version: 1, state: 'finished', phase: 'finished', fraction: null, run: runInfo('run-1') })
    expect(training.state).toBe('finished')
    expect(training.fraction).toBe(1)
    expect(training.current).toMatchObject({ outcome: 'finished', finalLoss: 2.41, seconds: 3.2 })
    expect(training.canTrain).toBe(true)
  })

  it('sends pause, resume and stop, and takes the state from their answers', async () => {
    fake.handleTrainer('pause', () => ok({ state: 'paused' }))
    fake.handleTrainer('resume', () => ok({ state: 'training' }))
    fake.handleTrainer('stop', () => ok({ state: 'stopping' }))
    const training = useTrainingStore()
    await training.train()
    await runCommand('train', 1_000)
    expect(training.state).toBe('paused')
    await runCommand('train', 2_000)
    expect(training.state).toBe('training')
    // The same command again within a moment (a shortcut seen by page and menu) runs once.
    await runCommand('stop', 3_000)
    await runCommand('stop', 3_100)
    expect(fake.requestsOf('stop')).toHaveLength(1)
    expect(training.state).toBe('stopping')
  })

  it('grows the current curve from progress batches without copying it', async () => {
    const training = useTrainingStore()
    await training.train()
    fake.emitTrainer(batch('run-1', 1, [1000, 2000], [4.1, 3.9], [4.1, 4.08]))
    const x = training.current!.series.x
    fake.emitTrainer(batch('run-1', 2, [3000], [3.2], [3.9]))
    expect(training.current!.series.x).toBe(x)
    expect(x).toEqual([1000, 2000, 3000])
    expect(training.currentCurve).toEqual({ points: 3, firstSmoothed: 4.1, lastSmoothed: 3.9 })
    expect(training.wordsPerSec).toBe(250_000)
    expect(training.alpha).toBe(0.02)
    expect(training.lossRuns[0]?.x).toBe(x)
  })

  it('keeps earlier runs for comparison; they can be hidden or removed', async () => {
    const training = useTrainingStore()
    await training.train()
    fake.emitTrainer(batch('run-1', 1, [1000], [4], [4]))
    fake.emitTrainer({ type: 'finished', runId: 'run-1', stopped: true, done: 1000, seconds: 1, finalLoss: 4 })
    fake.emitTrainer({ type: 'state', version: 1, state: 'finished', phase: 'finished', fraction: null, run: runInfo('run-1') })
    fake.handleTrainer('start', () => ok(runInfo('run-2')))
    await training.train()
    fake.emitTrainer(batch('run-2', 2, [500, 900], [4.2, 4], [4.2, 4.1]))
    expect(training.runs.map((r) => [r.number, r.outcome])).toEqual([[1, 'stopped'], [2, 'running']])
    expect(training.lossRuns.map((r) => r.runId)).toEqual(['run-2', 'run-1'])
    expect(training.currentCurve.points).toBe(2)
    training.setVisible(1, false)
    expect(training.lossRuns[1]?.visible).toBe(false)
    training.removeRun(2)
    expect(training.runs).toHaveLength(2)
    training.removeRun(1)
    expect(training.runs.map((r) => r.number)).toEqual([2])
    // A late event of a removed run does not bring it back, and numbers are not reused.
    fake.emitTrainer({ type: 'finished', runId: 'run-1', stopped: true, done: 1000, seconds: 1, finalLoss: 4 })
    fake.emitTrainer({ type: 'state', version: 1, state: 'finished', phase: 'finished', fraction: null, run: runInfo('run-1') })
    expect(training.runs.map((r) => r.number)).toEqual([2])
  })

  it('counts a finished event that arrives twice once', async () => {
    fake.handleTrainer('projection', () => ok({ method: 'tsne', words: ['whale'], coordinates: [0, 0], missing: [], explainedVariance: null, sampled: false }))
    const training = useTrainingStore()
    const plot = usePlotStore()
    await training.train()
    await plot.setMethod('tsne')
    const before = fake.requestsOf('projection').length
    const finished = { type: 'finished', runId: 'run-1', stopped: false, done: 430_000, seconds: 2, finalLoss: 2.5 } as const
    fake.emitTrainer(finished)
    fake.emitTrainer({ ...finished, seconds: 9 })
    expect(training.current).toMatchObject({ outcome: 'finished', seconds: 2 })
    // A t-SNE picture is computed again once, with the run's final vectors.
    expect(fake.requestsOf('projection').length - before).toBe(1)
  })

  it('shows live PCA snapshots and lists the plotted words', async () => {
    const training = useTrainingStore()
    const plot = usePlotStore()
    await training.train()
    fake.emitTrainer({ type: 'snapshot', runId: 'run-1', words: ['whale', 'ship'], coordinates: [0.1, 0.2, -0.3, 0.4], explainedVariance: [0.3, 0.11] })
    expect(plot.picture).toEqual({ words: ['whale', 'ship'], coordinates: [0.1, 0.2, -0.3, 0.4], subtitle: 'PCA · centre vectors · 41% of the variance', space: 'pca/center' })
    expect(plot.words).toEqual(['whale', 'ship'])
  })

  it('shows a trainer error in the global banner and a refused start too', async () => {
    const { useErrorsStore } = await import('../../src-renderer/src/stores/errors')
    const errors = useErrorsStore()
    fake.emitTrainer({ type: 'error', error: { kind: 'diverged', message: 'Training diverged at epoch 1 (12%): the loss became NaN.' } })
    expect(errors.message).toBe('Training diverged at epoch 1 (12%): the loss became NaN.')
    fake.handleTrainer('start', () => ({ ok: false, error: { kind: 'state', message: 'A training run is in progress; stop it before you start another.' } }))
    await useTrainingStore().train()
    expect(errors.message).toBe('A training run is in progress; stop it before you start another.')
  })
})
