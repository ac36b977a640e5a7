import { logSigmoid, sigmoid, softplus } from '../activations'
import type { HuffmanTree } from '../huffmanTree'
import type { ContextSource } from '../minibatch'
import type { NegativeSampler } from '../negSampling'
import type { Random } from '../random'
import type { Word2vecModelKind } from '../word2vecLoss'

/**
 * The gradient of a |V| × d matrix in which only a few rows are non-zero (the rows a minibatch
 * touched). Rows live in a pool of slots in the order they were first touched; the pool and the
 * row→slot index are kept across minibatches, so once warm the hot loop never allocates.
 */
export class SparseRowGradient {
  private pool: Float64Array
  private touched: Int32Array
  private count = 0
  private readonly slotOf: Int32Array

  constructor(readonly rowCount: number, readonly dim: number, initialRows = 64) {
    const capacity = Math.max(1, Math.min(initialRows, rowCount))
    this.pool = new Float64Array(capacity * dim)
    this.touched = new Int32Array(capacity)
    this.slotOf = new Int32Array(rowCount).fill(-1)
  }

  /** Slot i's gradient is values[i·dim, (i+1)·dim). The array is replaced when the pool grows: read it after `rowOffset`. */
  get values(): Float64Array {
    return this.pool
  }

  /** rows[i] is the matrix row held in slot i, for i < size. */
  get rows(): Int32Array {
    return this.touched
  }

  /** How many rows are touched. */
  get size(): number {
    return this.count
  }

  /** The offset of row's gradient in `values`, claiming a zeroed slot the first time the row is touched. */
  rowOffset(row: number): number {
    const slot = this.slotOf[row]!
    if (slot >= 0) return slot * this.dim
    if (this.count === this.touched.length) this.grow()
    const fresh = this.count++
    this.slotOf[row] = fresh
    this.touched[fresh] = row
    const offset = fresh * this.dim
    this.pool.fill(0, offset, offset + this.dim)
    return offset
  }

  /** Forgets every touched row (only the touched entries of the index are reset). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.slotOf[this.touched[i]!] = -1
    this.count = 0
  }

  /** The gradient as a dense |V| × d matrix (for tests and inspection, not for the hot loop). */
  toDense(): Float64Array {
    const dense = new Float64Array(this.rowCount * this.dim)
    for (let i = 0; i < this.count; i++) {
      dense.set(this.pool.subarray(i * this.dim, (i + 1) * this.dim), this.touched[i]! * this.dim)
    }
    return dense
  }

  private grow(): void {
    const capacity = Math.min(this.rowCount, 2 * this.touched.length)
    const pool = new Float64Array(capacity * this.dim)
    pool.set(this.pool)
    const touched = new Int32Array(capacity)
    touched.set(this.touched)
    this.pool = pool
    this.touched = touched
  }
}

/** Centre vectors V (|V| × d) and outside vectors U (|V| × d, or |V| − 1 inner nodes × d under hierarchical softmax), row-major. */
export interface WordVectorParams {
  readonly vocabSize: number
  readonly dim: number
  readonly centerWordVectors: Float64Array
  readonly outsideVectors: Float64Array
}

/** ∂J/∂V and ∂J/∂U of a minibatch. */
export interface SparseGradients {
  readonly gradCenterVecs: SparseRowGradient
  readonly gradOutsideVectors: SparseRowGradient
}

/**
 * One (centre, outside) pair's loss, sparse: v_c is read at centerWordVec[centerOffset, +d).
 * Adds scale·∂J/∂v_c into gradCenterVec (length d) and scale·∂J/∂u_w into the rows of
 * gradOutsideVectors it touches; returns J (unscaled).
 */
export type SparsePairLoss = (
  centerWordVec: Float64Array,
  centerOffset: number,
  outsideWordIdx: number,
  outsideVectors: Float64Array,
  gradCenterVec: Float64Array,
  gradOutsideVectors: SparseRowGradient,
  scale: number,
) => number

function rowDot(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, d: number): number {
  let s = 0
  for (let k = 0; k < d; k++) s += a[aOffset + k]! * b[bOffset + k]!
  return s
}

