import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ProgressBatch, PROTOCOL_VERSION, type TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { MOBY_DICK, SMALL_CONFIG, type TrainerProcess, is, startTrainer } from './forkTrainer'

const progressOf = (events: readonly TrainerEvent[], runId: string): ProgressBatch[] =>
  events.filter((e): e is ProgressBatch => e.type === 'progress' && e.runId === runId)

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

describe('the built trainer entry, forked under plain Node', () => {
  let trainer: TrainerProcess
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'w2v-trainer-'))
    trainer = await startTrainer()
    await trainer.call({ type: 'configureAutosave', path: join(dir, 'autosave.w2vckpt'), everySeconds: 0 })
  })

  afterAll(async () => {
    await trainer?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('says it is ready, with the protocol version and its pid', () => {
    const ready = trainer.events[0]
    expect(ready).toEqual({ type: 'ready', protocol: PROTOCOL_VERSION, pid: trainer.child.pid, threadsAvailable: expect.any(Number) })
  })

  it('loads a corpus, reporting its progress and its figures', async () => {
    const before = trainer.events.length
    const corpus = await trainer.call({ type: 'loadCorpus', paths: [MOBY_DICK], tokenizer: {} })
    expect(corpus.tokens).toBeGreaterThan(200_000)
    expect(corpus.topWords[0]).toEqual({ word: 'the', count: expect.any(Number) })
    expect(corpus.vocabularyByMinCount.find((r) => r.minCount === 5)!.vocabSize).toBeGreaterThan(3000)
    const after = trainer.events.slice(before)
    const fractions = after.filter(is('taskProgress')).map((e) => e.fraction)
    expect(fractions.at(-1)).toBe(1)
    const states = after.filter(is('state'))
    expect(states.map((e) => e.state).filter((s, i, all) => s !== all[i - 1])).toEqual(['loadingCorpus', 'ready'])
    // Reading is announced before it starts, and its fraction only grows.
    expect(states[0]).toMatchObject({ phase: 'readingCorpus', fraction: 0, run: null })
    const read = states.filter((e) => e.phase === 'readingCorpus').map((e) => e.fraction!)
    read.slice(1).forEach((f, i) => expect(f).toBeGreaterThanOrEqual(read[i]!))
  })

  it('trains: batched progress with falling loss, epoch boundaries, snapshots, a final checkpoint', async () => {
    const plotWords = ['whale', 'ship', 'sea', 'captain', 'ahab', 'boat', 'notaword']
    const run = await trainer.call({ type: 'start', settings: { schedule: 'word2vec', config: SMALL_CONFIG }, vocabulary: { minCount: 5 }, plotWords })
    expect(run).toMatchObject({ schedule: 'word2vec', done: 0, dim: 20 })
    const finished = await trainer.next((e) => e.type === 'finished' && e.runId === run.runId, 30_000)
    expect(finished).toMatchObject({ stopped: false, done: run.total })

    const batches = progressOf(trainer.events, run.runId)
    const points = batches.flatMap((b) => b.x.map((x, i) => ({ x, loss: b.loss[i]! })))
    expect(batches.length).toBeGreaterThanOrEqual(3)
    expect(points.length).toBeGreaterThan(batches.length)
    expect(batches.map((b) => b.seq)).toEqual([...batches.map((b) => b.seq)].sort((a, b) => a - b))
    points.slice(1).forEach((p, i) => expect(p.x).toBeGreaterThan(points[i]!.x))
    expect(mean(points.slice(-3).map((p) => p.loss))).toBeLessThan(0.9 * mean(points.slice(0, 3).map((p) => p.loss)))
    const wordsPerEpoch = run.total / SMALL_CONFIG.epochs
    expect(batches.flatMap((b) => b.boundaries)).toEqual([wordsPerEpoch, 2 * wordsPerEpoch])
    expect(batches.at(-1)!.fraction).toBe(1)

    const snapshots = trainer.events.filter(is('snapshot')).filter((s) => s.runId === run.runId)
    expect(snapshots.length).toBeGreaterThanOrEqual(1)
    const last = snapshots.at(-1)!
    expect(last.words).toEqual(plotWords.slice(0, 6))
    expect(last.coordinates).toHaveLength(12)
    expect(last.coordinates.every(Number.isFinite)).toBe(true)

    const saved = trainer.events.filter(is('checkpointSaved')).at(-1)!
    expect(saved).toEqual({ type: 'checkpointSaved', path: join(dir, 'autosave.w2vckpt'), reason: 'finished', done: run.total })
    expect(trainer.events.filter(is('state')).at(-1)).toMatchObject({ state: 'finished', run: { runId: run.runId, checkpointPath: saved.path } })
  })

  it('pauses (progress stops), resumes (it goes on) and stops cleanly', async () => {
    const run = await trainer.call({ type: 'start', settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, epochs: 500 } }, vocabulary: { minCount: 5 }, plotWords: [] })
    await trainer.next((e) => e.type === 'progress' && e.runId === run.runId && e.x.length > 0)
    expect(await trainer.call({ type: 'pause' })).toEqual({ state: 'paused' })
    await new Promise((r) => setTimeout(r, 150))
    const pausedAt = Math.max(...progressOf(trainer.events, run.runId).flatMap((b) => b.x))
    await new Promise((r) => setTimeout(r, 400))
    expect(Math.max(...progressOf(trainer.events, run.runId).flatMap((b) => b.x))).toBe(pausedAt)
    expect(await trainer.call({ type: 'pause' }).catch((e: Error) => e.message)).toMatch(/"kind":"state".*paused/)

    expect(await trainer.call({ type: 'resume' })).toEqual({ state: 'training' })
    await trainer.next((e) => e.type === 'progress' && e.runId === run.runId && e.x.some((x) => x > pausedAt))
    expect(await trainer.call({ type: 'stop' })).toEqual({ state: 'stopped' })
    const finished = trainer.events.filter(is('finished')).at(-1)!
    expect(finished).toMatchObject({ runId: run.runId, stopped: true })
    expect(finished.done).toBeGreaterThan(pausedAt)
    expect(finished.done).toBeLessThan(run.total)
    expect(trainer.events.filter(is('checkpointSaved')).at(-1)).toMatchObject({ reason: 'stop', done: finished.done })
    // A state event repeats a state when the run's info changed (its checkpoint was written).
    const states = trainer.events.filter(is('state')).filter((s) => s.run?.runId === run.runId).map((s) => s.state).filter((s, i, all) => s !== all[i - 1])
    expect(states).toEqual(['training', 'paused', 'training', 'stopping', 'stopped'])
  })

  it('checks gradients on the course problems and on a minibatch of the corpus with the current parameters', async () => {
    const checking = trainer.call({ type: 'gradientCheck', seed: 7 }, 60_000)
    // The check runs on a worker thread: the trainer answers meanwhile.
    let checked = false
    void checking.then(() => (checked = true))
    await trainer.call({ type: 'configureAutosave', path: join(dir, 'autosave.w2vckpt'), everySeconds: 0 })
    expect(checked).toBe(false)
    const report = await checking
    expect(report.corpusSkipped).toBeNull()
    expect(report.passed).toBe(true)
    const problems = report.checks.map((c) => c.problem)
    expect(problems).toContain('dummy')
    expect(problems).toContain('random')
    const corpusChecks = report.checks.filter((c) => c.problem === 'corpus')
    expect(corpusChecks.map((c) => c.name.split(' /')[0])).toEqual(['skipgram', 'cbow (mean)'])
    for (const check of corpusChecks) {
      expect(check.parameters.map((p) => p.name)).toEqual(['centerWordVectors', 'outsideVectors'])
      expect(check.maxRelError).toBeLessThan(1e-5)
      // Trained parameters, not the initial ones: U starts at zero and the loss at (K + 1)·log 2.
      expect(check.loss).not.toBeCloseTo((SMALL_CONFIG.negatives + 1) * Math.LN2, 3)
    }
  })

  it('answers queries and exports a word2vec file that reads back', async () => {
    const neighbours = await trainer.call({ type: 'neighbours', word: 'whale', k: 5, vectors: 'center' })
    expect(neighbours.neighbours).toHaveLength(5)
    const unknown = await trainer.request({ type: 'neighbours', word: 'zzzz', k: 5, vectors: 'center' })
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'unknownWord' } })

    const path = join(dir, 'vectors.txt')
    const exported = await trainer.call({ type: 'export', path, vectors: 'center', normalize: false })
    expect(exported.files).toEqual([path])
    const { embeddings, format } = await readEmbeddings(path)
    expect(format).toBe('word2vec-text')
    expect(embeddings.dim).toBe(20)
    const state = trainer.events.filter(is('state')).at(-1)!
    expect(embeddings.words.length).toBe(state.run!.vocabSize)
    expect(embeddings.words[0]).toBe('the')
  })
})
