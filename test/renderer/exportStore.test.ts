import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useExportStore } from '../../src-renderer/src/stores/export'
import { type FakeW2v, installFakeW2v, ok, refused } from './fakeW2v'

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
})
