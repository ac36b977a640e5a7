import { cbow } from './cbow'
import type { Matrix } from './matrix'
import type { Random } from './random'
import { skipgram } from './skipgram'
import type { Word2vecLossFn, Word2vecModelKind, Word2vecModelResult } from './word2vecLoss'

/** A window drawn from a corpus: a centre word and the words around it. */
export interface ContextWindow {
  readonly centerWordIdx: number
  readonly contextWordIdxs: readonly number[]
}

/** Where training windows come from (the course's `dataset.getRandomContext`). */
export interface ContextSource {
  readonly vocabSize: number
  /** A random window with up to `window` words on each side of the centre. */
  getRandomContext(window: number, random: Random): ContextWindow
}

/**
 * The course's stacked parameters: one Float64Array holding V (centre vectors) in its first
 * |V|·d values and U (outside vectors) in the rest, viewed here as a |V| × d and an
 * outsideRows × d matrix (|V| rows, or |V| − 1 inner nodes under hierarchical softmax).
 */
export function splitWordVectors(
  wordVectors: Float64Array, vocabSize: number, dim: number, outsideRows = vocabSize,
): { centerWordVectors: Matrix; outsideVectors: Matrix } {
  const half = vocabSize * dim
  if (wordVectors.length !== half + outsideRows * dim) {
    throw new RangeError(
      `wordVectors has ${wordVectors.length} values; ${vocabSize} centre and ${outsideRows} outside rows × ${dim} dimensions need ${half + outsideRows * dim}.`,
    )
  }
  return {
    centerWordVectors: { rows: vocabSize, cols: dim, data: wordVectors.subarray(0, half) },
    outsideVectors: { rows: outsideRows, cols: dim, data: wordVectors.subarray(half) },
  }
}

export interface MinibatchOptions {
  readonly model: Word2vecModelKind
  readonly lossFn: Word2vecLossFn
  /** C: each window's size is drawn uniformly from 1..C, as in the course. */
  readonly window: number
  /** B windows per minibatch. Default 50. */
  readonly batch?: number
  readonly dim: number
  /** CBOW only: average the context vectors instead of summing them. */
  readonly cbowMean?: boolean
  /** Rows of U: |V| (default), or the tree's |V| − 1 inner nodes for hierarchical softmax. */
  readonly outsideRows?: number
}

/**
 * The course's `word2vec_sgd_wrapper`: B random windows, each with a window size drawn from
 * 1..C, and the loss and gradient averaged over them. The result fits `sgd` and `gradcheck`.
 */
export function word2vecMinibatch(
  wordVectors: Float64Array,
  source: ContextSource,
  random: Random,
  options: MinibatchOptions,
): { loss: number; grad: Float64Array } {
  const batch = options.batch ?? 50
  const { centerWordVectors, outsideVectors } = splitWordVectors(wordVectors, source.vocabSize, options.dim, options.outsideRows)
  const grad = new Float64Array(wordVectors.length)
  const half = centerWordVectors.data.length
  const outside = outsideVectors.data.length
  let loss = 0
  for (let b = 0; b < batch; b++) {
    const size = random.randint(1, options.window)
    const { centerWordIdx, contextWordIdxs } = source.getRandomContext(size, random)
    const result: Word2vecModelResult =
      options.model === 'skipgram'
        ? skipgram(centerWordIdx, contextWordIdxs, centerWordVectors, outsideVectors, options.lossFn)
        : cbow(centerWordIdx, contextWordIdxs, centerWordVectors, outsideVectors, options.lossFn, { mean: options.cbowMean ?? false })
    loss += result.loss / batch
    const gradV = result.gradCenterVecs.data
    const gradU = result.gradOutsideVectors.data
    for (let i = 0; i < half; i++) grad[i]! += gradV[i]! / batch
    for (let i = 0; i < outside; i++) grad[half + i]! += gradU[i]! / batch
  }
  return { loss, grad }
}
