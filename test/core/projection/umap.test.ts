import { describe, expect, it } from 'vitest'
import { ProjectionError, createUmap, runProjection } from '../../../src-main/core/projection/index'
import { expectSeededReplay, expectSeparatesClusters, finish, noise, twoClusters } from './fixtures'

describe('createUmap', () => {
  const clusters = twoClusters(40, 10, 12, 2)
  const options = { epochs: 150, seed: 3 }

  it('separates two well-separated Gaussian clusters', () => {
    expectSeparatesClusters(createUmap, clusters, options)
  })

  it('replays exactly with the same seed, and differs with another', () => {
    expectSeededReplay(createUmap, clusters, options, 4)
  })

  it('samples 5,000 of 12,000 rows by default and says so; a larger cap is honoured', () => {
    const input = noise(12_000, 2, 5)
    const run = createUmap(input, 12_000, 2, { seed: 1 })
    expect(run.rows).toHaveLength(5_000)
    expect(run.projection()).toMatchObject({ method: 'umap', sampled: true, cap: 5_000, inputRows: 12_000 })
    expect(run.projection().coordinates).toHaveLength(10_000)
    const wider = createUmap(input, 12_000, 2, { seed: 1, cap: 10_000 })
    expect(wider.rows).toHaveLength(10_000)
    expect(wider.cap).toBe(10_000)
  })

  it('projects a sample of the given cap end to end', () => {
    const run = createUmap(clusters.vectors, clusters.rows, clusters.dim, { ...options, cap: 30 })
    const { coordinates } = finish(run)
    expect(coordinates).toHaveLength(60)
    expect(run.sampled).toBe(true)
  })

  it('reports progress: preparing, then epochs up to the number umap-js planned', () => {
    const run = createUmap(clusters.vectors, clusters.rows, clusters.dim, {})
    expect(run.iterations).toBe(0)
    const first = run.step(10)
    expect(first.phase).toBe('layout')
    // umap-js plans 500 epochs for small sets when none is given.
    expect(run.iterations).toBe(500)
    const second = run.step(10)
    expect(second.iteration).toBe(10)
    expect(second.fraction).toBeGreaterThan(first.fraction)
    expect(second.coordinates.some((value) => value !== 0)).toBe(true)
  })

  it('stops when cancelled, directly or through runProjection', async () => {
    const run = createUmap(clusters.vectors, clusters.rows, clusters.dim, options)
    run.step()
    run.step(5)
    run.cancel()
    expect(run.step(50)).toMatchObject({ phase: 'cancelled', iteration: 5 })

    const second = createUmap(clusters.vectors, clusters.rows, clusters.dim, options)
    let reports = 0
    const outcome = runProjection(second, { onProgress: () => reports++, isCancelled: () => reports >= 2 })
    await expect(outcome).rejects.toMatchObject({ name: 'ProjectionError', kind: 'cancelled' })
    expect(second.projection().iteration).toBe(10)
  })

  it('works for a handful of points by shrinking the neighbourhood, and refuses fewer than three', () => {
    const small = finish(createUmap(noise(5, 4, 1), 5, 4, { epochs: 20 }))
    expect(small.coordinates.every(Number.isFinite)).toBe(true)
    expect(() => createUmap(noise(2, 4, 1), 2, 4)).toThrow(ProjectionError)
    expect(() => createUmap(clusters.vectors, clusters.rows, clusters.dim, { minDist: 5 })).toThrow(/minimum distance/)
  })
})
