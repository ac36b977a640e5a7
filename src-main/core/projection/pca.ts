/**
 * PCA to two dimensions, the course's scatter plot: centre the rows, take the two leading
 * principal directions, project. The course gets them from the SVD of the centred matrix X; we
 * take the same directions as the top eigenvectors of the d × d scatter matrix XᵀX (its
 * eigenvalues are the squared singular values), solved exactly by symmetricEigen.ts. That costs
 * one pass over the rows plus O(d³) for the d × d problem, instead of an SVD of the n × d matrix,
 * and squaring the spectrum loses nothing that matters for the two largest directions.
 *
 * Eigenvectors have no inherent sign (and, after training moves them, no inherent orientation),
 * so a live plot would flip at random. Each component's sign is fixed so its largest-magnitude
 * loading is positive; given the previous frame, the plane is turned (Procrustes) onto it instead.
 */
import { type Embeddings } from '../vectors/embeddings'
import { METHOD_NAMES, type Orthogonal2d, type Projection, ProjectionError, checkShape, notFiniteError, procrustes2d } from './projection'
import { rowsOfWords } from './rows'
import { symmetricEigen } from './symmetricEigen'

export type PcaAlignment = 'procrustes' | 'signs'

export interface PcaOptions {
  /** The previous frame's coordinates of the same rows (rows × 2), to stay close to. */
  readonly previous?: Float32Array | Float64Array
  /**
   * How to follow `previous`: 'procrustes' (default) turns the plane by the rotation or
   * reflection that moves the points least; 'signs' only flips axes, so each axis stays exactly
   * a principal component.
   */
  readonly alignment?: PcaAlignment
}

export interface PcaResult {
  /** rows × 2, row-major. */
  readonly coordinates: Float32Array
  /** The share of the total variance along the first and second principal component. */
  readonly explainedVariance: [number, number]
  /** 2 × dim, row-major: the unit directions the coordinates are measured along (after alignment). */
  readonly components: Float64Array
  /** The column means subtracted before projecting. */
  readonly mean: Float64Array
  /** The alignment applied to the principal components (identity when there was no previous frame). */
  readonly alignment: Orthogonal2d
}

const IDENTITY: Orthogonal2d = { matrix: [1, 0, 0, 1], reflection: false }

/** The column means and the scatter matrix Σ (x − mean)(x − mean)ᵀ, full and symmetric. */
function centredScatter(vectors: Float32Array | Float64Array, rows: number, dim: number): { mean: Float64Array; scatter: Float64Array } {
  const mean = new Float64Array(dim)
  for (let r = 0; r < rows; r++) {
    for (let a = 0; a < dim; a++) mean[a]! += vectors[r * dim + a]!
  }
  for (let a = 0; a < dim; a++) mean[a]! /= Math.max(rows, 1)
  const scatter = new Float64Array(dim * dim)
  // Four centred rows at a time: each pass over the upper triangle then adds four products,
  // which quarters the reads and writes of the d × d matrix that dominate the cost.
  const block = new Float64Array(4 * dim)
  for (let r = 0; r < rows; r += 4) {
    block.fill(0)
    for (let t = 0; t < 4 && r + t < rows; t++) {
      for (let a = 0; a < dim; a++) block[t * dim + a] = vectors[(r + t) * dim + a]! - mean[a]!
    }
    for (let a = 0; a < dim; a++) {
      const x0 = block[a]!
      const x1 = block[dim + a]!
      const x2 = block[2 * dim + a]!
      const x3 = block[3 * dim + a]!
      const row = a * dim
      for (let b = a; b < dim; b++) {
        scatter[row + b]! += x0 * block[b]! + x1 * block[dim + b]! + x2 * block[2 * dim + b]! + x3 * block[3 * dim + b]!
      }
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a + 1; b < dim; b++) scatter[b * dim + a] = scatter[a * dim + b]!
  }
  return { mean, scatter }
}

/** Flips `component` (length dim, at offset) so its largest-magnitude loading is positive; ties go to the first. */
function fixSign(components: Float64Array, offset: number, dim: number): void {
  let largest = 0
  for (let k = 1; k < dim; k++) {
    if (Math.abs(components[offset + k]!) > Math.abs(components[offset + largest]!)) largest = k
  }
  if (components[offset + largest]! < 0) {
    for (let k = 0; k < dim; k++) components[offset + k] = -components[offset + k]!
  }
}

function project(vectors: Float32Array | Float64Array, rows: number, dim: number, mean: Float64Array, components: Float64Array): Float64Array {
  const out = new Float64Array(rows * 2)
  for (let r = 0; r < rows; r++) {
    let x = 0
    let y = 0
    for (let a = 0; a < dim; a++) {
      const centred = vectors[r * dim + a]! - mean[a]!
      x += centred * components[a]!
      y += centred * components[dim + a]!
    }
    out[2 * r] = x
    out[2 * r + 1] = y
  }
  return out
}

