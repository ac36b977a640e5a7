/**
 * t-SNE's input affinities P, sparse as in Barnes-Hut-SNE (van der Maaten, 2014): each row's
 * Gaussian is fitted to the requested perplexity over its ⌊3·perplexity⌋ nearest neighbours only
 * (farther points get ~0 anyway), then P = (P_{j|i} + P_{i|j}) / 2n, symmetric, summing to 1.
 */
import { type NeighbourLists } from './nearestNeighbours'

/** Compressed sparse rows of a symmetric n × n matrix. */
export interface SparseAffinities {
  readonly rows: number
  /** rowStart[i]..rowStart[i + 1] index the entries of row i. */
  readonly rowStart: Int32Array
  readonly columns: Int32Array
  readonly values: Float64Array
}

const ENTROPY_TOLERANCE = 1e-5
const MAX_BISECTIONS = 200

/**
 * P_{j|i} over each row's neighbours, with the precision β_i bisected until the row's entropy is
 * log(perplexity). Distances are shifted by the row's nearest one before exp: the shift cancels
 * in the normalisation and keeps exp from underflowing to 0 for far-apart data.
 */
export function conditionalAffinities(neighbours: NeighbourLists, rows: number, perplexity: number): Float64Array {
  const { k, squaredDistances } = neighbours
  const p = new Float64Array(rows * k)
  const targetEntropy = Math.log(perplexity)
  for (let i = 0; i < rows; i++) {
    const base = i * k
    const nearest = squaredDistances[base]!
    let beta = 1
    let low = -Infinity
    let high = Infinity
    for (let attempt = 0; attempt < MAX_BISECTIONS; attempt++) {
      let sum = 0
      let weighted = 0
      for (let m = 0; m < k; m++) {
        const shifted = squaredDistances[base + m]! - nearest
        const value = Math.exp(-beta * shifted)
        p[base + m] = value
        sum += value
        weighted += shifted * value
      }
      // H = log Σ exp(−β d) + β Σ d·p / Σ p, in nats.
      const entropy = Math.log(sum) + (beta * weighted) / sum
      for (let m = 0; m < k; m++) p[base + m]! /= sum
      const gap = entropy - targetEntropy
      if (Math.abs(gap) < ENTROPY_TOLERANCE) break
      if (gap > 0) {
        low = beta
        beta = high === Infinity ? beta * 2 : (beta + high) / 2
      } else {
        high = beta
        beta = low === -Infinity ? beta / 2 : (beta + low) / 2
      }
    }
  }
  return p
}

/** Symmetrises conditional affinities into P = (P_{j|i} + P_{i|j}) / Σ, each pair stored in both rows. */
export function symmetricAffinities(neighbours: NeighbourLists, rows: number, conditional: Float64Array): SparseAffinities {
  const { k, indices } = neighbours
  // Where i sits in j's list, or −1: a pair listed both ways is merged, not stored twice.
  const reverse = new Int32Array(rows * k).fill(-1)
  const counts = new Int32Array(rows)
  for (let i = 0; i < rows; i++) {
    for (let m = 0; m < k; m++) {
      const j = indices[i * k + m]!
      for (let n = 0; n < k; n++) {
        if (indices[j * k + n] === i) {
          reverse[i * k + m] = n
          break
        }
      }
      if (reverse[i * k + m] === -1) {
        counts[i]!++
        counts[j]!++
      } else if (i < j) {
        counts[i]!++
        counts[j]!++
      }
    }
  }
  const rowStart = new Int32Array(rows + 1)
  for (let i = 0; i < rows; i++) rowStart[i + 1] = rowStart[i]! + counts[i]!
  const filled = rowStart.slice(0, rows)
  const columns = new Int32Array(rowStart[rows]!)
  const values = new Float64Array(rowStart[rows]!)
  let total = 0
  const add = (i: number, j: number, value: number): void => {
    const at = filled[i]!++
    columns[at] = j
    values[at] = value
  }
  for (let i = 0; i < rows; i++) {
    for (let m = 0; m < k; m++) {
      const j = indices[i * k + m]!
      const n = reverse[i * k + m]!
      if (n !== -1 && i > j) continue
      const value = conditional[i * k + m]! + (n === -1 ? 0 : conditional[j * k + n]!)
      add(i, j, value)
      add(j, i, value)
      total += 2 * value
    }
  }
  if (total > 0) {
    for (let e = 0; e < values.length; e++) values[e]! /= total
  }
  return { rows, rowStart, columns, values }
}
