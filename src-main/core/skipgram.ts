import { type Matrix, axpy, row, zerosMatrix } from './matrix'
import { type Word2vecLossFn, type Word2vecModelResult, checkWordIndex } from './word2vecLoss'

/**
 * Skip-gram for one window (CS224n A2): the centre word's v_c predicts each outside word in
 * turn; J is the sum of the pair losses, and only row c of ∂J/∂V is non-zero.
 */
export function skipgram(
  centerWordIdx: number,
  outsideWordIdxs: readonly number[],
  centerWordVectors: Matrix,
  outsideVectors: Matrix,
  lossFn: Word2vecLossFn,
): Word2vecModelResult {
  checkWordIndex('centerWordIdx', centerWordIdx, centerWordVectors.rows)
  const gradCenterVecs = zerosMatrix(centerWordVectors.rows, centerWordVectors.cols)
  const gradOutsideVectors = zerosMatrix(outsideVectors.rows, outsideVectors.cols)
  const centerWordVec = row(centerWordVectors, centerWordIdx)
  let loss = 0
  for (const outsideWordIdx of outsideWordIdxs) {
    const pair = lossFn(centerWordVec, outsideWordIdx, outsideVectors)
    loss += pair.loss
    axpy(1, pair.gradCenterVec, row(gradCenterVecs, centerWordIdx))
    axpy(1, pair.gradOutsideVecs.data, gradOutsideVectors.data)
  }
  return { loss, gradCenterVecs, gradOutsideVectors }
}
