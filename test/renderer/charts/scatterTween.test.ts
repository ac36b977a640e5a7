import { describe, expect, it } from 'vitest'
import { easeOutCubic, planTransition, pointsAt, pointsExtent, snapshotPoints } from '../../../src-renderer/src/charts/scatterTween'

describe('scatter tween', () => {
  it('reads point i at (coordinates[2i], coordinates[2i + 1]), leaving out words without finite coordinates', () => {
    expect(snapshotPoints(['king', 'queen', 'man'], [1, 2, Number.NaN, 0, 3])).toEqual([{ word: 'king', x: 1, y: 2, opacity: 1 }])
  })

  it('moves known words from where they are drawn, fades new ones in where they land and drops vanished ones', () => {
    const drawn = snapshotPoints(['king', 'queen'], [0, 0, 10, 10])
    const target = snapshotPoints(['queen', 'man'], [20, 0, 5, 5])
    const transition = planTransition(drawn, target)
    const start = pointsAt(transition, 0)
    expect(start).toEqual([
      { word: 'queen', x: 10, y: 10, opacity: 1 },
      { word: 'man', x: 5, y: 5, opacity: 0 },
    ])
    const middle = pointsAt(transition, 0.5)
    const e = easeOutCubic(0.5)
    expect(middle[0]!.x).toBeCloseTo(10 + 10 * e)
    expect(middle[0]!.y).toBeCloseTo(10 - 10 * e)
    expect(middle[1]!.opacity).toBeCloseTo(e)
    expect(pointsAt(transition, 1)).toEqual(target)
    expect(pointsAt(transition, 7)).toEqual(target)
  })

  it('continues from a half-finished move rather than restarting it', () => {
    const first = planTransition([], snapshotPoints(['a'], [0, 0]))
    const halfway = pointsAt(planTransition(pointsAt(first, 1), snapshotPoints(['a'], [10, 0])), 0.5)
    const next = planTransition(halfway, snapshotPoints(['a'], [-10, 0]))
    expect(pointsAt(next, 0)[0]!.x).toBeCloseTo(halfway[0]!.x)
  })

  it('eases out: quick at first, settling at the end, clamped to [0, 1]', () => {
    expect(easeOutCubic(0)).toBe(0)
    expect(easeOutCubic(1)).toBe(1)
    expect(easeOutCubic(0.25)).toBeGreaterThan(0.25)
    expect(easeOutCubic(-1)).toBe(0)
    expect(easeOutCubic(2)).toBe(1)
  })

  it('fits the axes to the points a move ends at, padded, whatever it started from, and gives a single point some room', () => {
    const transition = planTransition(snapshotPoints(['a', 'b'], [-500, 0, 900, 5]), snapshotPoints(['a', 'b'], [-10, 0, 10, 20]))
    const extent = pointsExtent(transition.to, 0.1)
    expect(extent.x).toEqual([-12, 12])
    expect(extent.y[0]).toBeCloseTo(-2)
    expect(extent.y[1]).toBeCloseTo(22)
    const single = pointsExtent(snapshotPoints(['a'], [3, 3]))
    expect(single.x[0]).toBeLessThan(3)
    expect(single.x[1]).toBeGreaterThan(3)
  })
})
