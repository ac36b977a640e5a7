import { assertVocabularySettings } from '../settings/settingProblems'
import { UNNAMED_SOURCE, emptyCorpusError, noVocabularyError } from './corpusErrors'
import { type RawCorpus, type TrainingCorpus, type Vocabulary, type VocabularyOptions, type VocabularyStats } from './corpusTypes'

/**
 * The words training keeps: those occurring at least `minCount` times, most frequent first,
 * ties in order of first occurrence (so the order, and every word id, is reproducible).
 * `maxVocab` then keeps the first maxVocab of them: a plain cut, where gensim's max_final_vocab
 * raises minCount until the rest fits (and so may keep fewer).
 * `source` names the corpus in the error raised when nothing is kept.
 */
export function buildVocabulary(
  raw: RawCorpus,
  options: VocabularyOptions,
  source: string = UNNAMED_SOURCE,
): { vocabulary: Vocabulary; stats: VocabularyStats } {
  assertVocabularySettings(options)
  const { minCount, maxVocab } = options
  if (raw.tokens.length === 0) throw emptyCorpusError(source, 1)

  const counts = raw.typeCounts
  let kept = 0
  for (let t = 0; t < counts.length; t++) if (counts[t]! >= minCount) kept++
  const order = new Int32Array(kept)
  for (let t = 0, k = 0; t < counts.length; t++) if (counts[t]! >= minCount) order[k++] = t
  // Type ids are in order of first occurrence, so the id breaks ties.
  order.sort((a, b) => counts[b]! - counts[a]! || a - b)

  const size = maxVocab === undefined ? kept : Math.min(kept, maxVocab)
  if (size === 0) throw noVocabularyError(source, minCount)
  const words: string[] = new Array<string>(size)
  const vocabCounts = new Uint32Array(size)
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
  const tokens = raw.tokens.length
  return {
    vocabulary: { words, counts: vocabCounts, index },
    stats: { tokens, types: raw.types.length, keptTypes: size, keptTokens, coverage: keptTokens / tokens },
  }
}

/**
 * The corpus in vocabulary ids: words outside the vocabulary are removed (as word2vec and gensim
 * do, so windows close over the gap) and sentences left empty disappear. Words are looked up by
 * spelling, so a vocabulary from elsewhere (a checkpoint being resumed) works too.
 */
export function encodeCorpus(raw: RawCorpus, vocabulary: Vocabulary): TrainingCorpus {
  const typeToId = new Int32Array(raw.types.length)
  for (let t = 0; t < raw.types.length; t++) typeToId[t] = vocabulary.index.get(raw.types[t]!) ?? -1

  const ids = new Int32Array(raw.tokens.length)
  const sentenceEnds = new Uint32Array(raw.sentenceEnds.length)
  let n = 0
  let sentences = 0
  let start = 0
  for (let s = 0; s < raw.sentenceEnds.length; s++) {
    const end = raw.sentenceEnds[s]!
    const before = n
    for (let i = start; i < end; i++) {
      const id = typeToId[raw.tokens[i]!]!
      if (id >= 0) ids[n++] = id
    }
    if (n > before) sentenceEnds[sentences++] = n
    start = end
  }
  return {
    ids: n === ids.length ? ids : ids.slice(0, n),
    sentenceEnds: sentences === sentenceEnds.length ? sentenceEnds : sentenceEnds.slice(0, sentences),
  }
}
