/**
 * The words nearest to a sum of weighted words (`king − man + woman`), by either of Levy &
 * Goldberg's (2014) objectives as gensim computes them: 3CosAdd is most_similar(positive,
 * negative), the cosine with the normalised weighted sum of unit vectors; 3CosMul is
 * most_similar_cosmul(positive, negative), the product of the shifted cosines with the added
 * words over that with the subtracted ones. An analogy a : b :: c : ? is b + c − a.
 */
import { UnknownWordError } from './evaluationErrors'
import { type Neighbour } from './neighbours'
import { type ScoredRow, TopK } from './topK'
import { type VectorIndex, candidateRows, combineUnitRows, cosineTopK } from './vectorIndex'
import { type WeightedWord, WordExpressionError, formatWordExpression } from './wordExpression'

export type AnalogyMethod = '3CosAdd' | '3CosMul'
export const ANALOGY_METHODS: readonly AnalogyMethod[] = ['3CosAdd', '3CosMul']

export interface MostSimilarOptions {
  /** How many answers; 1 by default. */
  readonly k?: number
  readonly method?: AnalogyMethod
  /** Search only the first N rows (gensim's most_similar restrict_vocab; gensim's cosmul ignores it). */
  readonly restrictVocab?: number
}

/** Levy & Goldberg's ε, which keeps 3CosMul finite when a candidate is opposite to a subtracted word. */
export const COSMUL_EPSILON = 1e-6

/** The rows of `words`, in order; UnknownWordError names every word that has none. */
export function requireRows(index: VectorIndex, words: readonly string[]): number[] {
  const unknown = [...new Set(words.filter((w) => !index.has(w)))]
  if (unknown.length > 0) throw new UnknownWordError(unknown[0]!, index.size, unknown.slice(1))
  return words.map((w) => index.rowOf(w)!)
}

/**
 * The best answers, best first, never one of the input words (gensim leaves them out too). Every
 * word must be in the vocabulary. 3CosMul takes plain + and − only (gensim's cosmul has no
 * weights) and at least one added word.
 */
export function mostSimilar(index: VectorIndex, terms: readonly WeightedWord[], options: MostSimilarOptions = {}): Neighbour[] {
  const { k = 1, method = '3CosAdd', restrictVocab } = options
  if (terms.length === 0) throw new WordExpressionError('There are no words to add up.')
  const rows = requireRows(index, terms.map((t) => t.word))
  const excluded = new Set(rows)
  let found: ScoredRow[]
  if (method === '3CosAdd') {
    const target = combineUnitRows(index, rows, terms.map((t) => t.weight))
    if (target.every((x) => x === 0)) {
      throw new WordExpressionError(`${formatWordExpression(terms)} adds up to the zero vector, which points nowhere; change a word or a weight.`)
    }
    found = cosineTopK(index, target, k, { excluded, rowLimit: restrictVocab })
  } else {
    const weighted = terms.find((t) => Math.abs(t.weight) !== 1)
    if (weighted) throw new WordExpressionError(`3CosMul multiplies similarities and takes no weights (“${weighted.word}” has ${String(Math.abs(weighted.weight))}); use 3CosAdd for weights.`)
    const added = rows.filter((_, i) => terms[i]!.weight > 0)
    if (added.length === 0) throw new WordExpressionError('3CosMul needs at least one word added with +; use 3CosAdd to only subtract.')
    found = cosMulTopK(index, added, rows.filter((_, i) => terms[i]!.weight < 0), k, excluded, restrictVocab)
  }
  return found.map(({ row, score }) => ({ word: index.words[row]!, score }))
}

/**
 * argmax over x of Π cos'(x, added) / (Π cos'(x, subtracted) + ε), each cosine shifted to [0, 1]
 * as cos' = (1 + cos) / 2 (Levy & Goldberg's footnote 7, as gensim does).
 */
function cosMulTopK(
  index: VectorIndex, added: readonly number[], subtracted: readonly number[], k: number, excluded: ReadonlySet<number>, restrictVocab: number | undefined,
): ScoredRow[] {
  const limit = candidateRows(index, restrictVocab)
  const top = new TopK(k, limit)
  const { unitVectors: u, norms, dim } = index
  const addedUnits = added.map((r) => index.unitRow(r))
  const subtractedUnits = subtracted.map((r) => index.unitRow(r))
  const shiftedCosine = (base: number, unit: Float32Array): number => {
    let cos = 0
    for (let d = 0; d < dim; d++) cos += u[base + d]! * unit[d]!
    return (1 + cos) / 2
  }
  for (let r = 0, base = 0; r < limit; r++, base += dim) {
    // A zero row has no cosine (gensim gets NaN, which never ranks).
    if (norms[r] === 0) continue
    let numerator = 1
    for (const unit of addedUnits) numerator *= shiftedCosine(base, unit)
    let denominator = 1
    for (const unit of subtractedUnits) denominator *= shiftedCosine(base, unit)
    const score = numerator / (denominator + COSMUL_EPSILON)
    if (score > top.threshold && !excluded.has(r)) top.offer(r, score)
  }
  return top.results()
}
