import { describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/random'
import { type AliasTable, aliasDraw, buildAliasTable, keepProbabilities, unigramWeights } from '../../../src-main/core/corpus/index'

/** Zipf-like counts (1000/rank) for 20 words, plus one word that never occurs. */
const COUNTS = [...Array.from({ length: 20 }, (_, r) => Math.round(1000 / (r + 1))), 0]

function draw(table: AliasTable, n: number, seed: number): number[] {
  const rng = new Random(seed)
  const size = table.probability.length
  const hits = new Array<number>(size).fill(0)
  for (let i = 0; i < n; i++) hits[aliasDraw(table, rng.nextInt(size), rng.nextFloat())]!++
  return hits
}

/** Pearson's χ² of observed hits against the distribution weights/Σweights, over words with weight > 0. */
function chiSquare(hits: readonly number[], weights: ArrayLike<number>): number {
  const total = hits.reduce((a, b) => a + b, 0)
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += weights[i]!
  let chi2 = 0
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) continue
    const expected = (total * weights[i]!) / sum
    chi2 += (hits[i]! - expected) ** 2 / expected
  }
  return chi2
}

/** χ² critical value for 19 degrees of freedom at p = 0.001. */
const CHI2_19_P001 = 43.82

describe('keepProbabilities', () => {
  it("matches word2vec's formula (√(c/(sT)) + 1)·sT/c, capped at 1", () => {
    // T = 1000: word 0 is 10 % of the corpus, word 1 90 %, word 2 0.1 %.
    const counts = [100, 899, 1]
    const keep = keepProbabilities(counts, 1e-3)
    expect(keep[0]).toBeCloseTo((Math.sqrt(0.1 / 1e-3) + 1) * (1e-3 / 0.1), 6) // 0.11
    expect(keep[0]).toBeCloseTo(0.11, 6)
    const f1 = 899 / 1000
    expect(keep[1]).toBeCloseTo((Math.sqrt(f1 / 1e-3) + 1) * (1e-3 / f1), 6)
    expect(keep[2]).toBe(1)
  })

  it('keeps everything when sample is 0', () => {
    expect(Array.from(keepProbabilities(COUNTS, 0))).toEqual(COUNTS.map(() => 1))
  })

  it('keeps frequent words less often than rare ones and never exceeds 1', () => {
    const keep = keepProbabilities(COUNTS.slice(0, 20), 1e-2)
    for (let w = 1; w < 20; w++) expect(keep[w]!).toBeGreaterThanOrEqual(keep[w - 1]!)
    expect(keep[0]!).toBeLessThan(1)
    for (const p of keep) expect(p).toBeLessThanOrEqual(1)
  })
})

describe('unigramWeights', () => {
  it('raises counts to 3/4 by default, and to any exponent asked for', () => {
    expect(Array.from(unigramWeights([16, 1, 0]))).toEqual([8, 1, 0])
    expect(Array.from(unigramWeights([16, 1], 1))).toEqual([16, 1])
    expect(Array.from(unigramWeights([16, 1], 0.5))).toEqual([4, 1])
  })
})

describe('buildAliasTable', () => {
  it('encodes the distribution exactly: each column splits its 1/n between itself and its alias', () => {
    const weights = unigramWeights(COUNTS)
    const table = buildAliasTable(weights)
    const n = weights.length
    const implied = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const p = table.probability[i]!
      expect(p).toBeGreaterThanOrEqual(0)
      expect(p).toBeLessThanOrEqual(1)
      implied[i] = implied[i]! + p / n
      implied[table.alias[i]!] = implied[table.alias[i]!]! + (1 - p) / n
    }
    const sum = weights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < n; i++) expect(implied[i]!).toBeCloseTo(weights[i]! / sum, 6)
  })

  it('draws words with frequency ∝ count^0.75 (χ² test) and never a word of count 0', () => {
    const weights = unigramWeights(COUNTS)
    const hits = draw(buildAliasTable(weights), 200_000, 7)
    expect(hits[20]).toBe(0)
    expect(chiSquare(hits, weights)).toBeLessThan(CHI2_19_P001)
  })

  it('follows the exponent: draws with power 1 fail the 0.75 test and pass their own', () => {
    const linear = unigramWeights(COUNTS, 1)
    const hits = draw(buildAliasTable(linear), 200_000, 11)
    expect(chiSquare(hits, linear)).toBeLessThan(CHI2_19_P001)
    expect(chiSquare(hits, unigramWeights(COUNTS))).toBeGreaterThan(10 * CHI2_19_P001)
  })

  it('power 0 is uniform over the words', () => {
    const flat = unigramWeights(COUNTS.slice(0, 20), 0)
    const hits = draw(buildAliasTable(flat), 100_000, 3)
    expect(chiSquare(hits, flat)).toBeLessThan(CHI2_19_P001)
  })

  it('refuses empty, negative, non-finite and all-zero weights', () => {
    expect(() => buildAliasTable([])).toThrow(RangeError)
    expect(() => buildAliasTable([1, -1])).toThrow(/non-negative/)
    expect(() => buildAliasTable([1, Number.NaN])).toThrow(/finite/)
    expect(() => buildAliasTable([0, 0])).toThrow(/zero/)
  })
})
