/**
 * The TypeScript kernel's chunk loop (reading the token stream through typeToVocab, sub-sampling,
 * the window shrink, negative redraws, the learning rate across a chunk and its long-sentence
 * pieces) against the WebAssembly build's, over
 * whole chunks of a run at one thread: the same seed and start vectors draw the same random
 * numbers, so the two must end with the same vectors to float32 rounding.
 */
import { describe, expect, it } from 'vitest'
import { type TokenSource, memoryTokenSource } from '../../src-main/core/corpus/tokenStore'
import { SENTENCE_END } from '../../src-main/core/corpus/tokenStream'
import { Random } from '../../src-main/core/random'
import { planChunks } from '../../src-main/core/training/chunkPlan'
import { type Word2vecSettings, word2vecDefaults } from '../../src-main/core/settings/trainingSettings'
import { CONTROL_SLOTS, runChunkLoop } from '../../src-main/kernels/chunkLoop'
import { HOT_TREE_ROWS, MAX_SENTENCE } from '../../src-main/kernels/layout'
import { TrainingMemory } from '../../src-main/kernels/trainingMemory'
import { createTypeScriptKernel } from '../../src-main/kernels/typescriptKernel'
import { instantiateWasmKernel } from '../../src-main/kernels/wasmKernel'
import { type KernelKind, loadWasmModule } from '../support/kernelHarness'
import { relativeError } from '../support/relativeError'

/** Types past the vocabulary, dropped by typeToVocab: a tenth of the stream. */
const DROPPED_TYPES = 20

/**
 * Zipf-distributed words (so sub-sampling drops the frequent ones) in sentences of 1 to 40 words,
 * and one sentence longer than the kernels' sentence buffer, which they train in pieces, as a
 * token stream with dropped types among the words.
 */
function zipfCorpus(vocabSize: number, sentences: number, seed: number): { stream: TokenSource; typeToVocab: Int32Array; counts: Uint32Array } {
  const random = new Random(seed)
  const weights = Array.from({ length: vocabSize }, (_, w) => 1 / (w + 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const draw = (): number => {
    let u = random.nextFloat() * total
    for (let w = 0; w < vocabSize; w++) if ((u -= weights[w]!) < 0) return w
    return vocabSize - 1
  }
  const counts = new Uint32Array(vocabSize)
  const values: number[] = []
  for (let s = 0; s < sentences; s++) {
    const length = s === 3 ? MAX_SENTENCE + 1500 : 1 + Math.floor(random.nextFloat() * 40)
    for (let i = 0; i < length; i++) {
      if (random.nextFloat() < 0.1) values.push(vocabSize + random.nextInt(DROPPED_TYPES))
      const w = draw()
      counts[w]!++
      values.push(w)
    }
    values.push(SENTENCE_END)
  }
  const shared = new Int32Array(new SharedArrayBuffer(4 * values.length))
  shared.set(values)
  const typeToVocab = Int32Array.from({ length: vocabSize + DROPPED_TYPES }, (_, t) => (t < vocabSize ? t : -1))
  return { stream: memoryTokenSource({ kind: 'memory', values: shared }), typeToVocab, counts }
}

/** Trains the whole run at one thread with one kernel; returns both matrices and the mean loss. */
async function train(kind: KernelKind, corpus: ReturnType<typeof zipfCorpus>, config: Word2vecSettings) {
  const { stream, typeToVocab, counts } = corpus
  const training = TrainingMemory.create(counts, typeToVocab, config)
  expect(training.plan.replicatedRows).toBe(config.loss === 'hierarchicalSoftmax' && config.threads > 1 ? HOT_TREE_ROWS : 0)
  const kernel = kind === 'wasm-simd' ? instantiateWasmKernel(loadWasmModule(), training.memory) : createTypeScriptKernel(training.memory.buffer)
  let lossSum = 0
  let lossCount = 0
  await runChunkLoop({
    kernel, block: training.blocks[0]!, control: new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS)), plan: planChunks(stream, typeToVocab), stream,
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
  ['skip-gram, hierarchical softmax', { model: 'skipgram', loss: 'hierarchicalSoftmax' }, 1500],
  ['CBOW mean, hierarchical softmax', { model: 'cbow', loss: 'hierarchicalSoftmax', cbowMean: true }, 1500],
  ['CBOW sum, hierarchical softmax', { model: 'cbow', loss: 'hierarchicalSoftmax', cbowMean: false, alpha: 0.01 }, 1500],
  // Planned for two threads, the WebAssembly kernel trains its own copy of the tree's hot rows and
  // syncs it into U (HOT_TREE_ROWS); one thread running, that must train what U's rows would.
  ['skip-gram, hierarchical softmax, the hot tree rows copied', { model: 'skipgram', loss: 'hierarchicalSoftmax', threads: 2 }, 1500],
  ['CBOW mean, hierarchical softmax, the hot tree rows copied', { model: 'cbow', loss: 'hierarchicalSoftmax', cbowMean: true, threads: 2 }, 1500],
]

describe('TypeScript kernel against the WebAssembly build, whole chunks at one thread', () => {
  it.each(CASES)('%s', async (_, settings, sentences) => {
    const vocabSize = settings.loss === 'naiveSoftmax' ? 40 : 300
    const corpus = zipfCorpus(vocabSize, sentences, 7)
    // dim 10 leaves SIMD padding in each row; sample 1e-2 drops about a third of this corpus.
    const config: Word2vecSettings = { ...word2vecDefaults(), dim: 10, window: 4, negatives: 6, sample: 1e-2, epochs: 2, seed: 11, ...settings }
    expect(planChunks(corpus.stream, corpus.typeToVocab).chunks).toBeGreaterThan(1)
    const wasm = await train('wasm-simd', corpus, config)
    const typescript = await train('typescript', corpus, config)
    // Equal counts: both drew the same random numbers (sub-sampling, windows, negatives).
    expect(typescript.lossCount).toBe(wasm.lossCount)
    expect(relativeError(typescript.center, wasm.center)).toBeLessThan(5e-5)
    expect(relativeError(typescript.outside, wasm.outside)).toBeLessThan(5e-5)
    expect(Math.abs(typescript.loss - wasm.loss) / wasm.loss).toBeLessThan(1e-5)
    // Hierarchical softmax trains U's |V| − 1 inner-node rows.
    expect(wasm.outside.length).toBe((settings.loss === 'hierarchicalSoftmax' ? vocabSize - 1 : vocabSize) * config.dim)
  })
})
