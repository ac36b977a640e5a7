/**
 * Exact k nearest neighbours of every row, by brute force, in slices so that t-SNE and UMAP can
 * report progress and be cancelled while it runs. At the sample caps (10,000 rows for t-SNE,
 * 5,000 for UMAP) this is a few seconds: each pair is visited once, the squared distance comes
 * from one dot product (‖a‖² + ‖b‖² − 2a·b), and both rows' lists are updated.
 */

export interface NeighbourLists {
  readonly k: number
  /** rows × k, row-major; each row's neighbours nearest first, never the row itself. */
  readonly indices: Int32Array
  /** rows × k squared Euclidean distances, matching `indices`. */
  readonly squaredDistances: Float64Array
}

/** About this many multiply-adds per slice: tens of milliseconds. */
const SLICE_WORK = 2e7

export class NeighbourSearch {
  readonly k: number
  private readonly norms: Float64Array
  private readonly indices: Int32Array
  private readonly distances: Float64Array
  /** How many entries of each row's max-heap are filled. */
  private readonly sizes: Int32Array
  private nextRow = 0
  private pairsDone = 0
  private readonly totalPairs: number

  /** `data`: rows × dim, row-major. k is clamped to rows − 1. */
  constructor(private readonly data: Float64Array, private readonly rows: number, private readonly dim: number, k: number) {
    this.k = Math.max(0, Math.min(k, rows - 1))
    this.norms = new Float64Array(rows)
    for (let i = 0; i < rows; i++) {
      let sum = 0
      for (let a = 0; a < dim; a++) sum += data[i * dim + a]! ** 2
      this.norms[i] = sum
    }
    this.indices = new Int32Array(rows * this.k).fill(-1)
    this.distances = new Float64Array(rows * this.k)
    this.sizes = new Int32Array(rows)
    this.totalPairs = (rows * (rows - 1)) / 2
  }

  get done(): boolean {
    return this.nextRow >= this.rows
  }

  /** Share of the pairs compared, 0..1. */
  get fraction(): number {
    return this.totalPairs === 0 ? 1 : this.pairsDone / this.totalPairs
  }

  /** Compares one slice of pairs; returns whether the search is complete. */
  step(): boolean {
    const { data, dim, rows, norms } = this
    let work = 0
    while (this.nextRow < rows && work < SLICE_WORK) {
      const i = this.nextRow++
      const iOffset = i * dim
      const iNorm = norms[i]!
      for (let j = i + 1; j < rows; j++) {
        const jOffset = j * dim
        // Four running sums let the engine overlap the multiply-adds.
        let dot0 = 0
        let dot1 = 0
        let dot2 = 0
        let dot3 = 0
        let a = 0
        for (; a + 3 < dim; a += 4) {
          dot0 += data[iOffset + a]! * data[jOffset + a]!
          dot1 += data[iOffset + a + 1]! * data[jOffset + a + 1]!
          dot2 += data[iOffset + a + 2]! * data[jOffset + a + 2]!
          dot3 += data[iOffset + a + 3]! * data[jOffset + a + 3]!
        }
        for (; a < dim; a++) dot0 += data[iOffset + a]! * data[jOffset + a]!
        // Rounding can make the distance of two equal rows slightly negative.
        const d2 = Math.max(0, iNorm + norms[j]! - 2 * (dot0 + dot1 + dot2 + dot3))
        this.offer(i, j, d2)
        this.offer(j, i, d2)
      }
      work += (rows - i - 1) * dim
      this.pairsDone += rows - i - 1
    }
    return this.done
  }

  /** Runs every remaining slice. */
  finish(): NeighbourLists {
    while (!this.step()) { /* all slices */ }
    return this.result()
  }

  /** The sorted lists; only valid once `done`. */
  result(): NeighbourLists {
    if (!this.done) throw new Error('The neighbour search is not finished.')
    const { k } = this
    const indices = new Int32Array(this.rows * k)
    const squaredDistances = new Float64Array(this.rows * k)
    const order = Array.from({ length: k }, (_, m) => m)
    for (let i = 0; i < this.rows; i++) {
      const base = i * k
      // Ties are broken by row index so the lists do not depend on the order pairs were seen.
      order.sort((m, n) => (this.distances[base + m]! - this.distances[base + n]!) || (this.indices[base + m]! - this.indices[base + n]!))
      order.forEach((from, to) => {
        indices[base + to] = this.indices[base + from]!
        squaredDistances[base + to] = this.distances[base + from]!
      })
    }
    return { k, indices, squaredDistances }
  }

  /** Keeps j among i's k nearest: a max-heap on distance, so the farthest kept is at the top. */
  private offer(i: number, j: number, d2: number): void {
    const { k } = this
    if (k === 0) return
    const base = i * k
    const size = this.sizes[i]!
    const heapD = this.distances
    const heapI = this.indices
    if (size < k) {
      let at = size
      this.sizes[i] = size + 1
      while (at > 0) {
        const parent = (at - 1) >> 1
        if (heapD[base + parent]! >= d2) break
        heapD[base + at] = heapD[base + parent]!
        heapI[base + at] = heapI[base + parent]!
        at = parent
      }
      heapD[base + at] = d2
      heapI[base + at] = j
      return
    }
    if (d2 >= heapD[base]!) return
    let at = 0
    for (;;) {
      const left = 2 * at + 1
      if (left >= k) break
      const right = left + 1
      const child = right < k && heapD[base + right]! > heapD[base + left]! ? right : left
      if (heapD[base + child]! <= d2) break
      heapD[base + at] = heapD[base + child]!
      heapI[base + at] = heapI[base + child]!
      at = child
    }
    heapD[base + at] = d2
    heapI[base + at] = j
  }
}
