import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { choosePretrainedVectors, continueBlocker, continueOnAnotherCorpus, train } from '../../src-renderer/src/composables/session'
import { useErrorsStore } from '../../src-renderer/src/stores/errors'
import { useHyperparametersStore } from '../../src-renderer/src/stores/hyperparameters'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { type FakeW2v, installFakeW2v, ok, refused, runInfo, startFakeSession } from './fakeW2v'

describe('warm starts in the window', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
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

  it('sends the chosen pretrained vectors and the lock with a word2vec start, and none with the course’s', async () => {
    fake.handle('openVectorsDialog', () => ({ ok: true, value: { path: '/v/wiki.vec' } }))
    const hyperparameters = useHyperparametersStore()
    await choosePretrainedVectors()
    hyperparameters.setInitLock(true)
    expect(hyperparameters.initVectors).toEqual({ path: '/v/wiki.vec', lock: true })
    await train()
    expect(fake.requestsOf('start')[0]?.initVectors).toEqual({ path: '/v/wiki.vec', lock: true })

    fake.emitPhase('finished', runInfo('run-1', { outcome: 'finished' }))
    hyperparameters.setChoice('schedule', 'cs224n')
    await vi.waitFor(() => expect(useTrainingStore().idle).toBe(true))
    await train()
    expect(fake.requestsOf('start')).toHaveLength(2)
    expect(fake.requestsOf('start')[1]?.initVectors).toBeUndefined()
  })

  it('keeps the choice when the dialog is cancelled, and drops it on Remove', async () => {
    const hyperparameters = useHyperparametersStore()
    fake.handle('openVectorsDialog', () => ({ ok: true, value: { path: null } }))
    await choosePretrainedVectors()
    expect(hyperparameters.initVectors).toBeNull()
    hyperparameters.setInitVectors('/v/a.vec')
    hyperparameters.setInitLock(true)
    hyperparameters.setInitVectors('/v/b.vec')
    expect(hyperparameters.initVectors).toEqual({ path: '/v/b.vec', lock: true })
    hyperparameters.setInitVectors(null)
    expect(hyperparameters.initVectors).toBeNull()
  })

  it('continues an ended word2vec run on the chosen files, and says why it cannot otherwise', async () => {
    expect(continueBlocker()).toBe('Continue a run once it has finished or been stopped.')
    fake.emitPhase('training', runInfo('run-1'))
    expect(continueBlocker()).toBe('Continue a run once it has finished or been stopped.')
    fake.emitPhase('finished', runInfo('run-1', { outcome: 'finished', schedule: 'cs224n' }))
    expect(continueBlocker()).toBe('Only a run of the word2vec schedule can be continued on another corpus.')
    fake.emitPhase('finished', runInfo('run-1', { outcome: 'finished' }))
    await vi.waitFor(() => expect(continueBlocker()).toBeNull())

    fake.handle('openCorpusDialog', () => ({ ok: true, value: { paths: ['/c/sequel.txt'] } }))
    const continued = runInfo('run-2', { number: 2, warmStart: 'Continuing the saved run: kept 4,900 words, added 12 new words (300 of them occur at least 5 times in the new corpus; counts merged).' })
    fake.handleTrainer('continueRun', () => {
      fake.emitPhase('training', continued)
      return ok(continued)
    })
    await continueOnAnotherCorpus()
    expect(fake.requestsOf('continueRun').map((r) => r.paths)).toEqual([['/c/sequel.txt']])
    expect(useTrainingStore().run?.warmStart).toBe(continued.warmStart)
    expect(useErrorsStore().message).toBeNull()
  })

  it('continues for the form’s epochs, learning rates and threads, and waits while one of them is wrong', async () => {
    fake.emitPhase('finished', runInfo('run-1', { outcome: 'finished' }))
    await vi.waitFor(() => expect(continueBlocker()).toBeNull())
    const form = useHyperparametersStore()
    form.setText('epochs', '3')
    form.setText('alpha', '0.01')
    form.setText('minAlpha', '0.02')
    expect(continueBlocker()).toMatch(/^The continuation trains with the form's epochs, learning rates and threads: .*minAlpha.*\.$/)
    // A field the continuation does not take (the run keeps its own) does not stand in its way.
    form.setText('minAlpha', '0.0001')
    form.setText('dim', 'x')
    expect(continueBlocker()).toBeNull()

    fake.handle('openCorpusDialog', () => ({ ok: true, value: { paths: ['/c/sequel.txt'] } }))
    fake.handleTrainer('continueRun', () => ok(runInfo('run-2', { number: 2 })))
    await continueOnAnotherCorpus()
    expect(fake.requestsOf('continueRun')[0]?.settings).toEqual({ threads: form.values.threads, epochs: 3, alpha: 0.01, minAlpha: 0.0001 })
  })

  it('shows the trainer’s refusal of a continuation', async () => {
    fake.emitPhase('stopped', runInfo('run-1', { outcome: 'stopped' }))
    await vi.waitFor(() => expect(continueBlocker()).toBeNull())
    fake.handle('openCorpusDialog', () => ({ ok: true, value: { paths: ['/c/x.txt'] } }))
    fake.handleTrainer('continueRun', () => refused('corpus', 'The corpus “x.txt” is empty.'))
    await continueOnAnotherCorpus()
    expect(useErrorsStore().message).toBe('The corpus “x.txt” is empty.')
  })
})