/** For one score u_wᵀv_c with ∂J/∂score = delta: ∂J/∂v_c += delta·u_w and ∂J/∂u_w += delta·v_c. */
function accumulateScoreGradient(
  delta: number, w: number, centerWordVec: Float64Array, centerOffset: number, outsideVectors: Float64Array,
  gradCenterVec: Float64Array, gradOutsideVectors: SparseRowGradient,
): void {
  const d = gradCenterVec.length
  const uOffset = w * d
  const gOffset = gradOutsideVectors.rowOffset(w)
  const g = gradOutsideVectors.values
  for (let k = 0; k < d; k++) {
    gradCenterVec[k]! += delta * outsideVectors[uOffset + k]!
    g[gOffset + k]! += delta * centerWordVec[centerOffset + k]!
  }
}

/** Negative sampling for one pair (CS224n A2, eq. 4), touching only u_o and the K negatives' rows. */
export function sparseNegSamplingLossAndGradient(
  centerWordVec: Float64Array, centerOffset: number, outsideWordIdx: number, outsideVectors: Float64Array,
  negSampleWordIndices: ArrayLike<number>, gradCenterVec: Float64Array, gradOutsideVectors: SparseRowGradient, scale: number,
): number {
  const d = gradCenterVec.length
  let loss = 0
  // Index −1 is the true outside word, then the negatives: one loop, as the sign is all that differs.
  for (let j = -1; j < negSampleWordIndices.length; j++) {
    const w = j < 0 ? outsideWordIdx : negSampleWordIndices[j]!
    const score = rowDot(outsideVectors, w * d, centerWordVec, centerOffset, d)
    loss -= j < 0 ? logSigmoid(score) : logSigmoid(-score)
    const delta = scale * (j < 0 ? sigmoid(score) - 1 : sigmoid(score))
    accumulateScoreGradient(delta, w, centerWordVec, centerOffset, outsideVectors, gradCenterVec, gradOutsideVectors)
  }
  return loss
}

/**
 * Naive softmax for one pair (CS224n A2, eq. 2). Every row of U takes part, so this is O(|V|·d)
 * and touches all of ∂J/∂U. `scores` is |V| scratch.
 */
export function sparseNaiveSoftmaxLossAndGradient(
  centerWordVec: Float64Array, centerOffset: number, outsideWordIdx: number, outsideVectors: Float64Array,
  scores: Float64Array, gradCenterVec: Float64Array, gradOutsideVectors: SparseRowGradient, scale: number,
): number {
  const d = gradCenterVec.length
  const vocabSize = scores.length
  let max = -Infinity
  for (let w = 0; w < vocabSize; w++) {
    const s = rowDot(outsideVectors, w * d, centerWordVec, centerOffset, d)
    scores[w] = s
    if (s > max) max = s
  }
  const scoreO = scores[outsideWordIdx]!
  let sum = 0
  for (let w = 0; w < vocabSize; w++) {
    const e = Math.exp(scores[w]! - max)
    scores[w] = e
    sum += e
  }
  // log-sum-exp − u_oᵀv_c stays finite where ŷ_o underflows to 0.
  const loss = max + Math.log(sum) - scoreO
  for (let w = 0; w < vocabSize; w++) {
    const delta = scale * (scores[w]! / sum - (w === outsideWordIdx ? 1 : 0))
    accumulateScoreGradient(delta, w, centerWordVec, centerOffset, outsideVectors, gradCenterVec, gradOutsideVectors)
  }
  return loss
}

/**
 * Hierarchical softmax for one pair (hierarchicalSoftmaxLossAndGradient), touching only the rows
 * of U that belong to the inner nodes on the outside word's Huffman path.
 */
export function sparseHierarchicalSoftmaxLossAndGradient(
  centerWordVec: Float64Array, centerOffset: number, outsideWordIdx: number, outsideVectors: Float64Array,
  tree: HuffmanTree, gradCenterVec: Float64Array, gradOutsideVectors: SparseRowGradient, scale: number,
): number {
  const d = gradCenterVec.length
  let loss = 0
  for (let j = tree.offsets[outsideWordIdx]!; j < tree.offsets[outsideWordIdx + 1]!; j++) {
    const node = tree.points[j]!
    const label = 1 - tree.codes[j]!
    const score = rowDot(outsideVectors, node * d, centerWordVec, centerOffset, d)
    loss += softplus(label === 1 ? -score : score)
    accumulateScoreGradient(scale * (sigmoid(score) - label), node, centerWordVec, centerOffset, outsideVectors, gradCenterVec, gradOutsideVectors)
  }
  return loss
}

