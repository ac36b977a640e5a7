/**
 * A set of word vectors, trained here or imported: what export writes, import reads, and the
 * queries, benchmarks and projections work on. Row i of `vectors` (dim floats, row-major, no
 * padding) belongs to words[i]; rows are ordered most frequent first when counts are known.
 */
export interface Embeddings {
  readonly words: readonly string[]
  readonly vectors: Float32Array
  readonly dim: number
  /** Corpus counts per row, when known (trained vectors); null for most imported files. */
  readonly counts: Uint32Array | null
}

/** word → row, first occurrence wins. */
export function wordIndex(embeddings: Pick<Embeddings, 'words'>): Map<string, number> {
  const index = new Map<string, number>()
  embeddings.words.forEach((word, i) => {
    if (!index.has(word)) index.set(word, i)
  })
  return index
}

/** Row i as a view (no copy). */
export function vectorOf(embeddings: Embeddings, row: number): Float32Array {
  return embeddings.vectors.subarray(row * embeddings.dim, (row + 1) * embeddings.dim)
}
