/**
 * A finished run's vocabulary grown by another corpus, as gensim 4's
 * `build_vocab(sentences, update=True)` grows it (`prepare_vocab(update=True)`), so a run
 * continued here and one continued in gensim keep the same words, ids and counts:
 * - every saved word keeps its id, and its count grows by its count in the new corpus, whether
 *   or not that reaches minCount there;
 * - a word new to the run joins (after the saved words, in order of first occurrence in the new
 *   corpus) only if it occurs at least minCount times in the new corpus;
 * - nothing is re-sorted or cut: gensim neither sorts nor applies max_final_vocab on an update.
 */
import type { RawCorpus, Vocabulary } from './corpusTypes'

export interface VocabularyUpdate {
  readonly vocabulary: Vocabulary
  /** Words of the saved run (all kept, ids unchanged). */
  readonly keptWords: number
  /** Words new to the run, at ids keptWords… */
  readonly addedWords: number
  /** Saved words that occur at least minCount times in the new corpus (gensim's "pre-existing words"). */
  readonly retrainedWords: number
  /** Words of the new corpus not in the saved run and below minCount there: left out. */
  readonly droppedTypes: number
  /**
   * Each word's count in the new corpus if it reaches minCount there, else 0 (|V| values): the
   * counts gensim's sub-sampling table is rebuilt from on an update.
   */
  readonly retainedCounts: Uint32Array
}

export function updateVocabulary(saved: Pick<Vocabulary, 'words' | 'counts'>, raw: Pick<RawCorpus, 'types' | 'typeCounts'>, minCount: number): VocabularyUpdate {
  const index = new Map(saved.words.map((word, id) => [word, id]))
  const words = [...saved.words]
  const grownCounts: number[] = Array.from(saved.counts)
  const retained: number[] = new Array<number>(words.length).fill(0)
  let retrainedWords = 0
  let droppedTypes = 0
  raw.types.forEach((word, t) => {
    const count = raw.typeCounts[t]!
    const id = index.get(word)
    if (id !== undefined) {
      grownCounts[id] = grownCounts[id]! + count
      if (count >= minCount) {
        retained[id] = count
        retrainedWords++
      }
    } else if (count >= minCount) {
      index.set(word, words.length)
      words.push(word)
      grownCounts.push(count)
      retained.push(count)
    } else {
      droppedTypes++
    }
  })
  return {
    vocabulary: { words, counts: Uint32Array.from(grownCounts), index },
    keptWords: saved.words.length,
    addedWords: words.length - saved.words.length,
    retrainedWords,
    droppedTypes,
    retainedCounts: Uint32Array.from(retained),
  }
}
