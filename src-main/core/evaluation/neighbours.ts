/**
 * Nearest neighbours of a word or a vector: gensim's most_similar(positive=[word]) for cosine,
 * plus Euclidean distance on the vectors as stored (not normalised) for those who want it.
 */
import { type VectorIndex, cosineTopK, euclideanTopK, unitVector } from './vectorIndex'

export type DistanceMetric = 'cosine' | 'euclidean'

/** `score` is the cosine similarity (higher is nearer) or the Euclidean distance (lower is nearer). */
export interface Neighbour {
  readonly word: string
  readonly score: number
}

export interface NeighbourOptions {
  /** How many neighbours; 10 by default. */
  readonly k?: number
  readonly metric?: DistanceMetric
  /** Words never returned, besides the query word itself. Words not in the vocabulary are ignored. */
  readonly exclude?: readonly string[]
  /** Search only the first N rows (the most frequent words when rows are sorted by count). */
  readonly restrictVocab?: number
}

/**
 * The k nearest words to `query`, nearest first. A word query is excluded from its own results
 * and must be in the vocabulary (UnknownWordError otherwise); a vector query must have the
 * index's dimension.
 */
export function nearestNeighbours(index: VectorIndex, query: string | Float32Array, options: NeighbourOptions = {}): Neighbour[] {
  const { k = 10, metric = 'cosine', exclude = [], restrictVocab } = options
  const excluded = new Set<number>()
  let vector: Float32Array
  if (typeof query === 'string') {
    const queryRow = index.requireRow(query)
    excluded.add(queryRow)
    vector = index.row(queryRow)
  } else if (query.length === index.dim) {
    vector = query
  } else {
    throw new RangeError(`The query vector has ${query.length} dimensions; the vectors have ${index.dim}.`)
  }
  for (const word of exclude) {
    const row = index.rowOf(word)
    if (row !== undefined) excluded.add(row)
  }
  const scanOptions = { excluded, rowLimit: restrictVocab }
  const found = metric === 'cosine'
    ? cosineTopK(index, unitVector(vector), k, scanOptions)
    : euclideanTopK(index, vector, k, scanOptions)
  return found.map(({ row, score }) => ({ word: index.words[row]!, score }))
}
