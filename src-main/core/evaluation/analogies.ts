/**
 * a : b :: c : ? — the two objectives of Levy & Goldberg (2014), as gensim computes them:
 * 3CosAdd is most_similar(positive=[b, c], negative=[a]) (cosine with the normalised sum of unit
 * vectors b + c − a), 3CosMul is most_similar_cosmul(positive=[b, c], negative=[a]).
 */
import { type Neighbour } from './neighbours'
import { type ScoredRow, TopK } from './topK'
import { type VectorIndex, candidateRows, combineUnitRows, cosineTopK } from './vectorIndex'

export type AnalogyMethod = '3CosAdd' | '3CosMul'

export interface AnalogyOptions {
  /** How many answers; 1 by default. */
  readonly k?: number
  readonly method?: AnalogyMethod
  /** Search only the first N rows (gensim's most_similar restrict_vocab; gensim's cosmul ignores it). */
  readonly restrictVocab?: number
}

/** Levy & Goldberg's ε, which keeps 3CosMul finite when a candidate is opposite to a. */
export const COSMUL_EPSILON = 1e-6

/** The unit vector 3CosAdd ranks by: (b̂ + ĉ − â) normalised. */
export function threeCosAddTarget(index: VectorIndex, rowA: number, rowB: number, rowC: number): Float64Array {
  return combineUnitRows(index, [rowB, rowC, rowA], [1, 1, -1])
}

/**
 * The best answers to a : b :: c : ?, best first, never one of the three input words. Every
 * input must be in the vocabulary (UnknownWordError names the first that is not).
 */
export function analogy(index: VectorIndex, a: string, b: string, c: string, options: AnalogyOptions = {}): Neighbour[] {
  const { k = 1, method = '3CosAdd', restrictVocab } = options
  const rowA = index.requireRow(a)
  const rowB = index.requireRow(b)
  const rowC = index.requireRow(c)
  const excluded = new Set([rowA, rowB, rowC])
  const found = method === '3CosAdd'
    ? cosineTopK(index, threeCosAddTarget(index, rowA, rowB, rowC), k, { excluded, rowLimit: restrictVocab })
    : threeCosMulTopK(index, rowA, rowB, rowC, k, excluded, restrictVocab)
  return found.map(({ row, score }) => ({ word: index.words[row]!, score }))
}

/**
 * argmax over x of cos'(x, b)·cos'(x, c) / (cos'(x, a) + ε), with each cosine shifted to
 * [0, 1] as cos' = (1 + cos) / 2 (Levy & Goldberg's footnote 7, as gensim does).
 */
function threeCosMulTopK(
  index: VectorIndex, rowA: number, rowB: number, rowC: number, k: number, excluded: ReadonlySet<number>, restrictVocab: number | undefined,
): ScoredRow[] {
  const limit = candidateRows(index, restrictVocab)
  const top = new TopK(k, limit)
  const { unitVectors: u, norms, dim } = index
  const ua = index.unitRow(rowA)
  const ub = index.unitRow(rowB)
  const uc = index.unitRow(rowC)
  for (let r = 0, base = 0; r < limit; r++, base += dim) {
    // A zero row has no cosine (gensim gets NaN, which never ranks).
    if (norms[r] === 0) continue
    let cosA = 0
    let cosB = 0
    let cosC = 0
    for (let d = 0; d < dim; d++) {
      const x = u[base + d]!
      cosA += x * ua[d]!
      cosB += x * ub[d]!
      cosC += x * uc[d]!
    }
    const score = ((1 + cosB) / 2) * ((1 + cosC) / 2) / ((1 + cosA) / 2 + COSMUL_EPSILON)
    if (score > top.threshold && !excluded.has(r)) top.offer(r, score)
  }
  return top.results()
}
