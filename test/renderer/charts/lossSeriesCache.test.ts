import { describe, expect, it } from 'vitest'
import { downsampleLttb } from '../../../src-renderer/src/charts/downsample'
import { createLossSeriesCache } from '../../../src-renderer/src/charts/lossSeriesCache'
import { debiasedSmoothing } from '../../../src-renderer/src/charts/smoothing'

describe('createLossSeriesCache', () => {
  it('smooths each run incrementally and starts over on a new weight', () => {
    const cache = createLossSeriesCache()
    const loss = [4, 2]
    expect(cache.smoothed('a', loss, 0.5)).toEqual(debiasedSmoothing(loss, 0.5))
    loss.push(8)
    expect(cache.smoothed('a', loss, 0.5)).toEqual(debiasedSmoothing(loss, 0.5))
    expect(cache.smoothed('a', loss, 0.9)).toEqual(debiasedSmoothing(loss, 0.9))
  })

  it('samples a curve again only when its points changed', () => {
    const cache = createLossSeriesCache()
    const x = [1, 2, 3]
    const y = [3, 2, 1]
    const first = cache.sampled('a:raw', x, y, false)
    expect(first).toEqual(downsampleLttb(x, y))
    expect(cache.sampled('a:raw', x, y, false)).toBe(first)
    x.push(4)
    y.push(0.5)
    const grown = cache.sampled('a:raw', x, y, false)
    expect(grown).toEqual([[1, 3], [2, 2], [3, 1], [4, 0.5]])
    // The same length but rewritten in place: sampled again.
    y[3] = 0.25
    expect(cache.sampled('a:raw', x, y, false).at(-1)).toEqual([4, 0.25])
    // A log axis drops what it cannot place.
    y[0] = 0
    expect(cache.sampled('a:raw', x, y, true)[0]).toEqual([2, 2])
  })

  it('forgets runs that are no longer drawn', () => {
    const cache = createLossSeriesCache()
    const x = [1, 2]
    const y = [2, 1]
    const kept = cache.sampled('run:1:raw', x, y, false)
    const dropped = cache.sampled('run:2:raw', x, y, false)
    cache.retain(new Set(['run:1']))
    expect(cache.sampled('run:1:raw', x, y, false)).toBe(kept)
    expect(cache.sampled('run:2:raw', x, y, false)).not.toBe(dropped)
  })
})
