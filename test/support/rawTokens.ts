import { streamingCorpus as streamingCorpusOf } from '../../src-main/node/session/loadedCorpus'
import type { RawCorpus, Vocabulary } from '../../src-main/core/corpus/corpusTypes'
import { type TokenSource, forEachBlock } from '../../src-main/core/corpus/tokenStore'
import { SENTENCE_END } from '../../src-main/core/corpus/tokenStream'
import { openTokenSource } from '../../src-main/node/tokenFile'
import type { StreamingCorpus } from '../../src-main/node/training/streamingTrainer'

/** A whole stream as the token ids and sentence ends it stands for. */
export function decodeTokenStream(source: TokenSource): { tokens: Int32Array; sentenceEnds: Uint32Array } {
  const tokens: number[] = []
  const ends: number[] = []
  forEachBlock(source, (block) => {
    for (const value of block) {
      if (value === SENTENCE_END) ends.push(tokens.length)
      else tokens.push(value)
    }
  })
  return { tokens: Int32Array.from(tokens), sentenceEnds: Uint32Array.from(ends) }
}

/** A raw corpus' stream as the token ids and sentence ends it stands for (either store). */
export function rawTokens(raw: RawCorpus): { tokens: Int32Array; sentenceEnds: Uint32Array } {
  const source = openTokenSource(raw.store)
  try {
    return decodeTokenStream(source)
  } finally {
    source.close()
  }
}

/** A raw corpus as plain arrays, for toEqual: its types, counts, tokens and sentence ends. */
export function plainRaw(raw: RawCorpus) {
  const { tokens, sentenceEnds } = rawTokens(raw)
  return { types: raw.types, typeCounts: Array.from(raw.typeCounts), tokens: Array.from(tokens), sentenceEnds: Array.from(sentenceEnds), tokenCount: raw.tokenCount, sentenceCount: raw.sentenceCount }
}

/** What StreamingTrainer.create reads: the raw corpus' stream and its types mapped to `vocabulary`. */
export function streamingCorpus(raw: RawCorpus, vocabulary: Vocabulary): StreamingCorpus {
  return streamingCorpusOf({ raw, vocabulary })
}