/** Hierarchical softmax over `tree` as a `SparsePairLoss` (U has the tree's |V| − 1 inner-node rows). */
export function sparseHierarchicalSoftmaxLoss(tree: HuffmanTree): SparsePairLoss {
  return (vc, offset, o, U, gradVc, gradU, scale) =>
    sparseHierarchicalSoftmaxLossAndGradient(vc, offset, o, U, tree, gradVc, gradU, scale)
}

/** Negative sampling as a `SparsePairLoss`: each pair takes its K negatives from `sampler`, as the course's. */
export function sparseNegSamplingLoss(sampler: NegativeSampler): SparsePairLoss {
  return (vc, offset, o, U, gradVc, gradU, scale) =>
    sparseNegSamplingLossAndGradient(vc, offset, o, U, sampler(o), gradVc, gradU, scale)
}

/** Naive softmax as a `SparsePairLoss`, with its |V| scores scratch allocated once. */
export function sparseNaiveSoftmaxLoss(vocabSize: number): SparsePairLoss {
  const scores = new Float64Array(vocabSize)
  return (vc, offset, o, U, gradVc, gradU, scale) =>
    sparseNaiveSoftmaxLossAndGradient(vc, offset, o, U, scores, gradVc, gradU, scale)
}

/**
 * Skip-gram and CBOW for one window, accumulating scale·∂J/∂V and scale·∂J/∂U into sparse
 * gradients. Same maths as `skipgram` and `cbow` in the core; the scratch vectors are owned here
 * so a window allocates nothing.
 */
export class SparseWord2vec {
  private readonly gradCenterVec: Float64Array
  private readonly contextVec: Float64Array

  constructor(readonly dim: number) {
    this.gradCenterVec = new Float64Array(dim)
    this.contextVec = new Float64Array(dim)
  }

  /** The centre's v_c predicts each outside word; only row c of ∂J/∂V is touched. */
  skipgram(
    centerWordIdx: number, outsideWordIdxs: ArrayLike<number>, params: WordVectorParams, lossFn: SparsePairLoss,
    grads: SparseGradients, scale = 1,
  ): number {
    if (outsideWordIdxs.length === 0) return 0
    this.gradCenterVec.fill(0)
    let loss = 0
    for (let i = 0; i < outsideWordIdxs.length; i++) loss += this.skipgramPair(centerWordIdx, outsideWordIdxs[i]!, params, lossFn, grads, scale)
    this.skipgramEnd(centerWordIdx, grads)
    return loss
  }

  /**
   * `skipgram` one outside word at a time, for a caller that cuts a window into slices: after
   * `skipgramBegin`, one `skipgramPair` per outside word in order, then `skipgramEnd`, give the
   * same numbers. The partial ∂J/∂v_c waits in this object's scratch between the calls.
   */
  skipgramBegin(): void {
    this.gradCenterVec.fill(0)
  }

  skipgramPair(centerWordIdx: number, outsideWordIdx: number, params: WordVectorParams, lossFn: SparsePairLoss, grads: SparseGradients, scale: number): number {
    return lossFn(params.centerWordVectors, centerWordIdx * this.dim, outsideWordIdx, params.outsideVectors, this.gradCenterVec, grads.gradOutsideVectors, scale)
  }

  skipgramEnd(centerWordIdx: number, grads: SparseGradients): void {
    addToRow(grads.gradCenterVecs, centerWordIdx, 1, this.gradCenterVec)
  }

  /** v̂ = Σ (or mean of) the context's v_w predicts the centre; each context row receives ∂J/∂v̂ (÷ n for the mean). */
  cbow(
    centerWordIdx: number, contextWordIdxs: ArrayLike<number>, params: WordVectorParams, lossFn: SparsePairLoss,
    grads: SparseGradients, scale = 1, mean = false,
  ): number {
    const n = contextWordIdxs.length
    // Nothing to predict from: no loss, as the core's cbow.
    if (n === 0) return 0
    const d = this.dim
    const weight = mean ? 1 / n : 1
    const contextVec = this.contextVec.fill(0)
    const V = params.centerWordVectors
    for (let i = 0; i < n; i++) {
      const offset = contextWordIdxs[i]! * d
      for (let k = 0; k < d; k++) contextVec[k]! += weight * V[offset + k]!
    }
    const gradVc = this.gradCenterVec.fill(0)
    const loss = lossFn(contextVec, 0, centerWordIdx, params.outsideVectors, gradVc, grads.gradOutsideVectors, scale)
    for (let i = 0; i < n; i++) addToRow(grads.gradCenterVecs, contextWordIdxs[i]!, weight, gradVc)
    return loss
  }
}

