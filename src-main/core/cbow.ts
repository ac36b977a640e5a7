import { type Matrix, axpy, row, zerosMatrix } from './matrix'
import { type Word2vecLossFn, type Word2vecModelResult, checkWordIndex } from './word2vecLoss'

export interface CbowOptions {
  /**
   * false (default): v̂ = Σ v_w over the context, as in the course's CBOW.
   * true: v̂ is the mean of the context vectors, as in word2vec.c and gensim (cbow_mean=1).
   */
  readonly mean?: boolean
}

/**
 * CBOW for one window: the context words' input vectors, combined into v̂, predict the centre
 * word through the same losses skip-gram uses. Each context word's row of ∂J/∂V receives ∂J/∂v̂
 * (divided by the context size for the mean); a word that occurs twice in the context receives it twice.
 */
export function cbow(
  centerWordIdx: number,
  contextWordIdxs: readonly number[],
  centerWordVectors: Matrix,
  outsideVectors: Matrix,
  lossFn: Word2vecLossFn,
  options: CbowOptions = {},
): Word2vecModelResult {
  const gradCenterVecs = zerosMatrix(centerWordVectors.rows, centerWordVectors.cols)
  if (contextWordIdxs.length === 0) {
    // Nothing to predict from: word2vec.c skips such a window, so it adds no loss.
    return { loss: 0, gradCenterVecs, gradOutsideVectors: zerosMatrix(outsideVectors.rows, outsideVectors.cols) }
  }
  const scale = options.mean ? 1 / contextWordIdxs.length : 1
  const contextVec = new Float64Array(centerWordVectors.cols)
  for (const w of contextWordIdxs) {
    checkWordIndex('context word', w, centerWordVectors.rows)
    axpy(scale, row(centerWordVectors, w), contextVec)
  }
  const { loss, gradCenterVec, gradOutsideVecs } = lossFn(contextVec, centerWordIdx, outsideVectors)
  for (const w of contextWordIdxs) axpy(scale, gradCenterVec, row(gradCenterVecs, w))
  return { loss, gradCenterVecs, gradOutsideVectors: gradOutsideVecs }
}
