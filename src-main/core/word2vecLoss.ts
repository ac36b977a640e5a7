import type { Matrix, Vector } from './matrix'
import type { Word2vecLossKind } from './settings/trainingSettings'

/** What a word2vec objective returns for one (centre, outside) pair: J and its gradients. */
export interface LossAndGradient {
  readonly loss: number
  /** ∂J/∂v_c, length d. */
  readonly gradCenterVec: Vector
  /** ∂J/∂U, |V| × d. */
  readonly gradOutsideVecs: Matrix
}

/**
 * The shape `skipgram` and `cbow` are parameterised by: naive softmax fits as it is; negative
 * sampling is adapted by `negSamplingLoss`, which supplies the negative samples.
 */
export type Word2vecLossFn = (centerWordVec: Vector, outsideWordIdx: number, outsideVectors: Matrix) => LossAndGradient

/** What a model (skip-gram or CBOW) returns for one window. */
export interface Word2vecModelResult {
  readonly loss: number
  /** ∂J/∂V, |V| × d: only the rows of the window's input words are non-zero. */
  readonly gradCenterVecs: Matrix
  /** ∂J/∂U, |V| × d. */
  readonly gradOutsideVectors: Matrix
}

export type { Word2vecLossKind, Word2vecModelKind } from './settings/trainingSettings'

/** Rows of the outside matrix U: one per word, or under hierarchical softmax one per inner node of the Huffman tree (|V| − 1). */
export function outsideRowCount(loss: Word2vecLossKind, vocabSize: number): number {
  return loss === 'hierarchicalSoftmax' ? Math.max(0, vocabSize - 1) : vocabSize
}

export function checkWordIndex(name: string, idx: number, vocabSize: number): void {
  if (!Number.isInteger(idx) || idx < 0 || idx >= vocabSize) {
    throw new RangeError(`${name} ${idx} is not a word index: the vocabulary has ${vocabSize} words (0..${vocabSize - 1}).`)
  }
}

export function checkVectorLength(name: string, vector: Vector, d: number): void {
  if (vector.length !== d) {
    throw new RangeError(`${name} has ${vector.length} values but the word vectors have ${d} dimensions.`)
  }
}
