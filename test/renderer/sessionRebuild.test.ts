import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trainBlocker } from '../../src-renderer/src/composables/session'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { BUILT_IN_PATH, type FakeW2v, batch, corpusResult, emptyDescription, installFakeW2v, ok, runInfo, startFakeSession } from './fakeW2v'
import { TOKENIZER_DEFAULTS } from '../../src-main/core/contract/settingsValidation'

const points = (x: number[]) => ({ x, loss: x.map(() => 4), smoothedLoss: x.map(() => 4), alpha: x.map(() => 0.02), t: x.map((v) => v / 1e5), boundaries: [] })

describe('a window that (re)connects rebuilds from the trainer’s whole state', () => {
  let fake: FakeW2v
  let disconnect: (() => void) | null = null
  beforeEach(() => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    // A trainer that already holds Moby-Dick and two runs, the second one training.
    const first = runInfo('run-a', { number: 1, outcome: 'finished', fraction: 1, finalLoss: 2.9, seconds: 3 })
    const second = runInfo('run-b', { number: 2, outcome: 'running', fraction: 0.5, done: 215_000, epoch: 2, seconds: 1.5 })
    fake.description = {
      ...emptyDescription(), state: 'training', phase: 'training', run: second,
      corpus: { ...corpusResult([BUILT_IN_PATH]), tokenizer: { ...TOKENIZER_DEFAULTS } },
      runs: [{ ...first, points: points([1000, 2000, 3000]) }, { ...second, points: points([1000, 2000]) }],
    }
  })
  afterEach(() => {
    disconnect?.()
    vi.unstubAllGlobals()
  })

  it('shows the same runs, numbers, settings and curves, and loads nothing', async () => {
    disconnect = await startFakeSession()
    const training = useTrainingStore()
    expect(fake.requestsOf('loadCorpus')).toEqual([])
    expect(useCorpusStore().current).toMatchObject({ name: 'Moby-Dick', builtIn: true })
    expect(training.runs.map((r) => [r.label, r.outcome, r.series.x.length])).toEqual([
      ['Run 1 · skip-gram, d=50', 'finished', 3], ['Run 2 · skip-gram, d=50', 'running', 2],
    ])
    expect(training.runs[1]?.summary).toMatch(/skip-gram · negative sampling/)
    expect(training.phaseLabel).toBe('Training')
    expect(training.fraction).toBe(0.5)
    expect(trainBlocker()).toBe('A run is in progress; stop it first.')
    // The next run is numbered by the trainer, after its own.
    fake.emitPhase('buildingVocabulary', runInfo('run-c', { number: 3 }))
    expect(training.current?.label).toBe('Run 3 · skip-gram, d=50')
  })

  it('keeps the newer of a state event and a description, whichever arrives first', async () => {
    const stale = fake.description
    fake.handleTrainer('describe', () => {
      // The run was paused after the description was taken; its event overtakes the answer.
      fake.emitTrainer({ type: 'state', version: stale.version + 1, state: 'paused', phase: 'paused', fraction: null, run: { ...stale.run!, fraction: 0.51 } })
      return ok(stale)
    })
    disconnect = await startFakeSession()
    const training = useTrainingStore()
    expect(training.phaseLabel).toBe('Paused')
    expect(training.fraction).toBe(0.51)
    expect(training.runs.map((r) => r.series.x.length)).toEqual([3, 2])
    // And an event older than the description the window holds is old news.
    fake.emitTrainer({ type: 'state', version: stale.version, state: 'training', phase: 'training', fraction: null, run: stale.run })
    expect(training.phaseLabel).toBe('Paused')
  })

  it('asks again when a trainer starts, keeping points that streamed in before its answer and none twice', async () => {
    disconnect = await startFakeSession()
    const described = fake.description
    const run = described.runs[1]!
    fake.handleTrainer('describe', () => {
      fake.emitTrainer(batch('run-b', 7, [3000, 4000], [4, 4], [4, 4]))
      return ok({ ...described, runs: [described.runs[0]!, { ...run, points: points([1000, 2000, 3000]) }] })
    })
    fake.emitApp({ type: 'trainerStarted', pid: 7 })
    await vi.waitFor(() => expect(fake.requestsOf('describe')).toHaveLength(2))
    await vi.waitFor(() => expect(useTrainingStore().current?.series.x).toEqual([1000, 2000, 3000, 4000]))
    fake.emitTrainer(batch('run-b', 8, [4000, 5000], [4, 4], [4, 4]))
    expect(useTrainingStore().current?.series.x).toEqual([1000, 2000, 3000, 4000, 5000])
  })
})
