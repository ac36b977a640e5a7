import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDroppedFiles, openPaths } from '../../src-renderer/src/composables/fileOpening'
import { routeTrainerEvent, startSession } from '../../src-renderer/src/composables/session'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { useTasksStore } from '../../src-renderer/src/stores/tasks'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { BUILT_IN_PATH, type FakeW2v, corpusResult, deferred, installFakeW2v, ok, refused, startFakeSession } from './fakeW2v'

describe('corpus store', () => {
  let fake: FakeW2v
  let disconnect: (() => void) | null = null
  beforeEach(() => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
  })
  afterEach(() => {
    disconnect?.()
    vi.unstubAllGlobals()
  })

  it('loads the built-in Moby-Dick on first start, so the app can train at once', async () => {
    disconnect = await startFakeSession()
    const corpus = useCorpusStore()
    expect(fake.requestsOf('loadCorpus').map((r) => r.paths)).toEqual([[BUILT_IN_PATH]])
    expect(corpus.current).toMatchObject({ name: 'Moby-Dick', builtIn: true, tokens: 215_000 })
    expect(corpus.error).toBeNull()
    expect(useTrainingStore().phaseLabel).toBe('Ready to train')
  })

  it('loads the last corpus on later starts', async () => {
    fake.handle('getSettings', () => ({ ok: true, value: { theme: 'system', autosaveSeconds: 30, threads: null, lastCorpus: ['/home/u/a.txt', '/home/u/b.txt'] } }))
    disconnect = await startFakeSession()
    const corpus = useCorpusStore()
    expect(fake.requestsOf('loadCorpus').map((r) => r.paths)).toEqual([['/home/u/a.txt', '/home/u/b.txt']])
    expect(corpus.current).toMatchObject({ name: 'a.txt + b.txt', builtIn: false })
  })

  it('falls back to the built-in corpus, saying why, when the last corpus is gone', async () => {
    fake.handle('getSettings', () => ({ ok: true, value: { theme: 'system', autosaveSeconds: 30, threads: null, lastCorpus: ['/gone.txt'] } }))
    fake.handleTrainer('loadCorpus', (r) => {
      const paths = (r as { paths: string[] }).paths
      return paths[0] === '/gone.txt' ? refused('corpus', 'There is no file at “/gone.txt”.') : ok(corpusResult(paths))
    })
    disconnect = await startFakeSession()
    const corpus = useCorpusStore()
    expect(corpus.current?.name).toBe('Moby-Dick')
    expect(corpus.error).toBe('There is no file at “/gone.txt”. The built-in corpus was loaded instead.')
  })

  it('sees a change of phrase options by value, refuses wrong ones, and sends a plain copy', async () => {
    disconnect = await startFakeSession()
    const corpus = useCorpusStore()
    expect(corpus.tokenizerChanged).toBe(false)
    corpus.tokenizer.phrases = { minCount: 5, threshold: 10, scoring: 'default', maxVocab: 10_000_000, delimiter: '_', passes: 1 }
    expect(corpus.tokenizerChanged).toBe(true)
    expect(corpus.phraseProblems).toEqual([])
    corpus.tokenizer.phrases.scoring = 'npmi'
    expect(corpus.phraseProblems.map((p) => p.field)).toEqual(['threshold'])
    corpus.tokenizer.phrases.threshold = 0.5
    expect(await corpus.reload()).toBe(true)
    const sent = fake.requestsOf('loadCorpus').at(-1)!.tokenizer as { phrases: object }
    expect(sent.phrases).toEqual({ minCount: 5, threshold: 0.5, scoring: 'npmi', maxVocab: 10_000_000, delimiter: '_', passes: 1 })
    // What was sent is a copy: editing the options afterwards does not change the loaded corpus' record.
    expect(corpus.tokenizerChanged).toBe(false)
    corpus.tokenizer.phrases.passes = 2
    expect(corpus.tokenizerChanged).toBe(true)
    delete corpus.tokenizer.phrases
    expect(corpus.tokenizerChanged).toBe(true)
  })

  it('keeps the previous corpus and shows the error when a load fails', async () => {
    disconnect = await startFakeSession()
    const corpus = useCorpusStore()
    const before = corpus.current
    fake.handleTrainer('loadCorpus', () => refused('corpus', '“photo.png” looks like a binary file, not text.'))
    expect(await corpus.load(['/home/u/photo.png'])).toBe(false)
    expect(corpus.current).toEqual(before)
    expect(corpus.error).toBe('“photo.png” looks like a binary file, not text.')
    expect(corpus.loading).toBe(false)
  })

  it('shows loading progress from the trainer’s taskProgress events for its request', async () => {
    const pending = deferred<ReturnType<typeof ok>>()
    disconnect = await startFakeSession()
    fake.handleTrainer('loadCorpus', () => pending.promise)
    const corpus = useCorpusStore()
    const tasks = useTasksStore()
    const loading = corpus.load(['/big.txt'])
    await vi.waitFor(() => expect(fake.requestsOf('loadCorpus')).toHaveLength(2))
    const id = fake.requestsOf('loadCorpus')[1]!.id
    routeTrainerEvent({ type: 'taskProgress', id, fraction: 0.4, label: 'Reading big.txt' })
    routeTrainerEvent({ type: 'taskProgress', id: 'r999', fraction: 0.9, label: 'someone else' })
    expect(corpus.loading).toBe(true)
    expect(tasks.progressOf(corpus.loadingId)).toEqual({ fraction: 0.4, label: 'Reading big.txt' })
    pending.resolve(ok(corpusResult(['/big.txt'])))
    await loading
    expect(corpus.loading).toBe(false)
    expect(tasks.progress.size).toBe(0)
  })

  it('joins several dropped text files into one corpus and opens a dropped vectors file for exploration', async () => {
    fake.paths.set('a.txt', '/d/a.txt')
    fake.paths.set('b.md', '/d/b.md')
    fake.paths.set('glove.vec', '/d/glove.vec')
    fake.handleTrainer('openVectors', () => ok({ path: '/d/glove.vec', words: 400_000, dim: 50, hasOutsideVectors: false, topWords: ['the', 'of'] }))
    fake.handleTrainer('projection', () => ok({ method: 'pca', words: ['the', 'of'], coordinates: [0, 0, 1, 1], missing: [], explainedVariance: [0.3, 0.2], sampled: false }))
    const corpus = useCorpusStore()
    await openDroppedFiles([{ name: 'a.txt', size: 10 }, { name: 'b.md', size: 10 }])
    expect(fake.requestsOf('loadCorpus').at(-1)?.paths).toEqual(['/d/a.txt', '/d/b.md'])
    await openDroppedFiles([{ name: 'glove.vec', size: 10 }])
    expect(fake.requestsOf('openVectors').map((r) => r.path)).toEqual(['/d/glove.vec'])
    expect(corpus.vectorsFile).toMatchObject({ words: 400_000, dim: 50 })
    expect(corpus.current?.name).toBe('a.txt + b.md')
  })

  it('treats .txt as a corpus and refuses a vectors file mixed with others', async () => {
    const corpus = useCorpusStore()
    await openPaths(['/d/vectors.txt'])
    expect(fake.requestsOf('loadCorpus')).toHaveLength(1)
    await openPaths(['/d/a.txt', '/d/v.bin'])
    expect(fake.requestsOf('openVectors')).toHaveLength(0)
    expect(corpus.error).toBe('Drop one vectors file at a time, or only text files to load them together as a corpus.')
  })

  it('says why a dropped file without a path on disk cannot be loaded', async () => {
    const corpus = useCorpusStore()
    await openDroppedFiles([{ name: 'clip.txt', size: 4 }])
    expect(fake.requestsOf('loadCorpus')).toHaveLength(0)
    expect(corpus.error).toMatch(/^“clip\.txt” is not a file on this computer's disk/)
  })
})

describe('the window’s start', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('waits for a trainer that is still starting, then loads the built-in corpus', async () => {
    const fake = installFakeW2v()
    let attempts = 0
    fake.handleTrainer('describe', () => {
      attempts++
      return attempts === 1 ? refused('internal', 'The trainer is not running; restart it to continue.') : ok(fake.description)
    })
    const corpus = useCorpusStore()
    const starting = startSession()
    // Announced until the store listens (it subscribes once the first attempt has failed).
    await vi.waitFor(() => {
      fake.emitApp({ type: 'trainerStarted', pid: 42 })
      expect(attempts).toBe(2)
    })
    await starting
    expect(corpus.current?.name).toBe('Moby-Dick')
    expect(corpus.error).toBeNull()
  })
})