/** Flips each axis whose coordinates run against the previous frame's: R = diag(±1, ±1). */
function signAlignment(coords: Float64Array, previous: ArrayLike<number>): Orthogonal2d {
  let x = 0
  let y = 0
  for (let i = 0; i < coords.length / 2; i++) {
    x += coords[2 * i]! * previous[2 * i]!
    y += coords[2 * i + 1]! * previous[2 * i + 1]!
  }
  const sx = x < 0 ? -1 : 1
  const sy = y < 0 ? -1 : 1
  return { matrix: [sx, 0, 0, sy], reflection: sx * sy < 0 }
}

/**
 * PCA of `rows` vectors of dimension `dim` (row-major) to 2-D. With fewer than two directions of
 * variance (one row, identical rows, dim 1) the missing axes are 0 and explain 0.
 */
export function pca2d(vectors: Float32Array | Float64Array, rows: number, dim: number, options: PcaOptions = {}): PcaResult {
  checkShape('pca', vectors, rows, dim)
  for (let k = 0; k < vectors.length; k++) {
    if (!Number.isFinite(vectors[k]!)) throw notFiniteError('pca', Math.floor(k / dim), vectors[k]!)
  }
  const { mean, scatter } = centredScatter(vectors, rows, dim)
  let total = 0
  for (let a = 0; a < dim; a++) total += scatter[a * dim + a]!
  const components = new Float64Array(2 * dim)
  const explainedVariance: [number, number] = [0, 0]
  if (total > 0) {
    const top = symmetricEigen(scatter, dim)
    for (let j = 0; j < Math.min(2, dim); j++) {
      // Rounding can leave a null direction at −1e-17; a variance is never negative.
      const value = Math.max(top.values[j]!, 0)
      explainedVariance[j] = value / total
      if (value > 0) components.set(top.vectors.subarray(j * dim, (j + 1) * dim), j * dim)
    }
  }
  fixSign(components, 0, dim)
  fixSign(components, dim, dim)
  let coordinates = project(vectors, rows, dim, mean, components)
  let alignment = IDENTITY
  if (options.previous !== undefined) {
    // PCA coordinates are centred, so the turn is about the origin; no translation is needed.
    alignment = options.alignment === 'signs' ? signAlignment(coordinates, options.previous) : procrustes2d(coordinates, options.previous, true)
    const [a, b, c, d] = alignment.matrix
    // Coordinates are X W with W = [w1 w2]; turning them by R means using W R as the components.
    for (let k = 0; k < dim; k++) {
      const w1 = components[k]!
      const w2 = components[dim + k]!
      components[k] = w1 * a + w2 * c
      components[dim + k] = w1 * b + w2 * d
    }
    coordinates = project(vectors, rows, dim, mean, components)
  }
  return { coordinates: Float32Array.from(coordinates), explainedVariance, components, mean, alignment }
}

/** A PCA result as the common projection of the given rows. */
export function pcaProjection(result: PcaResult, rows: Int32Array): Projection {
  return {
    method: 'pca', coordinates: result.coordinates, rows, inputRows: rows.length, sampled: false, cap: null,
    iteration: 1, iterations: 1, explainedVariance: result.explainedVariance,
  }
}

export interface WordsPca extends PcaResult {
  readonly projection: Projection
  /** The words plotted, matching the coordinates' rows. */
  readonly words: string[]
  /** Their rows in the embeddings. */
  readonly rows: Int32Array
  /** The words asked for that the vocabulary does not have. */
  readonly missing: string[]
}

function gather(embeddings: Embeddings, rows: Int32Array): Float32Array {
  const { dim } = embeddings
  const out = new Float32Array(rows.length * dim)
  rows.forEach((row, i) => out.set(embeddings.vectors.subarray(row * dim, (row + 1) * dim), i * dim))
  return out
}

/** PCA of a chosen set of words (the course plots a hand-picked list); unknown words are reported, not fatal. */
export function pcaOfWords(embeddings: Embeddings, words: readonly string[], options: PcaOptions = {}): WordsPca {
  const selection = rowsOfWords(embeddings, words)
  const result = pca2d(gather(embeddings, selection.rows), selection.rows.length, embeddings.dim, options)
  return { ...result, projection: pcaProjection(result, selection.rows), ...selection }
}

/** PCA of the n most frequent words (the first n rows), or of all when there are fewer. */
export function pcaOfTopN(embeddings: Embeddings, n: number, options: PcaOptions = {}): WordsPca {
  if (!Number.isInteger(n) || n < 0) {
    throw new ProjectionError('invalidInput', `${METHOD_NAMES.pca} of the most frequent words needs a whole number of words, not ${n}.`)
  }
  const count = Math.min(n, embeddings.words.length)
  const rows = new Int32Array(count)
  for (let i = 0; i < count; i++) rows[i] = i
  const result = pca2d(embeddings.vectors.subarray(0, count * embeddings.dim), count, embeddings.dim, options)
  return { ...result, projection: pcaProjection(result, rows), words: embeddings.words.slice(0, count), rows, missing: [] }
}
