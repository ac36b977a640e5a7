import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { MOBY_DICK, SMALL_CONFIG, type TrainerProcess, is, startTrainer } from './forkTrainer'

describe('crash recovery of the built trainer', () => {
  let dir: string
  const trainers: TrainerProcess[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'w2v-crash-'))
  })

  afterAll(async () => {
    await Promise.all(trainers.map((t) => t.stop()))
    await rm(dir, { recursive: true, force: true })
  })

  it('killed with SIGKILL mid-run, a new trainer resumes the autosave from its position to the end', async () => {
    const autosave = join(dir, 'autosave.w2vckpt')
    const first = await startTrainer()
    trainers.push(first)
    await first.call({ type: 'configureAutosave', path: autosave, everySeconds: 0.5 })
    await first.call({ type: 'loadCorpus', paths: [MOBY_DICK], tokenizer: {} })
    const config = { ...SMALL_CONFIG, epochs: 40 }
    const run = await first.call({ type: 'start', settings: { schedule: 'word2vec', config }, vocabulary: { minCount: 5 }, plotWords: [] })
    const saved = await first.next((e): e is Extract<TrainerEvent, { type: 'checkpointSaved' }> => e.type === 'checkpointSaved' && e.reason === 'autosave' && e.done > 0, 20_000)
    expect(saved.path).toBe(autosave)
    const exit = once(first.child, 'exit')
    first.child.kill('SIGKILL')
    expect((await exit)[1]).toBe('SIGKILL')
    const lastSaved = first.events.filter(is('checkpointSaved')).at(-1)!
    expect(lastSaved.done).toBeLessThan(run.total)

    const second = await startTrainer()
    trainers.push(second)
    await second.call({ type: 'configureAutosave', path: join(dir, 'second.w2vckpt'), everySeconds: 0 })
    const restored = await second.call({ type: 'loadCheckpoint', path: autosave })
    // The file may hold a save whose event the killed trainer never got to post: never an older one.
    expect(restored.done).toBeGreaterThanOrEqual(lastSaved.done)
    expect(restored).toMatchObject({ schedule: 'word2vec', total: run.total, vocabSize: run.vocabSize, dim: config.dim, checkpointPath: autosave })
    expect(second.events.filter(is('state')).at(-1)).toMatchObject({ state: 'paused', run: { done: restored.done } })

    expect(await second.call({ type: 'resume' })).toEqual({ state: 'training' })
    const finished = await second.next((e) => e.type === 'finished' && e.runId === restored.runId, 30_000)
    expect(finished).toMatchObject({ stopped: false, done: run.total })
    const xs = second.events.filter(is('progress')).filter((b) => b.runId === restored.runId).flatMap((b) => b.x)
    expect(xs.length).toBeGreaterThan(0)
    expect(Math.min(...xs)).toBeGreaterThan(restored.done)

    const path = join(dir, 'resumed.txt')
    await second.call({ type: 'export', path, vectors: 'center', normalize: false })
    const { embeddings } = await readEmbeddings(path)
    expect(embeddings.words.length).toBe(run.vocabSize)
    expect(embeddings.vectors.every(Number.isFinite)).toBe(true)
  })
})
