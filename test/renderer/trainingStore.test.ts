import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseCsv } from '../../src-main/core/contract/csv'
import { runCommand } from '../../src-renderer/src/composables/commands'
import { saveFigure } from '../../src-renderer/src/composables/figureSaving'
import { MOBY_DICK_WORDS } from '../../src-renderer/src/composables/plotWords'
import { train, trainBlocker } from '../../src-renderer/src/composables/session'
import { useErrorsStore } from '../../src-renderer/src/stores/errors'
import { usePlotStore } from '../../src-renderer/src/stores/plot'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { type FakeW2v, batch, deferred, installFakeW2v, ok, runInfo, startFakeSession } from './fakeW2v'

describe('training store', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    // The trainer announces the run before it answers, as it does; tests that need the other order say so.
    fake.handleTrainer('start', () => {
      fake.emitPhase('buildingVocabulary', runInfo('run-1'))
      return ok(runInfo('run-1'))
    })
    disconnect = await startFakeSession()
  })
  afterEach(() => {
    disconnect()
    vi.unstubAllGlobals()
  })

  it('starts a run with the form’s settings and the Moby-Dick words on the built-in corpus', async () => {
    const training = useTrainingStore()
    expect(training.phaseLabel).toBe('Ready to train')
    await train()
    const [start] = fake.requestsOf('start')
    expect(start?.settings).toMatchObject({ schedule: 'word2vec', config: { dim: 50, epochs: 2 } })
    expect(start?.vocabulary).toEqual({ minCount: 5 })
    expect(start?.plotWords).toEqual([...MOBY_DICK_WORDS])
    expect(start?.id).toMatch(/^r\d+$/)
    expect(training.state).toBe('preparing')
    expect(training.phaseLabel).toBe('Building the vocabulary')
    expect(training.runs.map((r) => r.label)).toEqual(['Run 1 · skip-gram, d=50'])
    expect(trainBlocker()).toBe('A run is in progress; stop it first.')
  })

  it('takes the run from the trainer’s events whether the start answer comes before them or after', async () => {
    const answer = deferred<ReturnType<typeof ok>>()
    fake.handleTrainer('start', () => answer.promise)
    const training = useTrainingStore()
    const starting = train()
    await vi.waitFor(() => expect(fake.requestsOf('start')).toHaveLength(1))
    answer.resolve(ok(runInfo('run-1')))
    await starting
    // Answered, not yet described: the window writes nothing of the run, and Train stays off.
    expect(training.runs).toEqual([])
    expect(training.state).toBe('ready')
    expect(trainBlocker()).toBe('Wait until the trainer is ready.')
    fake.emitPhase('training', runInfo('run-1', { done: 1000, fraction: 0.1 }))
    expect(training.state).toBe('training')
    expect(training.fraction).toBe(0.1)
    expect(training.runs.map((r) => r.number)).toEqual([1])
  })

  it('shows each phase by its label, with its progress where it has one', () => {
    const training = useTrainingStore()
    fake.emitPhase('readingCorpus', null, 0.25)
    expect(training.phaseLabel).toBe('Reading the corpus')
    expect(training.phaseFraction).toBe(0.25)
    fake.emitPhase('allocating', runInfo('run-1'))
    expect(training.phaseLabel).toBe('Building the tables and allocating the vectors')
    expect(training.phaseFraction).toBeNull()
  })

  it('sends pause, resume and stop; only the trainer’s events change the state', async () => {
    fake.handleTrainer('pause', () => ok({ state: 'paused' }))
    fake.handleTrainer('resume', () => ok({ state: 'training' }))
    fake.handleTrainer('stop', () => ok({ state: 'stopping' }))
    const training = useTrainingStore()
    await train()
    fake.emitPhase('training', runInfo('run-1'))
    await runCommand('train', 1_000)
    expect(fake.requestsOf('pause')).toHaveLength(1)
    expect(training.state).toBe('training')
    fake.emitPhase('paused', runInfo('run-1'))
    await runCommand('train', 2_000)
    expect(fake.requestsOf('resume')).toHaveLength(1)
    fake.emitPhase('training', runInfo('run-1'))
    // The same command again within a moment (a shortcut seen by page and menu) runs once.
    await runCommand('stop', 3_000)
    await runCommand('stop', 3_100)
    expect(fake.requestsOf('stop')).toHaveLength(1)
  })

  it('shows a run stopped early as stopped in the bar and in the run list', async () => {
    const training = useTrainingStore()
    await train()
    fake.emitPhase('training', runInfo('run-1', { done: 30_000, fraction: 0.071 }))
    fake.emitPhase('saving', runInfo('run-1', { done: 30_000, fraction: 0.071 }))
    fake.emitTrainer({ type: 'finished', runId: 'run-1', stopped: true, done: 30_000, seconds: 1.2, finalLoss: 4.1 })
    fake.emitPhase('stopped', runInfo('run-1', { done: 30_000, fraction: 0.071, outcome: 'stopped', seconds: 1.2, finalLoss: 4.1 }))
    expect(training.phaseLabel).toBe('Stopped early')
    expect(training.fraction).toBe(0.071)
    expect(training.current).toMatchObject({ outcome: 'stopped', finalLoss: 4.1, seconds: 1.2 })
    expect(trainBlocker()).toBeNull()
  })

  it('grows the current curve from progress batches without copying it', async () => {
    const training = useTrainingStore()
    await train()
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

  it('saves every run the loss chart shows as CSV, one line per point, and not a run that is hidden', async () => {
    const training = useTrainingStore()
    await train()
    fake.emitTrainer(batch('run-1', 1, [1000], [4], [4]))
    fake.emitPhase('stopped', runInfo('run-1', { outcome: 'stopped' }))
    fake.handleTrainer('start', () => {
      fake.emitPhase('training', runInfo('run-2', { number: 2 }))
      return ok(runInfo('run-2', { number: 2 }))
    })
    await train()
    fake.emitTrainer(batch('run-2', 2, [500, 900], [4.2, 4], [4.2, 4.1]))
    fake.handle('saveFigure', () => ({ ok: true, value: { path: '/figures/loss.csv' } }))
    const sent = () => fake.calls.filter((c) => c.channel === 'saveFigure').map((c) => parseCsv((c.args as { content: string }).content))
    await saveFigure('loss', 'csv')
    const labels = training.lossRuns.map((r) => r.label)
    expect(sent()[0]!.slice(1).map((row) => [row[0], row[1], row[4]])).toEqual([[labels[0], '500', '4.2'], [labels[0], '900', '4'], [labels[1], '1000', '4']])
    training.setVisible(1, false)
    await saveFigure('loss', 'csv')
    expect(sent()[1]!.slice(1).map((row) => row[0])).toEqual([labels[0], labels[0]])
  })

  it('keeps earlier runs for comparison; they can be hidden or removed', async () => {
    const training = useTrainingStore()
    await train()
    fake.emitTrainer(batch('run-1', 1, [1000], [4], [4]))
    fake.emitPhase('stopped', runInfo('run-1', { outcome: 'stopped' }))
    fake.handleTrainer('start', () => {
      fake.emitPhase('training', runInfo('run-2', { number: 2 }))
      return ok(runInfo('run-2', { number: 2 }))
    })
    await train()
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
    // The trainer forgets it too, so a reloaded window does not show it again.
    expect(fake.trainerRequests.filter((r) => r.type === 'forgetRuns')).toMatchObject([{ runIds: ['run-1'] }])
    // A late event of a removed run does not bring it back, and numbers are not reused.
    fake.emitTrainer({ type: 'finished', runId: 'run-1', stopped: true, done: 1000, seconds: 1, finalLoss: 4 })
    fake.emitPhase('stopped', runInfo('run-1', { outcome: 'stopped' }))
    expect(training.runs.map((r) => r.number)).toEqual([2])
  })

  it('computes a projection other than live PCA again once when the run ends, however often the end is told', async () => {
    fake.handleTrainer('projection', () => ok({ method: 'tsne', words: ['whale'], coordinates: [0, 0], missing: [], explainedVariance: null, sampled: false }))
    const training = useTrainingStore()
    const plot = usePlotStore()
    await train()
    await plot.setMethod('tsne')
    const before = fake.requestsOf('projection').length
    const finished = { type: 'finished', runId: 'run-1', stopped: false, done: 430_000, seconds: 2, finalLoss: 2.5 } as const
    fake.emitTrainer(finished)
    fake.emitTrainer({ ...finished, seconds: 9 })
    fake.emitPhase('finished', runInfo('run-1', { outcome: 'finished', seconds: 2, finalLoss: 2.5, fraction: 1 }))
    fake.emitPhase('finished', runInfo('run-1', { outcome: 'finished', seconds: 2, finalLoss: 2.5, fraction: 1 }))
    expect(training.current).toMatchObject({ outcome: 'finished', seconds: 2 })
    await vi.waitFor(() => expect(fake.requestsOf('projection').length - before).toBe(1))
  })

  it('shows live PCA snapshots and lists the plotted words', async () => {
    const plot = usePlotStore()
    await train()
    fake.emitTrainer({ type: 'snapshot', runId: 'run-1', words: ['whale', 'ship'], coordinates: [0.1, 0.2, -0.3, 0.4], explainedVariance: [0.3, 0.11] })
    expect(plot.picture).toEqual({ words: ['whale', 'ship'], coordinates: [0.1, 0.2, -0.3, 0.4], subtitle: 'PCA · centre vectors · 41% of the variance', space: 'pca/center' })
    expect(plot.words).toEqual(['whale', 'ship'])
  })

  it('shows a trainer error in the global banner and a refused start too', async () => {
    const errors = useErrorsStore()
    fake.emitTrainer({ type: 'error', error: { kind: 'diverged', message: 'Training diverged at epoch 1 (12%): the loss became NaN.' } })
    expect(errors.message).toBe('Training diverged at epoch 1 (12%): the loss became NaN.')
    fake.handleTrainer('start', () => ({ ok: false, error: { kind: 'state', message: 'A training run is in progress; stop it before you start another.' } }))
    await train()
    expect(errors.message).toBe('A training run is in progress; stop it before you start another.')
    expect(trainBlocker()).toBeNull()
  })
})
