import { describe, expect, it } from 'vitest'
import {
  Random, cbow, matrixFromRows, naiveSoftmaxLossAndGradient, negSamplingLossAndGradient, randomNormalMatrix, row,
  skipgram, courseNegativeSampler, negSamplingLoss,
} from '../../src-main/core/index'

const U = matrixFromRows([
  [1000, 0, 0],
  [-1000, 0, 0],
  [0, 1, 0],
])

describe('naiveSoftmaxLossAndGradient', () => {
  it('stays finite when the true word’s probability underflows to zero', () => {
    const vc = Float64Array.from([1, 0, 0])
    const { loss, gradCenterVec, gradOutsideVecs } = naiveSoftmaxLossAndGradient(vc, 1, U)
    // scores 1000, −1000, 0: J = logsumexp − (−1000) ≈ 2000, where −log(softmax) would be −log(0) = ∞.
    expect(loss).toBeCloseTo(2000, 9)
    expect([...gradCenterVec, ...gradOutsideVecs.data].every(Number.isFinite)).toBe(true)
  })

  it('rejects an out-of-range word index with a sentence', () => {
    expect(() => naiveSoftmaxLossAndGradient(Float64Array.from([1, 0, 0]), 3, U)).toThrow(/outsideWordIdx 3 is not a word index/)
  })
})

describe('negSamplingLossAndGradient', () => {
  it('accumulates a repeated negative as the sum of separate draws (problem (h))', () => {
    const random = new Random(7)
    const outsideVectors = randomNormalMatrix(6, 4, random)
    const vc = randomNormalMatrix(1, 4, random).data
    const twice = negSamplingLossAndGradient(vc, 0, outsideVectors, [3, 3])
    const once = negSamplingLossAndGradient(vc, 0, outsideVectors, [3])
    const none = negSamplingLossAndGradient(vc, 0, outsideVectors, [])
    // Row 3's gradient from two draws is twice that from one; the loss adds the same term twice.
    const g1 = row(once.gradOutsideVecs, 3)
    row(twice.gradOutsideVecs, 3).forEach((g, k) => expect(g).toBeCloseTo(2 * g1[k]!, 14))
    expect(twice.loss - once.loss).toBeCloseTo(once.loss - none.loss, 12)
  })
})

describe('skipgram and cbow', () => {
  const random = new Random(11)
  const V = randomNormalMatrix(5, 3, random)
  const outside = randomNormalMatrix(5, 3, random)

  it('skipgram sums the pair losses and touches only the centre row of ∂J/∂V', () => {
    const r = skipgram(2, [0, 4, 4], V, outside, naiveSoftmaxLossAndGradient)
    const expected = [0, 4, 4].reduce((s, o) => s + naiveSoftmaxLossAndGradient(row(V, 2), o, outside).loss, 0)
    expect(r.loss).toBeCloseTo(expected, 12)
    for (const w of [0, 1, 3, 4]) expect([...row(r.gradCenterVecs, w)]).toEqual([0, 0, 0])
  })

  it('cbow mean equals cbow sum on the averaged vectors, with gradients divided by the context size', () => {
    const context = [0, 1, 1, 3]
    const mean = cbow(2, context, V, outside, naiveSoftmaxLossAndGradient, { mean: true })
    const scaledV = { ...V, data: V.data.map((x) => x / context.length) }
    const sum = cbow(2, context, scaledV, outside, naiveSoftmaxLossAndGradient)
    expect(mean.loss).toBeCloseTo(sum.loss, 12)
    mean.gradCenterVecs.data.forEach((g, i) => expect(g).toBeCloseTo(sum.gradCenterVecs.data[i]! / context.length, 12))
  })

  it('the course sampler never returns the outside word and keeps repeats', () => {
    const r = new Random(3)
    const sample = courseNegativeSampler(() => r.nextInt(3), 50)
    const negatives = sample(1)
    expect(negatives).toHaveLength(50)
    expect(negatives).not.toContain(1)
    expect(new Set(negatives)).toEqual(new Set([0, 2]))
  })

  it('negSamplingLoss draws negatives from the injected sampler once per pair', () => {
    const calls: number[] = []
    const lossFn = negSamplingLoss((o) => {
      calls.push(o)
      return [1, 1]
    })
    skipgram(0, [2, 3], V, outside, lossFn)
    expect(calls).toEqual([2, 3])
  })
})
