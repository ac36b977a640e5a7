/**
 * Choosing which rows a projection works on: a seeded sample when there are more than a method
 * can handle (the Embedding Projector's caps), or the rows of a list of words.
 */
import { type Random } from '../random'
import { type Embeddings, wordIndex } from '../vectors/embeddings'
import { type ProjectionMethod, ProjectionError, notFiniteError } from './projection'

/** The Embedding Projector's caps: beyond these a seeded random sample of rows is projected. */
export const TSNE_SAMPLE_CAP = 10_000
export const UMAP_SAMPLE_CAP = 5_000

export interface RowSample {
  /** Ascending, so frequency order (the order rows are stored in) survives sampling. */
  readonly rows: Int32Array
  readonly sampled: boolean
}

/** All of 0..total−1, or `cap` of them drawn uniformly without replacement when there are more. */
export function sampleRows(total: number, cap: number | null, random: Random): RowSample {
  if (cap !== null && (!Number.isInteger(cap) || cap < 1)) {
    throw new ProjectionError('invalidInput', `The sample cap must be a whole number of 1 or more (or none), not ${cap}.`)
  }
  const all = new Int32Array(total)
  for (let i = 0; i < total; i++) all[i] = i
  if (cap === null || total <= cap) return { rows: all, sampled: false }
  // A partial Fisher–Yates shuffle: the first `cap` slots end up a uniform sample.
  for (let i = 0; i < cap; i++) {
    const j = i + random.nextInt(total - i)
    const t = all[i]!
    all[i] = all[j]!
    all[j] = t
  }
  return { rows: all.slice(0, cap).sort(), sampled: true }
}

/**
 * The given rows as one float64 block (rows.length × dim), optionally L2-normalised. Only these
 * rows are checked for NaN and infinity: a sample of a large vocabulary need not scan it all.
 */
export function gatherRows(method: ProjectionMethod, vectors: Float32Array | Float64Array, dim: number, rows: Int32Array, normalise: boolean): Float64Array {
  const out = new Float64Array(rows.length * dim)
  for (let r = 0; r < rows.length; r++) {
    const from = rows[r]! * dim
    const to = r * dim
    let sumSq = 0
    for (let k = 0; k < dim; k++) {
      const v = vectors[from + k]!
      if (!Number.isFinite(v)) throw notFiniteError(method, rows[r]!, v)
      out[to + k] = v
      sumSq += v * v
    }
    // A zero vector has no direction; it stays at the origin rather than becoming NaN.
    if (normalise && sumSq > 0) {
      const scale = 1 / Math.sqrt(sumSq)
      for (let k = 0; k < dim; k++) out[to + k]! *= scale
    }
  }
  return out
}

export interface WordRows {
  /** The words found, in the order asked, each once. */
  readonly words: string[]
  /** Their rows in the embeddings, matching `words`. */
  readonly rows: Int32Array
  /** The words asked for that the embeddings do not have. */
  readonly missing: string[]
}

/** The rows of `words` (each counted once), and the words not in the vocabulary. */
export function rowsOfWords(embeddings: Pick<Embeddings, 'words'>, words: readonly string[]): WordRows {
  const index = wordIndex(embeddings)
  const found: string[] = []
  const rows: number[] = []
  const missing: string[] = []
  const seen = new Set<string>()
  for (const word of words) {
    if (seen.has(word)) continue
    seen.add(word)
    const row = index.get(word)
    if (row === undefined) {
      missing.push(word)
    } else {
      found.push(word)
      rows.push(row)
    }
  }
  return { words: found, rows: Int32Array.from(rows), missing }
}
