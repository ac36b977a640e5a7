/**
 * The kernels' naive-softmax loss against the float64 core's (log-sum-exp), for scores far apart:
 * in float32, exp(s_o − max) is 0 below about −103, so a loss computed as log(Σ) − log(exp(s_o −
 * max)) is +∞ and the run stops as diverged while the parameters are finite.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matrixFromRows, naiveSoftmaxLossAndGradient } from '../../src-main/core/index'
import { PARAM } from '../../src-main/kernels/layout'
import { KERNEL_KINDS, type KernelKind, setUpKernel } from '../support/kernelHarness'
import { bigProblem } from '../support/wordVectorProblems'

/** One skip-gram naive-softmax step of the kernel on float32 copies of the vectors; its loss and updated parameters. */
function kernelStep(kind: KernelKind, centerWordVec: readonly number[], outsideVectors: readonly (readonly number[])[], outsideWordIdx: number) {
  const dim = centerWordVec.length
  const vocabSize = outsideVectors.length
  const setup = setUpKernel(kind, { model: 'skipgram', loss: 'naiveSoftmax', vocabSize, dim, window: 1, negatives: 0, cbowMean: false })
  const { f32, plan } = setup
  f32.set(centerWordVec, plan.syn0 / 4)
  outsideVectors.forEach((row, w) => f32.set(row, plan.syn1 / 4 + w * plan.stride))
  setup.i32[setup.block.pointer(PARAM.targets) / 4] = outsideWordIdx
  const loss = setup.kernel.skipgramPair(setup.block.offset, 0, 0.025)
  const parameters = [...f32.subarray(plan.syn0 / 4, plan.syn0 / 4 + plan.stride), ...f32.subarray(plan.syn1 / 4, plan.syn1 / 4 + vocabSize * plan.stride)]
  return { loss, parameters }
}

/** The core's loss on the same float32 values the kernel holds, and the largest score (the scale of float32 rounding in them). */
function coreLoss(centerWordVec: readonly number[], outsideVectors: readonly (readonly number[])[], outsideWordIdx: number) {
  const vc = Float64Array.from(centerWordVec, Math.fround)
  const U = matrixFromRows(outsideVectors.map((row) => row.map(Math.fround)))
  const scores = outsideVectors.map((row) => row.reduce((s, x, k) => s + Math.fround(x) * vc[k]!, 0))
  return { loss: naiveSoftmaxLossAndGradient(vc, outsideWordIdx, U).loss, scale: Math.max(1, ...scores.map(Math.abs)) }
}

describe.each(KERNEL_KINDS)('%s kernel: naive-softmax loss', (kind) => {
  it('is finite, non-negative and the core’s log-sum-exp loss, for coordinates up to |x| = 1e3', () => {
    fc.assert(
      fc.property(bigProblem, ({ centerWordVec, outsideVectors, outsideWordIdx }) => {
        const { loss, parameters } = kernelStep(kind, centerWordVec, outsideVectors, outsideWordIdx)
        const expected = coreLoss(centerWordVec, outsideVectors, outsideWordIdx)
        expect(Number.isFinite(loss)).toBe(true)
        expect(loss).toBeGreaterThanOrEqual(0)
        // Scores are float32 sums of products, each rounded relative to the largest score.
        expect(Math.abs(loss - expected.loss)).toBeLessThanOrEqual(1e-5 * expected.scale)
        expect(parameters.every(Number.isFinite)).toBe(true)
      }),
    )
  })

  it('stays finite when the true word scores far below the best (s_o − max = −400, where float32 exp is 0)', () => {
    const { loss } = kernelStep(kind, [1, 0, 0, 0], [[200, 0, 0, 0], [-200, 0, 0, 0]], 1)
    expect(loss).toBeCloseTo(400, 3)
  })
})
