/** Small data sets with a known answer for the projection tests. */
import { expect } from 'vitest'
import type { ProjectionMetric, ProjectionRun, ProjectionStep } from '../../../src-main/core/projection/index'
import { Random } from '../../../src-main/core/random'

/** Two Gaussian clusters in `dim` dimensions, unit spread, centres ±separation/2 apart along the first axis; the first half of the rows is cluster 0. */
export function twoClusters(perCluster: number, dim: number, separation: number, seed: number): { vectors: Float32Array; rows: number; dim: number; label: (row: number) => number } {
  const random = new Random(seed)
  const rows = 2 * perCluster
  const vectors = new Float32Array(rows * dim)
  for (let i = 0; i < rows; i++) {
    const centre = i < perCluster ? separation / 2 : -separation / 2
    for (let k = 0; k < dim; k++) vectors[i * dim + k] = random.normal() + (k === 0 ? centre : 0)
  }
  return { vectors, rows, dim, label: (row) => (row < perCluster ? 0 : 1) }
}

/**
 * How well a 2-D layout separates two labelled groups: the distance between their centroids
 * over the root-mean-square distance of points to their own centroid, and whether every point
 * is nearer its own centroid than the other.
 */
export function separation(coordinates: ArrayLike<number>, labelOfPoint: (point: number) => number): { ratio: number; allNearestOwn: boolean } {
  const n = coordinates.length / 2
  const sum = [[0, 0], [0, 0]]
  const count = [0, 0]
  for (let i = 0; i < n; i++) {
    const l = labelOfPoint(i)
    sum[l]![0]! += coordinates[2 * i]!
    sum[l]![1]! += coordinates[2 * i + 1]!
    count[l]!++
  }
  const centroid = sum.map(([x, y], l) => [x! / count[l]!, y! / count[l]!] as const)
  let spread = 0
  let allNearestOwn = true
  for (let i = 0; i < n; i++) {
    const l = labelOfPoint(i)
    const own = Math.hypot(coordinates[2 * i]! - centroid[l]![0], coordinates[2 * i + 1]! - centroid[l]![1])
    const other = Math.hypot(coordinates[2 * i]! - centroid[1 - l]![0], coordinates[2 * i + 1]! - centroid[1 - l]![1])
    spread += own * own
    if (own >= other) allNearestOwn = false
  }
  const between = Math.hypot(centroid[0]![0] - centroid[1]![0], centroid[0]![1] - centroid[1]![1])
  return { ratio: between / Math.sqrt(spread / n), allNearestOwn }
}

/** Rows of standard normal noise. */
export function noise(rows: number, dim: number, seed: number): Float32Array {
  const random = new Random(seed)
  return Float32Array.from({ length: rows * dim }, () => random.normal())
}

/** Steps a run to the end. */
export function finish(run: ProjectionRun, perStep = 50): ProjectionStep {
  let step: ProjectionStep
  do step = run.step(perStep)
  while (step.phase !== 'done')
  return step
}

type Clusters = ReturnType<typeof twoClusters>
type CreateRun<O> = (vectors: Float32Array, rows: number, dim: number, options: O) => ProjectionRun

/** Two Gaussian clusters far apart stay apart in 2-D, under both metrics. */
export function expectSeparatesClusters<O extends object>(create: CreateRun<O>, clusters: Clusters, options: O): void {
  for (const metric of ['cosine', 'euclidean'] as const) {
    const run = create(clusters.vectors, clusters.rows, clusters.dim, { ...options, metric } as O & { metric: ProjectionMetric })
    const { coordinates } = finish(run)
    expect(coordinates.every(Number.isFinite)).toBe(true)
    const { ratio, allNearestOwn } = separation(coordinates, (point) => clusters.label(run.rows[point]!))
    expect(allNearestOwn).toBe(true)
    expect(ratio).toBeGreaterThan(3)
  }
}

/** The same seed replays a run exactly; another seed does not. */
export function expectSeededReplay<O extends object>(create: CreateRun<O>, clusters: Clusters, options: O, otherSeed: number): void {
  const run = (o: O): number[] => Array.from(finish(create(clusters.vectors, clusters.rows, clusters.dim, o)).coordinates)
  const a = run(options)
  expect(run(options)).toEqual(a)
  expect(run({ ...options, seed: otherSeed } as O)).not.toEqual(a)
}
