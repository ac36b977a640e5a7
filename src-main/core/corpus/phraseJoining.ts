/**
 * One pass of phrase detection over a corpus' token stream (tokenStream.ts), in two sweeps that
 * read it a block at a time: the first counts words and pairs (PhraseCounts), the second rewrites
 * the stream with the pairs that score above the threshold joined, left to right as gensim's
 * `Phrases[sentence]` joins them: a pair is tried from the first token on; when it is a phrase
 * both tokens become one and the next pair starts after it, else the next pair starts at its
 * second token. The joined corpus gets its own types (the phrases among them), in order of first
 * occurrence, so it is a RawCorpus like any read from a file. Both sweeps are generators that
 * yield the fraction read after each block, so a caller can report progress and cancel between.
 */
import type { RawCorpus } from './corpusTypes'
import { type PhraseCounts, type ScoredPhrase } from './phraseCounts'
import { type TokenSource, type TokenStoreWriter, streamBlocks } from './tokenStore'
import { SENTENCE_END } from './tokenStream'
import { TypeTable } from './typeTable'

/** Stream values gathered before a write to the sink. */
const BATCH_VALUES = 1 << 16

/** Counts the stream's words and pairs into `counts`. */
export function* countPhrasesSteps(source: TokenSource, types: readonly string[], counts: PhraseCounts): Generator<number, void, void> {
  for (const { block, offset } of streamBlocks(source)) {
    for (let i = 0; i < block.length; i++) {
      const id = block[i]!
      if (id === SENTENCE_END) counts.endSentence()
      else counts.addWord(types[id]!)
    }
    yield (offset + block.length) / source.length
  }
}

/** A phrase the pass joined: its score, and how many times it was joined. */
export interface FoundPhrase {
  readonly phrase: string
  readonly score: number
  readonly count: number
}

export interface JoinedCorpus {
  readonly raw: RawCorpus
  /** Every phrase joined, in order of first join. */
  readonly found: readonly FoundPhrase[]
}

/** Writes the stream with its phrases joined to `sink`; returns the new corpus (its store is the sink's). */
export function* joinPhrasesSteps(
  source: TokenSource, corpus: Pick<RawCorpus, 'types' | 'sentenceCount'>, scorePair: (a: string, b: string) => ScoredPhrase | null, sink: TokenStoreWriter,
): Generator<number, JoinedCorpus, void> {
  const table = new TypeTable()
  const found = new Map<string, { score: number; count: number }>()
  const batch = new Int32Array(BATCH_VALUES)
  let batched = 0
  let tokens = 0
  const emit = (value: number): void => {
    if (batched === BATCH_VALUES) {
      sink.write(batch)
      batched = 0
    }
    batch[batched++] = value
  }
  const emitWord = (word: string): void => {
    emit(table.internWord(word))
    tokens++
  }
  const { types } = corpus
  /** The token waiting to be joined with the next one (null at a sentence's start and after a join). */
  let start: string | null = null
  for (const { block, offset } of streamBlocks(source)) {
    for (let i = 0; i < block.length; i++) {
      const id = block[i]!
      if (id === SENTENCE_END) {
        if (start !== null) emitWord(start)
        start = null
        emit(SENTENCE_END)
        continue
      }
      const word = types[id]!
      if (start === null) {
        start = word
        continue
      }
      const joined = scorePair(start, word)
      if (joined === null) {
        emitWord(start)
        start = word
      } else {
        emitWord(joined.phrase)
        const seen = found.get(joined.phrase)
        if (seen) seen.count++
        else found.set(joined.phrase, { score: joined.score, count: 1 })
        start = null
      }
    }
    yield (offset + block.length) / source.length
  }
  if (batched > 0) sink.write(batch.subarray(0, batched))
  return {
    raw: { types: table.types(), typeCounts: table.counts(), tokenCount: tokens, sentenceCount: corpus.sentenceCount, store: sink.finish() },
    found: [...found].map(([phrase, { score, count }]) => ({ phrase, score, count })),
  }
}

/** The phrases most often joined (ties: the higher score first), at most `limit`. */
export function topPhrases<T extends FoundPhrase>(found: readonly T[], limit: number): T[] {
  return [...found].sort((x, y) => y.count - x.count || y.score - x.score || (x.phrase < y.phrase ? -1 : 1)).slice(0, limit)
}

/** What one pass found: the phrases it joined, and how its counting went. */
export interface PhrasePass {
  readonly found: readonly FoundPhrase[]
  /** Words and pairs counted (after pruning), the scorer's vocabulary size. */
  readonly vocabSize: number
  /** How many times the cap made it forget rare entries. */
  readonly prunings: number
}

/** What the corpus panel and `w2v phrases` show of the passes. */
export interface PhraseSummary {
  /** The phrases joined most often, each with the pass (1-based) that joined it. */
  readonly top: readonly (FoundPhrase & { readonly pass: number })[]
  /** Phrases joined, and joins made, over all passes. */
  readonly distinct: number
  readonly joins: number
  /** Tokens before the first pass. */
  readonly tokensBefore: number
  /** Times any pass reached the cap and forgot its rarest entries. */
  readonly prunings: number
}

export const TOP_PHRASES = 20

export function phraseSummary(passes: readonly PhrasePass[], tokensBefore: number, limit = TOP_PHRASES): PhraseSummary {
  const found = passes.flatMap((pass, p) => pass.found.map((f) => ({ ...f, pass: p + 1 })))
  return {
    top: topPhrases(found, limit),
    distinct: found.length,
    joins: found.reduce((sum, f) => sum + f.count, 0),
    tokensBefore,
    prunings: passes.reduce((sum, pass) => sum + pass.prunings, 0),
  }
}
