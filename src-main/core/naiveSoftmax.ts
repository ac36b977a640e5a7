import { logSumExp, softmax } from './activations'
import { type Matrix, type Vector, dot, row, zerosMatrix } from './matrix'
import { type LossAndGradient, checkVectorLength, checkWordIndex } from './word2vecLoss'

/**
 * Naive-softmax loss and gradients (CS224n A2, eq. 2):
 *   ŷ = softmax(U v_c),  J = −log ŷ_o,
 *   ∂J/∂v_c = Uᵀ(ŷ − y),  ∂J/∂U = (ŷ − y) v_cᵀ.
 * J is computed as logsumexp(U v_c) − u_oᵀv_c so it stays finite when ŷ_o underflows to 0.
 */
export function naiveSoftmaxLossAndGradient(
  centerWordVec: Vector,
  outsideWordIdx: number,
  outsideVectors: Matrix,
): LossAndGradient {
  const { rows: vocabSize, cols: d } = outsideVectors
  checkVectorLength('centerWordVec', centerWordVec, d)
  checkWordIndex('outsideWordIdx', outsideWordIdx, vocabSize)

  const scores = new Float64Array(vocabSize)
  for (let w = 0; w < vocabSize; w++) scores[w] = dot(row(outsideVectors, w), centerWordVec)
  const loss = logSumExp(scores) - scores[outsideWordIdx]!

  const yHatMinusY = softmax(scores)
  yHatMinusY[outsideWordIdx]! -= 1

  const gradCenterVec = new Float64Array(d)
  const gradOutsideVecs = zerosMatrix(vocabSize, d)
  for (let w = 0; w < vocabSize; w++) {
    const delta = yHatMinusY[w]!
    const u = row(outsideVectors, w)
    const gradU = row(gradOutsideVecs, w)
    for (let k = 0; k < d; k++) {
      gradCenterVec[k]! += delta * u[k]!
      gradU[k] = delta * centerWordVec[k]!
    }
  }
  return { loss, gradCenterVec, gradOutsideVecs }
}
