import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cbow, matrixFromRows, naiveSoftmaxLossAndGradient, negSamplingLoss, negSamplingLossAndGradient, sigmoid, skipgram, softmax,
} from '../../src-main/core/index'
import { bigProblem, finite } from '../support/wordVectorProblems'

const allFinite = (...arrays: ArrayLike<number>[]) => arrays.every((a) => Array.from(a).every(Number.isFinite))

describe('properties', () => {
  it('softmax is unchanged by adding a constant to every input', () => {
    fc.assert(
      fc.property(fc.array(finite(1e3), { minLength: 1, maxLength: 20 }), finite(1e3), (x, c) => {
        const a = softmax(x)
        const b = softmax(x.map((xi) => xi + c))
        // Adding c rounds each input by up to |x + c|·2⁻⁵³, so compare to that precision.
        a.forEach((p, i) => expect(Math.abs(p - b[i]!)).toBeLessThan(1e-9))
        expect(a.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12)
      }),
    )
  })

  it('sigmoid(−x) = 1 − sigmoid(x)', () => {
    fc.assert(
      fc.property(finite(1e3), (x) => {
        // Each side carries the rounding of its own exp and division, so a few units in the last
        // place of 1, not half of one (x = 1.1582056556503784 differs by 1.39e-16 > 2^-53).
        expect(Math.abs(sigmoid(-x) - (1 - sigmoid(x)))).toBeLessThanOrEqual(2 ** -51)
        expect(sigmoid(x)).toBeGreaterThanOrEqual(0)
        expect(sigmoid(x)).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('losses and gradients are finite for coordinates up to |x| = 1e3', () => {
    fc.assert(
      fc.property(bigProblem, ({ centerWordVec, outsideVectors, outsideWordIdx, negatives }) => {
        const vc = Float64Array.from(centerWordVec)
        const U = matrixFromRows(outsideVectors)
        const naive = naiveSoftmaxLossAndGradient(vc, outsideWordIdx, U)
        const neg = negSamplingLossAndGradient(vc, outsideWordIdx, U, negatives)
        for (const r of [naive, neg]) {
          expect(Number.isFinite(r.loss)).toBe(true)
          expect(r.loss).toBeGreaterThanOrEqual(0)
          expect(allFinite(r.gradCenterVec, r.gradOutsideVecs.data)).toBe(true)
        }
        const V = matrixFromRows(outsideVectors.map((r) => r.map((x) => -x)))
        const context = negatives
        for (const lossFn of [naiveSoftmaxLossAndGradient, negSamplingLoss(() => negatives)]) {
          for (const r of [
            skipgram(outsideWordIdx, context, V, U, lossFn),
            cbow(outsideWordIdx, context, V, U, lossFn),
            cbow(outsideWordIdx, context, V, U, lossFn, { mean: true }),
          ]) {
            expect(Number.isFinite(r.loss)).toBe(true)
            expect(allFinite(r.gradCenterVecs.data, r.gradOutsideVectors.data)).toBe(true)
          }
        }
      }),
    )
  })
})
