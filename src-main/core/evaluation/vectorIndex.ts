/**
 * Everything the queries need, computed once per set of vectors: each row scaled to unit
 * length (so a cosine is one dot product), the original norms, and word → row. The scans below
 * are the only loops over the whole matrix; every query in this folder goes through them.
 */
import { type Embeddings, wordIndex } from '../vectors/embeddings'
import { UnknownWordError } from './evaluationErrors'
import { type ScoredRow, TopK } from './topK'

export class VectorIndex {
  readonly words: readonly string[]
  readonly dim: number
  /** Number of rows (duplicated words included). */
  readonly size: number
  /** The rows as given; Euclidean distances are measured on these. */
  readonly vectors: Float32Array
  /** Row i divided by its norm; a zero row stays zero. */
  readonly unitVectors: Float32Array
  readonly norms: Float32Array
  private readonly rows: Map<string, number>

  constructor(embeddings: Embeddings) {
    const { words, vectors, dim } = embeddings
    if (!Number.isInteger(dim) || dim <= 0 || vectors.length !== words.length * dim) {
      throw new RangeError(`The vectors hold ${vectors.length} numbers, which is not ${words.length} words × ${dim} dimensions.`)
    }
    this.words = words
    this.dim = dim
    this.size = words.length
    this.vectors = vectors
    this.rows = wordIndex(embeddings)
    this.norms = new Float32Array(this.size)
    this.unitVectors = new Float32Array(vectors.length)
    for (let r = 0, base = 0; r < this.size; r++, base += dim) {
      let sumOfSquares = 0
      for (let d = 0; d < dim; d++) sumOfSquares += vectors[base + d]! * vectors[base + d]!
      const norm = Math.sqrt(sumOfSquares)
      this.norms[r] = norm
      if (norm === 0) continue
      for (let d = 0; d < dim; d++) this.unitVectors[base + d] = vectors[base + d]! / norm
    }
  }

  /** The first row holding `word` (case-sensitive), if any. */
  rowOf(word: string): number | undefined {
    return this.rows.get(word)
  }

  has(word: string): boolean {
    return this.rows.has(word)
  }

  requireRow(word: string): number {
    const row = this.rows.get(word)
    if (row === undefined) throw new UnknownWordError(word, this.size)
    return row
  }

  /** Row as stored (a view, no copy). */
  row(row: number): Float32Array {
    return this.vectors.subarray(row * this.dim, (row + 1) * this.dim)
  }

  unitRow(row: number): Float32Array {
    return this.unitVectors.subarray(row * this.dim, (row + 1) * this.dim)
  }
}

export function buildVectorIndex(embeddings: Embeddings): VectorIndex {
  return new VectorIndex(embeddings)
}

/** `vector` scaled to unit length in float64; a zero vector stays zero (gensim's unitvec does the same). */
export function unitVector(vector: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(vector)
  let sumOfSquares = 0
  for (let d = 0; d < out.length; d++) sumOfSquares += out[d]! * out[d]!
  const norm = Math.sqrt(sumOfSquares)
  if (norm > 0) for (let d = 0; d < out.length; d++) out[d] = out[d]! / norm
  return out
}

/** Σ weight·(unit row), normalised: gensim's get_mean_vector(pre_normalize=True, post_normalize=True). */
export function combineUnitRows(index: VectorIndex, rows: readonly number[], weights: readonly number[]): Float64Array {
  const sum = new Float64Array(index.dim)
  rows.forEach((row, i) => {
    const unit = index.unitRow(row)
    const weight = weights[i]!
    for (let d = 0; d < index.dim; d++) sum[d] = sum[d]! + weight * unit[d]!
  })
  return unitVector(sum)
}

/** Cosine of two rows. */
export function cosineOfRows(index: VectorIndex, rowA: number, rowB: number): number {
  const a = index.unitRow(rowA)
  const b = index.unitRow(rowB)
  let sum = 0
  for (let d = 0; d < index.dim; d++) sum += a[d]! * b[d]!
  return sum
}

