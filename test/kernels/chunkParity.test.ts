/**
 * The TypeScript kernel's chunk loop (sub-sampling, the window shrink, negative redraws, the
 * learning rate across a chunk and its long-sentence pieces) against the WebAssembly build's, over
 * whole chunks of a run at one thread: the same seed and start vectors draw the same random
 * numbers, so the two must end with the same vectors to float32 rounding.
 */
import { describe, expect, it } from 'vitest'
import type { TrainingCorpus } from '../../src-main/core/corpus/corpusTypes'
import { Random } from '../../src-main/core/random'
import { planChunks } from '../../src-main/core/training/chunkPlan'
import { type Word2vecSettings, word2vecDefaults } from '../../src-main/core/settings/trainingSettings'
import { CONTROL_SLOTS, runChunkLoop } from '../../src-main/kernels/chunkLoop'
import { MAX_SENTENCE } from '../../src-main/kernels/layout'
import { TrainingMemory } from '../../src-main/kernels/trainingMemory'
import { createTypeScriptKernel } from '../../src-main/kernels/typescriptKernel'
import { instantiateWasmKernel } from '../../src-main/kernels/wasmKernel'
import { type KernelKind, loadWasmModule } from '../support/kernelHarness'
import { relativeError } from '../support/relativeError'

/**
 * Zipf-distributed words (so sub-sampling drops the frequent ones) in sentences of 1 to 40 words,
 * and one sentence longer than the kernels' sentence buffer, which they train in pieces.
 */
function zipfCorpus(vocabSize: number, sentences: number, seed: number): { corpus: TrainingCorpus; counts: Uint32Array } {
  const random = new Random(seed)
  const weights = Array.from({ length: vocabSize }, (_, w) => 1 / (w + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const draw = (): number => {
    let u = random.nextFloat() * total
    for (let w = 0; w < vocabSize; w++) if ((u -= weights[w]!) < 0) return w
    return vocabSize - 1
  }
  const lengths = Array.from({ length: sentences }, (_, s) => (s === 3 ? MAX_SENTENCE + 1500 : 1 + Math.floor(random.nextFloat() * 40)))
  const ids = Int32Array.from({ length: lengths.reduce((a, b) => a + b, 0) }, draw)
  const ends: number[] = []
  lengths.reduce((end, length) => (ends.push(end + length), end + length), 0)
  const counts = new Uint32Array(vocabSize)
  for (const id of ids) counts[id]!++
  return { corpus: { ids, sentenceEnds: Uint32Array.from(ends) }, counts }
}

/** Trains the whole run at one thread with one kernel; returns both matrices and the mean loss. */
async function train(kind: KernelKind, corpus: TrainingCorpus, counts: Uint32Array, config: Word2vecSettings) {
  const training = TrainingMemory.create(counts, corpus, config)
  const kernel = kind === 'wasm-simd' ? instantiateWasmKernel(loadWasmModule(), training.memory) : createTypeScriptKernel(training.memory.buffer)
  let lossSum = 0
  let lossCount = 0
  await runChunkLoop({
    kernel, block: training.blocks[0]!, control: new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS)), plan: planChunks(corpus),
    epochs: config.epochs, alpha: config.alpha, minAlpha: config.minAlpha, now: () => 0, waitWhilePaused: () => {},
    post: (event) => {
      if (event.type === 'diverged') throw new Error(`diverged at chunk ${event.chunk}`)
      if (event.type !== 'progress') return
      lossSum += event.lossSum
      lossCount += event.lossCount
    },
  })
  return { center: training.centerWordVectors(), outside: training.outsideVectors(), loss: lossSum / lossCount, lossCount }
}


const CASES: [string, Partial<Word2vecSettings>, number][] = [
  ['skip-gram, negative sampling', { model: 'skipgram', loss: 'negSampling' }, 1500],
  ['CBOW mean, negative sampling', { model: 'cbow', loss: 'negSampling', cbowMean: true }, 1500],
  ['CBOW sum, negative sampling', { model: 'cbow', loss: 'negSampling', cbowMean: false, alpha: 0.01 }, 1500],
  ['skip-gram, naive softmax', { model: 'skipgram', loss: 'naiveSoftmax' }, 200],
  ['CBOW mean, naive softmax', { model: 'cbow', loss: 'naiveSoftmax' }, 200],
]

describe('TypeScript kernel against the WebAssembly build, whole chunks at one thread', () => {
  it.each(CASES)('%s', async (_, settings, sentences) => {
    const vocabSize = settings.loss === 'naiveSoftmax' ? 40 : 300
    const { corpus, counts } = zipfCorpus(vocabSize, sentences, 7)
    // dim 10 leaves SIMD padding in each row; sample 1e-2 drops about a third of this corpus.
    const config: Word2vecSettings = { ...word2vecDefaults(), dim: 10, window: 4, negatives: 6, sample: 1e-2, epochs: 2, seed: 11, ...settings }
    expect(planChunks(corpus).chunks).toBeGreaterThan(1)
    const wasm = await train('wasm-simd', corpus, counts, config)
    const typescript = await train('typescript', corpus, counts, config)
    // Equal counts: both drew the same random numbers (sub-sampling, windows, negatives).
    expect(typescript.lossCount).toBe(wasm.lossCount)
    expect(relativeError(typescript.center, wasm.center)).toBeLessThan(5e-5)
    expect(relativeError(typescript.outside, wasm.outside)).toBeLessThan(5e-5)
    expect(Math.abs(typescript.loss - wasm.loss) / wasm.loss).toBeLessThan(1e-5)
  })
})
