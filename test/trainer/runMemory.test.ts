/**
 * A run the machine cannot hold is refused where runs start (the trainer's `start`, `w2v train`),
 * with the typed sentence, before anything is allocated. The machine here is made small.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TrainerCall, TrainerResponseEvent } from '../../src-main/core/contract/trainerProtocol'
import { Random } from '../../src-main/core/random'
import { runCli } from '../../src-main/cli/runCli'
import { TrainerSession } from '../../src-main/trainer/trainerSession'
import { SMALL_CONFIG } from './forkTrainer'
import { COURSE_PRESET } from '../../src-main/core/settings/trainingSettings'

const AVAILABLE = 40 * 2 ** 20
vi.mock('../../src-main/node/training/machineMemory', async (original) => {
  const actual = await original<Record<string, unknown>>()
  const { checkMemory } = await import('../../src-main/core/training/memoryEstimate')
  return { ...actual, availableMemory: () => AVAILABLE, ensureMemory: (estimate: never, optimizer: never) => checkMemory(estimate, AVAILABLE, optimizer) }
})

let dir: string
let corpusPath: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-memory-'))
  corpusPath = join(dir, 'wide.txt')
  // 4,000 words: at dim 2,000 the course's float64 vectors alone are hundreds of MB.
  const random = new Random(2)
  await writeFile(corpusPath, Array.from({ length: 4000 }, (_, i) => `w${i} w${random.nextInt(4000)} w${random.nextInt(4000)}`).join('\n'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a run too big for this machine', () => {
  it('is refused by the trainer with a config error naming the dimension, for both schedules', async () => {
    const trainer = new TrainerSession({ emit: () => undefined, checkGradients: () => Promise.resolve({ checks: [] }) })
    let id = 0
    const request = async (call: TrainerCall): Promise<TrainerResponseEvent | undefined> => {
      let response: TrainerResponseEvent | undefined
      await trainer.handle({ ...call, id: `m${++id}` }, (event) => {
        if (event.type === 'response') response = event
      })
      return response
    }
    expect(await request({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })).toMatchObject({ ok: true })
    const course = await request({ type: 'start', settings: { schedule: 'cs224n', config: { ...COURSE_PRESET, dim: 2000 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    expect(course).toMatchObject({ ok: false, error: { kind: 'config', field: 'dim', message: expect.stringMatching(/^This run needs about \d+ MB of memory, but only about 40 MB is available\. Lower the dimension or raise minCount/) } })
    const word2vec = await request({ type: 'start', settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, dim: 2000 } }, vocabulary: { minCount: 1 }, plotWords: [] })
    expect(word2vec).toMatchObject({ ok: false, error: { kind: 'config', field: 'dim', message: expect.stringMatching(/^This run needs about \d+ MB of memory, but only about 40 MB is available\./) } })
    expect(trainer.state).toBe('ready')
    expect(await request({ type: 'start', settings: { schedule: 'cs224n', config: { ...COURSE_PRESET, iterations: 10 } }, vocabulary: { minCount: 1 }, plotWords: [] })).toMatchObject({ ok: true })
  })

  it('is refused by w2v train with the same sentence and exit code 2, for both schedules', async () => {
    for (const schedule of ['cs224n', 'word2vec']) {
      const out = join(dir, `${schedule}.vec`)
      const threads = schedule === 'word2vec' ? ['--threads', '1'] : []
      const result = await runCli(['train', '--schedule', schedule, '--dim', '2000', '--min-count', '1', ...threads, '--corpus', corpusPath, '--out', out])
      expect(result.stderr).toMatch(/w2v train: This run needs about \d+ MB of memory, but only about 40 MB is available\. Lower the dimension/)
      expect(result.exitCode).toBe(2)
    }
  })
})
