import { describe, expect, it } from 'vitest'
import { Random } from '../../src-main/core/index'

describe('Random', () => {
  it('replays the same sequence from the same seed and differs across seeds', () => {
    const a = new Random(1)
    const b = new Random(1)
    const c = new Random(2)
    const seqA = Array.from({ length: 10 }, () => a.nextUint32())
    expect(Array.from({ length: 10 }, () => b.nextUint32())).toEqual(seqA)
    expect(Array.from({ length: 10 }, () => c.nextUint32())).not.toEqual(seqA)
  })

  it('restores a saved state exactly, including a pending normal draw', () => {
    const r = new Random(9)
    r.normal() // leaves the second Box–Muller value pending
    const state = r.getState()
    const after = [r.normal(), r.nextFloat(), r.nextInt(7)]
    r.setState(state)
    expect([r.normal(), r.nextFloat(), r.nextInt(7)]).toEqual(after)
  })

  it('draws integers in range, roughly uniformly', () => {
    const r = new Random(123)
    const counts = new Array(5).fill(0)
    for (let i = 0; i < 50_000; i++) counts[r.randint(0, 4)]++
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500)
  })

  it('draws floats in [0, 1) and standard normals with mean 0 and variance 1', () => {
    const r = new Random(321)
    const n = 100_000
    let sum = 0
    let sumSq = 0
    for (let i = 0; i < n; i++) {
      const f = r.nextFloat()
      expect(f >= 0 && f < 1).toBe(true)
      const z = r.normal()
      sum += z
      sumSq += z * z
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02)
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02)
  })

  it('refuses a seed that is not an integer', () => {
    expect(() => new Random(0.5)).toThrow(/must be an integer/)
  })
})
