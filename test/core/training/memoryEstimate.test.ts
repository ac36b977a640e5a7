import { describe, expect, it } from 'vitest'
import { CourseTrainer } from '../../../src-main/core/training/courseTrainer'
import { buildHuffmanTree } from '../../../src-main/core/huffmanTree'
import { HOT_TREE_ROWS, huffmanPathBound, planMemory, replicatedTreeRows } from '../../../src-main/core/training/kernelMemoryPlan'
import { checkMemory, courseMemoryEstimate, word2vecMemoryEstimate } from '../../../src-main/core/training/memoryEstimate'
import { TrainingConfigError, TrainingMemoryError } from '../../../src-main/core/training/trainingErrors'
import { createKernelMemory } from '../../../src-main/kernels/wasmKernel'
import { COURSE_PRESET, type Cs224nSettings, word2vecDefaults } from '../../../src-main/core/settings/trainingSettings'

const SOTU = { vocabSize: 30_000, types: 45_000, tokens: 1_800_000, sentences: 80_000 }
const GB = 2 ** 30

describe('word2vecMemoryEstimate', () => {
  it('is the kernels’ memory plan, plus the types and vocabulary, the chunk plan and the copy a save makes', () => {
    const config = { ...word2vecDefaults('skipgram', 2), dim: 10 }
    const plan = planMemory({ ...SOTU, dim: 10, threads: 2, negatives: config.negatives, window: config.window, loss: 'negSampling' })
    const estimate = word2vecMemoryEstimate(config, SOTU, SOTU.tokens)
    expect(estimate.kernelBytes).toBe(plan.bytes)
    expect(estimate.bytes).toBe(plan.bytes + 64 * (SOTU.vocabSize + SOTU.types) + 16 * 180 + 2 * SOTU.vocabSize * 10 * 4)
  })

  it('does not grow with the corpus’ length but by its chunk plan: 16 bytes per 10,000 words', () => {
    const config = word2vecDefaults('skipgram', 2)
    const at1x = word2vecMemoryEstimate(config, SOTU, 20e6).bytes
    const at5x = word2vecMemoryEstimate(config, SOTU, 100e6).bytes
    expect(at5x - at1x).toBe(16 * 8000)
    expect(at5x / at1x).toBeLessThan(1.01)
  })

  it('grows with the dimension and, for naive softmax, by one score per word and thread', () => {
    const base = word2vecDefaults('skipgram', 2)
    const at100 = word2vecMemoryEstimate({ ...base, dim: 100 }, SOTU).bytes
    expect(word2vecMemoryEstimate({ ...base, dim: 300 }, SOTU).bytes).toBeGreaterThan(at100 + 4 * 200 * SOTU.vocabSize * 3)
    // Less the room for the negatives it does not draw (a few hundred bytes a thread).
    expect(word2vecMemoryEstimate({ ...base, dim: 100, loss: 'naiveSoftmax' }, SOTU).kernelBytes).toBeGreaterThanOrEqual(word2vecMemoryEstimate({ ...base, dim: 100 }, SOTU).kernelBytes + 2 * 4 * SOTU.vocabSize - 2 * 1024)
  })

  it('under hierarchical softmax holds |V| − 1 rows of U and the Huffman paths, within the bound on their length', () => {
    const plan = planMemory({ ...SOTU, dim: 100, threads: 2, negatives: 5, window: 5, loss: 'hierarchicalSoftmax' })
    expect(plan.outsideRows).toBe(SOTU.vocabSize - 1)
    expect(plan.huffmanOffsets - plan.syn1).toBe(4 * 100 * (SOTU.vocabSize - 1))
    const bound = huffmanPathBound(SOTU.vocabSize, SOTU.tokens)
    expect(plan.huffmanCodes - plan.huffmanPoints).toBe(4 * bound)
    // A Zipf vocabulary of SOTU's size: its real paths fit the bound, word by word and in total.
    const counts = Array.from({ length: SOTU.vocabSize }, (_, r) => Math.max(1, Math.round(120_000 / (r + 1))))
    const tokens = counts.reduce((a, b) => a + b, 0)
    const tree = buildHuffmanTree(counts)
    const perWord = huffmanPathBound(SOTU.vocabSize, tokens) / SOTU.vocabSize
    for (let w = 0; w < counts.length; w++) expect(tree.offsets[w + 1]! - tree.offsets[w]!).toBeLessThanOrEqual(perWord)
    expect(tree.points.length).toBeLessThanOrEqual(huffmanPathBound(SOTU.vocabSize, tokens))
    // Exact once the tree is known.
    const exact = planMemory({ ...SOTU, dim: 100, threads: 2, negatives: 5, window: 5, loss: 'hierarchicalSoftmax', pathEntries: tree.points.length })
    expect(exact.huffmanCodes - exact.huffmanPoints).toBe(4 * tree.points.length)
    // A degenerate tree (counts doubling) is a chain: |V| − 1 deep, which the bound allows for.
    const chain = buildHuffmanTree(Array.from({ length: 20 }, (_, r) => 2 ** (19 - r)))
    expect(chain.offsets[20]! - chain.offsets[19]!).toBe(19)
    expect(huffmanPathBound(20, 2 ** 20)).toBeGreaterThanOrEqual(chain.points.length)
  })

  it('under hierarchical softmax at several threads gives each thread room for its copy of the hot tree rows, and nothing else does', () => {
    const plan = (loss: 'hierarchicalSoftmax' | 'negSampling', threads: number, vocabSize = SOTU.vocabSize) =>
      planMemory({ ...SOTU, vocabSize, dim: 100, threads, negatives: 5, window: 5, loss })
    expect(plan('hierarchicalSoftmax', 2).replicatedRows).toBe(HOT_TREE_ROWS)
    const { hotLocal, hotBase, bytes } = plan('hierarchicalSoftmax', 2).scratchLayout
    expect(hotBase - hotLocal).toBe(4 * 100 * HOT_TREE_ROWS)
    expect(bytes).toBeGreaterThanOrEqual(hotBase + 4 * 100 * HOT_TREE_ROWS)
    expect(plan('hierarchicalSoftmax', 1).replicatedRows).toBe(0)
    expect(plan('negSampling', 4).replicatedRows).toBe(0)
    // A tree smaller than that: all its inner nodes.
    expect(replicatedTreeRows('hierarchicalSoftmax', 2, 10)).toBe(9)
    expect(plan('hierarchicalSoftmax', 2, 10).replicatedRows).toBe(9)
  })
})

