/**
 * What every 2-D projection of word vectors hands to the scatter plot, whichever method made it,
 * and the Procrustes step that keeps successive frames of a live plot steady.
 */

export type ProjectionMethod = 'pca' | 'tsne' | 'umap'

/** How t-SNE and UMAP compare vectors: 'cosine' (how word vectors are compared) normalises rows first. */
export type ProjectionMetric = 'cosine' | 'euclidean'

export interface Projection {
  readonly method: ProjectionMethod
  /** rows × 2, row-major: point i is (coordinates[2i], coordinates[2i + 1]). */
  readonly coordinates: Float32Array
  /** Which row of the input each point is: ascending for t-SNE and UMAP, in the order asked for pcaOfWords. */
  readonly rows: Int32Array
  /** How many rows were given; more than `rows.length` when a sample was taken. */
  readonly inputRows: number
  /** True when the input had more rows than `cap` and a seeded random sample of them was used. */
  readonly sampled: boolean
  /** The sample cap in force (t-SNE 10,000 and UMAP 5,000 by default, as the Embedding Projector); null for PCA. */
  readonly cap: number | null
  /** Iterations (t-SNE) or epochs (UMAP) done so far, and planned; 1 of 1 for PCA. */
  readonly iteration: number
  readonly iterations: number
  /** PCA only: the share of the total variance along the first and second principal component. */
  readonly explainedVariance: readonly [number, number] | null
}

export type ProjectionErrorKind =
  /** The vectors do not have the shape they claim, or hold NaN or infinity. */
  | 'invalidInput'
  /** Too few rows for the method (t-SNE and UMAP need a handful of points). */
  | 'tooFewRows'
  /** A previous frame to align to has another number of points. */
  | 'frameMismatch'
  /** The user stopped the projection. */
  | 'cancelled'

export class ProjectionError extends Error {
  override readonly name = 'ProjectionError'

  constructor(readonly kind: ProjectionErrorKind, message: string) {
    super(message)
  }
}

export const METHOD_NAMES: Readonly<Record<ProjectionMethod, string>> = { pca: 'PCA', tsne: 't-SNE', umap: 'UMAP' }

export function cancelledProjectionError(method: ProjectionMethod): ProjectionError {
  return new ProjectionError('cancelled', `The ${METHOD_NAMES[method]} projection was cancelled.`)
}

/** Checks that `vectors` holds `rows` whole rows of `dim` numbers (not their values: see `notFiniteError`). */
export function checkShape(method: ProjectionMethod, vectors: Float32Array | Float64Array, rows: number, dim: number): void {
  const name = METHOD_NAMES[method]
  if (!Number.isInteger(rows) || rows < 0) throw new ProjectionError('invalidInput', `${name} needs a whole number of rows, not ${rows}.`)
  if (!Number.isInteger(dim) || dim < 1) throw new ProjectionError('invalidInput', `${name} needs vectors of dimension 1 or more, not ${dim}.`)
  if (vectors.length !== rows * dim) {
    throw new ProjectionError('invalidInput', `${name} was given ${vectors.length} numbers, which is not ${rows} rows of dimension ${dim}.`)
  }
}

export function notFiniteError(method: ProjectionMethod, row: number, value: number): ProjectionError {
  return new ProjectionError('invalidInput', `Row ${row} of the vectors holds ${value}, so ${METHOD_NAMES[method]} cannot place it. Retrain or reload the vectors.`)
}

/** A 2 × 2 orthogonal matrix, row-major: a rotation, or a reflection when `reflection`. */
export interface Orthogonal2d {
  readonly matrix: readonly [number, number, number, number]
  readonly reflection: boolean
}

function checkFrames(coords: ArrayLike<number>, previous: ArrayLike<number>): void {
  if (coords.length % 2 !== 0 || coords.length !== previous.length) {
    throw new ProjectionError('frameMismatch', `The previous frame has ${Math.floor(previous.length / 2)} points and this one ${Math.floor(coords.length / 2)}, so they cannot be aligned; draw this frame as it is.`)
  }
}

