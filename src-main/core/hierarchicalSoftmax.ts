import { sigmoid, softplus } from './activations'
import type { HuffmanTree } from './huffmanTree'
import { type Matrix, type Vector, axpy, dot, row, zerosMatrix } from './matrix'
import { type LossAndGradient, type Word2vecLossFn, checkVectorLength, checkWordIndex } from './word2vecLoss'

/**
 * Hierarchical-softmax loss and gradients (Mikolov et al. 2013; CS224n lecture notes): the
 * outside word o is the leaf reached from the root of a binary tree by branching at inner nodes
 * n_1 … n_L, each with its own vector u_n (one row of outsideVectors per inner node), and
 *   P(o | c) = Π_j σ(s_j u_{n_j}ᵀv_c),  s_j = +1 for bit 0, −1 for bit 1,
 *   J = −Σ_j log σ(s_j u_jᵀv_c),
 *   ∂J/∂v_c = Σ_j (σ(u_jᵀv_c) − (1 − bit_j)) u_j,   ∂J/∂u_j = (σ(u_jᵀv_c) − (1 − bit_j)) v_c.
 * The probabilities of all leaves sum to 1, so J costs O(log |V|·d) and needs no samples.
 * Log-sigmoid is evaluated through softplus so J stays finite for large scores.
 */
export function hierarchicalSoftmaxLossAndGradient(
  centerWordVec: Vector,
  outsideWordIdx: number,
  outsideVectors: Matrix,
  tree: HuffmanTree,
): LossAndGradient {
  const { rows, cols: d } = outsideVectors
  if (rows !== tree.innerNodes) {
    throw new RangeError(`outsideVectors has ${rows} rows but the tree of ${tree.vocabSize} words has ${tree.innerNodes} inner nodes (one row each).`)
  }
  checkVectorLength('centerWordVec', centerWordVec, d)
  checkWordIndex('outsideWordIdx', outsideWordIdx, tree.vocabSize)

  const gradCenterVec = new Float64Array(d)
  const gradOutsideVecs = zerosMatrix(rows, d)
  let loss = 0
  for (let j = tree.offsets[outsideWordIdx]!; j < tree.offsets[outsideWordIdx + 1]!; j++) {
    const node = tree.points[j]!
    const label = 1 - tree.codes[j]!
    const u = row(outsideVectors, node)
    const score = dot(u, centerWordVec)
    // −log σ(score) for bit 0, −log σ(−score) for bit 1.
    loss += softplus(label === 1 ? -score : score)
    const delta = sigmoid(score) - label
    axpy(delta, u, gradCenterVec)
    axpy(delta, centerWordVec, row(gradOutsideVecs, node))
  }
  return { loss, gradCenterVec, gradOutsideVecs }
}

/** Hierarchical softmax over `tree` as a `Word2vecLossFn`. */
export function hierarchicalSoftmaxLoss(tree: HuffmanTree): Word2vecLossFn {
  return (centerWordVec, outsideWordIdx, outsideVectors) => hierarchicalSoftmaxLossAndGradient(centerWordVec, outsideWordIdx, outsideVectors, tree)
}
