import { readdirSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProgressBatch, TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { DEFAULT_PHRASE_OPTIONS } from '../../src-main/core/corpus/phraseOptions'
import { COURSE_PRESET, type Cs224nSettings } from '../../src-main/core/settings/trainingSettings'
import { EventRouter } from '../../src-main/trainer/eventRouter'
import { plantedSynonymsText } from '../support/syntheticCorpus'
import { MOBY_DICK, SMALL_CONFIG } from './forkTrainer'
import { is, sessionHarness } from './sessionHarness'

const COURSE: Cs224nSettings = { ...COURSE_PRESET, dim: 8, iterations: 2000, batch: 10, annealEvery: 500 }

let dir: string
let corpusPath: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-session-'))
  corpusPath = join(dir, 'planted.txt')
  await writeFile(corpusPath, plantedSynonymsText(2000))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

function harness(name: string) {
  return sessionHarness(join(dir, `${name}.w2vckpt`))
}

describe('TrainerSession', () => {
  it('keeps a corpus’ token file while the corpus or a run on it needs it, and deletes it after', async () => {
    const tokens = await mkdtemp(join(dir, 'tokens-'))
    const { call, until } = sessionHarness(join(dir, 'tokens.w2vckpt'), { tokenDirectory: tokens })
    await call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    const first = readdirSync(tokens)
    expect(first).toEqual([expect.stringMatching(/^w2v-tokens-\d+-[0-9a-f]+\.i32$/)])
    await call({ type: 'start', settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, epochs: 1 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    await until((e): e is TrainerEvent => e.type === 'finished')
    expect(readdirSync(tokens)).toEqual(first)
    await call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: { lowercase: false } })
    const second = readdirSync(tokens)
    expect(second).toHaveLength(1)
    expect(second).not.toEqual(first)
  })

  it('refuses what does not fit its state with a state error saying what to do', async () => {
    const { request, call, jobs, session } = harness('fresh')
    expect(session.state).toBe('empty')
    const start = await request({ type: 'start', settings: { schedule: 'cs224n', config: COURSE }, vocabulary: { minCount: 1 }, plotWords: [] })
    expect(start.error).toMatchObject({ kind: 'state', message: expect.stringMatching(/^Load a corpus before you start training\.$/) })
    for (const type of ['pause', 'resume', 'stop'] as const) {
      expect((await request({ type })).error).toMatchObject({ kind: 'state', message: expect.stringMatching(/^Nothing is training; start a run/) })
    }
    expect((await request({ type: 'saveCheckpoint', path: join(dir, 'x.w2vckpt') })).error?.kind).toBe('state')
    expect((await request({ type: 'setPlotWords', words: ['cat'] })).error?.kind).toBe('state')
    expect((await request({ type: 'neighbours', word: 'cat', k: 3, vectors: 'center' })).error).toMatchObject({ kind: 'state', message: expect.stringMatching(/no vectors yet/) })
    expect((await request({ type: 'export', path: join(dir, 'v.txt'), vectors: 'center', normalize: false })).error?.kind).toBe('state')
    expect(await call({ type: 'cancel', target: 'nothing' })).toEqual({ cancelled: false })
    const check = await call({ type: 'gradientCheck' })
    expect(check.corpusSkipped).toMatch(/^Load a corpus and start training first/)
    expect(jobs).toEqual([{ seed: 31415, minibatch: null }])
  })

  it('trains the course schedule: its smoothed loss, anneal boundaries, a final save, a corpus gradient check', async () => {
    const { call, events, jobs, until, autosavePath, request } = harness('course')
    await call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    const run = await call({ type: 'start', settings: { schedule: 'cs224n', config: COURSE }, vocabulary: { minCount: 1 }, plotWords: ['cat', 'kitten', 'car'] })
    expect(run).toMatchObject({ schedule: 'cs224n', total: 2000, dim: 8, done: 0 })
    await until((e): e is TrainerEvent => e.type === 'finished')
    const batches = events.filter((e): e is ProgressBatch => e.type === 'progress')
    expect(batches.every((b) => b.schedule === 'cs224n' && b.epoch === null)).toBe(true)
    expect(batches.flatMap((b) => b.boundaries)).toEqual([500, 1000, 1500])
    const alphas = batches.flatMap((b) => b.alpha)
    expect(alphas[0]).toBe(0.3)
    for (const halved of [0.3 / 2, 0.3 / 4, 0.3 / 8]) expect(alphas).toContain(halved)
    alphas.slice(1).forEach((a, i) => expect(a).toBeLessThanOrEqual(alphas[i]!))
    expect(batches.flatMap((b) => b.smoothedLoss).filter((s) => s !== null).length).toBeGreaterThan(0)
    expect(events.filter(is('checkpointSaved'))).toEqual([{ type: 'checkpointSaved', path: autosavePath, reason: 'finished', done: 2000 }])
    expect(events.filter(is('snapshot')).at(-1)!.words).toEqual(['cat', 'kitten', 'car'])

    const check = await call({ type: 'gradientCheck', seed: 5 })
    expect(check.corpusSkipped).toBeNull()
    expect(check.passed).toBe(true)
    expect(check.checks.map((c) => c.problem)).toEqual(['corpus', 'corpus'])
    expect(jobs[0]!.minibatch!.settings).toEqual({ loss: 'negSampling', negatives: 10, negativePower: 0.75, window: 5, cbowMean: false })

    const neighbours = await call({ type: 'neighbours', word: 'cat', k: 3, vectors: 'sum' })
    expect(neighbours.neighbours).toHaveLength(3)
    expect((await request({ type: 'pause' })).error).toMatchObject({ kind: 'state', message: expect.stringMatching(/finished/) })
  })

  it('joins phrases when the corpus options ask, in a phase of its own, and a restored checkpoint joins them again', async () => {
    const phrasedPath = join(dir, 'phrased.txt')
    await writeFile(phrasedPath, plantedSynonymsText(1000) + '\n' + 'we saw new york today\n'.repeat(40))
    const tokenizer = { phrases: { ...DEFAULT_PHRASE_OPTIONS, minCount: 3 } }
    const first = harness('phrased')
    const loaded = await first.call({ type: 'loadCorpus', paths: [phrasedPath], tokenizer })
    expect(loaded.phrases?.top).toContainEqual(expect.objectContaining({ phrase: 'new_york', count: 40, pass: 1 }))
    expect(loaded.tokens).toBe(loaded.phrases!.tokensBefore - loaded.phrases!.joins)
    expect(first.events.filter(is('state')).map((s) => s.phase)).toContain('joiningPhrases')
    await first.call({ type: 'start', settings: { schedule: 'cs224n', config: { ...COURSE, iterations: 10_000_000 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    await first.until((e): e is ProgressBatch => e.type === 'progress' && e.x.length > 0)
    await first.call({ type: 'stop' })

    const second = harness('phrased-restored')
    await second.call({ type: 'loadCheckpoint', path: first.autosavePath })
    expect(second.events.filter(is('state')).map((s) => s.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(['restoring', 'readingCorpus', 'joiningPhrases', 'buildingVocabulary', 'encodingCorpus', 'allocating', 'paused'])
    const described = await second.call({ type: 'describe' })
    expect(described.corpus?.tokenizer).toEqual(tokenizer)
    expect(described.corpus?.phrases).toEqual(loaded.phrases)
    await second.call({ type: 'stop' })
  })

  it('stops a course run midway; a new session restores its checkpoint paused there and continues it', async () => {
    const first = harness('midway')
    await first.call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    const run = await first.call({ type: 'start', settings: { schedule: 'cs224n', config: { ...COURSE, iterations: 10_000_000 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    await first.until((e): e is ProgressBatch => e.type === 'progress' && e.x.length > 0)
    expect(await first.call({ type: 'stop' })).toEqual({ state: 'stopped' })
    const stopped = first.events.filter(is('finished'))[0]!
    expect(stopped).toMatchObject({ runId: run.runId, stopped: true })
    expect(first.events.filter(is('checkpointSaved'))).toEqual([{ type: 'checkpointSaved', path: first.autosavePath, reason: 'stop', done: stopped.done }])

    const second = harness('restored')
    const restored = await second.call({ type: 'loadCheckpoint', path: first.autosavePath })
    expect(restored).toMatchObject({ schedule: 'cs224n', done: stopped.done, total: 10_000_000, checkpointPath: first.autosavePath })
    expect(second.session.state).toBe('paused')
    // Every phase of the restore is said before its work, and only then the run, paused where it was saved.
    expect(second.events.filter(is('state')).map((s) => s.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(['restoring', 'readingCorpus', 'buildingVocabulary', 'encodingCorpus', 'allocating', 'paused'])
    expect(await second.call({ type: 'resume' })).toEqual({ state: 'training' })
    await second.until((e): e is ProgressBatch => e.type === 'progress' && e.x.length > 0)
    await second.call({ type: 'stop' })
    const xs = second.events.filter((e): e is ProgressBatch => e.type === 'progress').flatMap((b) => b.x)
    expect(Math.min(...xs)).toBeGreaterThan(stopped.done)
    expect(second.events.filter(is('finished'))[0]!.done).toBeGreaterThan(stopped.done)
    await second.call({ type: 'export', path: join(dir, 'restored.txt'), vectors: 'center', normalize: false })

    // A restored run stopped before it resumes ends where it was, and is saved there.
    const third = harness('stopped-restored')
    const again = await third.call({ type: 'loadCheckpoint', path: first.autosavePath })
    expect(await third.call({ type: 'stop' })).toEqual({ state: 'stopped' })
    expect(third.events.filter(is('finished'))).toEqual([expect.objectContaining({ runId: again.runId, stopped: true, done: stopped.done })])
    expect(third.events.filter(is('checkpointSaved'))).toEqual([{ type: 'checkpointSaved', path: third.autosavePath, reason: 'stop', done: stopped.done }])
  })

  it('opens vectors from a file for queries, projections and benchmarks', async () => {
    const { call, request, events, session } = harness('opened')
    const opened = await call({ type: 'openVectors', path: join(dir, 'restored.txt') })
    expect(opened).toMatchObject({ dim: 8, hasOutsideVectors: false })
    expect(opened.topWords.length).toBe(20)
    expect(session.state).toBe('empty')
    expect((await call({ type: 'neighbours', word: 'cat', k: 3, vectors: 'center' })).neighbours).toHaveLength(3)
    const cosAdd = await call({ type: 'analogy', a: 'cat', b: 'kitten', c: 'car', k: 2, method: '3CosAdd', vectors: 'center' })
    expect(cosAdd.neighbours).toHaveLength(2)
    const cosMul = await call({ type: 'analogy', a: 'cat', b: 'kitten', c: 'car', k: 2, method: '3CosMul', vectors: 'center' })
    expect(await call({ type: 'expression', text: 'kitten + car - cat', k: 2, method: '3CosMul', vectors: 'center' })).toEqual({
      expression: 'kitten + car − cat', terms: [{ word: 'kitten', weight: 1 }, { word: 'car', weight: 1 }, { word: 'cat', weight: -1 }], neighbours: cosMul.neighbours,
    })
    expect((await call({ type: 'expression', text: 'kitten + car - cat', k: 2, method: '3CosAdd', vectors: 'center' })).neighbours).toEqual(cosAdd.neighbours)
    expect((await request({ type: 'expression', text: 'kitten car', k: 2, method: '3CosAdd', vectors: 'center' })).error)
      .toEqual({ kind: 'expression', message: '“kitten” and “car” need a + or − between them, with a space on each side.' })
    expect((await request({ type: 'expression', text: 'unicorn - pegasus', k: 2, method: '3CosAdd', vectors: 'center' })).error)
      .toMatchObject({ kind: 'unknownWord', message: expect.stringMatching(/^“unicorn” and “pegasus” are not in the vocabulary/) })
    const odd = await call({ type: 'oddOneOut', words: ['cat', 'kitten', 'unicorn', 'car'], vectors: 'center' })
    expect(odd.unknown).toEqual(['unicorn'])
    expect(odd.ranking.map((n) => n.word).sort()).toEqual(['car', 'cat', 'kitten'])
    expect(odd.word).toBe(odd.ranking.at(-1)!.word)
    expect((await request({ type: 'oddOneOut', words: ['unicorn'], vectors: 'center' })).error).toMatchObject({ kind: 'evaluation' })
    expect((await request({ type: 'neighbours', word: 'cat', k: 3, vectors: 'sum' })).error).toMatchObject({ kind: 'vectors', message: expect.stringMatching(/no outside vectors/) })

    const pca = await call({ type: 'projection', words: ['cat', 'kitten', 'car', 'unicorn'], method: 'pca', vectors: 'center' })
    expect(pca).toMatchObject({ method: 'pca', words: ['cat', 'kitten', 'car'], missing: ['unicorn'], sampled: false })
    expect(pca.coordinates).toHaveLength(6)
    const words = opened.topWords
    const tsne = await request({ type: 'projection', words, method: 'tsne', vectors: 'center', seed: 2 })
    expect(tsne.ok).toBe(true)
    expect((tsne.result as { coordinates: number[] }).coordinates).toHaveLength(2 * words.length)
    const progress = events.filter(is('taskProgress')).filter((p) => p.id === tsne.id)
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.at(-1)!.fraction).toBe(1)

    const pairs = join(dir, 'pairs.tsv')
    await writeFile(pairs, 'cat\tkitten\t9\ncar\tautomobile\t9\ncat\tcar\t1\nkitten\tengine\t1\nunicorn\tcat\t5\n')
    expect(await call({ type: 'evaluate', kind: 'wordPairs', path: pairs })).toMatchObject({ kind: 'wordPairs', pairs: 4, skipped: 1, oovRatio: 0.2 })
    const questions = join(dir, 'questions.txt')
    await writeFile(questions, ': pets\ncat kitten car automobile\ncar automobile cat kitten\n: unknown\nunicorn cat car kitten\n')
    const analogies = await call({ type: 'evaluate', kind: 'analogy', path: questions })
    expect(analogies).toMatchObject({ kind: 'analogy', total: 2, skipped: 1 })
    expect(analogies.kind === 'analogy' && analogies.sections.map((s) => s.section)).toEqual(['pets', 'unknown', 'Total accuracy'])
    expect((await request({ type: 'evaluate', kind: 'analogy', path: join(dir, 'missing.txt') })).error).toMatchObject({ kind: 'evaluation', message: expect.stringMatching(/cannot be read: it does not exist/) })

    expect((await call({ type: 'gradientCheck' })).corpusSkipped).toMatch(/opened from a file/)
    expect((await request({ type: 'setPlotWords', words: ['cat'] })).error?.kind).toBe('state')
  })

  it('cancels a corpus that is loading, and stays as it was', async () => {
    const { session, events } = harness('cancel')
    const responses: TrainerEvent[] = []
    const loading = session.handle({ type: 'loadCorpus', id: 'load', paths: [MOBY_DICK], tokenizer: {} }, (e) => responses.push(e))
    await session.handle({ type: 'cancel', id: 'c', target: 'load' }, (e) => responses.push(e))
    await loading
    expect(responses).toContainEqual({ type: 'response', id: 'c', ok: true, result: { cancelled: true } })
    expect(responses).toContainEqual({ type: 'response', id: 'load', ok: false, error: { kind: 'cancelled', message: 'Loading “data.txt” was cancelled.' } })
    expect(session.state).toBe('empty')
    expect(events.filter(is('state')).map((s) => s.state)).toEqual(['loadingCorpus', 'empty'])
  })

  it('names the setting at fault, by the contract’s rule, and the corpus when nothing would be kept', async () => {
    const { call, request } = harness('config')
    await call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    const w2v = await request({ type: 'start', settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, dim: 0 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    // The contract's schema carries the rule table's ranges: the request is refused at the boundary with the form's sentence.
    expect(w2v.error).toMatchObject({ kind: 'protocol', message: expect.stringMatching(/"settings\.config\.dim": The dimension must be a whole number from 1 to 2000, not 0\.$/) })
    const course = await request({ type: 'start', settings: { schedule: 'cs224n', config: { ...COURSE, batch: 0 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    expect(course.error).toMatchObject({ kind: 'protocol', message: expect.stringMatching(/"settings\.config\.batch": The batch size/) })
    const none = await request({ type: 'start', settings: { schedule: 'cs224n', config: COURSE }, vocabulary: { minCount: 1_000_000 }, plotWords: [] })
    expect(none.error).toMatchObject({ kind: 'corpus', message: expect.stringMatching(/No word occurs at least 1000000 times in “planted.txt”/) })
  })

  it('ends a diverging run in state diverged, naming the learning rate, and saves nothing over the last checkpoint', async () => {
    const { call, request, until, events, session } = harness('diverged')
    await call({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })
    // Sub-sampling off: the course's (threshold 1e-5·T, under one occurrence here) would leave this small corpus a few words.
    await call({ type: 'start', settings: { schedule: 'cs224n', config: { ...COURSE, loss: 'naiveSoftmax', step: 10, sample: 0 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    const error = await until(is('error'))
    expect(error.error).toMatchObject({ kind: 'diverged', message: expect.stringMatching(/learning rate \(10\).*smaller step.*No checkpoint had been saved yet/) })
    expect(session.state).toBe('diverged')
    expect((await request({ type: 'saveCheckpoint', path: join(dir, 'bad.w2vckpt') })).error).toMatchObject({ kind: 'state', message: expect.stringMatching(/diverged/) })
    expect((await call({ type: 'gradientCheck' })).corpusSkipped).toMatch(/diverged/)
    expect(events.filter(is('checkpointSaved'))).toEqual([])
    // A new run may start on the same corpus.
    await call({ type: 'start', settings: { schedule: 'cs224n', config: { ...COURSE, iterations: 50 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    await until(is('finished'))
  })
})

describe('EventRouter', () => {
  it('streams high-rate events to the window’s port alone once connected, and the rest to both', () => {
    const parent: unknown[] = []
    const port: unknown[] = []
    const router = new EventRouter({ post: (m) => parent.push(m), onMessage: () => undefined })
    const progress = { type: 'taskProgress', id: 'r1', fraction: 0.5, label: '' } as const
    const warning = { type: 'warning', message: 'w' } as const
    router.emit(progress)
    expect(parent).toEqual([progress])
    const link = { post: (m: unknown) => port.push(m), onMessage: () => undefined }
    router.connect(link)
    router.emit(progress)
    router.emit(warning)
    expect(parent).toEqual([progress, warning])
    expect(port).toEqual([progress, warning])
    router.disconnect(link)
    router.emit(progress)
    expect(parent).toEqual([progress, warning, progress])
    // A port that fails (the window closed it) costs the message, not the trainer.
    router.connect({ post: () => { throw new Error('closed') }, onMessage: () => undefined })
    expect(() => router.emit(progress)).not.toThrow()
  })
})
