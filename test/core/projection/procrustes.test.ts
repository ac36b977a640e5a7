import { describe, expect, it } from 'vitest'
import { ProjectionError, alignToPrevious, procrustes2d, rowsOfWords, sampleRows } from '../../../src-main/core/projection/index'
import { Random } from '../../../src-main/core/random'

function frame(points: number, seed: number): Float64Array {
  const random = new Random(seed)
  return Float64Array.from({ length: 2 * points }, () => 3 * random.normal())
}

/** (x, y) ↦ (x, y) R + t with R = [[a, b], [c, d]]. */
function moved(points: Float64Array, [a, b, c, d]: number[], [tx, ty]: number[]): Float64Array {
  const out = new Float64Array(points.length)
  for (let i = 0; i < points.length / 2; i++) {
    const x = points[2 * i]!
    const y = points[2 * i + 1]!
    out[2 * i] = x * a! + y * c! + tx!
    out[2 * i + 1] = x * b! + y * d! + ty!
  }
  return out
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!))
  return worst
}

describe('Procrustes alignment', () => {
  const original = frame(60, 1)
  const angle = 2.3
  const rotation = [Math.cos(angle), Math.sin(angle), -Math.sin(angle), Math.cos(angle)]
  const reflection = [Math.cos(angle), Math.sin(angle), Math.sin(angle), -Math.cos(angle)]

  it('turns a rotated and shifted copy of a frame back onto it within 1e-9', () => {
    const copy = moved(original, rotation, [5, -2])
    expect(maxDifference(alignToPrevious(copy, original), original)).toBeLessThan(1e-9)
    expect(procrustes2d(copy, original).reflection).toBe(false)
  })

  it('undoes a reflection (a flipped axis) within 1e-9', () => {
    const copy = moved(original, reflection, [0.5, 0.25])
    expect(maxDifference(alignToPrevious(copy, original), original)).toBeLessThan(1e-9)
    expect(procrustes2d(copy, original).reflection).toBe(true)
    const flipped = Float64Array.from(original, (value, k) => (k % 2 === 1 ? -value : value))
    expect(maxDifference(alignToPrevious(flipped, original), original)).toBeLessThan(1e-9)
  })

  it('returns the inverse of the motion applied, as an orthogonal matrix', () => {
    const r = procrustes2d(moved(original, rotation, [0, 0]), original, true)
    const [a, b, c, d] = r.matrix
    // R0 R = I for the rotation R0 that was applied.
    expect(rotation[0]! * a + rotation[1]! * c).toBeCloseTo(1, 12)
    expect(rotation[0]! * b + rotation[1]! * d).toBeCloseTo(0, 12)
    expect(a * a + b * b).toBeCloseTo(1, 12)
  })

  it('moves noisy frames no more than it must: the result is closer than the input, and shape is kept', () => {
    const random = new Random(8)
    const noisy = moved(original, rotation, [1, 1]).map((value) => value + 0.1 * random.normal())
    const aligned = alignToPrevious(noisy, original)
    expect(maxDifference(aligned, original)).toBeLessThan(0.5)
    const distance = (points: ArrayLike<number>, i: number, j: number): number => Math.hypot(points[2 * i]! - points[2 * j]!, points[2 * i + 1]! - points[2 * j + 1]!)
    expect(distance(aligned, 3, 17)).toBeCloseTo(distance(noisy, 3, 17), 9)
  })

  it('keeps the array type: float32 frames stay float32', () => {
    const copy = Float32Array.from(moved(original, rotation, [0, 0]))
    const aligned = alignToPrevious(copy, original)
    expect(aligned).toBeInstanceOf(Float32Array)
    expect(maxDifference(aligned, original)).toBeLessThan(1e-5)
  })

  it('refuses frames of different sizes with a typed error', () => {
    expect(() => alignToPrevious(new Float32Array(6), new Float32Array(8))).toThrow(ProjectionError)
  })
})

describe('row selection', () => {
  it('samples without replacement, ascending, replayable by seed, only beyond the cap', () => {
    const a = sampleRows(12_000, 10_000, new Random(1))
    expect(a.sampled).toBe(true)
    expect(a.rows).toHaveLength(10_000)
    expect(new Set(a.rows).size).toBe(10_000)
    expect(a.rows.every((row, i) => row >= 0 && row < 12_000 && (i === 0 || row > a.rows[i - 1]!))).toBe(true)
    expect(Array.from(sampleRows(12_000, 10_000, new Random(1)).rows)).toEqual(Array.from(a.rows))
    expect(Array.from(sampleRows(12_000, 10_000, new Random(2)).rows)).not.toEqual(Array.from(a.rows))
    const small = sampleRows(40, 10_000, new Random(1))
    expect(small.sampled).toBe(false)
    expect(Array.from(small.rows)).toEqual(Array.from({ length: 40 }, (_, i) => i))
    expect(sampleRows(40, null, new Random(1)).sampled).toBe(false)
    expect(() => sampleRows(40, 0, new Random(1))).toThrow(ProjectionError)
  })

  it('finds the rows of words, first occurrence in the vocabulary wins', () => {
    const result = rowsOfWords({ words: ['a', 'b', 'a', 'c'] }, ['c', 'a', 'x'])
    expect(Array.from(result.rows)).toEqual([3, 0])
    expect(result.missing).toEqual(['x'])
  })
})
