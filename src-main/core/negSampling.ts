import { logSigmoid, sigmoid } from './activations'
import { type Matrix, type Vector, axpy, dot, row, zerosMatrix } from './matrix'
import { type LossAndGradient, type Word2vecLossFn, checkVectorLength, checkWordIndex } from './word2vecLoss'

/**
 * Negative-sampling loss and gradients (CS224n A2, eq. 4):
 *   J = −log σ(u_oᵀv_c) − Σ_k log σ(−u_kᵀv_c)
 *   ∂J/∂v_c = (σ(u_oᵀv_c) − 1) u_o + Σ_k σ(u_kᵀv_c) u_k
 *   ∂J/∂u_o = (σ(u_oᵀv_c) − 1) v_c,   ∂J/∂u_k = σ(u_kᵀv_c) v_c
 * A word drawn several times as a negative contributes once per draw: its gradients accumulate
 * (problem (h)). Log-sigmoid is evaluated through softplus so J stays finite for large scores.
 */
export function negSamplingLossAndGradient(
  centerWordVec: Vector,
  outsideWordIdx: number,
  outsideVectors: Matrix,
  negSampleWordIndices: readonly number[],
): LossAndGradient {
  const { rows: vocabSize, cols: d } = outsideVectors
  checkVectorLength('centerWordVec', centerWordVec, d)
  checkWordIndex('outsideWordIdx', outsideWordIdx, vocabSize)
  for (const k of negSampleWordIndices) checkWordIndex('negative sample', k, vocabSize)

  const gradCenterVec = new Float64Array(d)
  const gradOutsideVecs = zerosMatrix(vocabSize, d)

  const uO = row(outsideVectors, outsideWordIdx)
  const scoreO = dot(uO, centerWordVec)
  let loss = -logSigmoid(scoreO)
  const deltaO = sigmoid(scoreO) - 1
  axpy(deltaO, uO, gradCenterVec)
  axpy(deltaO, centerWordVec, row(gradOutsideVecs, outsideWordIdx))

  for (const k of negSampleWordIndices) {
    const uK = row(outsideVectors, k)
    const scoreK = dot(uK, centerWordVec)
    loss -= logSigmoid(-scoreK)
    const deltaK = sigmoid(scoreK)
    axpy(deltaK, uK, gradCenterVec)
    axpy(deltaK, centerWordVec, row(gradOutsideVecs, k))
  }
  return { loss, gradCenterVec, gradOutsideVecs }
}

/** Draws K negative word indices for one outside word. Injected so a check can replay draws. */
export type NegativeSampler = (outsideWordIdx: number) => number[]

/**
 * The course's `getNegativeSamples`: K draws from `sampleTokenIdx`, redrawing any draw equal to
 * the outside word (repeats among the negatives are kept).
 */
export function courseNegativeSampler(sampleTokenIdx: () => number, K: number): NegativeSampler {
  return (outsideWordIdx) => {
    const indices: number[] = []
    while (indices.length < K) {
      const idx = sampleTokenIdx()
      if (idx !== outsideWordIdx) indices.push(idx)
    }
    return indices
  }
}

/** Negative sampling as a `Word2vecLossFn`: each call takes its negatives from `sampler`. */
export function negSamplingLoss(sampler: NegativeSampler): Word2vecLossFn {
  return (centerWordVec, outsideWordIdx, outsideVectors) =>
    negSamplingLossAndGradient(centerWordVec, outsideWordIdx, outsideVectors, sampler(outsideWordIdx))
}
