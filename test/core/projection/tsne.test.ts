import { describe, expect, it } from 'vitest'
import { ProjectionError, type ProjectionStep, createTsne, runProjection } from '../../../src-main/core/projection/index'
import { QuadTree, tsneGradient } from '../../../src-main/core/projection/barnesHut'
import { NeighbourSearch } from '../../../src-main/core/projection/nearestNeighbours'
import { type SparseAffinities, conditionalAffinities, symmetricAffinities } from '../../../src-main/core/projection/tsneAffinities'
import { Random } from '../../../src-main/core/random'
import { expectSeededReplay, expectSeparatesClusters, finish, noise, twoClusters } from './fixtures'

describe('exact nearest neighbours', () => {
  it('lists each row\'s k nearest others, nearest first, as sorting all distances does', () => {
    const rows = 60
    const dim = 5
    const data = Float64Array.from(noise(rows, dim, 1))
    const k = 7
    const search = new NeighbourSearch(data, rows, dim, k)
    const { indices, squaredDistances } = search.finish()
    expect(search.fraction).toBe(1)
    for (let i = 0; i < rows; i++) {
      const all = Array.from({ length: rows }, (_, j) => j).filter((j) => j !== i).map((j) => {
        let d2 = 0
        for (let a = 0; a < dim; a++) d2 += (data[i * dim + a]! - data[j * dim + a]!) ** 2
        return { j, d2 }
      }).sort((x, y) => x.d2 - y.d2)
      expect(Array.from(indices.subarray(i * k, (i + 1) * k))).toEqual(all.slice(0, k).map((entry) => entry.j))
      all.slice(0, k).forEach((entry, m) => expect(squaredDistances[i * k + m]).toBeCloseTo(entry.d2, 9))
    }
  })
})

describe('t-SNE affinities', () => {
  it('give every row the requested perplexity, and a symmetric P that sums to 1', () => {
    const rows = 80
    const dim = 6
    const data = Float64Array.from(noise(rows, dim, 2))
    const perplexity = 10
    const neighbours = new NeighbourSearch(data, rows, dim, 3 * perplexity).finish()
    const conditional = conditionalAffinities(neighbours, rows, perplexity)
    for (let i = 0; i < rows; i++) {
      let entropy = 0
      for (let m = 0; m < neighbours.k; m++) {
        const p = conditional[i * neighbours.k + m]!
        if (p > 0) entropy -= p * Math.log(p)
      }
      expect(entropy).toBeCloseTo(Math.log(perplexity), 4)
    }
    const p = symmetricAffinities(neighbours, rows, conditional)
    const dense = new Map<string, number>()
    let total = 0
    for (let i = 0; i < rows; i++) {
      for (let e = p.rowStart[i]!; e < p.rowStart[i + 1]!; e++) {
        const key = `${i},${p.columns[e]}`
        expect(dense.has(key)).toBe(false)
        dense.set(key, p.values[e]!)
        total += p.values[e]!
      }
    }
    expect(total).toBeCloseTo(1, 12)
    for (const [key, value] of dense) {
      const [i, j] = key.split(',')
      expect(dense.get(`${j},${i}`)).toBe(value)
    }
  })
})

describe('the Barnes-Hut gradient', () => {
  function exactGradient(y: Float64Array, p: SparseAffinities): Float64Array {
    const n = p.rows
    const dense = new Float64Array(n * n)
    for (let i = 0; i < n; i++) for (let e = p.rowStart[i]!; e < p.rowStart[i + 1]!; e++) dense[i * n + p.columns[e]!] = p.values[e]!
    const q = (i: number, j: number): number => 1 / (1 + (y[2 * i]! - y[2 * j]!) ** 2 + (y[2 * i + 1]! - y[2 * j + 1]!) ** 2)
    let z = 0
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) z += q(i, j)
    const gradient = new Float64Array(2 * n)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue
        const factor = 4 * (dense[i * n + j]! - q(i, j) / z) * q(i, j)
        gradient[2 * i]! += factor * (y[2 * i]! - y[2 * j]!)
        gradient[2 * i + 1]! += factor * (y[2 * i + 1]! - y[2 * j + 1]!)
      }
    }
    return gradient
  }

  const rows = 40
  const data = Float64Array.from(noise(rows, 4, 3))
  const neighbours = new NeighbourSearch(data, rows, 4, 12).finish()
  const p = symmetricAffinities(neighbours, rows, conditionalAffinities(neighbours, rows, 4))
  const random = new Random(5)
  const y = Float64Array.from({ length: 2 * rows }, () => 2 * random.normal())
  // Two points on top of each other: the quadtree must neither recurse forever nor count a point against itself.
  y[2] = y[0]!
  y[3] = y[1]!
  const exact = exactGradient(y, p)

  it('is the exact t-SNE gradient with θ = 0', () => {
    const gradient = new Float64Array(2 * rows)
    tsneGradient(y, p, 1, 0, new QuadTree(), gradient)
    for (let k = 0; k < gradient.length; k++) expect(gradient[k]).toBeCloseTo(exact[k]!, 10)
  })

  it('stays close to it with θ = 0.5', () => {
    const gradient = new Float64Array(2 * rows)
    tsneGradient(y, p, 1, 0.5, new QuadTree(), gradient)
    let error = 0
    let size = 0
    for (let k = 0; k < gradient.length; k++) {
      error += (gradient[k]! - exact[k]!) ** 2
      size += exact[k]! ** 2
    }
    expect(Math.sqrt(error / size)).toBeLessThan(0.05)
  })
})

