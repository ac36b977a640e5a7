/**
 * The two frequency-based tables word2vec trains with: the probability of keeping each
 * occurrence of a word (sub-sampling of frequent words) and the noise distribution negative
 * samples are drawn from (unigram counts raised to 3/4, as an alias table).
 */

/**
 * word2vec's sub-sampling: an occurrence of word w with count c_w is kept with probability
 *   (√(c_w / (s·T)) + 1) · (s·T) / c_w, capped at 1,
 * where T is the number of training tokens and s the threshold `sample` (0 turns it off).
 * This is word2vec.c's formula, also gensim's.
 */
export function keepProbabilities(counts: ArrayLike<number>, sample: number): Float32Array {
  const keep = new Float32Array(counts.length).fill(1)
  if (sample <= 0) return keep
  let total = 0
  for (let w = 0; w < counts.length; w++) total += counts[w]!
  const threshold = sample * total
  for (let w = 0; w < counts.length; w++) {
    const c = counts[w]!
    if (c > 0) keep[w] = Math.min(1, (Math.sqrt(c / threshold) + 1) * (threshold / c))
  }
  return keep
}

/**
 * The keep probabilities of a continued run, as gensim 4 rebuilds them on a vocabulary update:
 * a word that reaches minCount in the new corpus (`retainedCounts[w]` > 0) gets word2vec's
 * formula on its count there, with T the retained tokens of the new corpus; any other saved
 * word keeps the probability it had (`saved[w]`), as gensim leaves its sample_int alone.
 */
export function continuedKeepProbabilities(retainedCounts: ArrayLike<number>, saved: ArrayLike<number>, sample: number): Float32Array {
  const fresh = keepProbabilities(retainedCounts, sample)
  for (let w = 0; w < retainedCounts.length; w++) if (retainedCounts[w] === 0 && w < saved.length) fresh[w] = saved[w]!
  return fresh
}

/** Unigram weights c_w^power (power 0.75 in word2vec): the unnormalised noise distribution. */
export function unigramWeights(counts: ArrayLike<number>, power = 0.75): Float64Array {
  return Float64Array.from({ length: counts.length }, (_, w) => Math.pow(counts[w]!, power))
}

/**
 * Walker's alias table: a draw is one uniform column i and one uniform u, giving i when
 * u < probability[i] and alias[i] otherwise. Exact for any weights, O(1) per draw, and only
 * 8 bytes a word — where word2vec.c's 10⁸-entry unigram table takes 400 MB and approximates.
 */
export interface AliasTable {
  readonly probability: Float32Array
  readonly alias: Int32Array
}

export function buildAliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length
  if (n === 0) throw new RangeError('A sampling table needs at least one word.')
  let sum = 0
  for (let i = 0; i < n; i++) {
    const w = weights[i]!
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`Sampling weight ${i} is ${w}; weights must be finite and non-negative.`)
    sum += w
  }
  if (sum <= 0) throw new RangeError('Sampling weights must not all be zero.')

  const scaled = Float64Array.from({ length: n }, (_, i) => (weights[i]! * n) / sum)
  const probability = new Float32Array(n)
  const alias = new Int32Array(n)
  const small: number[] = []
  const large: number[] = []
  for (let i = 0; i < n; i++) (scaled[i]! < 1 ? small : large).push(i)
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!
    const l = large.pop()!
    probability[s] = scaled[s]!
    alias[s] = l
    scaled[l] = scaled[l]! + scaled[s]! - 1
    ;(scaled[l]! < 1 ? small : large).push(l)
  }
  // Whatever remains has (up to rounding) weight exactly 1: always itself.
  for (const i of [...small, ...large]) {
    probability[i] = 1
    alias[i] = i
  }
  return { probability, alias }
}

/** One draw from an alias table given a uniform column and a uniform u in [0, 1). */
export function aliasDraw(table: AliasTable, column: number, u: number): number {
  return u < table.probability[column]! ? column : table.alias[column]!
}
