import { describe, expect, it } from 'vitest'
import {
  COSMUL_EPSILON, UnknownWordError, type VectorIndex, WordExpressionError, analogy, buildVectorIndex, mostSimilar, parseWordExpression,
} from '../../../src-main/core/evaluation/index'
import { Random } from '../../../src-main/core/random'

const DIM = 7
const WORDS = Array.from({ length: 60 }, (_, i) => `w${i}`)

function randomRows(seed: number): number[][] {
  const random = new Random(seed)
  return WORDS.map(() => Array.from({ length: DIM }, () => Math.fround(random.normal())))
}

function indexOf(rows: number[][]): VectorIndex {
  return buildVectorIndex({ words: WORDS, vectors: Float32Array.from(rows.flat()), dim: DIM, counts: null })
}

const norm = (v: number[]): number => Math.hypot(...v)
const cosine = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0) / (norm(a) * norm(b))

/** Every word scored by the textbook formulas, sorted, the inputs removed: what the fast scans must agree with. */
function bruteForce(rows: number[][], terms: { word: string; weight: number }[], method: '3CosAdd' | '3CosMul', k: number): { word: string; score: number }[] {
  const vec = (w: string): number[] => rows[WORDS.indexOf(w)]!
  let scores: number[]
  if (method === '3CosAdd') {
    const target = new Array<number>(DIM).fill(0)
    for (const { word, weight } of terms) vec(word).forEach((x, d) => (target[d]! += (weight * x) / norm(vec(word))))
    scores = rows.map((r) => cosine(r, target))
  } else {
    const shifted = (r: number[], w: string): number => (1 + cosine(r, vec(w))) / 2
    scores = rows.map((r) => terms.filter((t) => t.weight > 0).reduce((p, t) => p * shifted(r, t.word), 1) /
      (terms.filter((t) => t.weight < 0).reduce((p, t) => p * shifted(r, t.word), 1) + COSMUL_EPSILON))
  }
  const inputs = new Set(terms.map((t) => t.word))
  return WORDS.map((word, i) => ({ word, score: scores[i]! })).filter((n) => !inputs.has(n.word)).sort((x, y) => y.score - x.score).slice(0, k)
}

function expectClose(ours: { word: string; score: number }[], theirs: { word: string; score: number }[]): void {
  expect(ours.map((n) => n.word)).toEqual(theirs.map((n) => n.word))
  ours.forEach((n, i) => expect(n.score).toBeCloseTo(theirs[i]!.score, 6))
}

describe('mostSimilar', () => {
  const rows = randomRows(7)
  const index = indexOf(rows)

  it.each([
    'w1 - w2 + w3', 'w4', 'w5 + w6 + w7 - w8 - w9', '- w10 + w11', '2 * w12 - 0.5 * w13 + 0.25*w14', 'w15 + w15 - w16',
  ])('3CosAdd of %s is the cosine with the weighted sum of unit vectors', (text) => {
    const terms = parseWordExpression(text)
    expectClose(mostSimilar(index, terms, { k: 8 }), bruteForce(rows, terms, '3CosAdd', 8))
  })

  it.each(['w1 - w2 + w3', 'w4', 'w5 + w6 + w7 - w8 - w9', 'w20 + w21'])('3CosMul of %s is the product of shifted cosines', (text) => {
    const terms = parseWordExpression(text)
    expectClose(mostSimilar(index, terms, { k: 8, method: '3CosMul' }), bruteForce(rows, terms, '3CosMul', 8))
  })

  it('the two objectives rank differently on some expression (so the method choice matters)', () => {
    const differs = WORDS.slice(0, 20).some((_, i) => {
      const terms = parseWordExpression(`w${i} - w${i + 20} + w${i + 40}`)
      const add = mostSimilar(index, terms, { k: 5 }).map((n) => n.word).join()
      return add !== mostSimilar(index, terms, { k: 5, method: '3CosMul' }).map((n) => n.word).join()
    })
    expect(differs).toBe(true)
  })

  it('a : b :: c is b + c − a for both methods', () => {
    for (const method of ['3CosAdd', '3CosMul'] as const) {
      expect(analogy(index, 'w1', 'w2', 'w3', { k: 5, method })).toEqual(mostSimilar(index, parseWordExpression('w2 + w3 - w1'), { k: 5, method }))
    }
  })

  it('names every unknown word at once', () => {
    const terms = parseWordExpression('w1 - kings + w2 - queens + kings')
    expect(() => mostSimilar(index, terms)).toThrow(UnknownWordError)
    expect(() => mostSimilar(index, terms)).toThrow('“kings” and “queens” are not in the vocabulary (60 words).')
  })

  it('refuses what its method cannot compute, with a sentence', () => {
    expect(() => mostSimilar(index, parseWordExpression('w1 - 0.5 * w2'), { method: '3CosMul' }))
      .toThrow('3CosMul multiplies similarities and takes no weights (“w2” has 0.5); use 3CosAdd for weights.')
    expect(() => mostSimilar(index, parseWordExpression('- w1 - w2'), { method: '3CosMul' })).toThrow(WordExpressionError)
    expect(() => mostSimilar(index, parseWordExpression('w1 - w1'))).toThrow('w1 − w1 adds up to the zero vector, which points nowhere; change a word or a weight.')
    expect(() => mostSimilar(index, [])).toThrow(WordExpressionError)
  })
})
