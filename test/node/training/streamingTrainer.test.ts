import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { existsSync, unlinkSync } from 'node:fs'
import { CorpusError } from '../../../src-main/core/corpus/corpusErrors'
import { CorpusBuilder, type RawCorpus, SENTENCE_END, buildVocabulary, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { type Word2vecSettings, TrainingDivergedError, TrainingResumeError, word2vecDefaults } from '../../../src-main/core/training/index'
import { chooseKernel } from '../../../src-main/node/training/kernelModule'
import { type StreamingProgress, StreamingTrainer } from '../../../src-main/node/training/streamingTrainer'
import { FileTokenSink, openTokenSource, releaseTokenStore } from '../../../src-main/node/tokenFile'
import { planStreamingCorpus } from '../../../src-main/node/session/loadedCorpus'
import { planChunks } from '../../../src-main/core/training/chunkPlan'
import { streamingCorpus } from '../../support/rawTokens'
import { cosine, plantedSynonymsText, streamingEdgeCaseText } from '../../support/syntheticCorpus'

const raw = rawCorpusFromText(plantedSynonymsText(4000))
const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
const corpus = streamingCorpus(raw, vocabulary)
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

  it('exports a finished run in place (views of its memory, equal to the copies) and refuses to before the end', async () => {
    const trainer = StreamingTrainer.create(vocabulary.counts, corpus, config)
    expect(() => trainer.exportState({ inPlace: true })).toThrow(/finished run/)
    await trainer.run({ kernel })
    const copied = trainer.exportState()
    const inPlace = trainer.exportState({ inPlace: true })
    expect(inPlace.centerWordVectors).toEqual(copied.centerWordVectors)
    expect(inPlace.outsideVectors).toEqual(copied.outsideVectors)
    // dim is a multiple of 4 here, so rows have no padding and nothing is copied.
    expect(config.dim % 4).toBe(0)
    expect(inPlace.centerWordVectors.buffer).toBe(inPlace.outsideVectors.buffer)
    expect(copied.centerWordVectors.buffer).not.toBe(inPlace.centerWordVectors.buffer)
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
    const values = raw.store.kind === 'memory' ? raw.store.values : new Int32Array(0)
    const shorter = { ...corpus, store: { kind: 'memory' as const, values: values.subarray(0, values.lastIndexOf(SENTENCE_END, values.length - 2) + 1) } }
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

  describe('reading the token stream', () => {
    /** The corpus again, its stream in a token file as the app and the CLI keep it. */
    const inFile = (text: string): RawCorpus => {
      const builder = new CorpusBuilder({}, 'edge cases', new FileTokenSink())
      builder.addText(text)
      return builder.finish()
    }
    const edgeText = streamingEdgeCaseText()
    const edge = rawCorpusFromText(edgeText)
    const edgeVocabulary = buildVocabulary(edge, { minCount: 3 }).vocabulary
    const hashOf = (trainer: StreamingTrainer) => createHash('sha256').update(trainer.centerWordVectors()).update(trainer.outsideVectors()).digest('hex')

    /**
     * SHA-256 of both matrices after two epochs at one thread (dim 12, sample 1e-3, seed 5), from
     * the code before training streamed, when the encoded corpus sat in the kernels' memory: lines
     * of 23,000 words cut into pieces, a sixth of the words dropped by minCount, empty lines and
     * lines left empty by the drop. The stream, read from memory or from a file, must train the
     * same bits. (The TypeScript kernel reads the stream as this one does: chunkParity.test.ts.)
     * Recomputed once since, when the kernel began scoring four rows per pass (one accumulator
     * per row instead of two, so scores round differently): that kernel trained the old hashes'
     * bits with the old scoring, so the stream itself was unchanged.
     */
    const BEFORE_STREAMING = {
      'wasm-simd skipgram': 'b967737f9b57e9cc7ab12089ec0f68a542d4ebbf3b9ff9bffa18adcfbb9f35fc',
      'wasm-simd cbow': 'fc4ff5a0636a753807ad1f360d4f63fb2c6f04715821c08b3fce66138e9babbd',
    } as const

    it.each(Object.entries(BEFORE_STREAMING))('trains one thread bit for bit as before streaming: %s', async (name, hash) => {
      const model = name.split(' ')[1] as 'skipgram' | 'cbow'
      const edgeConfig = { ...word2vecDefaults(model, 1), dim: 12, epochs: 2, seed: 5, sample: 1e-3 }
      const run = async (raw: RawCorpus) => {
        const trainer = StreamingTrainer.create(edgeVocabulary.counts, streamingCorpus(raw, edgeVocabulary), edgeConfig)
        expect(trainer.wordsPerEpoch).toBe(63_395)
        await trainer.run({ kernel })
        return hashOf(trainer)
      }
      expect(await run(edge)).toBe(hash)
      const file = inFile(edgeText)
      try {
        expect(await run(file)).toBe(hash)
      } finally {
        releaseTokenStore(file.store)
      }
    })

    it.each([1, 2])('ends with a sentence, not a crash, when the token file is gone (%i threads)', async (threads) => {
      const file = inFile(edgeText)
      const trainer = StreamingTrainer.create(edgeVocabulary.counts, streamingCorpus(file, edgeVocabulary), { ...word2vecDefaults('skipgram', 1), dim: 12, epochs: 1, threads })
      if (file.store.kind !== 'file') throw new Error('expected a token file')
      unlinkSync(file.store.path)
      const notices: string[] = []
      const failure = await trainer.run({ kernel, onNotice: (m) => notices.push(m) }).catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(CorpusError)
      expect(failure).toMatchObject({ kind: 'storage', message: expect.stringMatching(/^The prepared corpus “.*w2v-tokens-.*” is gone \(another program/) })
      expect(notices).toEqual([])
      releaseTokenStore(file.store)
    })

    it('plans the chunks a block at a time with the fraction read, as create() plans them, and stops when told', async () => {
      // Long enough for several blocks of the pass (PASS_BLOCK_VALUES): the edge text four times over.
      const file = inFile(edgeText.repeat(4))
      try {
        const data = { raw: file, vocabulary: edgeVocabulary }
        const fractions: number[] = []
        const stepped = await planStreamingCorpus(data, async (fraction) => { fractions.push(fraction) })
        expect(fractions.length).toBeGreaterThan(1)
        expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
        expect(fractions.at(-1)).toBe(1)
        const config = { ...word2vecDefaults('skipgram', 1), dim: 12, epochs: 1 }
        const planned = StreamingTrainer.create(edgeVocabulary.counts, stepped, config)
        const unplanned = StreamingTrainer.create(edgeVocabulary.counts, streamingCorpus(file, edgeVocabulary), config)
        expect([planned.wordsPerEpoch, planned.totalWords]).toEqual([unplanned.wordsPerEpoch, unplanned.totalWords])
        const source = openTokenSource(file.store)
        expect(stepped.plan).toEqual(planChunks(source, stepped.typeToVocab))
        source.close()
        await expect(planStreamingCorpus(data, async () => { throw new Error('stopped') })).rejects.toThrow('stopped')
      } finally {
        releaseTokenStore(file.store)
      }
    })

    it('resumes from a token file exactly where a paused run stood', async () => {
      const file = inFile(edgeText)
      const edgeConfig = { ...word2vecDefaults('skipgram', 1), dim: 12, epochs: 2, seed: 5, sample: 1e-3 }
      const stream = streamingCorpus(file, edgeVocabulary)
      try {
        const first = StreamingTrainer.create(edgeVocabulary.counts, stream, edgeConfig)
        let paused: Promise<void> | null = null
        const running = first.run({ kernel, reportEvery: 1, onProgress: (p) => { if (p.fraction > 0.4 && !paused) paused = first.pause() } })
        while (!paused) await new Promise((r) => setTimeout(r, 1))
        await paused
        const state = first.exportState()
        expect(state.nextChunk).toBeGreaterThan(0)
        first.stop()
        await running
        const resumed = StreamingTrainer.create(edgeVocabulary.counts, stream, edgeConfig, state)
        await resumed.run({ kernel })
        expect(hashOf(resumed)).toBe(BEFORE_STREAMING['wasm-simd skipgram'])
      } finally {
        releaseTokenStore(file.store)
      }
      expect(file.store.kind === 'file' && existsSync(file.store.path)).toBe(false)
    })
  })
})
