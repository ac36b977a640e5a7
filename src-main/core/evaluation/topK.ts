/**
 * Bounded top-k selection: a min-heap of the k best (row, score) pairs seen so far, so a scan
 * over 100k scores costs one comparison per row against `threshold` and a log k update only for
 * the few rows that enter — never a sort of every score.
 */

export interface ScoredRow {
  readonly row: number
  readonly score: number
}

/** The fewest results a query may ask for: none is a valid (empty) answer, as in gensim. */
export const MIN_TOP_K = 0

export class TopK {
  private readonly scores: Float64Array
  private readonly rows: Int32Array
  private size = 0
  /**
   * The score a candidate must beat to enter. Rows are offered in ascending order by every scan
   * here, so a later row with an equal score never displaces an earlier one, which keeps the
   * tie-break (the lower, more frequent row first) without looking at rows in the hot loop.
   * NaN never beats it.
   */
  threshold: number

  readonly k: number

  /**
   * `candidates`: how many rows the scan can offer. A k beyond it (gensim's topn larger than the
   * vocabulary) returns every row, and the heap never grows past what can fill it.
   */
  constructor(k: number, candidates: number) {
    if (!Number.isInteger(k) || k < MIN_TOP_K) throw new RangeError(`k must be a whole number of results (${MIN_TOP_K} or more), not ${k}.`)
    this.k = Math.min(k, candidates)
    this.scores = new Float64Array(this.k)
    this.rows = new Int32Array(this.k)
    this.threshold = this.k === 0 ? Infinity : -Infinity
  }

  /** Call only with score > threshold (the scans check it inline, where it is cheap). */
  offer(row: number, score: number): void {
    if (this.size < this.k) {
      this.scores[this.size] = score
      this.rows[this.size] = row
      this.siftUp(this.size++)
      if (this.size === this.k) this.threshold = this.scores[0]!
      return
    }
    this.scores[0] = score
    this.rows[0] = row
    this.siftDown(0)
    this.threshold = this.scores[0]!
  }

  /** Best first: score descending, then row ascending. */
  results(): ScoredRow[] {
    const out: ScoredRow[] = []
    for (let i = 0; i < this.size; i++) out.push({ row: this.rows[i]!, score: this.scores[i]! })
    return out.sort((x, y) => y.score - x.score || x.row - y.row)
  }

  /** Worse entries sit nearer the root: a lower score, or an equal score on a later row. */
  private worse(i: number, j: number): boolean {
    const si = this.scores[i]!
    const sj = this.scores[j]!
    return si < sj || (si === sj && this.rows[i]! > this.rows[j]!)
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i]!
    this.scores[i] = this.scores[j]!
    this.scores[j] = s
    const r = this.rows[i]!
    this.rows[i] = this.rows[j]!
    this.rows[j] = r
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.worse(i, parent)) return
      this.swap(i, parent)
      i = parent
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1
      if (left >= this.size) return
      const right = left + 1
      const child = right < this.size && this.worse(right, left) ? right : left
      if (!this.worse(child, i)) return
      this.swap(i, child)
      i = child
    }
  }
}
