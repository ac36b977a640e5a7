import { describe, expect, it } from 'vitest'
import {
  COSMUL_EPSILON, NoKnownWordsError, UnknownWordError, type VectorIndex, analogy, buildVectorIndex, doesntMatch, nearestNeighbours, threeCosAddTarget,
} from '../../../src-main/core/evaluation/index'

function indexOf(rows: Record<string, number[]>): VectorIndex {
  const words = Object.keys(rows)
  return buildVectorIndex({ words, vectors: Float32Array.from(Object.values(rows).flat()), dim: rows[words[0]!]!.length, counts: null })
}

// Axes: male, female, royal, fruit.
const royals = indexOf({
  man: [1, 0, 0, 0],
  woman: [0, 1, 0, 0],
  king: [1, 0, 1, 0],
  queen: [0, 1, 1, 0],
  prince: [1, 0, 0.8, 0.1],
  apple: [0, 0, 0, 1],
})

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

function cosine(a: number[], b: number[]): number {
  return unit(a).reduce((sum, x, i) => sum + x * unit(b)[i]!, 0)
}

describe('analogy', () => {
  it('answers man : king :: woman : queen by 3CosAdd with the cosine to b̂ + ĉ − â', () => {
    const [best] = analogy(royals, 'man', 'king', 'woman')
    const target = unit([1, 0, 1, 0]).map((x, i) => x + [0, 1, 0, 0][i]! - [1, 0, 0, 0][i]!)
    expect(best!.word).toBe('queen')
    expect(best!.score).toBeCloseTo(cosine(target, [0, 1, 1, 0]), 6)
  })

  it('answers by 3CosMul with Levy & Goldberg’s shifted cosines', () => {
    const found = analogy(royals, 'man', 'king', 'woman', { method: '3CosMul', k: 2 })
    expect(found.map((n) => n.word)).toEqual(['queen', 'prince'])
    const shifted = (x: number[], y: number[]) => (1 + cosine(x, y)) / 2
    const queen = [0, 1, 1, 0]
    const expected = shifted(queen, [1, 0, 1, 0]) * shifted(queen, [0, 1, 0, 0]) / (shifted(queen, [1, 0, 0, 0]) + COSMUL_EPSILON)
    expect(found[0]!.score).toBeCloseTo(expected, 6)
  })

  it('never returns one of the three input words, even when they score best', () => {
    for (const method of ['3CosAdd', '3CosMul'] as const) {
      const all = analogy(royals, 'man', 'king', 'woman', { method, k: 10 }).map((n) => n.word)
      expect(all.sort()).toEqual(['apple', 'prince', 'queen'])
    }
    // Here the word nearest to b̂ + ĉ − â is an input (b); the answer is the best other word.
    const target = threeCosAddTarget(royals, royals.rowOf('apple')!, royals.rowOf('king')!, royals.rowOf('prince')!)
    expect(nearestNeighbours(royals, Float32Array.from(target), { k: 1 })[0]!.word).toBe('king')
    expect(analogy(royals, 'apple', 'king', 'prince')[0]!.word).toBe('man')
  })

  it('searches only the first rows when restricted', () => {
    expect(analogy(royals, 'man', 'king', 'woman', { restrictVocab: 3, k: 5 })).toEqual([])
    expect(analogy(royals, 'man', 'king', 'woman', { restrictVocab: 5, k: 5 }).map((n) => n.word)).toEqual(['queen', 'prince'])
  })

  it('fails with UnknownWordError naming every unknown input, in the order given', () => {
    expect(() => analogy(royals, 'man', 'emperor', 'woman')).toThrow('“emperor” is not in the vocabulary (6 words).')
    expect(() => analogy(royals, 'man', 'emperor', 'empress')).toThrow('“emperor” and “empress” are not in the vocabulary (6 words).')
    expect(() => analogy(royals, 'czar', 'emperor', 'empress')).toThrow(UnknownWordError)
    expect(() => analogy(royals, 'czar', 'emperor', 'empress')).toThrow('“czar”, “emperor” and “empress” are not in the vocabulary (6 words).')
  })
})

describe('doesntMatch', () => {
  const meals = indexOf({
    breakfast: [1, 0.1, 0],
    lunch: [1, 0, 0.1],
    dinner: [0.9, 0.1, 0.1],
    cereal: [0.2, 1, 0],
  })

  it('picks the word least similar to the mean direction and ranks the rest', () => {
    const result = doesntMatch(meals, ['breakfast', 'cereal', 'dinner', 'lunch'])
    expect(result.word).toBe('cereal')
    expect(result.ranking.map((n) => n.word).at(-1)).toBe('cereal')
    expect(result.ranking.map((n) => n.score)).toEqual([...result.ranking.map((n) => n.score)].sort((a, b) => b - a))
    expect(result.unknown).toEqual([])
  })

  it('leaves unknown words out and lists them once', () => {
    const result = doesntMatch(meals, ['breakfast', 'brunch', 'lunch', 'cereal', 'brunch'])
    expect(result.word).toBe('cereal')
    expect(result.unknown).toEqual(['brunch'])
    expect(result.ranking).toHaveLength(3)
  })

  it('breaks a tie as Python’s reverse sort of (score, word) does: the smaller word is last', () => {
    const twins = indexOf({ b: [1, 0], a: [1, 0] })
    expect(doesntMatch(twins, ['b', 'a']).word).toBe('a')
    expect(doesntMatch(twins, ['a', 'b']).word).toBe('a')
  })

  it('fails with a sentence when no word is known', () => {
    expect(() => doesntMatch(meals, ['tea', 'coffee'])).toThrow(NoKnownWordsError)
    expect(() => doesntMatch(meals, ['tea', 'coffee'])).toThrow('None of “tea”, “coffee” is in the vocabulary, so there is no odd one out to find.')
    expect(() => doesntMatch(meals, [])).toThrow('No words were given, so there is no odd one out to find.')
  })
})
