import { describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/index'
import { SparseRowGradient, TrainingResumeError, createOptimizer, type OptimizerKind } from '../../../src-main/core/training/index'

/** A sparse gradient of a rows × dim matrix holding the given rows. */
function gradient(rowCount: number, dim: number, rows: Record<number, number[]>): SparseRowGradient {
  const g = new SparseRowGradient(rowCount, dim)
  for (const [row, values] of Object.entries(rows)) {
    const offset = g.rowOffset(Number(row))
    values.forEach((v, k) => (g.values[offset + k] = v))
  }
  return g
}

describe('sparse optimizers', () => {
  it('sgd subtracts step · g from the touched rows only', () => {
    const random = new Random(3)
    const x = Float64Array.from({ length: 12 }, () => random.normal())
    const before = Float64Array.from(x)
    const g = gradient(4, 3, { 1: [0.5, -2, 3], 3: [1, 1, -1] })
    createOptimizer('sgd', [12]).update([x], [g], 0.1)
    const expected = Float64Array.from(before)
    const dense = g.toDense()
    for (const i of [3, 4, 5, 9, 10, 11]) expected[i] = before[i]! - 0.1 * dense[i]!
    expect(x).toEqual(expected)
  })

  it('momentum matches hand-computed values over two steps and leaves untouched rows and velocity alone', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5, 6)
    const opt = createOptimizer('momentum', [6])
    opt.update([x], [gradient(3, 2, { 0: [0.5, -1] })], 0.1)
    // v0 = (0.5, −1); x0 = (1 − 0.05, 2 + 0.1)
    expect(x[0]).toBeCloseTo(0.95, 15)
    expect(x[1]).toBeCloseTo(2.1, 15)
    opt.update([x], [gradient(3, 2, { 0: [1, 0], 2: [2, 2] })], 0.1)
    // v0 = 0.9·(0.5, −1) + (1, 0) = (1.45, −0.9); x0 = (0.95 − 0.145, 2.1 + 0.09); v2 = (2, 2), x2 = (5 − 0.2, 6 − 0.2)
    expect([...x].map((v) => Number(v.toFixed(12)))).toEqual([0.805, 2.19, 3, 4, 4.8, 5.8])
    const { slots, stepCount } = opt.exportState()
    expect(stepCount).toBe(2)
    expect([...slots[0]![0]!].map((v) => Number(v.toFixed(12)))).toEqual([1.45, -0.9, 0, 0, 2, 2])

    // A step that touches only row 2 must not decay row 0's velocity (lazy) nor move row 0.
    opt.update([x], [gradient(3, 2, { 2: [0, 0] })], 0.1)
    expect(x[0]).toBeCloseTo(0.805, 12)
    expect(opt.exportState().slots[0]![0]![0]).toBeCloseTo(1.45, 12)
  })

  it('adam matches hand-computed values over two steps, with bias correction from the global step', () => {
    const x = Float64Array.of(1, 3)
    const opt = createOptimizer('adam', [2])
    opt.update([x], [gradient(2, 1, { 0: [0.5] })], 0.1)
    // m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25: x = 1 − 0.1 · 0.5 / (0.5 + 1e−8)
    expect(x[0]).toBeCloseTo(0.900000002, 12)
    expect(x[1]).toBe(3)
    opt.update([x], [gradient(2, 1, { 0: [-1], 1: [2] })], 0.1)
    // Row 0: m = −0.055, v = 0.00124975, t = 2. Row 1 is touched first at t = 2: m = 0.2, v = 0.004.
    expect(x[0]).toBeCloseTo(0.9366103542405654, 12)
    expect(x[1]).toBeCloseTo(2.9255863181693544, 12)
    const [m, v] = opt.exportState().slots[0]!
    expect(m![0]).toBeCloseTo(-0.055, 15)
    expect(v![0]).toBeCloseTo(0.00124975, 15)
  })

  it.each(['sgd', 'momentum', 'adam'] as OptimizerKind[])('%s: rows absent from the gradient keep their values and state', (kind) => {
    const random = new Random(9)
    const x = Float64Array.from({ length: 20 }, () => random.normal())
    const y = Float64Array.from({ length: 20 }, () => random.normal())
    const opt = createOptimizer(kind, [20, 20])
    opt.update([x, y], [gradient(10, 2, { 1: [1, 1], 5: [2, -1] }), gradient(10, 2, { 7: [3, 3] })], 0.01)
    const xBefore = Float64Array.from(x)
    const yBefore = Float64Array.from(y)
    const stateBefore = opt.exportState()
    opt.update([x, y], [gradient(10, 2, { 2: [1, -0.5] }), gradient(10, 2, { 0: [0.2, 1] })], 0.01)
    const stateAfter = opt.exportState()
    const changed = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a, (_, i) => i).filter((i) => a[i] !== b[i])
    expect(changed(x, xBefore)).toEqual([4, 5])
    expect(changed(y, yBefore)).toEqual([0, 1])
    stateAfter.slots.forEach((slots, i) => slots.forEach((a, j) => {
      const touched = i === 0 ? [4, 5] : [0, 1]
      expect(changed(a, stateBefore.slots[i]![j]!).every((k) => touched.includes(k))).toBe(true)
    }))
  })

  it('continues exactly from an exported state', () => {
    const steps: Record<number, number[]>[] = [{ 0: [1, 2] }, { 1: [-1, 0.5], 0: [0.3, 0.3] }, { 1: [2, 2] }, { 0: [-0.7, 1] }]
    const run = (resumeAt: number | null) => {
      const x = Float64Array.of(1, 1, 1, 1)
      let opt = createOptimizer('adam', [4])
      steps.forEach((rows, i) => {
        if (i === resumeAt) opt = createOptimizer('adam', [4], {}, opt.exportState())
        opt.update([x], [gradient(2, 2, rows)], 0.05)
      })
      return x
    }
    expect(run(2)).toEqual(run(null))
  })

  it('exportState is a copy, and a state of another kind or size is refused', () => {
    const opt = createOptimizer('momentum', [4])
    const state = opt.exportState()
    opt.update([new Float64Array(4)], [gradient(2, 2, { 0: [1, 1] })], 1)
    expect([...state.slots[0]![0]!]).toEqual([0, 0, 0, 0])
    expect(() => createOptimizer('adam', [4], {}, state)).toThrow(TrainingResumeError)
    expect(() => createOptimizer('adam', [4], {}, state)).toThrow(/saved optimizer state is for momentum, but this run uses adam/)
    expect(() => createOptimizer('momentum', [6], {}, state)).toThrow(/another vocabulary or dimension/)
  })
})
