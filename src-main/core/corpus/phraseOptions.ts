/**
 * How frequent word pairs are found and joined into one token ("new york" → `new_york`), as
 * gensim 4's `Phrases` does (word2vec's word2phrase before it): the defaults are gensim's, except
 * the vocabulary cap (see DEFAULT_PHRASE_OPTIONS). Like gensim's default there are no connector
 * words: a phrase is two adjacent tokens, and each pass can join a joined token again.
 */

export type PhraseScoring = 'default' | 'npmi'
export const PHRASE_SCORINGS: readonly PhraseScoring[] = ['default', 'npmi']

// A type, not an interface: checkpoints save it as JSON, and only a type alias is assignable to a JSON value.
export type PhraseOptions = {
  /** Pairs (and words) seen fewer times never form a phrase; the default scorer also subtracts it from the pair's count. */
  readonly minCount: number
  /** A pair is joined when its score is above this. */
  readonly threshold: number
  readonly scoring: PhraseScoring
  /** Words and pairs counted at most; beyond it the rarest are forgotten as gensim prunes (phraseCounts.ts). */
  readonly maxVocab: number
  /** Joins a phrase's tokens. */
  readonly delimiter: string
  /** Passes over the corpus: the second joins pairs of joined tokens too, into phrases of three or four words. */
  readonly passes: number
}

/**
 * gensim's min_count 5, threshold 10, scoring 'default', delimiter '_', one pass. Its cap of 40
 * million entries takes about 3.6 GB in Python and more than a JavaScript Map may hold (2^24), so
 * ours is 10 million; a corpus reaching it prunes as gensim's does.
 */
export const DEFAULT_PHRASE_OPTIONS: PhraseOptions = {
  minCount: 5,
  threshold: 10,
  scoring: 'default',
  maxVocab: 10_000_000,
  delimiter: '_',
  passes: 1,
}

/** The most words and pairs a JavaScript Map keeps with room to spare (it holds at most 2^24). */
export const MAX_PHRASE_VOCAB = 16_000_000
export const MAX_PHRASE_PASSES = 4
export const MAX_DELIMITER_LENGTH = 8

export type PhraseOptionField = keyof PhraseOptions

/** Every wrong option with its sentence, in field order (empty when all are right). */
export function phraseOptionProblems(options: PhraseOptions): { field: PhraseOptionField; message: string }[] {
  const problems: { field: PhraseOptionField; message: string }[] = []
  const { minCount, threshold, scoring, maxVocab, delimiter, passes } = options
  if (!Number.isInteger(minCount) || minCount < 1) problems.push({ field: 'minCount', message: `The phrases' minimum count must be a whole number of at least 1, not ${String(minCount)}.` })
  if (!Number.isFinite(threshold)) problems.push({ field: 'threshold', message: `The phrases' threshold must be a number, not ${String(threshold)}.` })
  else if (scoring === 'default' && threshold <= 0) problems.push({ field: 'threshold', message: `With the default scoring the phrases' threshold must be above 0 (gensim's default is 10), not ${threshold}.` })
  else if (scoring === 'npmi' && (threshold < -1 || threshold > 1)) problems.push({ field: 'threshold', message: `With NPMI scoring the phrases' threshold must lie between −1 and 1 (0.5 is a common choice), not ${threshold}.` })
  if (!PHRASE_SCORINGS.includes(scoring)) problems.push({ field: 'scoring', message: `The phrases' scoring must be “default” or “npmi”, not “${String(scoring)}”.` })
  if (!Number.isInteger(maxVocab) || maxVocab < 1 || maxVocab > MAX_PHRASE_VOCAB) problems.push({ field: 'maxVocab', message: `The phrases' vocabulary cap must be a whole number from 1 to ${MAX_PHRASE_VOCAB.toLocaleString('en-US')}, not ${String(maxVocab)}.` })
  if (typeof delimiter !== 'string' || delimiter.length === 0 || delimiter.length > MAX_DELIMITER_LENGTH || /\s/u.test(delimiter)) {
    problems.push({ field: 'delimiter', message: `The phrases' delimiter must be 1 to ${MAX_DELIMITER_LENGTH} characters without spaces (a space would split the phrase again), not “${String(delimiter)}”.` })
  }
  if (!Number.isInteger(passes) || passes < 1 || passes > MAX_PHRASE_PASSES) problems.push({ field: 'passes', message: `The phrases' passes must be a whole number from 1 to ${MAX_PHRASE_PASSES}, not ${String(passes)}.` })
  return problems
}
