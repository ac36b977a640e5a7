/**
 * UMAP to 2-D through umap-js (the library the Embedding Projector uses). As the Projector does,
 * we find the neighbours ourselves — exactly, in slices with progress — and hand them to umap-js
 * (`setPrecomputedKNN`); umap-js then builds its fuzzy graph (`initializeFit`) and lays it out
 * one epoch per `step()`. Its only randomness (initial layout, negative samples) comes from the
 * `random` function it takes, which we feed from our seeded `Random`: runs replay exactly.
 */
import { UMAP } from 'umap-js'
import { Random } from '../random'
import { NeighbourSearch } from './nearestNeighbours'
import { type Projection, ProjectionError, type ProjectionMetric, checkShape } from './projection'
import { type ProjectionPhase, type ProjectionRun, type ProjectionStep, progressFraction } from './projectionRun'
import { UMAP_SAMPLE_CAP, gatherRows, sampleRows } from './rows'

export interface UmapOptions {
  /** Neighbourhood size, the point itself included; clamped to rows − 1. Default 15. */
  readonly neighbours?: number
  /** How tightly points may pack. Default 0.1. */
  readonly minDist?: number
  readonly spread?: number
  /** Default: umap-js's choice by size (500 epochs up to 2,500 points, 400 up to 5,000, …). */
  readonly epochs?: number
  /** 'cosine' (default) uses 1 − cos as the distance, 'euclidean' the plain distance. */
  readonly metric?: ProjectionMetric
  /** At most this many rows, a seeded sample beyond it; null for no cap. Default 5,000. */
  readonly cap?: number | null
  /** Seeds the sample, the initial layout and the negative sampling; ignored when `random` is given. Default 1. */
  readonly seed?: number
  readonly random?: Random
}

/** umap-js needs more points than neighbours, and a neighbourhood of at least two. */
export const UMAP_MIN_ROWS = 3

function positive(name: string, value: number, integer: boolean): number {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ProjectionError('invalidInput', `The UMAP ${name} must be a ${integer ? 'whole ' : ''}number above 0, not ${value}.`)
  }
  return value
}

class UmapRun implements ProjectionRun {
  readonly method = 'umap'
  readonly rows: Int32Array
  readonly inputRows: number
  readonly sampled: boolean
  readonly cap: number | null
  iterations: number
  phase: ProjectionPhase = 'preparing'
  private iteration = 0
  private search: NeighbourSearch | null
  private readonly umap: UMAP
  private readonly n: number
  private readonly dim: number
  private readonly data: Float64Array
  private readonly metric: ProjectionMetric
  private coordinates: Float32Array

  constructor(vectors: Float32Array | Float64Array, rows: number, dim: number, options: UmapOptions) {
    checkShape('umap', vectors, rows, dim)
    const random = options.random ?? new Random(options.seed ?? 1)
    this.cap = options.cap === undefined ? UMAP_SAMPLE_CAP : options.cap
    const requested = positive('number of neighbours', options.neighbours ?? 15, true)
    const minDist = options.minDist ?? 0.1
    const spread = positive('spread', options.spread ?? 1, false)
    if (!(minDist >= 0 && minDist <= spread)) throw new ProjectionError('invalidInput', `The UMAP minimum distance must be between 0 and the spread (${spread}), not ${minDist}.`)
    const epochs = options.epochs === undefined ? undefined : positive('number of epochs', options.epochs, true)
    this.metric = options.metric ?? 'cosine'
    const sample = sampleRows(rows, this.cap, random)
    this.rows = sample.rows
    this.sampled = sample.sampled
    this.inputRows = rows
    const n = sample.rows.length
    this.n = n
    this.dim = dim
    if (n < UMAP_MIN_ROWS) {
      throw new ProjectionError('tooFewRows', `UMAP needs at least ${UMAP_MIN_ROWS} points and was given ${n}; use PCA to plot so few.`)
    }
    const neighbours = Math.max(2, Math.min(requested, n - 1))
    this.umap = new UMAP({ nNeighbors: neighbours, minDist, spread, nEpochs: epochs, random: () => random.nextFloat() })
    // Until umap-js sets up, we only know the epoch count it will choose when it was given one.
    this.iterations = epochs ?? 0
    this.data = gatherRows('umap', vectors, dim, sample.rows, this.metric === 'cosine')
    // umap-js counts the point itself as its first neighbour.
    this.search = new NeighbourSearch(this.data, n, dim, neighbours - 1)
    this.coordinates = new Float32Array(2 * n)
  }

  step(count = 1): ProjectionStep {
    if (this.phase === 'preparing') {
      this.prepare()
    } else if (this.phase === 'layout') {
      for (let t = 0; t < count && this.iteration < this.iterations; t++) this.iteration = this.umap.step()
      this.readEmbedding()
      if (this.iteration >= this.iterations) this.phase = 'done'
    }
    return {
      phase: this.phase, iteration: this.iteration, iterations: this.iterations,
      fraction: progressFraction(this.phase, this.search?.fraction ?? 1, this.iteration, this.iterations),
      coordinates: this.coordinates.slice(),
    }
  }

  cancel(): void {
    if (this.phase !== 'done') this.phase = 'cancelled'
    this.search = null
  }

  projection(): Projection {
    return {
      method: 'umap', coordinates: this.coordinates.slice(), rows: this.rows, inputRows: this.inputRows, sampled: this.sampled,
      cap: this.cap, iteration: this.iteration, iterations: this.iterations, explainedVariance: null,
    }
  }

  private prepare(): void {
    const search = this.search!
    if (!search.step()) return
    const { k, indices, squaredDistances } = search.result()
    const knnIndices: number[][] = []
    const knnDistances: number[][] = []
    for (let i = 0; i < this.n; i++) {
      const rowIndices = [i]
      const rowDistances = [0]
      for (let m = 0; m < k; m++) {
        const d2 = squaredDistances[i * k + m]!
        rowIndices.push(indices[i * k + m]!)
        // For unit rows ‖a − b‖² = 2 − 2 cos, so the cosine distance 1 − cos is half of it.
        rowDistances.push(this.metric === 'cosine' ? d2 / 2 : Math.sqrt(d2))
      }
      knnIndices.push(rowIndices)
      knnDistances.push(rowDistances)
    }
    this.umap.setPrecomputedKNN(knnIndices, knnDistances)
    // With the neighbours given, umap-js reads only the number of rows from X, but it keeps X.
    const x: number[][] = []
    for (let i = 0; i < this.n; i++) x.push(Array.from(this.data.subarray(i * this.dim, (i + 1) * this.dim)))
    this.iterations = this.umap.initializeFit(x)
    this.readEmbedding()
    this.phase = 'layout'
  }

  private readEmbedding(): void {
    const embedding = this.umap.getEmbedding()
    for (let i = 0; i < this.n; i++) {
      const point = embedding[i]!
      this.coordinates[2 * i] = point[0]!
      this.coordinates[2 * i + 1] = point[1]!
    }
  }
}

/** A UMAP run over `rows` vectors of dimension `dim` (row-major); advance it with `step`. */
export function createUmap(vectors: Float32Array | Float64Array, rows: number, dim: number, options: UmapOptions = {}): ProjectionRun {
  return new UmapRun(vectors, rows, dim, options)
}
