/**
 * Collects imported rows into ONE Float32Array: preallocated when the file says how many rows
 * come (a header, a .npy shape), otherwise sized from an estimate and grown by doubling; trimmed
 * to the rows kept at the end. A word seen before is skipped (the first vector wins, as in
 * gensim) and counted for a warning.
 */
import { type Embeddings } from '../../core/vectors/embeddings'
import { type PlaceUnit, describePlace } from './wordDecoding'
import { quoteText } from './vectorsFileError'

const MIN_CAPACITY_ROWS = 16

export interface BuiltEmbeddings {
  readonly embeddings: Embeddings
  readonly warnings: string[]
}

export class EmbeddingsBuilder {
  private data: Float32Array
  private rows = 0
  private readonly words: string[] = []
  private readonly seen = new Set<string>()
  private counts: number[] | null
  private duplicates = 0
  private firstDuplicate: { position: number; word: string } | null = null
  /** Rows stored before their words are known (JSON that lists vectors before words). */
  private unnamed = 0

  constructor(readonly dim: number, expectedRows: number, withCounts: boolean, private readonly unit: PlaceUnit) {
    if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`The dimension must be a positive integer, not ${dim}.`)
    this.data = new Float32Array(Math.max(0, Math.floor(expectedRows)) * dim)
    this.counts = withCounts ? [] : null
  }

  /** Rows stored so far (kept or awaiting their word). */
  get size(): number {
    return this.rows
  }

  /**
   * The array and offset where the next row's `dim` values go. Call before each row: the array
   * is replaced when it grows, so do not keep it across rows.
   */
  nextRow(): { values: Float32Array; offset: number } {
    const needed = (this.rows + 1) * this.dim
    if (needed > this.data.length) {
      const rows = Math.max(MIN_CAPACITY_ROWS, 2 * Math.ceil(this.data.length / this.dim), this.rows + 1)
      const grown = new Float32Array(rows * this.dim)
      grown.set(this.data.subarray(0, this.rows * this.dim))
      this.data = grown
    }
    return { values: this.data, offset: this.rows * this.dim }
  }

  /** Keeps the row just written under `word`, unless the word came before. */
  commit(word: string, position: number, count?: number): void {
    if (this.seen.has(word)) {
      this.noteDuplicate(position, word)
      return
    }
    this.seen.add(word)
    this.words.push(word)
    this.counts?.push(count ?? 0)
    this.rows++
  }

  /** Keeps the row just written; its word comes later through `nameRows`. */
  keepUnnamed(): void {
    this.unnamed++
    this.rows++
  }

  /**
   * Names the rows kept by `keepUnnamed` (words[i] for the i-th of them; positions are 1-based
   * vector numbers) and drops the duplicates, moving later rows up in place.
   */
  nameRows(words: readonly string[], counts: readonly number[] | null): void {
    const first = this.rows - this.unnamed
    if (counts !== null && this.counts === null && first === 0) this.counts = []
    let kept = first
    for (let i = 0; i < this.unnamed; i++) {
      const word = words[i]!
      if (this.seen.has(word)) {
        this.noteDuplicate(i + 1, word)
        continue
      }
      this.seen.add(word)
      this.words.push(word)
      this.counts?.push(counts?.[i] ?? 0)
      if (kept !== first + i) this.data.copyWithin(kept * this.dim, (first + i) * this.dim, (first + i + 1) * this.dim)
      kept++
    }
    this.rows = kept
    this.unnamed = 0
  }

  finish(): BuiltEmbeddings {
    if (this.unnamed !== 0) throw new Error('EmbeddingsBuilder.finish: some rows were never named.')
    const length = this.rows * this.dim
    const vectors = length === this.data.length ? this.data : this.data.slice(0, length)
    this.data = new Float32Array(0)
    const warnings: string[] = []
    if (this.firstDuplicate !== null) {
      const n = this.duplicates
      warnings.push(`${n} duplicate word${n === 1 ? ' was' : 's were'} skipped (first at ${describePlace(this.unit, this.firstDuplicate.position)}: ${quoteText(this.firstDuplicate.word)}); the first vector of each word is kept.`)
    }
    const counts = this.counts === null ? null : Uint32Array.from(this.counts)
    return { embeddings: { words: this.words, vectors, dim: this.dim, counts }, warnings }
  }

  private noteDuplicate(position: number, word: string): void {
    this.duplicates++
    this.firstDuplicate ??= { position, word }
  }
}
