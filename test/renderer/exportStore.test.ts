import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSettings, presetHyperparameters } from '../../src-main/core/contract/settingsValidation'
import { missingOutsideVectors } from '../../src-renderer/src/composables/outsideVectors'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { useExportStore } from '../../src-renderer/src/stores/export'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { type FakeW2v, installFakeW2v, ok, refused, runInfo } from './fakeW2v'

const NAME = 'Moby-Dick'

describe('export store', () => {
  let fake: FakeW2v
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('asks for a target, exports there and offers to show the file', async () => {
    fake.handle('exportDialog', () => ({ ok: true, value: { path: '/out/moby.bin' } }))
    fake.handleTrainer('export', () => ok({ files: ['/out/moby.bin'] }))
    fake.handle('showItemInFolder', () => ({ ok: true, value: {} }))
    const store = useExportStore()
    store.topN = '1000'
    store.normalize = true
    await store.submit(NAME)
    expect(fake.calls.find((c) => c.channel === 'exportDialog')?.args).toEqual({ defaultName: 'Moby-Dick-vectors.bin', format: 'word2vec-binary' })
    const [request] = fake.requestsOf('export')
    expect(request).toMatchObject({ path: '/out/moby.bin', format: 'word2vec-binary', vectors: 'center', topN: 1000, normalize: true })
    expect(store.message).toBe('Saved the 1,000 most frequent words to /out/moby.bin.')
    expect(store.error).toBeNull()
    await store.showInFolder()
    expect(fake.calls.find((c) => c.channel === 'showItemInFolder')?.args).toEqual({ path: '/out/moby.bin' })
  })

  it('explains a failure in one sentence and writes nothing when the dialog is cancelled', async () => {
    fake.handle('exportDialog', () => ({ ok: true, value: { path: null } }))
    const store = useExportStore()
    await store.submit(NAME)
    expect(fake.requestsOf('export')).toHaveLength(0)
    expect(store.message).toBeNull()
    fake.handle('exportDialog', () => ({ ok: true, value: { path: '/out/v.vec' } }))
    fake.handleTrainer('export', () => refused('export', 'The word “new york” contains whitespace, which the word2vec text format cannot hold.'))
    store.format = 'word2vec-text'
    await store.submit(NAME)
    expect(store.error).toBe('The word “new york” contains whitespace, which the word2vec text format cannot hold.')
    expect(store.message).toBeNull()
  })

  it('refuses a top N that is not a whole number', async () => {
    const store = useExportStore()
    store.topN = '2.5'
    expect(store.topNProblem).toBe('Top N must be a whole number of at least 1, or blank for every word; not 2.5.')
    await store.submit(NAME)
    expect(fake.calls.some((c) => c.channel === 'exportDialog')).toBe(false)
  })

  it('opens on the centre vectors, saying why, when a hierarchical-softmax run has no outside vector per word', () => {
    const store = useExportStore()
    const training = useTrainingStore()
    store.vectors = 'concat'
    training.run = runInfo('run-1')
    expect(missingOutsideVectors()).toBeNull()
    store.show()
    expect(store.vectors).toBe('concat')
    store.close()

    const { settings } = startSettings(presetHyperparameters('quick', 4))
    training.run = runInfo('run-2', { settings: { ...settings, config: { ...settings.config, loss: 'hierarchicalSoftmax' } } as typeof settings })
    expect(missingOutsideVectors()).toMatch(/^This run trained with hierarchical softmax, .*; only the centre vectors \(V\) can be used\.$/)
    store.show()
    expect(store.vectors).toBe('center')
  })

  it('says a file of vectors has no outside vectors, whatever the last run trained with', () => {
    useTrainingStore().run = runInfo('run-1')
    useCorpusStore().vectorsFile = { path: '/v.vec', words: 3, dim: 2, hasOutsideVectors: false, topWords: ['a'] }
    expect(missingOutsideVectors()).toMatch(/^These vectors have no outside vectors \(U\)/)
  })
})
