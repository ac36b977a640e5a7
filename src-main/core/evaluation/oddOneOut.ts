/**
 * Which word does not belong with the others: gensim's doesnt_match (rank_by_centrality), the
 * word whose unit vector has the lowest cosine with the normalised mean of all the unit vectors.
 */
import { NoKnownWordsError } from './evaluationErrors'
import { type Neighbour } from './neighbours'
import { type VectorIndex, combineUnitRows } from './vectorIndex'

export interface OddOneOut {
  /** The word least similar to the group. */
  readonly word: string
  /** The known words, most central first; score = cosine with the group's mean direction. */
  readonly ranking: readonly Neighbour[]
  /** Words not in the vocabulary, left out as gensim leaves them out (it only logs them). */
  readonly unknown: readonly string[]
}

/** Throws NoKnownWordsError when none of `words` is in the vocabulary. */
export function doesntMatch(index: VectorIndex, words: readonly string[]): OddOneOut {
  const used: { word: string; row: number }[] = []
  const unknown: string[] = []
  for (const word of words) {
    const row = index.rowOf(word)
    if (row !== undefined) used.push({ word, row })
    else if (!unknown.includes(word)) unknown.push(word)
  }
  if (used.length === 0) {
    const listed = words.length === 0 ? 'No words were given' : `None of ${words.map((w) => `“${w}”`).join(', ')} is in the vocabulary`
    throw new NoKnownWordsError(`${listed}, so there is no odd one out to find.`)
  }
  const rows = used.map((u) => u.row)
  const mean = combineUnitRows(index, rows, rows.map(() => 1))
  const ranking = used.map(({ word, row }) => {
    const unit = index.unitRow(row)
    let score = 0
    for (let d = 0; d < index.dim; d++) score += unit[d]! * mean[d]!
    return { word, score }
  })
  // Python sorts (score, word) pairs in reverse: equal scores put the greater word first.
  ranking.sort((x, y) => y.score - x.score || (x.word < y.word ? 1 : x.word > y.word ? -1 : 0))
  return { word: ranking.at(-1)!.word, ranking, unknown }
}
