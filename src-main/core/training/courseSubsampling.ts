/**
 * The course's sub-sampling (CS224n A2's utils/treebank.py, `rejectProb` and `allSentences`):
 * each word w is rejected with probability max(0, 1 − √(s·T / c_w)), where T counts every token
 * (the course's UNK included) and s is the threshold (10⁻⁵ in the course). The rejection is drawn
 * once, up front, for every token of 30 copies of the sentences; a copy left with one token or
 * none is removed, and windows are then drawn from what is left (corpusContextSource), so a
 * dropped word takes no window slot. word2vec's sub-sampling (keepProbabilities) is another
 * formula, drawn afresh at every window.
 */
import type { TrainingCorpus } from '../corpus/corpusTypes'
import { grown } from '../corpus/grownArray'
import { Random } from '../random'
import type { Cs224nSettings } from '../settings/trainingSettings'

/** The course's `sentences * 30`. */
export const COURSE_COPIES = 30

/**
 * The copies come from their own generator, seeded from the run's seed: a resumed run rebuilds
 * the same copies without replaying the main generator. The constant only separates the streams.
 */
const SUBSAMPLING_STREAM = 0x5bd1e995

export function subsamplingRandom(seed: number): Random {
  return new Random((seed ^ SUBSAMPLING_STREAM) >>> 0)
}

/** The course's `rejectProb`: per word id, max(0, 1 − √(sample·T / c_w)), T the sum of the counts. */
export function rejectProbabilities(counts: ArrayLike<number>, sample: number): Float64Array {
  const reject = new Float64Array(counts.length)
  if (sample <= 0) return reject
  let total = 0
  for (let w = 0; w < counts.length; w++) total += counts[w]!
  const threshold = sample * total
  for (let w = 0; w < counts.length; w++) {
    const c = counts[w]!
    if (c > 0) reject[w] = Math.max(0, 1 - Math.sqrt(threshold / c))
  }
  return reject
}

/** Tokens the copies hold on average: Σ copies · c_w · (1 − reject_w), for sizing them before they are drawn. */
export function expectedCopyTokens(counts: ArrayLike<number>, reject: Float64Array, copies = COURSE_COPIES): number {
  let kept = 0
  for (let w = 0; w < counts.length; w++) kept += counts[w]! * (1 - reject[w]!)
  return copies * kept
}

/** The copies' size for the memory estimate (RunSize.copyTokens): none unless the settings sub-sample as the course. */
export function courseCopySize(config: Pick<Cs224nSettings, 'sample' | 'subsampling'>, counts: ArrayLike<number>): { copyTokens?: number } {
  if (config.sample <= 0 || config.subsampling !== 'cs224n') return {}
  return { copyTokens: expectedCopyTokens(counts, rejectProbabilities(counts, config.sample)) }
}

/**
 * At most how many tokens the copies hold, from the corpus's size alone (the form knows no
 * counts): Σ c_w·min(1, √(sT/c_w)) ≤ Σ √(sT·c_w) ≤ T·√(s·|V|) by Cauchy–Schwarz, and ≤ T.
 */
export function copyTokensBound(tokens: number, vocabSize: number, sample: number, copies = COURSE_COPIES): number {
  return copies * tokens * Math.min(1, Math.sqrt(Math.max(0, sample) * vocabSize))
}

/**
 * The course's `allSentences`: `copies` copies of the corpus's sentences, in order, each token
 * kept unless a draw u < reject[w] rejects it (no draw when reject[w] ≤ 0, as the course's
 * `0 >= rejectProb or random() >= rejectProb`), and copies left with at most one token removed.
 */
export function subsampledCopies(corpus: TrainingCorpus, reject: Float64Array, random: Random, copies = COURSE_COPIES): TrainingCorpus {
  const { ids, sentenceEnds } = corpus
  let out = new Int32Array(Math.max(16, Math.ceil(1.05 * expectedTokensOf(corpus, reject, copies))))
  const ends: number[] = []
  let n = 0
  for (let copy = 0; copy < copies; copy++) {
    let start = 0
    for (let s = 0; s < sentenceEnds.length; s++) {
      const end = sentenceEnds[s]!
      const sentenceStart = n
      if (n + (end - start) > out.length) out = grown(out, n + (end - start))
      for (let i = start; i < end; i++) {
        const w = ids[i]!
        const r = reject[w]!
        if (r <= 0 || random.nextFloat() >= r) out[n++] = w
      }
      // `[s for s in allsentences if len(s) > 1]`
      if (n - sentenceStart > 1) ends.push(n)
      else n = sentenceStart
      start = end
    }
  }
  return { ids: out.slice(0, n), sentenceEnds: Uint32Array.from(ends) }
}

function expectedTokensOf(corpus: TrainingCorpus, reject: Float64Array, copies: number): number {
  let kept = 0
  for (let i = 0; i < corpus.ids.length; i++) kept += 1 - reject[corpus.ids[i]!]!
  return copies * kept
}
