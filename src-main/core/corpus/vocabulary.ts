import { assertVocabularySettings } from '../settings/settingProblems'
import { UNNAMED_SOURCE, emptyCorpusError, noVocabularyError } from './corpusErrors'
import { type RawCorpus, type TrainingCorpus, type Vocabulary, type VocabularyOptions, type VocabularyStats } from './corpusTypes'
import { type TokenSource, forEachBlock, openMemoryTokenSource } from './tokenStore'
import { SENTENCE_END } from './tokenStream'

/** The course's word for what is not in the vocabulary. */
export const UNK = 'UNK'

/**
 * The words training keeps: those occurring at least `minCount` times, most frequent first,
 * ties in order of first occurrence (so the order, and every word id, is reproducible).
 * `maxVocab` then keeps the first maxVocab of them: a plain cut, where gensim's max_final_vocab
 * raises minCount until the rest fits (and so may keep fewer).
 * `unk` adds the course's UNK last, with count 1, unless the corpus has a word of that spelling
 * (the course's `tokens()` adds it after reading; it never occurs in the text).
 * `source` names the corpus in the error raised when nothing is kept.
 */
export function buildVocabulary(
  raw: RawCorpus,
  options: VocabularyOptions,
  source: string = UNNAMED_SOURCE,
): { vocabulary: Vocabulary; stats: VocabularyStats } {
  assertVocabularySettings(options)
  const { minCount, maxVocab, unk } = options
  if (raw.tokenCount === 0) throw emptyCorpusError(source, 1)

  const counts = raw.typeCounts
  let kept = 0
  for (let t = 0; t < counts.length; t++) if (counts[t]! >= minCount) kept++
  const order = new Int32Array(kept)
  for (let t = 0, k = 0; t < counts.length; t++) if (counts[t]! >= minCount) order[k++] = t
  // Type ids are in order of first occurrence, so the id breaks ties.
  order.sort((a, b) => counts[b]! - counts[a]! || a - b)

  const size = maxVocab === undefined ? kept : Math.min(kept, maxVocab)
  if (size === 0) throw noVocabularyError(source, minCount)
  const addUnk = unk === true && !order.subarray(0, size).some((t) => raw.types[t] === UNK)
  const words: string[] = new Array<string>(size + (addUnk ? 1 : 0))
  const vocabCounts = new Uint32Array(words.length)
  const index = new Map<string, number>()
  let keptTokens = 0
  for (let id = 0; id < size; id++) {
    const t = order[id]!
    const word = raw.types[t]!
    words[id] = word
    vocabCounts[id] = counts[t]!
    index.set(word, id)
    keptTokens += counts[t]!
  }
  if (addUnk) {
    words[size] = UNK
    vocabCounts[size] = 1
    index.set(UNK, size)
  }
  const tokens = raw.tokenCount
  return {
    vocabulary: { words, counts: vocabCounts, index },
    stats: { tokens, types: raw.types.length, keptTypes: words.length, keptTokens, coverage: keptTokens / tokens },
  }
}

/**
 * Each type's word id in `vocabulary` (-1: dropped). Words are looked up by spelling, so a
 * vocabulary from elsewhere (a checkpoint being resumed) works too.
 */
export function typeToVocabulary(types: readonly string[], vocabulary: Vocabulary): Int32Array {
  const table = new Int32Array(types.length)
  for (let t = 0; t < types.length; t++) table[t] = vocabulary.index.get(types[t]!) ?? -1
  return table
}

/**
 * The corpus in vocabulary ids, in memory: words outside the vocabulary are removed (as word2vec
 * and gensim do, so windows close over the gap) and sentences left empty disappear. It holds
 * every kept token, so only the course schedule (CS224n-sized data) and the gradient check (its
 * first `maxWords` kept words, whole sentences) use it; word2vec streams from the store instead.
 */
export function encodeCorpus(raw: RawCorpus, vocabulary: Vocabulary, source: TokenSource = openMemoryTokenSource(raw.store), maxWords = Infinity): TrainingCorpus {
  const typeToId = typeToVocabulary(raw.types, vocabulary)
  let ids = new Int32Array(Math.min(raw.tokenCount, maxWords) + 1)
  const sentenceEnds: number[] = []
  let n = 0
  let sentenceStart = 0
  forEachBlock(source, (block) => {
    for (const value of block) {
      if (value === SENTENCE_END) {
        if (n > sentenceStart) sentenceEnds.push(n)
        sentenceStart = n
        if (n >= maxWords) return false
        continue
      }
      const id = typeToId[value]!
      if (id < 0) continue
      if (n === ids.length) {
        const bigger = new Int32Array(2 * n)
        bigger.set(ids)
        ids = bigger
      }
      ids[n++] = id
    }
    return true
  })
  // A stream always ends with a SENTENCE_END, but one cut short by a caller may not.
  if (n > sentenceStart) sentenceEnds.push(n)
  return { ids: ids.slice(0, n), sentenceEnds: Uint32Array.from(sentenceEnds) }
}
