import { describe, expect, it } from 'vitest'
import { TopK } from '../../../src-main/core/evaluation/topK'
import {
  UnknownWordError, type VectorIndex, analogy, buildVectorIndex, nearestNeighbours,
} from '../../../src-main/core/evaluation/index'
import { Random } from '../../../src-main/core/random'

function indexOf(rows: Record<string, number[]>): VectorIndex {
  const words = Object.keys(rows)
  const dim = rows[words[0]!]!.length
  return buildVectorIndex({ words, vectors: Float32Array.from(Object.values(rows).flat()), dim, counts: null })
}

// Cosine and Euclidean disagree here: far-east points east but lies far away.
const compass = indexOf({
  east: [1, 0],
  northeast: [1, 1],
  north: [0, 1],
  west: [-1, 0],
  'far-east': [10, 0.5],
})

describe('VectorIndex', () => {
  it('keeps unit rows, norms and the first row of each word', () => {
    const index = indexOf({ a: [3, 4], b: [0, 0], a2: [0, 2] })
    expect(Array.from(index.unitRow(0))).toEqual([Math.fround(0.6), Math.fround(0.8)])
    expect(Array.from(index.norms)).toEqual([5, 0, 2])
    expect(Array.from(index.unitRow(1))).toEqual([0, 0])
    const duplicated = buildVectorIndex({ words: ['x', 'y', 'x'], vectors: new Float32Array(6), dim: 2, counts: null })
    expect(duplicated.rowOf('x')).toBe(0)
    expect(duplicated.size).toBe(3)
  })

  it('refuses vectors that do not fit the words', () => {
    expect(() => buildVectorIndex({ words: ['a', 'b'], vectors: new Float32Array(5), dim: 2, counts: null })).toThrow(RangeError)
    expect(() => buildVectorIndex({ words: ['a'], vectors: new Float32Array(0), dim: 0, counts: null })).toThrow(RangeError)
  })
})

