import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { buildVocabulary, encodeCorpus, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { type Word2vecSettings, TrainingDivergedError, TrainingResumeError, word2vecDefaults } from '../../../src-main/core/training/index'
import { chooseKernel } from '../../../src-main/node/training/kernelModule'
import { type StreamingProgress, StreamingTrainer } from '../../../src-main/node/training/streamingTrainer'
import { cosine, plantedSynonymsText } from '../../support/syntheticCorpus'

const raw = rawCorpusFromText(plantedSynonymsText(4000))
const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
const corpus = encodeCorpus(raw, vocabulary)
const config: Word2vecSettings = { ...word2vecDefaults('skipgram', 1), dim: 24, epochs: 3, sample: 0, alpha: 0.05 }
const kernel = chooseKernel()
const id = (word: string): number => vocabulary.index.get(word)!

describe('StreamingTrainer', () => {
  it('uses the WebAssembly SIMD kernels here', () => {
    expect(kernel.kind).toBe('wasm-simd')
  })

  it('learns: the loss falls and planted synonyms end up closer than unrelated words', async () => {
    const losses: number[] = []
    const trainer = StreamingTrainer.create(vocabulary.counts, corpus, { ...config, threads: 2 })
    const result = await trainer.run({ kernel, reportEvery: 1, onProgress: (p) => p.loss !== null && losses.push(p.loss) })
    expect(result.stopped).toBe(false)
    expect(result.threads).toBe(2)
    expect(result.wordsDone).toBe(result.totalWords)
    // Before any update U = 0, so every prediction costs (K + 1)·log 2.
    const initialLoss = (config.negatives + 1) * Math.LN2
    expect(losses.length).toBeGreaterThanOrEqual(2)
    expect(losses.at(-1)!).toBeLessThan(losses[0]!)
    expect(result.finalLoss!).toBeLessThan(0.65 * initialLoss)
    const V = trainer.centerWordVectors()
    const d = config.dim
    expect(cosine(V, d, id('cat'), id('kitten'))).toBeGreaterThan(cosine(V, d, id('cat'), id('car')) + 0.2)
    expect(cosine(V, d, id('car'), id('automobile'))).toBeGreaterThan(cosine(V, d, id('automobile'), id('kitten')) + 0.2)
  })

  it('is deterministic with one thread and a seed: bit-identical vectors', async () => {
    const runOnce = async () => {
      const trainer = StreamingTrainer.create(vocabulary.counts, corpus, config)
      await trainer.run({ kernel })
      return [trainer.centerWordVectors(), trainer.outsideVectors()]
    }
    const [a, b] = [await runOnce(), await runOnce()]
    expect(Buffer.from(a[0]!.buffer).equals(Buffer.from(b[0]!.buffer))).toBe(true)
    expect(Buffer.from(a[1]!.buffer).equals(Buffer.from(b[1]!.buffer))).toBe(true)
  })

  it('pauses, exports its state, and a run resumed from that state ends exactly like the unbroken run', async () => {
    const unbroken = StreamingTrainer.create(vocabulary.counts, corpus, config)
    await unbroken.run({ kernel })

    const first = StreamingTrainer.create(vocabulary.counts, corpus, config)
    let paused: Promise<void> | null = null
    const running = first.run({ kernel, reportEvery: 1, onProgress: (p) => { if (p.fraction > 0.3 && !paused) paused = first.pause() } })
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (paused) {
          clearInterval(poll)
          resolve()
        }
      }, 1)
    })
    await paused
    expect(first.paused).toBe(true)
    const state = first.exportState()
    expect(state.nextChunk).toBeGreaterThan(0)
    first.stop()
    const stopped = await running
    expect(stopped.stopped).toBe(true)

    const resumed = StreamingTrainer.create(vocabulary.counts, corpus, config, state)
    await resumed.run({ kernel })
    expect(Buffer.from(resumed.centerWordVectors().buffer).equals(Buffer.from(unbroken.centerWordVectors().buffer))).toBe(true)
  })

  it('makes no progress while paused and continues after resume', async () => {
    const trainer = StreamingTrainer.create(vocabulary.counts, corpus, { ...config, threads: 2, epochs: 20 })
    const seen: StreamingProgress[] = []
    const running = trainer.run({ kernel, reportEvery: 1, onProgress: (p) => seen.push(p) })
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 1))
    await trainer.pause()
    const before = trainer.exportState().nextChunk
    await new Promise((r) => setTimeout(r, 100))
    expect(trainer.exportState().nextChunk).toBe(before)
    trainer.resume()
    while (seen.at(-1)!.wordsDone <= seen[0]!.wordsDone) await new Promise((r) => setTimeout(r, 1))
    trainer.stop()
    const result = await running
    expect(result.stopped).toBe(true)
    expect(result.wordsDone).toBeGreaterThan(0)
    expect(result.wordsDone).toBeLessThan(result.totalWords)
  })

  it('stops with a diverged error naming the learning rate when the loss stops being finite', async () => {
    const trainer = StreamingTrainer.create(vocabulary.counts, corpus, config)
    // Poison one centre vector: the first prediction that uses it has a NaN loss.
    const state = trainer.exportState()
    state.centerWordVectors[id('cat') * config.dim] = NaN
    const poisoned = StreamingTrainer.create(vocabulary.counts, corpus, config, state)
    const error = await poisoned.run({ kernel }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrainingDivergedError)
    expect((error as Error).message).toMatch(/Training diverged at epoch 1 .*the loss became NaN.*learning rate \(0\.05\).*smaller alpha/)
  })

  it('refuses to resume on a different corpus', () => {
    const state = StreamingTrainer.create(vocabulary.counts, corpus, config).exportState()
    const shorter = { ids: corpus.ids, sentenceEnds: corpus.sentenceEnds.subarray(0, corpus.sentenceEnds.length - 10) }
    expect(() => StreamingTrainer.create(vocabulary.counts, shorter, config, state)).toThrow(TrainingResumeError)
  })

  it('trains on the TypeScript kernels too (the fallback)', async () => {
    const trainer = StreamingTrainer.create(vocabulary.counts, corpus, { ...config, epochs: 1 })
    const result = await trainer.run({ kernel: { kind: 'typescript', reason: 'test' } })
    expect(result.kernel).toBe('typescript')
    expect(result.finalLoss).toBeGreaterThan(0)
    expect(result.finalLoss).toBeLessThan(5)
  })

  it.each([
    ['the worker cannot be created', () => { throw new Error('no threads here') }],
    ['the worker fails while loading', () => new Worker('throw new Error("no threads here")', { eval: true })],
  ])('falls back to one thread with a notice when %s', async (_why, startWorker) => {
    const notices: string[] = []
    const trainer = StreamingTrainer.create(vocabulary.counts, corpus, { ...config, threads: 2, epochs: 1 })
    const result = await trainer.run({ kernel, startWorker, onNotice: (m) => notices.push(m) })
    expect(result.threads).toBe(1)
    expect(result.wordsDone).toBe(result.totalWords)
    expect(notices).toEqual([expect.stringMatching(/Training threads could not be started \(.*no threads here\); training on one thread\./)])
  })
})
