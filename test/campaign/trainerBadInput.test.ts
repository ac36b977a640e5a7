/**
 * A bad-input campaign against the built trainer process, kept as a regression suite: requests
 * a confused or hostile window could send. Each must get one typed error with a sentence, leave
 * no file behind, and leave the trainer answering (a ping after every case).
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainerCall } from '../../src-main/core/contract/trainerProtocol'
import { MOBY_DICK, SMALL_CONFIG, type TrainerProcess, startTrainer } from '../trainer/forkTrainer'

const dir = mkdtempSync(join(tmpdir(), 'w2v-trainer-campaign-'))
const at = (name: string): string => join(dir, name)

interface Case {
  readonly name: string
  readonly call: TrainerCall | (() => TrainerCall)
  /** The error kind expected; the message must be a sentence. */
  readonly kind: string
  readonly says?: RegExp
}

const tiny = { ...SMALL_CONFIG, epochs: 1, threads: 1 }
const start = (config: Partial<typeof tiny>, vocabulary = { minCount: 5 }): Extract<TrainerCall, { type: 'start' }> =>
  ({ type: 'start', settings: { schedule: 'word2vec', config: { ...tiny, ...config } }, vocabulary, plotWords: [] })

/** Before any corpus is loaded. */
const EMPTY: Case[] = [
  { name: 'start with no corpus', call: start({}), kind: 'state', says: /corpus/i },
  { name: 'pause while idle', call: { type: 'pause' }, kind: 'state' },
  { name: 'resume while idle', call: { type: 'resume' }, kind: 'state' },
  { name: 'stop while idle', call: { type: 'stop' }, kind: 'state' },
  { name: 'save a checkpoint with no run', call: { type: 'saveCheckpoint', path: at('x.w2vckpt') }, kind: 'state' },
  { name: 'neighbours with no vectors', call: { type: 'neighbours', word: 'whale', k: 5, vectors: 'center' }, kind: 'state' },
  { name: 'export with no vectors', call: { type: 'export', path: at('x.txt'), vectors: 'center', normalize: false }, kind: 'state' },
  { name: 'load a missing corpus', call: { type: 'loadCorpus', paths: [at('missing.txt')], tokenizer: {} }, kind: 'corpus', says: /does not exist/i },
  { name: 'load a folder as a corpus', call: { type: 'loadCorpus', paths: [at('folder')], tokenizer: {} }, kind: 'corpus', says: /folder/i },
  { name: 'load an empty corpus', call: { type: 'loadCorpus', paths: [at('empty.txt')], tokenizer: {} }, kind: 'corpus' },
  { name: 'load a binary file as a corpus', call: { type: 'loadCorpus', paths: [at('binary.bin')], tokenizer: {} }, kind: 'corpus', says: /binary/i },
  { name: 'load a device as a corpus', call: { type: 'loadCorpus', paths: ['/dev/zero'], tokenizer: {} }, kind: 'corpus' },
  { name: 'load a checkpoint that is text', call: { type: 'loadCheckpoint', path: at('text.w2vckpt') }, kind: 'checkpoint' },
  { name: 'load a missing checkpoint', call: { type: 'loadCheckpoint', path: at('missing.w2vckpt') }, kind: 'checkpoint' },
  { name: 'open vectors with a lying header', call: { type: 'openVectors', path: at('lying.txt') }, kind: 'vectors' },
  { name: 'open a binary file as vectors', call: { type: 'openVectors', path: at('binary.bin') }, kind: 'vectors' },
  { name: 'autosave into a missing folder', call: { type: 'configureAutosave', path: at('nowhere/a.w2vckpt'), everySeconds: 5 }, kind: 'checkpoint', says: /folder/i },
  { name: 'cancel a request that does not exist', call: { type: 'cancel', target: 'nothing' }, kind: 'ok' },
]