describe('nearestNeighbours', () => {
  it('ranks by cosine, nearest first, without the query word', () => {
    const found = nearestNeighbours(compass, 'east', { k: 3 })
    expect(found.map((n) => n.word)).toEqual(['far-east', 'northeast', 'north'])
    expect(found[0]!.score).toBeCloseTo(10 / Math.hypot(10, 0.5), 6)
    expect(found[1]!.score).toBeCloseTo(Math.SQRT1_2, 6)
    expect(found[2]!.score).toBeCloseTo(0, 6)
  })

  it('ranks by Euclidean distance on the stored vectors when asked', () => {
    const found = nearestNeighbours(compass, 'east', { k: 10, metric: 'euclidean' })
    expect(found.map((n) => n.word)).toEqual(['northeast', 'north', 'west', 'far-east'])
    expect(found.map((n) => n.score)).toEqual([1, Math.SQRT2, 2, Math.hypot(9, 0.5)].map((d) => expect.closeTo(d, 6)))
  })

  it('returns every other word when k exceeds the vocabulary, and nothing for k = 0', () => {
    expect(nearestNeighbours(compass, 'north', { k: 50 })).toHaveLength(4)
    expect(nearestNeighbours(compass, 'north', { k: 0 })).toEqual([])
    expect(() => nearestNeighbours(compass, 'north', { k: 1.5 })).toThrow(RangeError)
  })

  it('leaves out the excluded words and searches only the first rows when restricted', () => {
    expect(nearestNeighbours(compass, 'east', { k: 2, exclude: ['far-east', 'not-a-word'] }).map((n) => n.word)).toEqual(['northeast', 'north'])
    expect(nearestNeighbours(compass, 'east', { k: 10, restrictVocab: 3 }).map((n) => n.word)).toEqual(['northeast', 'north'])
    // The query itself may lie beyond the restriction, as in gensim.
    expect(nearestNeighbours(compass, 'far-east', { k: 1, restrictVocab: 2 }).map((n) => n.word)).toEqual(['east'])
    expect(() => nearestNeighbours(compass, 'east', { restrictVocab: -1 })).toThrow(RangeError)
  })

  it('takes a vector as the query, excluding nothing', () => {
    const found = nearestNeighbours(compass, Float32Array.of(2, 0), { k: 2 })
    expect(found.map((n) => n.word)).toEqual(['east', 'far-east'])
    expect(found[0]!.score).toBeCloseTo(1, 6)
    expect(nearestNeighbours(compass, Float32Array.of(2, 0), { k: 1, metric: 'euclidean' })).toEqual([{ word: 'east', score: 1 }])
    expect(() => nearestNeighbours(compass, Float32Array.of(1, 0, 0))).toThrow(/3 dimensions; the vectors have 2/)
  })

  it('never returns a zero vector, which has no direction, and breaks ties by row', () => {
    const index = indexOf({ q: [1, 0], zero: [0, 0], first: [0, 1], second: [0, 2], behind: [-1, 0] })
    expect(nearestNeighbours(index, 'q', { k: 10 }).map((n) => n.word)).toEqual(['first', 'second', 'behind'])
  })

  it('fails on an unknown word with a sentence naming it and the vocabulary size', () => {
    const words = Array.from({ length: 11_587 }, (_, i) => `w${i}`)
    const index = buildVectorIndex({ words, vectors: new Float32Array(words.length).fill(1), dim: 1, counts: null })
    const run = () => nearestNeighbours(index, 'zebra')
    expect(run).toThrow(UnknownWordError)
    expect(run).toThrow('“zebra” is not in the vocabulary (11,587 words).')
  })

  it('agrees with a full sort of every score on random vectors', () => {
    const random = new Random(7)
    const words = Array.from({ length: 500 }, (_, i) => `w${i}`)
    const dim = 13
    const vectors = Float32Array.from({ length: words.length * dim }, () => random.normal())
    const index = buildVectorIndex({ words, vectors, dim, counts: null })
    for (const k of [1, 7, 50, 499]) {
      const query = words[random.nextInt(words.length)]!
      const q = index.rowOf(query)!
      const others = words.map((word, row) => ({ word, row })).filter(({ row }) => row !== q)
      const cosine = others.map(({ word, row }) => {
        let dot = 0
        for (let d = 0; d < dim; d++) dot += vectors[row * dim + d]! * vectors[q * dim + d]!
        return { word, score: dot / (index.norms[row]! * index.norms[q]!) }
      }).sort((a, b) => b.score - a.score)
      const distance = others.map(({ word, row }) => {
        let sum = 0
        for (let d = 0; d < dim; d++) sum += (vectors[row * dim + d]! - vectors[q * dim + d]!) ** 2
        return { word, score: Math.sqrt(sum) }
      }).sort((a, b) => a.score - b.score)
      expect(nearestNeighbours(index, query, { k }).map((n) => n.word)).toEqual(cosine.slice(0, k).map((n) => n.word))
      expect(nearestNeighbours(index, query, { k, metric: 'euclidean' }).map((n) => n.word)).toEqual(distance.slice(0, k).map((n) => n.word))
    }
  })
})

describe('TopK', () => {
  it('keeps the k highest scores, the earlier row first on a tie', () => {
    const top = new TopK(3, 6)
    const scores = [0.5, 0.9, 0.1, 0.9, 0.7, 0.2]
    scores.forEach((score, row) => {
      if (score > top.threshold) top.offer(row, score)
    })
    expect(top.results()).toEqual([{ row: 1, score: 0.9 }, { row: 3, score: 0.9 }, { row: 4, score: 0.7 }])
    expect(top.threshold).toBe(0.7)
  })

  it('answers a k beyond the vocabulary with every word, without a heap of size k', () => {
    const index = indexOf({ a: [1, 0], b: [0, 1], c: [1, 1], d: [1, 2] })
    for (const metric of ['cosine', 'euclidean'] as const) {
      expect(nearestNeighbours(index, 'a', { k: 1e12, metric }).map((n) => n.word).sort()).toEqual(['b', 'c', 'd'])
    }
    for (const method of ['3CosAdd', '3CosMul'] as const) expect(analogy(index, 'a', 'b', 'c', { k: 2 ** 40, method }).map((n) => n.word)).toEqual(['d'])
  })
})