function addToRow(grad: SparseRowGradient, row: number, alpha: number, x: Float64Array): void {
  const offset = grad.rowOffset(row)
  const g = grad.values
  for (let k = 0; k < x.length; k++) g[offset + k]! += alpha * x[k]!
}

export interface SparseMinibatchOptions {
  readonly model: Word2vecModelKind
  readonly lossFn: SparsePairLoss
  /** C: each window's size is drawn uniformly from 1..C. */
  readonly window: number
  readonly batch: number
  readonly cbowMean?: boolean
}

/**
 * The course's `word2vec_sgd_wrapper`, sparse: B random windows, loss and gradients averaged over
 * them. Draws from `random` in the order `word2vecMinibatch` does, so with the same generator and
 * sampler both see the same windows and negatives. Clears `grads` first; returns the mean loss.
 */
export function sparseMinibatch(
  params: WordVectorParams, source: ContextSource, random: Random, model: SparseWord2vec,
  options: SparseMinibatchOptions, grads: SparseGradients,
): number {
  const minibatch = new SlicedMinibatch(params, source, random, model, options, grads)
  minibatch.begin()
  minibatch.advance(Infinity)
  return minibatch.loss
}

/**
 * A minibatch accumulated a few predictions at a time (one outside word of a skip-gram window,
 * or one CBOW window), so a host can answer requests inside a minibatch whose windows cost
 * seconds (naive softmax over a large vocabulary, a wide window, a large batch). Draws and sums
 * run in the order of `sparseMinibatch`, so the loss and gradients are exactly its numbers.
 */
export class SlicedMinibatch {
  private window: { readonly centerWordIdx: number; readonly contextWordIdxs: readonly number[] } | null = null
  private pair = 0
  private windowLoss = 0
  private windows = 0
  private lossSoFar = 0

  constructor(
    private readonly params: WordVectorParams, private readonly source: ContextSource, private readonly random: Random,
    private readonly model: SparseWord2vec, private readonly options: SparseMinibatchOptions, private readonly grads: SparseGradients,
  ) {}

  /** Clears the gradients for the next minibatch. */
  begin(): void {
    this.grads.gradCenterVecs.clear()
    this.grads.gradOutsideVectors.clear()
    this.window = null
    this.windows = 0
    this.lossSoFar = 0
  }

  /** All B windows are in the gradients. */
  get complete(): boolean {
    return this.windows === this.options.batch
  }

  /** The mean loss of the windows so far (of the minibatch once complete). */
  get loss(): number {
    return this.lossSoFar
  }

  /** Runs up to `budget` predictions of the minibatch; returns how many it ran. */
  advance(budget: number): number {
    const { params, model, options, grads } = this
    const { batch, lossFn } = options
    const scale = 1 / batch
    let used = 0
    while (used < budget && this.windows < batch) {
      if (!this.window) {
        const size = this.random.randint(1, options.window)
        this.window = this.source.getRandomContext(size, this.random)
        this.pair = 0
        this.windowLoss = 0
        if (options.model === 'skipgram' && this.window.contextWordIdxs.length > 0) model.skipgramBegin()
      }
      const { centerWordIdx, contextWordIdxs } = this.window
      used++
      if (options.model === 'cbow' || contextWordIdxs.length === 0) {
        this.windowLoss = options.model === 'cbow' ? model.cbow(centerWordIdx, contextWordIdxs, params, lossFn, grads, scale, options.cbowMean ?? false) : 0
      } else {
        this.windowLoss += model.skipgramPair(centerWordIdx, contextWordIdxs[this.pair]!, params, lossFn, grads, scale)
        if (++this.pair < contextWordIdxs.length) continue
        model.skipgramEnd(centerWordIdx, grads)
      }
      this.lossSoFar += this.windowLoss / batch
      this.window = null
      this.windows++
    }
    return used
  }
}
