import { describe, expect, it } from 'vitest'
import { createSmoother, debiasedSmoothing } from '../../../src-renderer/src/charts/smoothing'

describe('debiasedSmoothing', () => {
  it('is the raw series at weight 0', () => {
    expect(debiasedSmoothing([3, 1, 4, 1, 5], 0)).toEqual([3, 1, 4, 1, 5])
  })

  it("computes TensorBoard's debiased EMA by hand", () => {
    // last: 0.5, 1.25, 2.125; debias: 1 − 0.5, 1 − 0.25, 1 − 0.125.
    const smoothed = debiasedSmoothing([1, 2, 3], 0.5)
    expect(smoothed[0]).toBeCloseTo(1, 12)
    expect(smoothed[1]).toBeCloseTo(1.25 / 0.75, 12)
    expect(smoothed[2]).toBeCloseTo(2.125 / 0.875, 12)
  })

  it('starts at the first value instead of being dragged towards 0', () => {
    for (const w of [0.6, 0.9, 0.99]) {
      const smoothed = debiasedSmoothing([7, 7, 7, 7], w)
      for (const s of smoothed) expect(s).toBeCloseTo(7, 10)
    }
  })

  it('skips non-finite values: NaN in their place, the rest as if they were absent', () => {
    const withGaps = debiasedSmoothing([1, Number.NaN, 3, Infinity, 2], 0.5)
    const without = debiasedSmoothing([1, 3, 2], 0.5)
    expect(withGaps[1]).toBeNaN()
    expect(withGaps[3]).toBeNaN()
    expect([withGaps[0], withGaps[2], withGaps[4]]).toEqual(without)
  })

  it('rejects weights outside [0, 1)', () => {
    expect(() => debiasedSmoothing([1], 1)).toThrow(/\[0, 1\)/)
    expect(() => debiasedSmoothing([1], -0.1)).toThrow(RangeError)
  })
})

describe('createSmoother', () => {
  it('extends a growing array incrementally to the same result as smoothing it whole', () => {
    const values: number[] = []
    const smoother = createSmoother(0.8)
    for (let i = 0; i < 100; i++) {
      values.push(Math.sin(i) + 2)
      if (i % 7 === 0) expect(smoother.update(values)).toHaveLength(i + 1)
    }
    expect(smoother.update(values)).toEqual(debiasedSmoothing(values, 0.8))
  })

  it('starts over for another array or one cut shorter', () => {
    const smoother = createSmoother(0.5)
    const first = [10, 10, 10]
    smoother.update(first)
    expect(smoother.update([1, 2])).toEqual(debiasedSmoothing([1, 2], 0.5))
    const shrinking = [5, 6, 7]
    smoother.update(shrinking)
    shrinking.length = 1
    shrinking.push(1)
    expect(smoother.update(shrinking)).toEqual(debiasedSmoothing([5, 1], 0.5))
  })

  it('starts over when the array was rewritten in place (old points merged) and then grew back', () => {
    const smoother = createSmoother(0.5)
    const values = [4, 8, 6, 2]
    smoother.update(values)
    // A store halving the curve: pairs merged in place, then a new batch brings it back to 4 points.
    values.splice(0, 4, 6, 4, 3, 3)
    expect(smoother.update(values)).toEqual(debiasedSmoothing([6, 4, 3, 3], 0.5))
  })
})
