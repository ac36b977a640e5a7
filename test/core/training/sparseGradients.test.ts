import { describe, expect, it } from 'vitest'
import {
  Random, buildHuffmanTree, cbow, hierarchicalSoftmaxLoss, naiveSoftmaxLossAndGradient, wordPoints, negSamplingLoss, randomNormalMatrix, skipgram, uniformContextSource,
  word2vecMinibatch, type Matrix, type NegativeSampler, type Word2vecLossFn,
} from '../../../src-main/core/index'
import { buildAliasTable, unigramWeights } from '../../../src-main/core/corpus/sampling'
import {
  SparseRowGradient, SparseWord2vec, noiseSampler, sparseHierarchicalSoftmaxLoss, sparseMinibatch, sparseNaiveSoftmaxLoss, sparseNegSamplingLoss,
  type SparseGradients, type SparsePairLoss, type WordVectorParams,
} from '../../../src-main/core/training/index'

const VOCAB = 13
const DIM = 6

/** max |a − b| ≤ tol · max(|b|_∞, tiny): relative to the matrix, as single entries may cancel to ~0. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  expect(actual.length).toBe(expected.length)
  let scale = 1e-300
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]!))
  let worst = 0
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!))
  expect(worst / scale).toBeLessThanOrEqual(tol)
}

function expectRelClose(actual: number, expected: number, tol = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(Math.abs(expected), 1e-300))
}

function problem(seed: number) {
  const random = new Random(seed)
  const V = randomNormalMatrix(VOCAB, DIM, random)
  const U = randomNormalMatrix(VOCAB, DIM, random)
  const params: WordVectorParams = { vocabSize: VOCAB, dim: DIM, centerWordVectors: V.data, outsideVectors: U.data }
  return { random, V, U, params }
}

/** A sampler that hands out pre-drawn negatives in order, so the dense and the sparse side see the same ones. */
function replay(negatives: readonly number[][]): NegativeSampler {
  let next = 0
  return () => negatives[next++]!
}

function freshGrads(): SparseGradients {
  return { gradCenterVecs: new SparseRowGradient(VOCAB, DIM, 2), gradOutsideVectors: new SparseRowGradient(VOCAB, DIM, 2) }
}

type Model = 'skipgram' | 'cbowSum' | 'cbowMean'
const cases: [Model, 'negSampling' | 'naiveSoftmax'][] = (['skipgram', 'cbowSum', 'cbowMean'] as const)
  .flatMap((m) => (['negSampling', 'naiveSoftmax'] as const).map((l): [Model, 'negSampling' | 'naiveSoftmax'] => [m, l]))

describe('sparse window losses', () => {
  it.each(cases)('%s with %s equals the dense core on random problems', (model, loss) => {
    for (let trial = 0; trial < 20; trial++) {
      const { random, V, U, params } = problem(100 + trial)
      const center = random.nextInt(VOCAB)
      const context = Array.from({ length: 1 + random.nextInt(6) }, () => random.nextInt(VOCAB))
      const negatives = Array.from({ length: context.length }, () => Array.from({ length: 5 }, () => random.nextInt(VOCAB)))

      const denseLoss: Word2vecLossFn = loss === 'naiveSoftmax' ? naiveSoftmaxLossAndGradient : negSamplingLoss(replay(negatives))
      const sparseLoss: SparsePairLoss = loss === 'naiveSoftmax' ? sparseNaiveSoftmaxLoss(VOCAB) : sparseNegSamplingLoss(replay(negatives))
      const dense = model === 'skipgram'
        ? skipgram(center, context, V, U, denseLoss)
        : cbow(center, context, V, U, denseLoss, { mean: model === 'cbowMean' })

      const grads = freshGrads()
      const engine = new SparseWord2vec(DIM)
      const sparse = model === 'skipgram'
        ? engine.skipgram(center, context, params, sparseLoss, grads)
        : engine.cbow(center, context, params, sparseLoss, grads, 1, model === 'cbowMean')

      expectRelClose(sparse, dense.loss)
      expectClose(grads.gradCenterVecs.toDense(), dense.gradCenterVecs.data)
      expectClose(grads.gradOutsideVectors.toDense(), dense.gradOutsideVectors.data)
      // Only the input words' rows of ∂J/∂V are touched.
      const expectedRows = model === 'skipgram' ? [center] : [...new Set(context)]
      expect([...grads.gradCenterVecs.rows.subarray(0, grads.gradCenterVecs.size)].sort((a, b) => a - b)).toEqual(expectedRows.sort((a, b) => a - b))
    }
  })

  it.each(['skipgram', 'cbowSum', 'cbowMean'] as const)('%s with hierarchical softmax equals the dense core, touching only path rows of U', (model) => {
    const tree = buildHuffmanTree(Array.from({ length: VOCAB }, (_, w) => 3 + ((w * 7) % 11) * (w + 1)))
    for (let trial = 0; trial < 20; trial++) {
      const random = new Random(300 + trial)
      const V = randomNormalMatrix(VOCAB, DIM, random)
      const U = randomNormalMatrix(VOCAB - 1, DIM, random)
      const params: WordVectorParams = { vocabSize: VOCAB, dim: DIM, centerWordVectors: V.data, outsideVectors: U.data }
      const center = random.nextInt(VOCAB)
      const context = Array.from({ length: 1 + random.nextInt(6) }, () => random.nextInt(VOCAB))
      const denseLoss = hierarchicalSoftmaxLoss(tree)
      const dense = model === 'skipgram' ? skipgram(center, context, V, U, denseLoss) : cbow(center, context, V, U, denseLoss, { mean: model === 'cbowMean' })
      const grads = { gradCenterVecs: new SparseRowGradient(VOCAB, DIM, 2), gradOutsideVectors: new SparseRowGradient(VOCAB - 1, DIM, 2) }
      const engine = new SparseWord2vec(DIM)
      const sparseLoss = sparseHierarchicalSoftmaxLoss(tree)
      const sparse = model === 'skipgram'
        ? engine.skipgram(center, context, params, sparseLoss, grads)
        : engine.cbow(center, context, params, sparseLoss, grads, 1, model === 'cbowMean')
      expectRelClose(sparse, dense.loss)
      expectClose(grads.gradCenterVecs.toDense(), dense.gradCenterVecs.data)
      expectClose(grads.gradOutsideVectors.toDense(), dense.gradOutsideVectors.data)
      const predicted = model === 'skipgram' ? context : [center]
      const pathRows = new Set(predicted.flatMap((w) => [...wordPoints(tree, w)]))
      expect(new Set(grads.gradOutsideVectors.rows.subarray(0, grads.gradOutsideVectors.size))).toEqual(pathRows)
    }
  })

  it('negative sampling touches only the outside word and the negatives in ∂J/∂U', () => {
    const { params } = problem(5)
    const grads = freshGrads()
    new SparseWord2vec(DIM).skipgram(2, [7], params, sparseNegSamplingLoss(() => [1, 1, 9]), grads)
    expect([...grads.gradOutsideVectors.rows.subarray(0, grads.gradOutsideVectors.size)]).toEqual([7, 1, 9])
  })

  it('scales the gradients but not the returned loss', () => {
    const { params } = problem(6)
    const once = freshGrads()
    const scaled = freshGrads()
    const engine = new SparseWord2vec(DIM)
    const lossFn = sparseNaiveSoftmaxLoss(VOCAB)
    const a = engine.cbow(3, [1, 4], params, lossFn, once)
    const b = engine.cbow(3, [1, 4], params, lossFn, scaled, 0.25)
    expect(b).toBe(a)
    expectClose(scaled.gradOutsideVectors.toDense(), once.gradOutsideVectors.toDense().map((g) => g * 0.25))
    expectClose(scaled.gradCenterVecs.toDense(), once.gradCenterVecs.toDense().map((g) => g * 0.25))
  })
})

