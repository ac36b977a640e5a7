import { describe, expect, it } from 'vitest'
import { Random, sgd, type SgdProgress, type SgdState } from '../../src-main/core/index'

const quad = (x: Float64Array) => ({ loss: x.reduce((s, xi) => s + xi * xi, 0), grad: x.map((xi) => 2 * xi) })

describe('sgd', () => {
  it.each([[0.5], [0.0], [-1.5]])('minimises a quadratic from %s (the course’s sanity check)', (start) => {
    const { x } = sgd(quad, Float64Array.of(start), 0.01, 1000, { printEvery: 100 })
    expect(Math.abs(x[0]!)).toBeLessThanOrEqual(1e-6)
  })

  it('halves the step every annealEvery iterations and reports the loss average', () => {
    const reports: SgdProgress[] = []
    const end = sgd(quad, Float64Array.of(3, -4), 0.1, 50, { annealEvery: 20, printEvery: 10, onProgress: (p) => reports.push(p) })
    expect(reports.map((r) => r.iteration)).toEqual([10, 20, 30, 40, 50])
    expect(reports.map((r) => r.step)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025])
    expect(end.step).toBe(0.025)
    expect(reports[0]!.expLoss).toBe(reports[0]!.loss)
    expect(reports[1]!.expLoss).toBeCloseTo(0.95 * reports[0]!.expLoss + 0.05 * reports[1]!.loss, 15)
  })

  it('resumed from a saved state, continues the identical trajectory', () => {
    // A noisy objective, so the generator's state matters as much as x.
    const noisy = (random: Random) => (x: Float64Array) => {
      const noise = x.map(() => 0.1 * random.normal())
      return { loss: quad(x).loss + noise.reduce((s, n) => s + n, 0), grad: x.map((xi, i) => 2 * xi + noise[i]!) }
    }
    const options = { annealEvery: 25, printEvery: 5, saveEvery: 30 }

    const unbroken: SgdProgress[] = []
    const randomA = new Random(42)
    const full = sgd(noisy(randomA), Float64Array.of(1, 2, 3), 0.05, 100, { ...options, random: randomA, onProgress: (p) => unbroken.push(p) })

    const saves: SgdState[] = []
    const randomB = new Random(42)
    sgd(noisy(randomB), Float64Array.of(1, 2, 3), 0.05, 100, { ...options, random: randomB, save: (s) => saves.push(s), shouldStop: () => saves.length === 2 })
    expect(saves.map((s) => s.iteration)).toEqual([30, 60])

    const resumedReports: SgdProgress[] = []
    const randomC = new Random(999) // a different seed: the saved state must override it
    const resumed = sgd(noisy(randomC), Float64Array.of(0, 0, 0), 0.05, 100, {
      ...options, random: randomC, resumeFrom: saves[1], onProgress: (p) => resumedReports.push(p),
    })

    expect(resumed.iteration).toBe(100)
    expect(Array.from(resumed.x)).toEqual(Array.from(full.x))
    expect(resumed.step).toBe(full.step)
    expect(resumedReports).toEqual(unbroken.filter((p) => p.iteration > 60))
  })

  it('does not modify x0 and stops early when asked', () => {
    const x0 = Float64Array.of(1)
    let calls = 0
    const end = sgd(quad, x0, 0.1, 100, { shouldStop: () => ++calls > 7 })
    expect(end.iteration).toBe(7)
    expect(x0[0]).toBe(1)
  })
})