describe('createTsne', () => {
  const clusters = twoClusters(40, 10, 12, 1)
  const options = { iterations: 300, perplexity: 10, seed: 7 }


  it('separates two well-separated Gaussian clusters', () => {
    expectSeparatesClusters(createTsne, clusters, options)
  })

  it('replays exactly with the same seed, and differs with another', () => {
    expectSeededReplay(createTsne, clusters, options, 8)
  })

  it('samples 10,000 of 12,000 rows by default and says so', () => {
    const run = createTsne(noise(12_000, 2, 4), 12_000, 2, { seed: 1 })
    expect(run.rows).toHaveLength(10_000)
    expect(run.sampled).toBe(true)
    expect(run.cap).toBe(10_000)
    expect(run.inputRows).toBe(12_000)
    expect(new Set(run.rows).size).toBe(10_000)
    const projection = run.projection()
    expect(projection.coordinates).toHaveLength(20_000)
    expect(projection).toMatchObject({ method: 'tsne', sampled: true, cap: 10_000, inputRows: 12_000 })
  })

  it('projects a sample of the given cap end to end, and none below it', () => {
    const run = createTsne(clusters.vectors, clusters.rows, clusters.dim, { ...options, cap: 50 })
    finish(run)
    const projection = run.projection()
    expect(projection.rows).toHaveLength(50)
    expect(projection.coordinates).toHaveLength(100)
    expect(projection.sampled).toBe(true)
    expect(createTsne(clusters.vectors, clusters.rows, clusters.dim, options).sampled).toBe(false)
  })

  it('reports progress step by step: preparing, then iterations up to the total', () => {
    const run = createTsne(clusters.vectors, clusters.rows, clusters.dim, options)
    const steps: ProjectionStep[] = []
    do steps.push(run.step(40))
    while (steps.at(-1)!.phase !== 'done')
    expect(steps[0]!.phase).toBe('layout')
    const iterations = steps.map((step) => step.iteration)
    expect(iterations.slice(0, 4)).toEqual([0, 40, 80, 120])
    expect(iterations.at(-1)).toBe(300)
    const fractions = steps.map((step) => step.fraction)
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true)
    expect(fractions.at(-1)).toBe(1)
    expect(run.step(10).iteration).toBe(300)
  })

  it('stops when cancelled, directly or through runProjection', async () => {
    const run = createTsne(clusters.vectors, clusters.rows, clusters.dim, options)
    run.step()
    run.step(20)
    run.cancel()
    const after = run.step(50)
    expect(after.phase).toBe('cancelled')
    expect(after.iteration).toBe(20)

    const second = createTsne(clusters.vectors, clusters.rows, clusters.dim, options)
    let reports = 0
    const outcome = runProjection(second, { iterationsPerStep: 10, onProgress: () => reports++, isCancelled: () => reports >= 3 })
    await expect(outcome).rejects.toMatchObject({ name: 'ProjectionError', kind: 'cancelled' })
    expect(reports).toBe(3)
    expect(second.phase).toBe('cancelled')
    expect(second.projection().iteration).toBe(20)
  })

  it('runs to the end through runProjection with progress reports', async () => {
    const run = createTsne(clusters.vectors, clusters.rows, clusters.dim, { ...options, iterations: 60 })
    const seen: number[] = []
    const projection = await runProjection(run, { iterationsPerStep: 20, onProgress: (step) => seen.push(step.iteration) })
    expect(seen).toEqual([0, 20, 40, 60])
    expect(projection.iteration).toBe(60)
    expect(projection.method).toBe('tsne')
  })

  it('lowers the perplexity for small sets, keeps identical rows from making NaN, and refuses bad input', () => {
    const rows = 12
    const vectors = noise(rows, 3, 6)
    vectors.copyWithin(3, 0, 3)
    const run = createTsne(vectors, rows, 3, { iterations: 100 })
    expect(run.settings.perplexity).toBeCloseTo(11 / 3, 12)
    let step: ProjectionStep
    do step = run.step(25)
    while (step.phase !== 'done')
    expect(step.coordinates.every(Number.isFinite)).toBe(true)
    expect(() => createTsne(noise(3, 3, 1), 3, 3)).toThrow(ProjectionError)
    expect(() => createTsne(noise(3, 3, 1), 3, 3)).toThrow(/at least 4 points/)
    expect(() => createTsne(clusters.vectors, clusters.rows, clusters.dim, { perplexity: -1 })).toThrow(/perplexity/)
    const broken = clusters.vectors.slice()
    broken[7 * clusters.dim + 2] = Number.NaN
    expect(() => createTsne(broken, clusters.rows, clusters.dim)).toThrow(/Row 7 of the vectors holds NaN/)
    expect(() => createTsne(broken, clusters.rows - 1, clusters.dim)).toThrow(/not 79 rows of dimension 10/)
  })
})