describe('sparseMinibatch', () => {
  function stacked(V: Matrix, U: Matrix): Float64Array {
    const x = new Float64Array(V.data.length * 2)
    x.set(V.data)
    x.set(U.data, V.data.length)
    return x
  }

  it.each([['skipgram', false], ['cbow', false], ['cbow', true]] as const)(
    '%s (mean %s) draws the same windows and negatives as word2vecMinibatch and matches its loss and gradient',
    (model, cbowMean) => {
      const { V, U, params } = problem(77)
      const table = buildAliasTable(unigramWeights(Array.from({ length: VOCAB }, (_, w) => 1 + ((w * 7) % 5))))
      const options = { model, window: 3, batch: 8, cbowMean }

      const denseRandom = new Random(2024)
      const dense = word2vecMinibatch(stacked(V, U), uniformContextSource(VOCAB), denseRandom, {
        ...options, dim: DIM, lossFn: negSamplingLoss(noiseSampler(table, denseRandom, 4)),
      })
      const sparseRandom = new Random(2024)
      const grads = freshGrads()
      const loss = sparseMinibatch(params, uniformContextSource(VOCAB), sparseRandom, new SparseWord2vec(DIM), {
        ...options, lossFn: sparseNegSamplingLoss(noiseSampler(table, sparseRandom, 4)),
      }, grads)

      expectRelClose(loss, dense.loss)
      expectClose(grads.gradCenterVecs.toDense(), dense.grad.subarray(0, VOCAB * DIM))
      expectClose(grads.gradOutsideVectors.toDense(), dense.grad.subarray(VOCAB * DIM))
      expect(sparseRandom.getState()).toEqual(denseRandom.getState())
    },
  )

  it('clears the previous minibatch before accumulating', () => {
    const { params } = problem(8)
    const grads = freshGrads()
    const options = { model: 'skipgram' as const, lossFn: sparseNaiveSoftmaxLoss(VOCAB), window: 2, batch: 3 }
    const engine = new SparseWord2vec(DIM)
    sparseMinibatch(params, uniformContextSource(VOCAB), new Random(1), engine, options, grads)
    const first = grads.gradOutsideVectors.toDense()
    sparseMinibatch(params, uniformContextSource(VOCAB), new Random(1), engine, options, grads)
    expect(grads.gradOutsideVectors.toDense()).toEqual(first)
  })
})

describe('SparseRowGradient', () => {
  it('grows past its initial capacity, keeps first-touch order and forgets rows on clear', () => {
    const g = new SparseRowGradient(10, 2, 1)
    for (const row of [4, 2, 9, 4]) {
      const offset = g.rowOffset(row)
      g.values[offset]! += row
      g.values[offset + 1]! += 1
    }
    expect(g.size).toBe(3)
    expect([...g.rows.subarray(0, 3)]).toEqual([4, 2, 9])
    const dense = g.toDense()
    expect([dense[8], dense[9], dense[4], dense[5], dense[18], dense[0]]).toEqual([8, 2, 2, 1, 9, 0])
    g.clear()
    expect(g.size).toBe(0)
    expect(g.toDense().every((x) => x === 0)).toBe(true)
    // A row touched again after clear starts from zero, not from its old slot's values.
    const offset = g.rowOffset(2)
    expect([g.values[offset], g.values[offset + 1]]).toEqual([0, 0])
  })
})