function centroid(points: ArrayLike<number>): [number, number] {
  const n = points.length / 2
  if (n === 0) return [0, 0]
  let x = 0
  let y = 0
  for (let i = 0; i < n; i++) {
    x += points[2 * i]!
    y += points[2 * i + 1]!
  }
  return [x / n, y / n]
}

/**
 * The orthogonal R (rotation or reflection) minimising ‖X R − P‖_F over the points of two frames,
 * about their centroids when `centred` is false (X and P are taken as they are when true).
 * This is the orthogonal Procrustes solution R = U Vᵀ for M = Xᵀ P = U Σ Vᵀ, written in closed
 * form for 2 × 2: the best rotation attains σ1 + σ2 and the best reflection |σ1 − σ2|, so the
 * larger of the two closed-form optima is the SVD's answer.
 */
export function procrustes2d(coords: ArrayLike<number>, previous: ArrayLike<number>, centred = false): Orthogonal2d {
  checkFrames(coords, previous)
  const [cx, cy] = centred ? [0, 0] : centroid(coords)
  const [px, py] = centred ? [0, 0] : centroid(previous)
  let m11 = 0
  let m12 = 0
  let m21 = 0
  let m22 = 0
  for (let i = 0; i < coords.length / 2; i++) {
    const x = coords[2 * i]! - cx
    const y = coords[2 * i + 1]! - cy
    const p = previous[2 * i]! - px
    const q = previous[2 * i + 1]! - py
    m11 += x * p
    m12 += x * q
    m21 += y * p
    m22 += y * q
  }
  // tr(Rᵀ M) for R = [[c, s], [−s, c]] is c(m11 + m22) + s(m12 − m21); for the reflection
  // R = [[c, s], [s, −c]] it is c(m11 − m22) + s(m12 + m21).
  const rotationA = m11 + m22
  const rotationB = m12 - m21
  const reflectionA = m11 - m22
  const reflectionB = m12 + m21
  if (Math.hypot(reflectionA, reflectionB) > Math.hypot(rotationA, rotationB)) {
    const angle = Math.atan2(reflectionB, reflectionA)
    const c = Math.cos(angle)
    const s = Math.sin(angle)
    return { matrix: [c, s, s, -c], reflection: true }
  }
  // With M = 0 (a frame of one point, or all points at the centroid) atan2(0, 0) = 0: identity.
  const angle = Math.atan2(rotationB, rotationA)
  const c = Math.cos(angle)
  const s = Math.sin(angle)
  return { matrix: [c, s, -s, c], reflection: false }
}

/** Applies (x, y) ↦ ((x, y) − from) R + to to every point, in place. */
export function transformPoints(points: Float32Array | Float64Array, r: Orthogonal2d, from: readonly [number, number] = [0, 0], to: readonly [number, number] = [0, 0]): void {
  const [a, b, c, d] = r.matrix
  for (let i = 0; i < points.length / 2; i++) {
    const x = points[2 * i]! - from[0]
    const y = points[2 * i + 1]! - from[1]
    points[2 * i] = x * a + y * c + to[0]
    points[2 * i + 1] = x * b + y * d + to[1]
  }
}

/**
 * `coords` moved as little as possible onto `previous` (the same points, in the same order) by a
 * rigid motion: centroid onto centroid, then the Procrustes rotation or reflection. Shape and
 * scale are untouched, so a live t-SNE, UMAP or PCA plot keeps its look but stops spinning and
 * flipping between frames. Returns a new array of the same type.
 */
export function alignToPrevious<T extends Float32Array | Float64Array>(coords: T, previous: ArrayLike<number>): T {
  const r = procrustes2d(coords, previous)
  const aligned = coords.slice() as T
  transformPoints(aligned, r, centroid(coords), centroid(previous))
  return aligned
}
