/** The shapes a corpus takes on its way from a text file to the training kernels. */
import type { TokenStore } from './tokenStore'

/**
 * A text's types and their counts, and where its token stream (type ids with sentence ends, see
 * tokenStream.ts) is stored. Built in one pass over the file; nothing is filtered yet, so any
 * minCount can be tried without re-reading. Only the stream grows with the corpus' length.
 */
export interface RawCorpus {
  /** Distinct tokens in order of first occurrence. */
  readonly types: readonly string[]
  /** typeCounts[t] = occurrences of types[t]. */
  readonly typeCounts: Uint32Array
  readonly tokenCount: number
  /** Non-empty sentences (lines of the file). */
  readonly sentenceCount: number
  readonly store: TokenStore
}

/**
 * The words training keeps, most frequent first (a continued run appends the words its new
 * corpus added, see vocabularyUpdate.ts): word id = row of the embedding matrices.
 */
export interface Vocabulary {
  readonly words: readonly string[]
  /** counts[id]: non-increasing, except after the saved words of a continued run. */
  readonly counts: Uint32Array
  readonly index: ReadonlyMap<string, number>
}

export interface VocabularyOptions {
  /** Words occurring fewer times are dropped (word2vec/gensim default 5). */
  readonly minCount: number
  /** Keep at most this many of the most frequent words; undefined = no cap. */
  readonly maxVocab?: number
  /** Add the course's UNK (count 1, never in the text); undefined = no. */
  readonly unk?: boolean
}

export interface VocabularyStats {
  /** Tokens in the corpus. */
  readonly tokens: number
  /** Distinct tokens. */
  readonly types: number
  /** Distinct tokens kept in the vocabulary. */
  readonly keptTypes: number
  /** Tokens whose word is in the vocabulary. */
  readonly keptTokens: number
  /** keptTokens / tokens, in [0, 1]. */
  readonly coverage: number
}

/** The corpus as the kernels read it: vocabulary ids only (dropped words removed). */
export interface TrainingCorpus {
  readonly ids: Int32Array
  /** Exclusive end offset in `ids` of each sentence; sentences left empty are removed. */
  readonly sentenceEnds: Uint32Array
}
