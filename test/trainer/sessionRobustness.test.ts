/**
 * Requests that used to leave the trainer stuck or its litter behind: a course run whose one
 * minibatch takes minutes, a corpus that never opens (a FIFO with no writer, a hung mount), and
 * runs autosaved where nobody looks.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import type * as FsPromises from 'node:fs/promises'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TrainerCall, TrainerEvent, TrainerResponseEvent } from '../../src-main/core/contract/trainerProtocol'
import { TrainerSession, type TrainerSessionOptions } from '../../src-main/trainer/trainerSession'
import { Random } from '../../src-main/core/random'
import { plantedSynonymsText } from '../support/syntheticCorpus'
import { COURSE_PRESET, type Cs224nSettings } from '../../src-main/core/settings/trainingSettings'

/** Paths whose open never settles, as on a hung network mount. */
const stuck = new Set<string>()
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof FsPromises>()
  return { ...fs, open: (path: string, ...rest: unknown[]) => (stuck.has(path) ? new Promise(() => undefined) : (fs.open as (...a: unknown[]) => unknown)(path, ...rest)) }
})

let dir: string
let corpusPath: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-robust-'))
  corpusPath = join(dir, 'planted.txt')
  await writeFile(corpusPath, plantedSynonymsText(500))
})

afterAll(async () => {
  stuck.clear()
  await rm(dir, { recursive: true, force: true })
})

function session(options: Partial<TrainerSessionOptions> = {}) {
  const events: TrainerEvent[] = []
  const trainer: TrainerSession = new TrainerSession({
    emit: (event) => {
      events.push(event)
      if (event.type === 'progress') void trainer.handle({ type: 'ack', seq: event.seq }, () => undefined)
    },
    checkGradients: () => Promise.resolve({ checks: [] }),
    ...options,
  })
  let ids = 0
  /** The response, or null when none came within `timeoutMs`. */
  const request = (call: TrainerCall, timeoutMs = 5000): Promise<TrainerResponseEvent | null> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), timeoutMs)
      void trainer.handle({ ...call, id: `q${++ids}` }, (event) => {
        clearTimeout(timer)
        resolve(event.type === 'response' ? event : null)
      })
    })
  return { trainer, events, request, nextId: () => `q${ids + 1}` }
}

describe('a course run with naive softmax and a large batch', () => {
  it('answers other requests and a pause within 0.5 s, though one minibatch takes many seconds', async () => {
    // 3,000 words: a window of naive softmax costs milliseconds, a minibatch of 5,000 windows tens of seconds.
    const random = new Random(1)
    const lines = Array.from({ length: 3000 }, () => Array.from({ length: 12 }, () => `w${random.nextInt(3000)}`).join(' '))
    const wide = join(dir, 'wide.txt')
    await writeFile(wide, lines.join('\n'))
    const { request } = session()
    expect(await request({ type: 'loadCorpus', paths: [wide], tokenizer: {} })).toMatchObject({ ok: true })
    const config: Cs224nSettings = { ...COURSE_PRESET, loss: 'naiveSoftmax', dim: 50, batch: 5000, iterations: 100 }
    expect(await request({ type: 'start', settings: { schedule: 'cs224n', config }, vocabulary: { minCount: 1 }, plotWords: [] })).toMatchObject({ ok: true })
    const timed = async (call: TrainerCall): Promise<number> => {
      await new Promise((r) => setTimeout(r, 100))
      const started = performance.now()
      expect(await request(call)).toMatchObject({ ok: true })
      return performance.now() - started
    }
    expect(await timed({ type: 'neighbours', word: 'w1', k: 3, vectors: 'center' })).toBeLessThan(500)
    expect(await timed({ type: 'setPlotWords', words: ['w1', 'w2'] })).toBeLessThan(500)
    expect(await timed({ type: 'pause' })).toBeLessThan(500)
    expect(await timed({ type: 'resume' })).toBeLessThan(500)
    expect(await timed({ type: 'stop' })).toBeLessThan(500)
  }, 60_000)
})

describe('loading a corpus that never opens', () => {
  it.runIf(process.platform === 'linux')('refuses a named pipe at once, with a sentence, and loads the next corpus', async () => {
    const fifo = join(dir, 'pipe.txt')
    execFileSync('mkfifo', [fifo])
    const { request } = session()
    const refused = await request({ type: 'loadCorpus', paths: [fifo], tokenizer: {} }, 2000)
    expect(refused).toMatchObject({ ok: false, error: { kind: 'corpus', message: '“pipe.txt” is a named pipe, not a text file. Choose a plain-text file (.txt).' } })
    expect(await request({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })).toMatchObject({ ok: true })
    expect(await request({ type: 'loadCorpus', paths: ['/dev/zero'], tokenizer: {} }, 2000)).toMatchObject({ ok: false, error: { kind: 'corpus', message: '“zero” is a device, not a text file. Choose a plain-text file (.txt).' } })
  })

  it('a cancel makes a load whose open never returns answer “cancelled” at once, and later loads are accepted', async () => {
    const hung = join(dir, 'hung.txt')
    await writeFile(hung, 'the cat sat on the mat\n')
    stuck.add(hung)
    const { request, nextId } = session()
    const id = nextId()
    const load = request({ type: 'loadCorpus', paths: [hung], tokenizer: {} }, 2000)
    await new Promise((r) => setTimeout(r, 50))
    const started = performance.now()
    expect(await request({ type: 'cancel', target: id })).toMatchObject({ ok: true, result: { cancelled: true } })
    expect(await load).toMatchObject({ ok: false, error: { kind: 'cancelled' } })
    expect(performance.now() - started).toBeLessThan(500)
    expect(await request({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })).toMatchObject({ ok: true })
  })
})

describe('autosave', () => {
  const COURSE: Cs224nSettings = { ...COURSE_PRESET, dim: 4, iterations: 200, batch: 5, annealEvery: 100 }

  it('is off until someone names a file: a finished run writes nothing into the temp folder', async () => {
    const litter = join(tmpdir(), `word2vec-studio-autosave-${process.pid}.w2vckpt`)
    await rm(litter, { force: true })
    const { request, events } = session()
    expect(await request({ type: 'loadCorpus', paths: [corpusPath], tokenizer: {} })).toMatchObject({ ok: true })
    expect(await request({ type: 'start', settings: { schedule: 'cs224n', config: COURSE }, vocabulary: { minCount: 1 }, plotWords: [] })).toMatchObject({ ok: true })
    const deadline = Date.now() + 10_000
    while (!events.some((e) => e.type === 'finished') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    expect(events.filter((e) => e.type === 'finished')).toHaveLength(1)
    expect(events.filter((e) => e.type === 'checkpointSaved')).toEqual([])
    expect(existsSync(litter)).toBe(false)
    expect(events.filter((e) => e.type === 'state').at(-1)).toMatchObject({ state: 'finished', run: { checkpointPath: null } })
  })
})
