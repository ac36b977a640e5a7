/**
 * a : b :: c : ? — the two objectives of Levy & Goldberg (2014), as gensim computes them:
 * 3CosAdd is most_similar(positive=[b, c], negative=[a]) (cosine with the normalised sum of unit
 * vectors b + c − a), 3CosMul is most_similar_cosmul(positive=[b, c], negative=[a]).
 */
import { type Neighbour } from './neighbours'
import { type MostSimilarOptions, mostSimilar, requireRows } from './mostSimilar'
import { type VectorIndex, combineUnitRows } from './vectorIndex'

export type AnalogyOptions = MostSimilarOptions

/** The unit vector 3CosAdd ranks by: (b̂ + ĉ − â) normalised. */
export function threeCosAddTarget(index: VectorIndex, rowA: number, rowB: number, rowC: number): Float64Array {
  return combineUnitRows(index, [rowB, rowC, rowA], [1, 1, -1])
}

/**
 * The best answers to a : b :: c : ?, best first, never one of the three input words. Every
 * input must be in the vocabulary (UnknownWordError names each that is not).
 */
export function analogy(index: VectorIndex, a: string, b: string, c: string, options: AnalogyOptions = {}): Neighbour[] {
  requireRows(index, [a, b, c])
  return mostSimilar(index, [{ word: b, weight: 1 }, { word: c, weight: 1 }, { word: a, weight: -1 }], options)
}