/** With Moby-Dick loaded. */
const LOADED: Case[] = [
  { name: 'start with dim 0', call: start({ dim: 0 }), kind: 'protocol', says: /dim/i },
  { name: 'start with a negative learning rate', call: start({ alpha: -0.1 }), kind: 'protocol' },
  { name: 'start with 0 epochs', call: start({ epochs: 0 }), kind: 'protocol' },
  { name: 'start with 0 threads', call: start({ threads: 0 }), kind: 'protocol' },
  { name: 'start with a window of 0', call: start({ window: 0 }), kind: 'protocol' },
  { name: 'start with sub-sampling 2', call: start({ sample: 2 }), kind: 'protocol' },
  { name: 'start with a minCount no word reaches', call: start({}, { minCount: 100_000_000 }), kind: 'corpus' },
  { name: 'start with dim 2001', call: start({ dim: 2001 }), kind: 'protocol', says: /dimension/i },
  { name: 'course run with a batch of 1e9 windows', call: { type: 'start', settings: { schedule: 'cs224n', config: { model: 'skipgram', loss: 'negSampling', dim: 10, window: 5, negatives: 10, step: 0.3, iterations: 10, batch: 1e9, annealEvery: 20000, optimizer: 'sgd', cbowMean: false, sample: 0, subsampling: 'word2vec', negativePower: 0.75, seed: 1 } }, vocabulary: { minCount: 1 }, plotWords: [] }, kind: 'protocol', says: /batch size/i },
  { name: 'evaluate a missing benchmark', call: { type: 'evaluate', kind: 'analogy', path: at('missing.txt') }, kind: 'state' },
]

describe('trainer bad-input campaign', () => {
  let trainer: TrainerProcess

  beforeAll(async () => {
    mkdirSync(at('folder'))
    writeFileSync(at('empty.txt'), '')
    writeFileSync(at('binary.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))
    writeFileSync(at('text.w2vckpt'), 'not a checkpoint\n')
    writeFileSync(at('lying.txt'), '5 3\ncat 1 2 3\n')
    trainer = await startTrainer()
    await trainer.call({ type: 'configureAutosave', path: at('autosave.w2vckpt'), everySeconds: 0 })
  })

  afterAll(async () => {
    await trainer?.stop()
  })

  const check = async ({ call, kind, says }: Case): Promise<void> => {
    const files = readdirSync(dir).sort()
    const response = await trainer.request(typeof call === 'function' ? call() : call, 30_000)
    if (kind === 'ok') expect(response.ok).toBe(true)
    else {
      expect(response.ok, JSON.stringify(response)).toBe(false)
      const error = (response as { error: { kind: string; message: string } }).error
      expect(error.kind, error.message).toBe(kind)
      expect(error.message).toMatch(/^[A-Z“"].*[.)]$/s)
      expect(error.message).not.toMatch(/\n\s+at |TypeError|RangeError|undefined|\[object/)
      if (says) expect(error.message).toMatch(says)
    }
    expect(readdirSync(dir).sort()).toEqual(files)
    // Still answering.
    expect((await trainer.request({ type: 'cancel', target: 'ping' }, 5_000)).ok).toBe(true)
  }

  it.each(EMPTY)('before a corpus: $name', check, 40_000)

  it('loads Moby-Dick', async () => {
    await trainer.call({ type: 'loadCorpus', paths: [MOBY_DICK], tokenizer: {} }, 60_000)
  })

  it.each(LOADED)('with a corpus: $name', check, 40_000)

  it('refuses a checkpoint that names a corpus file other than those confirmed (changed since it was opened)', async () => {
    const run = await trainer.call(start({}))
    await trainer.next((e) => e.type === 'finished' && e.runId === run.runId, 30_000)
    const saved = at('run.w2vckpt')
    await trainer.call({ type: 'saveCheckpoint', path: saved })
    const refused = await trainer.request({ type: 'loadCheckpoint', path: saved, corpusPaths: ['/somewhere/else.txt'] })
    expect(refused).toMatchObject({ ok: false, error: { kind: 'checkpoint', message: expect.stringMatching(/was not confirmed/) } })
    expect(await trainer.request({ type: 'loadCheckpoint', path: saved, corpusPaths: [MOBY_DICK] })).toMatchObject({ ok: true })
  }, 60_000)

  it('ends on SIGTERM through its exit handlers (which remove a write in flight), not killed by the signal', async () => {
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => trainer.child.once('exit', (code, signal) => resolve([code, signal])))
    trainer.child.kill('SIGTERM')
    expect(await exited).toEqual([143, null])
  })
})
