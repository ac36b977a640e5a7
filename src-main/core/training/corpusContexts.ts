import type { TrainingCorpus } from '../corpus/corpusTypes'
import { type AliasTable, aliasDraw } from '../corpus/sampling'
import type { ContextSource, ContextWindow } from '../minibatch'
import { type NegativeSampler, courseNegativeSampler } from '../negSampling'
import type { Random } from '../random'
import { NoTrainingContextError } from './trainingErrors'

export interface CorpusContextOptions {
  /** Sub-sampling keep probability per word id (`keepProbabilities`); omitted = keep every word. */
  readonly keep?: Float32Array
}

/** Sentences in which two different words occur: the only ones a window can have a context in. */
function sentencesWithContext(corpus: TrainingCorpus): Uint32Array {
  const { ids, sentenceEnds } = corpus
  const found: number[] = []
  let start = 0
  for (let s = 0; s < sentenceEnds.length; s++) {
    const end = sentenceEnds[s]!
    for (let i = start + 1; i < end; i++) {
      if (ids[i] !== ids[start]) {
        found.push(s)
        break
      }
    }
    start = end
  }
  return Uint32Array.from(found)
}

function checkIds(corpus: TrainingCorpus, vocabSize: number): void {
  const { ids, sentenceEnds } = corpus
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!
    if (id < 0 || id >= vocabSize) throw new RangeError(`Corpus token ${i} has word id ${id}; the vocabulary has ${vocabSize} words.`)
  }
  const last = sentenceEnds.length === 0 ? 0 : sentenceEnds[sentenceEnds.length - 1]!
  if (last > ids.length) throw new RangeError(`The last sentence ends at token ${last}, past the corpus's ${ids.length} tokens.`)
}

/**
 * Random windows from a corpus, as the course's `StanfordSentiment.getRandomContext`: a uniformly
 * random sentence, a uniformly random centre in it, then up to C words on each side within the
 * sentence, and every occurrence of the centre word removed from the context (the course filters
 * `w != centerword`). A window left without context is drawn again.
 *
 * The course sub-samples once, up front (courseSubsampling.ts), and draws its windows from the
 * copies with no `keep`. With `keep` (word2vec's formula), each word is kept afresh at every
 * window, drawn with the passed `Random`, as word2vec.c does per pass. A dropped word does not
 * take a window slot, as in a sub-sampled sentence, and a dropped centre means a new draw.
 *
 * Only sentences with two different words are drawn from: the course draws from every sentence
 * and draws again when the context comes out empty, which gives the same distribution of windows.
 */
export function corpusContextSource(corpus: TrainingCorpus, vocabSize: number, options: CorpusContextOptions = {}): ContextSource {
  checkIds(corpus, vocabSize)
  const { ids, sentenceEnds } = corpus
  const candidates = sentencesWithContext(corpus)
  if (candidates.length === 0) throw new NoTrainingContextError()
  const keep = options.keep
  if (keep && keep.length !== vocabSize) throw new RangeError(`The keep probabilities cover ${keep.length} words; the vocabulary has ${vocabSize}.`)

  // A word whose keep probability is 1 costs no draw, so sub-sampling off replays the same stream as no table.
  const kept = keep ? (w: number, random: Random) => keep[w]! >= 1 || random.nextFloat() < keep[w]! : () => true

  return {
    vocabSize,
    getRandomContext(window: number, random: Random): ContextWindow {
      for (;;) {
        const s = candidates[random.nextInt(candidates.length)]!
        const start = s === 0 ? 0 : sentenceEnds[s - 1]!
        const end = sentenceEnds[s]!
        const centre = start + random.nextInt(end - start)
        const centerWordIdx = ids[centre]!
        if (!kept(centerWordIdx, random)) continue

        const contextWordIdxs: number[] = []
        let taken = 0
        for (let i = centre - 1; i >= start && taken < window; i--) {
          const w = ids[i]!
          if (!kept(w, random)) continue
          taken++
          if (w !== centerWordIdx) contextWordIdxs.push(w)
        }
        // Left words were collected walking away from the centre; the course lists them in sentence order.
        contextWordIdxs.reverse()
        taken = 0
        for (let i = centre + 1; i < end && taken < window; i++) {
          const w = ids[i]!
          if (!kept(w, random)) continue
          taken++
          if (w !== centerWordIdx) contextWordIdxs.push(w)
        }
        if (contextWordIdxs.length > 0) return { centerWordIdx, contextWordIdxs }
      }
    },
  }
}

/** Each word's probability of being drawn from an alias table. */
function drawProbabilities(table: AliasTable): Float64Array {
  const n = table.probability.length
  const p = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const own = table.probability[i]!
    p[i]! += own / n
    p[table.alias[i]!]! += (1 - own) / n
  }
  return p
}

/**
 * The course's `getNegativeSamples` over an alias table: K draws, each redrawn while it equals the
 * outside word; repeats among the negatives are kept (they count once per draw in the loss).
 */
export function noiseSampler(table: AliasTable, random: Random, K: number): NegativeSampler {
  const n = table.probability.length
  const p = drawProbabilities(table)
  let drawable = 0
  for (let i = 0; i < n; i++) if (p[i]! > 0) drawable++
  // With one drawable word, redrawing it when it is the outside word would never end.
  if (drawable < 2) throw new RangeError('Negative sampling needs at least two words with a non-zero sampling weight.')
  if (!Number.isInteger(K) || K < 0) throw new RangeError(`The number of negative samples must be a whole number, not ${K}.`)

  return courseNegativeSampler(() => aliasDraw(table, random.nextInt(n), random.nextFloat()), K)
}
