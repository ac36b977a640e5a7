/**
 * The counts gensim's `Phrases` learns in one pass over the sentences: every word and every pair
 * of adjacent words in a sentence, in one table keyed by their text (a pair by its tokens joined
 * with the delimiter, so the pair "new york" and a token `new_york` joined by an earlier pass
 * share one count, as in gensim). When, at the end of a sentence, the table holds more than
 * maxVocab entries, every entry counted fewer than `minReduce` times is forgotten and minReduce
 * goes up by one (starting at 1, so the first pruning forgets nothing, as gensim's does).
 */
import type { PhraseOptions } from './phraseOptions'
import { PHRASE_SCORERS } from './phraseScoring'

/**
 * A JavaScript Map holds at most 2^24 entries. gensim prunes only at a sentence's end, but a
 * sentence of millions of words (text8 is one line) could pass that before it ends, so a table
 * this full is pruned at once: the only place the counts can differ from gensim's.
 */
const MAP_CEILING = (1 << 24) - 2

export class PhraseCounts {
  private readonly counts = new Map<string, number>()
  private minReduce = 1
  private previous: string | null = null
  private words = 0

  /** `mapCeiling` is lowered only by tests, which cannot fill a Map to 2^24. */
  constructor(private readonly options: Pick<PhraseOptions, 'maxVocab' | 'delimiter'>, private readonly mapCeiling = MAP_CEILING) {}

  /** Entries (words and pairs) counted and not forgotten. */
  get vocabSize(): number {
    return this.counts.size
  }

  /** Tokens counted. */
  get corpusWordCount(): number {
    return this.words
  }

  /** How many times pruning has forgotten the rare entries (0: never). */
  get prunings(): number {
    return this.minReduce - 1
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0
  }

  /** The next token of the current sentence. */
  addWord(word: string): void {
    const { counts } = this
    counts.set(word, (counts.get(word) ?? 0) + 1)
    if (this.previous !== null) {
      const pair = this.previous + this.options.delimiter + word
      counts.set(pair, (counts.get(pair) ?? 0) + 1)
    }
    this.previous = word
    this.words++
    // The first pruning forgets nothing (minReduce 1), so prune until there is room.
    while (counts.size >= this.mapCeiling) this.prune()
  }

  endSentence(): void {
    this.previous = null
    if (this.counts.size > this.options.maxVocab) this.prune()
  }

  /** Forgets every entry counted fewer than minReduce times, then raises minReduce. */
  private prune(): void {
    for (const [key, n] of this.counts) if (n < this.minReduce) this.counts.delete(key)
    this.minReduce++
  }
}

/** A phrase the joiner may form, with its score; null when a·b is not one. */
export interface ScoredPhrase {
  readonly phrase: string
  readonly score: number
}

/**
 * Scores pairs against learnt counts as gensim's `Phrases.score_candidate` does: a pair whose
 * word or whose pair count was never counted (or was forgotten) is no phrase; otherwise it is
 * one when its score is above the threshold.
 */
export function phraseScorer(counts: PhraseCounts, options: Pick<PhraseOptions, 'minCount' | 'threshold' | 'scoring' | 'delimiter'>): (a: string, b: string) => ScoredPhrase | null {
  const score = PHRASE_SCORERS[options.scoring]
  const vocabSize = counts.vocabSize
  const corpusWordCount = counts.corpusWordCount
  const { minCount, threshold, delimiter } = options
  return (a, b) => {
    const countA = counts.count(a)
    if (countA <= 0) return null
    const countB = counts.count(b)
    if (countB <= 0) return null
    const phrase = a + delimiter + b
    const bigramCount = counts.count(phrase)
    if (bigramCount <= 0) return null
    const value = score({ countA, countB, bigramCount, vocabSize, minCount, corpusWordCount })
    return value > threshold ? { phrase, score: value } : null
  }
}
