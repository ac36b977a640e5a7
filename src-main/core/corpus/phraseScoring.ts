/**
 * The two scores gensim's `Phrases` gives a candidate pair a·b, written as gensim computes them
 * so the same counts give the same float. A pair is a phrase when its score is above the threshold.
 */
import type { PhraseScoring } from './phraseOptions'

export interface PairCounts {
  /** Occurrences of a, of b, and of a followed by b. */
  readonly countA: number
  readonly countB: number
  readonly bigramCount: number
  /** Entries (words and pairs) counted, after pruning. */
  readonly vocabSize: number
  readonly minCount: number
  /** Tokens in the corpus. */
  readonly corpusWordCount: number
}

/**
 * Mikolov et al. 2013 (word2phrase): (count(a·b) − minCount) / (count(a)·count(b)) · |vocab|.
 * Subtracting minCount keeps rare pairs from scoring high by chance.
 */
export function originalScore(c: PairCounts): number {
  const denominator = c.countA * c.countB
  if (denominator === 0) return -Infinity
  return (c.bigramCount - c.minCount) / denominator * c.vocabSize
}

/**
 * Normalised pointwise mutual information (Bouma 2009): ln(p(a·b) / (p(a)·p(b))) / −ln p(a·b),
 * in [−1, 1]; pairs seen fewer than minCount times score −∞. Both counts are positive here
 * (phraseCounts.ts scores only pairs of counted words).
 */
export function npmiScore(c: PairCounts): number {
  if (c.bigramCount < c.minCount) return -Infinity
  const pa = c.countA / c.corpusWordCount
  const pb = c.countB / c.corpusWordCount
  const pab = c.bigramCount / c.corpusWordCount
  return Math.log(pab / (pa * pb)) / -Math.log(pab)
}

export const PHRASE_SCORERS: Readonly<Record<PhraseScoring, (counts: PairCounts) => number>> = {
  default: originalScore,
  npmi: npmiScore,
}
