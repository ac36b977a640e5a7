import { describe, expect, it } from 'vitest'
import { downsampleLttb, MAX_POINTS_PER_SERIES } from '../../../src-renderer/src/charts/downsample'

describe('downsampleLttb', () => {
  it('returns short series whole, as pairs, without non-finite points', () => {
    expect(downsampleLttb([0, 1, 2, 3], [5, Number.NaN, 4, 3])).toEqual([
      [0, 5],
      [2, 4],
      [3, 3],
    ])
  })

  it('cuts a long series to the budget, keeping the first and last points in order', () => {
    const n = 200_000
    const x = Array.from({ length: n }, (_, i) => i * 10)
    const y = x.map((v) => 5 + Math.sin(v / 1e4) + 1 / (1 + v))
    const sampled = downsampleLttb(x, y)
    expect(sampled.length).toBe(MAX_POINTS_PER_SERIES)
    expect(sampled[0]).toEqual([0, y[0]])
    expect(sampled.at(-1)).toEqual([x[n - 1], y[n - 1]])
    for (let i = 1; i < sampled.length; i++) expect(sampled[i]![0]).toBeGreaterThan(sampled[i - 1]![0])
  })

  it('keeps a lone spike that a stride would skip', () => {
    const n = 50_000
    const x = Array.from({ length: n }, (_, i) => i)
    const y = x.map(() => 1)
    y[12_345] = 40
    const sampled = downsampleLttb(x, y, 500)
    expect(sampled).toContainEqual([12_345, 40])
  })

  it('counts only finite points against the budget and never returns a non-finite one', () => {
    const n = 10_000
    const x = Array.from({ length: n }, (_, i) => i)
    const y = x.map((i) => (i % 2 === 0 ? Number.NaN : i))
    const sampled = downsampleLttb(x, y, 100)
    expect(sampled.length).toBe(100)
    expect(sampled.every(([, v]) => Number.isFinite(v))).toBe(true)
    expect(sampled[0]).toEqual([1, 1])
    expect(sampled.at(-1)).toEqual([9999, 9999])
  })

  it('needs room for at least three points', () => {
    expect(() => downsampleLttb([1], [1], 2)).toThrow(RangeError)
  })
})