export interface ScanOptions {
  /** Rows never returned (the query words). */
  readonly excluded?: ReadonlySet<number>
  /** Only rows [0, rowLimit) are candidates: the most frequent words when rows are sorted. */
  readonly rowLimit?: number
}

const NO_ROWS: ReadonlySet<number> = new Set()

/** The smallest restriction (gensim's restrict_vocab): no word known, every question skipped. */
export const MIN_RESTRICT_VOCAB = 0

/** How many of `rows` leading rows a restriction to `restrictVocab` keeps. */
export function restrictedRowCount(rows: number, restrictVocab: number): number {
  if (!Number.isInteger(restrictVocab) || restrictVocab < MIN_RESTRICT_VOCAB) {
    throw new RangeError(`restrictVocab must be a whole number of words (${MIN_RESTRICT_VOCAB} or more), not ${restrictVocab}.`)
  }
  return Math.min(rows, restrictVocab)
}

/** How many leading rows a scan looks at: all of them, or the first `rowLimit`. */
export function candidateRows(index: VectorIndex, rowLimit: number | undefined): number {
  return rowLimit === undefined ? index.size : restrictedRowCount(index.size, rowLimit)
}

/**
 * The k rows of highest cosine with `unitTarget` (already unit length). Zero rows have no
 * direction and are never returned (gensim's score for them is NaN, which never ranks).
 */
export function cosineTopK(index: VectorIndex, unitTarget: Float64Array, k: number, options: ScanOptions = {}): ScoredRow[] {
  const limit = candidateRows(index, options.rowLimit)
  const top = new TopK(k, limit)
  const excluded = options.excluded ?? NO_ROWS
  const { unitVectors: u, norms, dim } = index
  const dim4 = dim - (dim % 4)
  for (let r = 0, base = 0; r < limit; r++, base += dim) {
    // Four accumulators let the CPU overlap the multiply-adds; this loop is the whole query cost.
    let s0 = 0
    let s1 = 0
    let s2 = 0
    let s3 = 0
    let d = 0
    for (; d < dim4; d += 4) {
      s0 += u[base + d]! * unitTarget[d]!
      s1 += u[base + d + 1]! * unitTarget[d + 1]!
      s2 += u[base + d + 2]! * unitTarget[d + 2]!
      s3 += u[base + d + 3]! * unitTarget[d + 3]!
    }
    for (; d < dim; d++) s0 += u[base + d]! * unitTarget[d]!
    const score = s0 + s1 + s2 + s3
    if (score > top.threshold && norms[r] !== 0 && !excluded.has(r)) top.offer(r, score)
  }
  return top.results()
}

/** The k rows nearest to `target` in Euclidean distance on the original rows; score = the distance. */
export function euclideanTopK(index: VectorIndex, target: ArrayLike<number>, k: number, options: ScanOptions = {}): ScoredRow[] {
  const limit = candidateRows(index, options.rowLimit)
  const top = new TopK(k, limit)
  const excluded = options.excluded ?? NO_ROWS
  const { vectors: v, dim } = index
  const t = Float64Array.from(target)
  const dim4 = dim - (dim % 4)
  for (let r = 0, base = 0; r < limit; r++, base += dim) {
    let s0 = 0
    let s1 = 0
    let s2 = 0
    let s3 = 0
    let d = 0
    for (; d < dim4; d += 4) {
      const e0 = v[base + d]! - t[d]!
      const e1 = v[base + d + 1]! - t[d + 1]!
      const e2 = v[base + d + 2]! - t[d + 2]!
      const e3 = v[base + d + 3]! - t[d + 3]!
      s0 += e0 * e0
      s1 += e1 * e1
      s2 += e2 * e2
      s3 += e3 * e3
    }
    for (; d < dim; d++) {
      const e = v[base + d]! - t[d]!
      s0 += e * e
    }
    // The heap keeps the highest scores, so rank by the negated squared distance.
    const score = -(s0 + s1 + s2 + s3)
    if (score > top.threshold && !excluded.has(r)) top.offer(r, score)
  }
  return top.results().map(({ row, score }) => ({ row, score: Math.sqrt(-score) }))
}