describe('courseMemoryEstimate', () => {
  const course: Cs224nSettings = { ...COURSE_PRESET, dim: 300 }

  it('counts float64 vectors twice (live and saved) and the optimizer’s slots beside them', () => {
    const matrix = 8 * SOTU.vocabSize * 300
    const sgd = courseMemoryEstimate(course, SOTU)
    expect(sgd.parameterBytes).toBeGreaterThanOrEqual(4 * matrix)
    expect(courseMemoryEstimate({ ...course, optimizer: 'momentum' }, SOTU).bytes - sgd.bytes).toBe(4 * matrix)
    expect(courseMemoryEstimate({ ...course, optimizer: 'adam' }, SOTU).bytes - sgd.bytes).toBe(8 * matrix)
    expect(sgd.kernelBytes).toBe(0)
  })

  it('counts naive softmax’s gradient of every outside vector', () => {
    const negSampling = courseMemoryEstimate({ ...course, batch: 1 }, SOTU)
    const naive = courseMemoryEstimate({ ...course, batch: 1, loss: 'naiveSoftmax' }, SOTU)
    expect(naive.bytes - negSampling.bytes).toBeGreaterThan(8 * SOTU.vocabSize * 299)
  })

  it('is the issue’s 13 GB run: dim 2,000, minCount 1 on a corpus of 20 million tokens', () => {
    const estimate = courseMemoryEstimate({ ...COURSE_PRESET, dim: 2000 }, { vocabSize: 200_000, tokens: 20e6, sentences: 1e6 })
    expect(estimate.bytes).toBeGreaterThan(12 * GB)
  })
})

describe('checkMemory', () => {
  it('refuses a run above what is available, saying how much it needs, how much there is and what to lower', () => {
    const estimate = courseMemoryEstimate({ ...COURSE_PRESET, dim: 2000, optimizer: 'adam' }, { vocabSize: 200_000, tokens: 20e6, sentences: 1e6 })
    let error: unknown
    try {
      checkMemory(estimate, 8 * GB, 'adam')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TrainingMemoryError)
    expect(error).toBeInstanceOf(TrainingConfigError)
    expect(error).toMatchObject({ field: 'dim', availableBytes: 8 * GB, neededBytes: estimate.bytes })
    expect((error as Error).message).toBe(
      `This run needs about ${(estimate.bytes / GB).toFixed(1)} GB of memory, but only about 8.0 GB is available. ` +
        'Lower the dimension or raise minCount (a smaller vocabulary), or use the sgd optimizer (adam keeps two more copies of the vectors).',
    )
    expect(() => checkMemory(estimate, estimate.bytes, 'adam')).not.toThrow()
  })

  it('points at the corpus when the corpus is most of it (the course holds its tokens)', () => {
    const estimate = courseMemoryEstimate({ ...COURSE_PRESET, dim: 10 }, { vocabSize: 1000, tokens: 1e9, sentences: 1e7 })
    expect(() => checkMemory(estimate, 1e9)).toThrow(expect.objectContaining({ field: 'minCount', message: expect.stringMatching(/Use a smaller corpus/) }))
  })

  it('refuses kernel memory above WebAssembly’s 4 GB whatever the machine has', () => {
    const estimate = word2vecMemoryEstimate({ ...word2vecDefaults('skipgram', 1), dim: 2000 }, { vocabSize: 600_000, types: 1e6 })
    expect(() => checkMemory(estimate, 1e15)).toThrow(/^This run needs about 9\.\d GB of memory in the training kernels, but WebAssembly allows at most 4\.0 GB\. Lower the dimension/)
  })

  it('is what the kernels throw when asked for more than 4 GB (not a RangeError)', () => {
    expect(() => createKernelMemory(5 * GB)).toThrow(TrainingMemoryError)
  })
})

describe('the course engine’s bounds are the form’s', () => {
  const corpus = { ids: Int32Array.from([0, 1, 2, 0, 1, 2]), sentenceEnds: Uint32Array.from([3, 6]) }
  const vocabulary = { words: ['a', 'b', 'c'], counts: Uint32Array.from([2, 2, 2]), index: new Map([['a', 0], ['b', 1], ['c', 2]]) }
  it.each([
    [{ dim: 100_000 }, /^The dimension must be a whole number from 1 to 2000, not 100,000\.$/],
    [{ batch: 1e9 }, /^The batch size must be a whole number from 1 to 100,000/],
    [{ iterations: 1e12 }, /^The number of iterations must be a whole number from 1 to 1,000,000,000/],
    [{ window: 1000 }, /^The window must be a whole number from 1 to 100/],
  ])('refuses %j', (change, message) => {
    expect(() => new CourseTrainer(corpus, vocabulary, { ...COURSE_PRESET, ...change })).toThrow(message)
  })
})
